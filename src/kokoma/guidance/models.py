"""Guidance checklists per escalation band (Glasl stages 1–3, 4–6, 7–9), ticked per case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Band(models.IntegerChoices):
    SELF_HELP = 1, _("Stages 1–3: self-help")
    PROCESS_SUPPORT = 2, _("Stages 4–6: process support and mediation")
    POWER_INTERVENTION = 3, _("Stages 7–9: power intervention")


def band_for_stage(stage: int) -> Band:
    """The band of a Glasl stage: 1–3 → 1, 4–6 → 2, 7–9 → 3."""
    return Band((min(max(stage, 1), 9) - 1) // 3 + 1)


class ChecklistQuerySet(models.QuerySet["Checklist"]):
    def programme(self) -> ChecklistQuerySet:
        """The programme office's checklists, shown to every municipality."""
        return self.filter(municipality__isnull=True)

    def for_municipality(self, municipality_id: int) -> ChecklistQuerySet:
        """What a municipality's cases show: the programme's checklists and its own."""
        return self.filter(
            models.Q(municipality__isnull=True) | models.Q(municipality_id=municipality_id)
        )


class Checklist(models.Model):
    """A checklist for an escalation band: the programme office's (no municipality), or a
    municipality's own (kept by its tandem, e.g. taken over with a transfer model)."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_checklists",
        verbose_name=_("municipality"),
    )
    band = models.PositiveSmallIntegerField(_("escalation band"), choices=Band.choices)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["band", "position", "id"]

    def __str__(self) -> str:
        return self.title


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="items")
    text = models.CharField(_("text"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class ChecklistTick(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="guidance_ticks")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ticked by"),
    )
    ticked_at = models.DateTimeField(_("ticked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("checklist tick")
        verbose_name_plural = _("checklist ticks")
        constraints = [
            models.UniqueConstraint(fields=["case", "item"], name="guidance_tick_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.item}"
