from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservationsConfig(AppConfig):
    name = "kokoma.observations"
    verbose_name = _("Observations")
