"""The transfer models' system texts (kokoma.core.messages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

ADOPTED = define("transfer.adopted", _("%(municipality)s adopted the transfer model “%(model)s”."))
REPORTED = define(
    "transfer.reported",
    _("%(municipality)s reported how the transfer model “%(model)s” worked."),
)
