from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kokoma.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401  (registers the system checks)
        from .middleware import seen_at_login

        user_logged_in.connect(seen_at_login, dispatch_uid="kokoma-seen-at-login")

        # The apps' system texts (kokoma.core.messages), known before anything is rendered.
        autodiscover_modules("texts")
