from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "kokoma.training"
    verbose_name = _("Training")

    def ready(self) -> None:
        # The personal iCal feed (tasks) knows no training: the training registers its sessions.
        from kokoma.tasks.calendar import register_source

        from .calendar import session_items

        register_source(session_items)
