from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "kokoma.transfer"
    verbose_name = _("Transfer models")
