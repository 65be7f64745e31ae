from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "kokoma.supervision"
    verbose_name = _("Supervision")

    def ready(self) -> None:
        # The personal iCal feed (tasks) knows no supervision: the sessions register themselves.
        from kokoma.tasks.calendar import register_source

        from .calendar import session_items

        register_source(session_items)
