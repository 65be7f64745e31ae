"""The accompaniment process the tandem leads in each municipality: seven steps of municipal
conflict counselling, each with its status, dates, participants, documents and milestones."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.core.models import StoredDocument

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


class StepKind(models.TextChoices):
    """The steps, in the order municipal conflict counselling goes through them."""

    MANDATE = "mandate", _("Mandate and cooperation agreement")
    INTERVIEWS = "interviews", _("Interviews with local actors")
    ANALYSIS = "analysis", _("Systemic situation and conflict analysis")
    CONCEPT = "concept", _("Action concept from workshops")
    AGREEMENT = "agreement", _("Concept agreed with the local community")
    IMPLEMENTATION = "implementation", _("Implementation")
    FOLLOW_UP = "follow_up", _("Withdrawal and follow-up")


STEP_KINDS = list(StepKind)


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    SKIPPED = "skipped", _("skipped")


CLOSED_STATUSES = (StepStatus.DONE, StepStatus.SKIPPED)


class StandardMilestone(models.TextChoices):
    """The milestones every process has; a step is done only once its milestones are reached."""

    AGREEMENT_SIGNED = (
        "agreement_signed",
        _("Cooperation agreement signed by the head of administration"),
    )
    INTERVIEWS_EVALUATED = "interviews_evaluated", _("Interviews held and evaluated")
    ANALYSIS_WRITTEN = "analysis_written", _("Situation and conflict analysis written down")
    CONCEPT_WRITTEN = "concept_written", _("Action concept worked out in workshops")
    CONCEPT_AGREED = "concept_agreed", _("Concept presented to and agreed with the local public")
    MEASURES_IMPLEMENTED = "measures_implemented", _("Measures of the action concept implemented")
    FOLLOW_UP_AGREED = "follow_up_agreed", _("Closing talk held and follow-up agreed")


# Each step's standard milestones: (milestone, whether a document proves it).
STANDARD_MILESTONES: dict[str, list[tuple[StandardMilestone, bool]]] = {
    StepKind.MANDATE: [(StandardMilestone.AGREEMENT_SIGNED, True)],
    StepKind.INTERVIEWS: [(StandardMilestone.INTERVIEWS_EVALUATED, False)],
    StepKind.ANALYSIS: [(StandardMilestone.ANALYSIS_WRITTEN, True)],
    StepKind.CONCEPT: [(StandardMilestone.CONCEPT_WRITTEN, True)],
    StepKind.AGREEMENT: [(StandardMilestone.CONCEPT_AGREED, False)],
    StepKind.IMPLEMENTATION: [(StandardMilestone.MEASURES_IMPLEMENTED, False)],
    StepKind.FOLLOW_UP: [(StandardMilestone.FOLLOW_UP_AGREED, False)],
}


class ProcessStepQuerySet(models.QuerySet["ProcessStep"]):
    def with_progress(self) -> ProcessStepQuerySet:
        """With the number of milestones and of those reached, for overview pages."""
        return self.annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_reached=Count(
                "milestones", filter=Q(milestones__reached_on__isnull=False), distinct=True
            ),
        )


class ProcessStep(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="process_steps",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("step"), max_length=20, choices=StepKind.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.NOT_STARTED
    )
    skip_reason = models.TextField(_("reason for skipping"), blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("participants on the platform"),
    )
    external_participants = models.TextField(
        _("external participants"),
        blank=True,
        help_text=_("One per line: name and organisation or function."),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Any change to the step, its milestones or documents; the stalled-process notice reads it.
    last_progress_at = models.DateTimeField(_("last progress"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcessStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["municipality", "position"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="process_step_unique"),
        ]
        indexes = [models.Index(fields=["status", "last_progress_at"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.get_kind_display()}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def days_spent(self, today: datetime.date | None = None) -> int | None:
        """Days from the actual start to the end, or to today while the step runs."""
        if self.started_on is None or self.status == StepStatus.NOT_STARTED:
            return None
        end = self.finished_on or today or timezone.localdate()
        return max((end - self.started_on).days, 0)

    def external_participant_list(self) -> list[str]:
        return [line.strip() for line in self.external_participants.splitlines() if line.strip()]


def step_document_path(document: StepDocument, filename: str) -> str:
    return f"process/{document.step.municipality_id}/{document.step_id}/{filename}"


class StepDocument(StoredDocument):
    """A document of a step (the signed agreement, an analysis …), served after a permission check."""

    step = models.ForeignKey(ProcessStep, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=step_document_path)

    class Meta:
        verbose_name = _("process document")
        verbose_name_plural = _("process documents")
        ordering = ["-uploaded_at", "-id"]


class Milestone(models.Model):
    """What must be reached before its step is done; a standard one may need a document."""

    step = models.ForeignKey(ProcessStep, on_delete=models.CASCADE, related_name="milestones")
    standard = models.CharField(
        _("standard milestone"), max_length=32, choices=StandardMilestone.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    needs_document = models.BooleanField(_("needs a document"), default=False)
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    document = models.ForeignKey(
        StepDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("document"),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("How it was reached, e.g. the council's decision and its date."),
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.display_title)

    @property
    def display_title(self) -> str | _StrPromise:
        """A standard milestone in the reader's language; an own one as it was written."""
        return self.get_standard_display() if self.standard else self.title

    @property
    def is_reached(self) -> bool:
        return self.reached_on is not None and (not self.needs_document or bool(self.document_id))
