from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "kokoma.network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from kokoma.municipalities.models import Municipality
        from kokoma.tasks.calendar import register_source

        from .calendar import event_items
        from .signals import give_profile

        # The personal iCal feed knows no network: the events register themselves.
        register_source(event_items)
        post_save.connect(give_profile, sender=Municipality, dispatch_uid="network.give_profile")
