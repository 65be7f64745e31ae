from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "kokoma.boards"
    verbose_name = _("Advisory boards")

    def ready(self) -> None:
        # The personal iCal feed (tasks) knows no boards: the boards register their meetings.
        from kokoma.tasks.calendar import register_source

        from .calendar import meeting_items, resolution_items

        register_source(meeting_items)
        register_source(resolution_items)
