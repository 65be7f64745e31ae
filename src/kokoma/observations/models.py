"""Observations (Meldungen) of a municipality and its public chronicle of incidents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kokoma.accounts.models import Membership
from kokoma.taxonomy.models import Term, TermKind

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class Severity(models.IntegerChoices):
    LOW = 1, _("low")
    MEDIUM = 2, _("medium")
    HIGH = 3, _("high")
    CRITICAL = 4, _("critical")


class ObservationQuerySet(models.QuerySet["Observation"]):
    def visible_to(self, user: User) -> ObservationQuerySet:
        """Observations are seen by the municipality's tandem and by whoever recorded them."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        tandem_of = Membership.objects.tandem_municipalities(user)
        return self.filter(Q(municipality_id__in=tandem_of) | Q(reporter=user))


class Observation(models.Model):
    """A report of something that happened (Meldung), from the public or from a local actor."""

    class Source(models.TextChoices):
        PUBLIC_FORM = "public_form", _("public reporting form")
        INTERNAL = "internal", _("own observation")
        PRESS = "press", _("press / media")
        POLICE = "police", _("police")
        CIVIL_SOCIETY = "civil_society", _("civil society")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        VERIFIED = "verified", _("verified")
        MERGED = "merged", _("assigned to a case")
        DISMISSED = "dismissed", _("dismissed")

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="observations"
    )
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    occurred_on = models.DateField(_("date"))
    place = models.CharField(_("place or district"), max_length=200)
    description = models.TextField(_("what happened"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    reporter_contact = models.CharField(
        _("contact for questions (optional)"), max_length=200, blank=True
    )
    topics = models.ManyToManyField(
        Term, blank=True, related_name="+", limit_choices_to={"kind": TermKind.TOPIC}
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"), choices=Severity.choices, default=Severity.MEDIUM
    )
    is_incident = models.BooleanField(_("incident (hostile act)"), default=False)
    motive = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": TermKind.MOTIVE},
        verbose_name=_("motive"),
    )
    incident_type = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": TermKind.INCIDENT_TYPE},
        verbose_name=_("incident type"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="observations"
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["municipality", "status", "occurred_on"])]

    def __str__(self) -> str:
        day = date_format(self.occurred_on, "SHORT_DATE_FORMAT")
        return f"{self.reference} ({day}, {self.place})"


class ChronicleEntry(models.Model):
    """A verified incident published, anonymised, in the municipality's public chronicle."""

    observation = models.OneToOneField(
        Observation, on_delete=models.CASCADE, related_name="chronicle_entry"
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="chronicle"
    )
    occurred_on = models.DateField(_("date"))
    # a part of the town (Stadtteil, Ortsteil), not the county the municipality belongs to
    district = models.CharField(pgettext_lazy("city district", "district"), max_length=200)
    motive = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("motive")
    )
    incident_type = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("incident type")
    )
    text = models.TextField(_("anonymised description"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("chronicle entry")
        verbose_name_plural = _("chronicle")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["municipality", "occurred_on"])]

    def __str__(self) -> str:
        return f"{date_format(self.occurred_on, 'SHORT_DATE_FORMAT')} {self.district}"
