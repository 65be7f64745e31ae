"""The case team: who besides the tandem may see a case (need-to-know)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


class CaseTeamMember(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("case team member")
        verbose_name_plural = _("case team")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="team_unique_member")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.case.reference}"
