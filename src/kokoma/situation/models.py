"""Situation picture: prevention measures that are not tied to a case."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokoma.cases.models import TermKind

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class PreventionMeasureQuerySet(models.QuerySet["PreventionMeasure"]):
    def visible_to(self, user: User) -> PreventionMeasureQuerySet:
        """Whoever may see the municipality: prevention work holds no case details."""
        from kokoma.municipalities.models import Municipality

        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(municipality__in=Municipality.objects.visible_to(user).values("pk"))

    def in_period(self, start: datetime.date, end: datetime.date) -> PreventionMeasureQuerySet:
        """Measures whose time span overlaps the period (an open end runs on)."""
        return self.filter(starts_on__lte=end).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=start)
        )


class PreventionMeasure(models.Model):
    """Prevention work of a municipality that is not tied to a case (Präventionsmaßnahme)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="prevention_measures",
        verbose_name=_("municipality"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(
        "cases.Term",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": TermKind.TOPIC},
        verbose_name=_("topics"),
    )
    target_group = models.CharField(_("target group"), max_length=200, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    organisation = models.CharField(_("responsible organisation"), max_length=200, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    result = models.TextField(_("result and evaluation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PreventionMeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("prevention measure")
        verbose_name_plural = _("prevention measures")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["municipality", "status", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="prevention_measure_valid_range",
                violation_error_message=_("The end date must not be before the start date."),
            )
        ]

    def __str__(self) -> str:
        return self.title
