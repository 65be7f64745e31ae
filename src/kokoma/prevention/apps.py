from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "kokoma.prevention"
    verbose_name = _("Prevention and early warning")

    def ready(self) -> None:
        from . import reactions

        reactions.connect()
