"""Who takes part in a cohort: applications and enrolments, attendance and practice projects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import Membership
from kokoma.core.models import StoredDocument

from .cohort import Cohort, TrainingSession

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", _("applied")
    APPROVED = "approved", _("enrolled")
    WAITING = "waiting", _("on the waiting list")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Consent(models.TextChoices):
    NOT_NEEDED = "", _("not needed")
    PENDING = "pending", _("requested")
    GIVEN = "given", _("given")
    REFUSED = "refused", _("refused")


class EnrolmentQuerySet(models.QuerySet["Enrolment"]):
    def visible_to(self, user: User) -> EnrolmentQuerySet:
        """The office; the participant; the trainers of the cohort; the process companions of
        the participant's municipality (who consent to the application)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_programme_office:
            return self.all()
        return self.filter(
            Q(participant=user)
            | Q(cohort__sessions__trainers=user)
            | Q(municipality_id__in=Membership.objects.tandem_municipalities(user))
        ).distinct()

    def enrolled(self) -> EnrolmentQuerySet:
        return self.filter(status=EnrolmentStatus.APPROVED)

    def waiting_list(self) -> EnrolmentQuerySet:
        return self.filter(status=EnrolmentStatus.WAITING).order_by("waiting_since", "id")

    def awaiting_consent_of(self, user: User) -> EnrolmentQuerySet:
        return self.filter(
            consent=Consent.PENDING,
            status=EnrolmentStatus.APPLIED,
            municipality_id__in=Membership.objects.tandem_municipalities(user),
        )


class Enrolment(models.Model):
    """A person's place in a cohort, from the application to enrolment or the waiting list."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("participant"),
    )
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="training_enrolments",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.APPLIED
    )
    motivation = models.TextField(_("motivation"), blank=True)
    consent = models.CharField(
        _("municipality's consent"),
        max_length=10,
        choices=Consent.choices,
        default=Consent.NOT_NEEDED,
        blank=True,
    )
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_note = models.TextField(_("note on the consent"), blank=True)
    # The order of the waiting list: when the person was placed on it.
    waiting_since = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["participant__display_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "participant"],
                name="one_enrolment_per_cohort",
                violation_error_message=_("This person is already registered for the cohort."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.cohort}"

    @property
    def is_enrolled(self) -> bool:
        return self.status == EnrolmentStatus.APPROVED


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    EXCUSED = "excused", _("excused")
    ABSENT = "absent", _("absent")


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="training_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.participant}: {self.get_status_display()}"


class ProjectStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    REVISION = "revision", _("revision asked for")
    ACCEPTED = "accepted", _("accepted")


def project_path(project: PracticeProject, filename: str) -> str:
    return f"training/{project.enrolment.cohort_id}/projects/{project.enrolment_id}/{filename}"


class PracticeProject(StoredDocument):
    """The practice project a participant carried out in their own municipality, and the
    trainer's verdict on it."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="project")
    file = models.FileField(_("file"), upload_to=project_path)
    summary = models.TextField(
        _("summary"), help_text=_("What the project was about and what came of it.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.SUBMITTED
    )
    feedback = models.TextField(_("feedback"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("practice project")
        verbose_name_plural = _("practice projects")
