from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kokoma.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Importing registers the system checks and the audit log's identity-event receivers.
        from . import checks, signals  # noqa: F401
