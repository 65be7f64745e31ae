"""The municipality, its place in the register and the programme, its profile."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kokoma.accounts.models import Membership, MembershipRole

from .process import CLOSED_STATUSES, STEP_KINDS, StepStatus

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class Land(models.TextChoices):
    """The 16 Länder, keyed by the first two digits of the AGS."""

    SH = "01", "Schleswig-Holstein"
    HH = "02", "Hamburg"
    NI = "03", "Niedersachsen"
    HB = "04", "Bremen"
    NW = "05", "Nordrhein-Westfalen"
    HE = "06", "Hessen"
    RP = "07", "Rheinland-Pfalz"
    BW = "08", "Baden-Württemberg"
    BY = "09", "Bayern"
    SL = "10", "Saarland"
    BE = "11", "Berlin"
    BB = "12", "Brandenburg"
    MV = "13", "Mecklenburg-Vorpommern"
    SN = "14", "Sachsen"
    ST = "15", "Sachsen-Anhalt"
    TH = "16", "Thüringen"


class RegisterEntry(models.Model):
    """One row of the official municipality register (Destatis Gemeindeverzeichnis)."""

    ags = models.CharField(_("AGS"), max_length=8, unique=True)
    ars = models.CharField(_("ARS"), max_length=12, blank=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    land = models.CharField(_("Land"), max_length=2, choices=Land.choices)
    kreis_ags = models.CharField(_("district key"), max_length=5)
    kreis_name = models.CharField(pgettext_lazy("county", "district"), max_length=200)
    kind_code = models.CharField(_("kind of municipality (code)"), max_length=2, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    urbanisation = models.CharField(_("degree of urbanisation"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("municipality register")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.ags})"


class Phase(models.TextChoices):
    INTERESTED = "interested", _("interested")
    KICKOFF = "kickoff", _("kick-off")
    ACTIVE = "active", _("active")
    TRANSFER = "transfer", _("transfer")
    COMPLETED = "completed", _("completed")


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def visible_to(self, user: User) -> MunicipalityQuerySet:
        """Tenancy: the programme office sees all; everybody else their memberships' ones."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_programme_office:
            return self.all()
        return self.filter(memberships__user=user).distinct()

    def listed_for(self, user: User) -> MunicipalityQuerySet:
        """The municipalities a person works in, for lists: `visible_to` without those where
        they are a board member only (they see their boards, not the municipality; decision
        0026)."""
        visible = self.visible_to(user)
        if user.is_programme_office:
            return visible
        working_in = (
            Membership.objects.filter(user=user)
            .exclude(role=MembershipRole.BOARD_MEMBER)
            .values("municipality_id")
        )
        return visible.filter(pk__in=working_in)

    def with_register(self) -> MunicipalityQuerySet:
        return self.select_related("register")

    def with_process(self) -> MunicipalityQuerySet:
        """With the latest progress of the accompaniment process and its number of closed steps."""
        return self.annotate(
            process_last_progress=Max("process_steps__last_progress_at"),
            process_closed=Count(
                "process_steps", filter=Q(process_steps__status__in=CLOSED_STATUSES)
            ),
            process_started=Count(
                "process_steps", filter=~Q(process_steps__status=StepStatus.NOT_STARTED)
            ),
        )

    def stalled(self, *, weeks: int, now: datetime.datetime | None = None) -> MunicipalityQuerySet:
        """Municipalities whose started, unfinished process has not moved for `weeks` weeks.

        A process that has not started (the tandem is still to be found, say) is not stalled,
        nor one whose steps are all done or skipped, nor that of a municipality that has
        completed the programme.
        """
        since = (now or timezone.now()) - datetime.timedelta(weeks=weeks)
        return (
            self.exclude(phase=Phase.COMPLETED)
            .with_process()
            .filter(  # type: ignore[misc]
                process_last_progress__lt=since,
                process_closed__lt=len(STEP_KINDS),
                process_started__gt=0,
            )
        )


class Municipality(models.Model):
    """A municipality taking part in the programme: the tenant."""

    register = models.OneToOneField(
        RegisterEntry,
        on_delete=models.PROTECT,
        related_name="participation",
        verbose_name=_("register entry"),
    )
    phase = models.CharField(
        _("programme phase"), max_length=16, choices=Phase.choices, default=Phase.INTERESTED
    )
    phase_since = models.DateField(_("in this phase since"))
    joined_on = models.DateField(_("joined the programme on"))
    pfd_name = models.CharField(
        _("Partnership for Democracy"),
        max_length=200,
        blank=True,
        help_text=_("Name of the local 'Partnerschaft für Demokratie'."),
    )
    pfd_coordination = models.CharField(_("PfD coordination office"), max_length=200, blank=True)
    description = models.TextField(_("short description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["register__name"]
        indexes = [models.Index(fields=["phase"])]

    def __str__(self) -> str:
        return self.register.name

    @property
    def ags(self) -> str:
        return self.register.ags

    @property
    def name(self) -> str:
        return self.register.name

    def companion(self, role: MembershipRole) -> User | None:
        membership = next((m for m in self.memberships.all() if m.role == role), None)
        return membership.user if membership else None

    @property
    def external_companion(self) -> User | None:
        return self.companion(MembershipRole.EXTERNAL_COMPANION)

    @property
    def local_companion(self) -> User | None:
        return self.companion(MembershipRole.LOCAL_COMPANION)


class PhaseChange(models.Model):
    """History of the programme phase: who changed it, when, from → to."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="phase_changes"
    )
    from_phase = models.CharField(_("from"), max_length=16, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to"), max_length=16, choices=Phase.choices)
    changed_on = models.DateField(_("effective from"))
    changed_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["-changed_on", "-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.from_phase or '–'} → {self.to_phase}"


class CounsellingStructure(models.Model):
    """Counselling and support structures that already exist locally."""

    class Kind(models.TextChoices):
        COUNSELLING = "counselling", _("counselling service")
        MOBILE = "mobile", _("mobile counselling against right-wing extremism")
        VICTIMS = "victims", _("support for victims")
        MEDIATION = "mediation", _("mediation / conflict service")
        NETWORK = "network", _("network or round table")
        OTHER = "other", _("other")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="counselling_structures"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("counselling structure")
        verbose_name_plural = _("counselling structures")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A contact person in the municipality (administration, civil society …)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})"
