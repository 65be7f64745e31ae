"""The conflict case and everything a case team records about it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import COMPANION_ROLES, Membership
from kokoma.taxonomy.models import Term, TermKind

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class ConflictType(models.TextChoices):
    FACTUAL = "factual", _("factual conflict")
    RELATIONSHIP = "relationship", _("relationship conflict")
    VALUES = "values", _("values conflict")
    DISTRIBUTION = "distribution", _("distribution conflict")
    STRUCTURAL = "structural", _("structural conflict")


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: User) -> CaseQuerySet:
        """Need-to-know: the case team and the municipality's tandem (its coordinators)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        tandem_of = Membership.objects.filter(user=user, role__in=COMPANION_ROLES).values(
            "municipality_id"
        )
        on_team = CaseTeamMember.objects.filter(case=OuterRef("pk"), user=user)
        return self.filter(Q(municipality_id__in=tandem_of) | Exists(on_team))

    def open(self) -> CaseQuerySet:
        return self.filter(closed_at__isnull=True)


class CaseOutcome(models.TextChoices):
    RESOLVED = "resolved", _("resolved")
    DEESCALATED = "de-escalated", _("de-escalated")
    TRANSFORMED = "transformed", _("transformed")
    DORMANT = "dormant", _("dormant")
    ESCALATED = "escalated", _("escalated")


class Case(models.Model):
    """A conflict case (Konfliktfall)."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.CASCADE, related_name="cases"
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    topics = models.ManyToManyField(
        Term,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": TermKind.TOPIC},
        verbose_name=_("topics"),
    )
    conflict_type = models.CharField(
        _("conflict type"), max_length=16, choices=ConflictType.choices, blank=True
    )
    step = models.ForeignKey(
        "workflow.Step", on_delete=models.PROTECT, related_name="cases", verbose_name=_("step")
    )
    step_since = models.DateTimeField(_("in this step since"))
    dividers = models.TextField(
        _("dividers"), blank=True, help_text=_("What divides people locally; one item per line.")
    )
    connectors = models.TextField(
        _("connectors"),
        blank=True,
        help_text=_("What still connects people locally; one item per line."),
    )
    tree_causes = models.TextField(_("causes"), blank=True, help_text=_("One cause per line."))
    tree_core_problem = models.TextField(_("core problem"), blank=True)
    tree_effects = models.TextField(_("effects"), blank=True, help_text=_("One effect per line."))
    opened_on = models.DateField(_("opened on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=CaseOutcome.choices, blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("conflict case")
        verbose_name_plural = _("conflict cases")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["municipality", "closed_at", "opened_on"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class CaseTeamMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
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


class CaseStepChange(models.Model):
    """The workflow history of a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="step_changes")
    from_step = models.ForeignKey(
        "workflow.Step", on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_step = models.ForeignKey("workflow.Step", on_delete=models.PROTECT, related_name="+")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_step or '–'} → {self.to_step}"


class ThreatDimension(models.TextChoices):
    ENMITY = "enmity", _("group-focused enmity")
    MOBILISATION = "mobilisation", _("extremist mobilisation")
    VIOLENCE = "violence", _("violence or threats")
    POLARISATION = "polarisation", _("polarisation")
    TRUST = "trust", _("loss of trust in institutions")


