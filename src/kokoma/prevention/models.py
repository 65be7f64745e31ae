"""Prevention and early warning: thresholds per municipality, alerts raised by the scheduled
check, the pre-planned responses that turn an alert into tasks, and prevention measures that
are not tied to a case."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import Membership, MembershipRole
from kokoma.core.messages import render
from kokoma.taxonomy.models import TermKind

from .texts import action_text

if TYPE_CHECKING:
    from kokoma.accounts.models import User

DEFAULT_OBSERVATIONS_PER_WEEK = 3
DEFAULT_CLIMB_STAGES = 2
DEFAULT_CLIMB_WINDOW_DAYS = 30


class AlertKind(models.TextChoices):
    STAGE_CLIMB = "stage_climb", _("rapid escalation")
    STAGE_4 = "stage_4", _("crossed into Glasl stage 4")
    STAGE_7 = "stage_7", _("crossed into Glasl stage 7")
    TOPIC_THRESHOLD = "topic_threshold", _("many observations on a topic")
    STEP_OVERDUE = "step_overdue", _("procedure step overdue")


class ResponderRole(models.TextChoices):
    """Who carries out one step of a pre-planned response."""

    TANDEM = "tandem", _("process-support tandem")
    LOCAL_COMPANION = MembershipRole.LOCAL_COMPANION.value, MembershipRole.LOCAL_COMPANION.label
    EXTERNAL_COMPANION = (
        MembershipRole.EXTERNAL_COMPANION.value,
        MembershipRole.EXTERNAL_COMPANION.label,
    )
    CASE_TEAM = "case_team", _("case team")
    MEMBER = "member", _("a specific member")


class WarningSettings(models.Model):
    """The thresholds of one municipality; created with the defaults on first use."""

    municipality = models.OneToOneField(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="warning_settings",
        verbose_name=_("municipality"),
    )
    observations_per_week = models.PositiveSmallIntegerField(
        _("observations per topic and calendar week"),
        default=DEFAULT_OBSERVATIONS_PER_WEEK,
        validators=[MinValueValidator(1)],
        help_text=_(
            "An alert is raised when more observations than this on one topic fall into one "
            "calendar week."
        ),
    )
    climb_stages = models.PositiveSmallIntegerField(
        _("rapid escalation: number of Glasl stages"),
        default=DEFAULT_CLIMB_STAGES,
        validators=[MinValueValidator(1)],
        help_text=_("An alert is raised when a case climbs at least this many stages …"),
    )
    climb_window_days = models.PositiveSmallIntegerField(
        _("rapid escalation: within days"),
        default=DEFAULT_CLIMB_WINDOW_DAYS,
        validators=[MinValueValidator(1)],
        help_text=_("… within this many days."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("early-warning settings")
        verbose_name_plural = _("early-warning settings")

    def __str__(self) -> str:
        return str(self.municipality)


class TopicThreshold(models.Model):
    """A municipality's own threshold for one topic, overriding the general one."""

    settings = models.ForeignKey(
        WarningSettings, on_delete=models.CASCADE, related_name="topic_thresholds"
    )
    topic = models.ForeignKey(
        "taxonomy.Term",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": "topic"},
        verbose_name=_("topic"),
    )
    observations_per_week = models.PositiveSmallIntegerField(
        _("observations per calendar week"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("threshold for a topic")
        verbose_name_plural = _("thresholds for topics")
        ordering = ["topic__name"]
        constraints = [
            models.UniqueConstraint(fields=["settings", "topic"], name="topic_threshold_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.topic}: {self.observations_per_week}"


class ResponseStep(models.Model):
    """One step of the pre-planned response to an alert kind: who does what, within how long."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="alert_response_steps",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("alert type"), max_length=32, choices=AlertKind.choices)
    position = models.PositiveSmallIntegerField(_("order"))
    responsible = models.CharField(_("who"), max_length=32, choices=ResponderRole.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
        help_text=_("Only when “a specific member” is chosen."),
    )
    action = models.CharField(_("what"), max_length=200)
    due_days = models.PositiveSmallIntegerField(
        _("due within days"), default=3, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("response step")
        verbose_name_plural = _("pre-planned response")
        ordering = ["municipality", "kind", "position", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position}: {self.action}"

    @property
    def display_action(self) -> str:
        return action_text(self.action)


class AlertQuerySet(models.QuerySet["Alert"]):
    def visible_to(self, user: User) -> AlertQuerySet:
        """Case alerts: whoever may see the case. Other alerts: the municipality's members
        (topic alerts are counts, no case details; see decision 0011)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        from kokoma.cases.models import Case

        member_of = Membership.objects.filter(user=user).values("municipality_id")
        visible_cases = Case.objects.visible_to(user).values("pk")
        return self.filter(
            Q(case__isnull=True, municipality_id__in=member_of) | Q(case_id__in=visible_cases)
        )

    def open(self) -> AlertQuerySet:
        return self.filter(acknowledged_at__isnull=True)

    def acknowledged(self) -> AlertQuerySet:
        return self.filter(acknowledged_at__isnull=False)


class Alert(models.Model):
    """A warning raised by the scheduled check; the same condition raises it only once."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="alerts",
        verbose_name=_("municipality"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
        verbose_name=_("case"),
    )
    topic = models.ForeignKey(
        "taxonomy.Term",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    kind = models.CharField(_("alert type"), max_length=32, choices=AlertKind.choices)
    # The summary as a message (kokoma.core.messages), shown in the reader's language; `summary`
    # holds its words in the default language, shown verbatim for alerts without a message.
    summary_message = models.JSONField(default=dict, blank=True, editable=False)
    summary = models.CharField(_("summary"), max_length=300)
    triggered_on = models.DateField(_("triggered on"))
    raised_at = models.DateTimeField(_("raised at"))
    fingerprint = models.CharField(max_length=200, editable=False)
    note = models.TextField(_("note"), blank=True)
    tasks = models.ManyToManyField(
        "tasks.Task", blank=True, related_name="+", verbose_name=_("tasks")
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledgement = models.TextField(_("comment"), blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "fingerprint"], name="alert_unique_condition"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "acknowledged_at", "raised_at"])]

    def __str__(self) -> str:
        return self.summary

    @property
    def display_summary(self) -> str:
        return render(self.summary_message, self.summary)

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


def tandem_memberships(municipality_id: int) -> models.QuerySet[Membership]:
    return Membership.objects.companions().filter(
        municipality_id=municipality_id, user__is_active=True
    )


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
        "taxonomy.Term",
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
