from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "kokoma.outcomes"
    verbose_name = _("What worked elsewhere")

    def ready(self) -> None:
        from kokoma.cases.signals import case_closed

        from .jobs import on_case_closed

        case_closed.connect(on_case_closed, dispatch_uid="outcomes.on_case_closed")