class ThreatAssessment(models.Model):
    """One dimension of the threat to coexistence and democratic order, scored 0–3."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="threat_assessments")
    dimension = models.CharField(_("dimension"), max_length=16, choices=ThreatDimension.choices)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(3)]
    )
    rationale = models.TextField(_("rationale"))
    assessed_on = models.DateField(_("date"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()}: {self.score}"


class Actor(models.Model):
    """A party to the conflict, stored under a pseudonym."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        GROUP = "group", _("group")
        ORGANISATION = "organisation", _("organisation")
        INSTITUTION = "institution", _("institution")

    class Attitude(models.IntegerChoices):
        HOSTILE = -2, _("hostile")
        SCEPTICAL = -1, _("sceptical")
        NEUTRAL = 0, _("neutral")
        OPEN = 1, _("open")
        SUPPORTIVE = 2, _("supportive")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actors")
    pseudonym = models.CharField(_("pseudonym"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    role = models.CharField(_("role in the conflict"), max_length=200, blank=True)
    interests = models.TextField(_("interests"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
    positions = models.TextField(_("positions"), blank=True)
    influence = models.PositiveSmallIntegerField(
        _("influence (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)], default=3
    )
    attitude = models.SmallIntegerField(
        _("attitude towards de-escalation"), choices=Attitude.choices, default=Attitude.NEUTRAL
    )

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["case", "pseudonym"], name="actor_unique_pseudonym")
        ]

    def __str__(self) -> str:
        return self.pseudonym


class ActorIdentity(models.Model):
    """The real identity behind a pseudonym, where needed at all; coordinators only."""

    actor = models.OneToOneField(Actor, on_delete=models.CASCADE, related_name="identity")
    real_name = models.CharField(_("real name"), max_length=200)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    def __str__(self) -> str:
        return f"identity of {self.actor}"


class RelationKind(models.TextChoices):
    COOPERATION = "cooperation", _("cooperation")
    ALLIANCE = "alliance", _("alliance")
    TENSION = "tension", _("tension")
    CONFLICT = "conflict", _("conflict")
    VIOLENCE = "violence", _("violence")
    INFLUENCE = "influence", _("influence")


class RelationQuerySet(models.QuerySet["Relation"]):
    def valid_on(self, day: datetime.date) -> RelationQuerySet:
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__gte=day) | Q(valid_to__isnull=True)
        )


class Relation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relations")
    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations_out")
    target = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations_in")
    kind = models.CharField(_("kind"), max_length=16, choices=RelationKind.choices)
    strength = models.PositiveSmallIntegerField(
        _("strength (1–3)"), validators=[MinValueValidator(1), MaxValueValidator(3)], default=2
    )
    directed = models.BooleanField(
        _("directed (from the first to the second actor)"), default=False
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = RelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relation_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="relation_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} – {self.get_kind_display()} – {self.target}"


GLASL_STAGES = {
    1: _("Hardening"),
    2: _("Debate and polemics"),
    3: _("Actions instead of words"),
    4: _("Images and coalitions"),
    5: _("Loss of face"),
    6: _("Strategies of threat"),
    7: _("Limited destructive blows"),
    8: _("Fragmentation of the enemy"),
    9: _("Together into the abyss"),
}


class EscalationAssessment(models.Model):
    """A Glasl stage (1–9) for the case as a whole or from one actor's perspective."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="escalations",
        verbose_name=_("from the perspective of"),
        help_text=_("Empty: the case as a whole."),
    )
    stage = models.PositiveSmallIntegerField(
        _("Glasl stage"),
        choices=[
            (stage, format_lazy("{} – {}", stage, name)) for stage, name in GLASL_STAGES.items()
        ],
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    assessed_on = models.DateField(_("date"))
    rationale = models.TextField(_("rationale"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )

    class Meta:
        verbose_name = _("escalation assessment")
        verbose_name_plural = _("escalation assessments")
        ordering = ["assessed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__gte=1) & Q(stage__lte=9), name="escalation_stage_1_to_9"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.stage} ({self.assessed_on:%d.%m.%Y})"


def document_path(document: Document, filename: str) -> str:
    return f"cases/{document.case_id}/{filename}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class CaseProcedure(models.Model):
    """A procedure of conflict processing (mediation, round table, …) used in a case."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="procedures")
    procedure = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": TermKind.PROCEDURE},
        verbose_name=_("procedure"),
    )
    goal = models.TextField(_("goal"))
    participants = models.ManyToManyField(
        Actor, blank=True, related_name="procedures", verbose_name=_("participants")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="procedure_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure} ({self.get_status_display()})"


class MeasureQuerySet(models.QuerySet["Measure"]):
    def overdue(self, day: datetime.date | None = None) -> MeasureQuerySet:
        """Open or running measures whose due date has passed."""
        from django.utils import timezone

        day = day or timezone.localdate()
        return self.filter(
            due_on__lt=day, status__in=[Measure.Status.OPEN, Measure.Status.IN_PROGRESS]
        )


class Measure(models.Model):
    """A concrete step someone has taken on (Maßnahme), with a due date and a result."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    result = models.TextField(_("result"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return (
            self.due_on is not None
            and self.due_on < timezone.localdate()
            and self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)
        )


class Agreement(models.Model):
    """An agreement reached between parties of the conflict (Vereinbarung)."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        KEPT = "kept", _("kept")
        BROKEN = "broken", _("broken")
        RENEGOTIATED = "renegotiated", _("renegotiated")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreements")
    text = models.TextField(_("agreement"))
    parties = models.ManyToManyField(
        Actor, blank=True, related_name="agreements", verbose_name=_("parties")
    )
    agreed_on = models.DateField(_("agreed on"))
    review_on = models.DateField(_("review on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_FORCE
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["agreed_on", "id"]

    def __str__(self) -> str:
        return f"{self.agreed_on:%d.%m.%Y}: {self.text[:40]}"
