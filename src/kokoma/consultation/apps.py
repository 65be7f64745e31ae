from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "kokoma.consultation"
    verbose_name = _("Peer consultation")
