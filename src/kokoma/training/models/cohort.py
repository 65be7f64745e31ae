"""Cohorts (Durchgänge) of the training: their dated sessions, trainers and materials."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.core.models import StoredDocument

from .curriculum import CurriculumModule

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class CohortQuerySet(models.QuerySet["Cohort"]):
    def visible_to(self, user: User) -> CohortQuerySet:
        """Every signed-in person reads the cohorts (dates, places, rules) to apply to one; who
        takes part is shown only to the office and the cohort's trainers (`rules`)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.all()

    def taught_by(self, user: User) -> CohortQuerySet:
        return self.filter(sessions__trainers=user).distinct()

    def with_dates(self) -> CohortQuerySet:
        return self.annotate(
            first_session=models.Min("sessions__starts_at"),
            last_session=models.Max("sessions__ends_at"),
            session_count=models.Count("sessions", distinct=True),
        )


class Cohort(models.Model):
    """One run of the training: its sessions, its places and the rule by which it is completed."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1)], help_text=_("How many can take part.")
    )
    accepts_applications = models.BooleanField(
        _("accepts applications"),
        default=False,
        help_text=_("People of the municipalities may apply on the platform."),
    )
    application_deadline = models.DateField(_("applications until"), null=True, blank=True)
    requires_consent = models.BooleanField(
        _("needs the municipality's consent"),
        default=True,
        help_text=_(
            "An application counts only once a process companion of the applicant's "
            "municipality has agreed to it."
        ),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance needed (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of all sessions a participant must attend to complete."),
    )
    requires_project = models.BooleanField(
        _("practice project needed"),
        default=True,
        help_text=_(
            "To complete, a participant submits a practice project from their own "
            "municipality, and a trainer accepts it."
        ),
    )
    modules = models.ManyToManyField(
        CurriculumModule, blank=True, related_name="cohorts", verbose_name=_("modules")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_has_places"),
            models.CheckConstraint(
                condition=Q(min_attendance_percent__lte=100), name="cohort_attendance_share"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_for_applications(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        return self.accepts_applications and (
            self.application_deadline is None or today <= self.application_deadline
        )


def new_uid() -> str:
    """A session's lasting iCalendar UID (the feed adds the domain)."""
    return f"training-session-{uuid.uuid4()}"


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in a place")
    ONLINE = "online", _("online")


class TrainingSession(models.Model):
    """A dated session of a cohort, usually teaching one module of the curriculum."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    module = models.ForeignKey(
        CurriculumModule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("module"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(
        _("format"), max_length=10, choices=SessionFormat.choices, default=SessionFormat.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="training_sessions",
        verbose_name=_("trainers"),
        blank=True,
    )
    uid = models.CharField(max_length=80, unique=True, default=new_uid, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["cohort", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
                violation_error_message=_("The session must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_begun(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def location(self) -> str:
        return self.online_link if self.format == SessionFormat.ONLINE else self.place


def material_path(material: SessionMaterial, filename: str) -> str:
    return f"training/{material.session.cohort_id}/{material.session_id}/{filename}"


class SessionMaterial(StoredDocument):
    """Slides, handouts and exercises of a session, served to its cohort after a check."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="materials")
    file = models.FileField(_("file"), upload_to=material_path)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["title", "id"]
