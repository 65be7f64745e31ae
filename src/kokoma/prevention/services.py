"""Early warning: thresholds, response plans, acknowledgements and the scheduled check."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypedDict, Unpack

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, MembershipRole, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, diff, record, save_audited, stored
from kokoma.cases.models import Case, CaseTeamMember, EscalationAssessment
from kokoma.core.messages import Message, in_default_language, message
from kokoma.municipalities.models import Municipality
from kokoma.notifications.emails import preferences_remembered
from kokoma.notifications.services import notify
from kokoma.observations.models import Observation
from kokoma.tasks.models import Task
from kokoma.tasks.services import create_task
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow.models import Workflow

from . import detectors, texts
from .models import (
    Alert,
    AlertKind,
    PreventionMeasure,
    ResponderRole,
    ResponseStep,
    TopicThreshold,
    WarningSettings,
    tandem_memberships,
)

# Stage and topic conditions older than this are not raised: a municipality that starts using
# the platform with a long history does not get a flood of stale alerts (decision 0011).
LOOKBACK_DAYS = 30
MAX_CLIMB_STAGES = 8
MAX_WINDOW_DAYS = 365
MAX_PER_WEEK = 1000
MAX_DUE_DAYS = 365

# (responsible, action, due within days) per alert kind, for a municipality's first use. The
# actions are stored in the default language and read in the reader's (`texts.preset_action`).
DEFAULT_RESPONSES: dict[str, list[tuple[str, str, int]]] = {
    AlertKind.STAGE_CLIMB: [
        (ResponderRole.TANDEM, texts.CALL_CASE_TEAM, 2),
        (ResponderRole.CASE_TEAM, texts.TALK_TO_PARTIES, 7),
    ],
    AlertKind.STAGE_4: [
        (ResponderRole.LOCAL_COMPANION, texts.UPDATE_MAPS, 5),
        (ResponderRole.EXTERNAL_COMPANION, texts.OFFER_PROCEDURES, 7),
    ],
    AlertKind.STAGE_7: [
        (ResponderRole.LOCAL_COMPANION, texts.TALK_TO_LEADERSHIP, 1),
        (ResponderRole.EXTERNAL_COMPANION, texts.COORDINATE_SECURITY, 1),
        (ResponderRole.TANDEM, texts.CLARIFY_PROTECTION, 3),
    ],
    AlertKind.TOPIC_THRESHOLD: [
        (ResponderRole.LOCAL_COMPANION, texts.REVIEW_TOPIC, 3),
        (ResponderRole.TANDEM, texts.RAISE_TOPIC, 14),
    ],
    # The escalation chain's own "expected action" is the first task for a step overdue.
    AlertKind.STEP_OVERDUE: [],
}


# --- Settings and response plans --------------------------------------------------------------


@transaction.atomic
def settings_for(municipality: Municipality) -> WarningSettings:
    """The municipality's settings; on first use with the defaults and default response plans."""
    found, created = WarningSettings.objects.get_or_create(municipality=municipality)
    if created:
        ResponseStep.objects.bulk_create(
            ResponseStep(
                municipality=municipality,
                kind=kind,
                position=position,
                responsible=responsible,
                action=in_default_language(message(action)),
                due_days=days,
            )
            for kind, steps in DEFAULT_RESPONSES.items()
            for position, (responsible, action, days) in enumerate(steps, start=1)
        )
    return found


def _positive(value: Any, *, maximum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= maximum


def check_settings(
    *,
    observations_per_week: Any,
    climb_stages: Any,
    climb_window_days: Any,
    topic_thresholds: dict[Term, Any] | None = None,
) -> None:
    errors: dict[str, list[str]] = {}
    if not _positive(observations_per_week, maximum=MAX_PER_WEEK):
        errors["observations_per_week"] = [
            _("Please enter a whole number from 1 to %(max)s.") % {"max": MAX_PER_WEEK}
        ]
    if not _positive(climb_stages, maximum=MAX_CLIMB_STAGES):
        errors["climb_stages"] = [
            _("Please enter a whole number from 1 to %(max)s (Glasl has nine stages).")
            % {"max": MAX_CLIMB_STAGES}
        ]
    if not _positive(climb_window_days, maximum=MAX_WINDOW_DAYS):
        errors["climb_window_days"] = [
            _("Please enter a whole number of days from 1 to %(max)s.") % {"max": MAX_WINDOW_DAYS}
        ]
    for topic, value in (topic_thresholds or {}).items():
        if topic.kind != TermKind.TOPIC:
            errors.setdefault("topic_thresholds", []).append(_("Only topics can have thresholds."))
        elif value is not None and not _positive(value, maximum=MAX_PER_WEEK):
            errors.setdefault("topic_thresholds", []).append(
                _("The threshold for “%(topic)s” must be a whole number from 1 to %(max)s.")
                % {"topic": topic.name, "max": MAX_PER_WEEK}
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_settings(
    municipality: Municipality,
    *,
    by: User,
    observations_per_week: Any,
    climb_stages: Any,
    climb_window_days: Any,
    topic_thresholds: dict[Term, Any] | None = None,
) -> WarningSettings:
    """Save the thresholds; `topic_thresholds` maps a topic to its own value (None: general)."""
    check_settings(
        observations_per_week=observations_per_week,
        climb_stages=climb_stages,
        climb_window_days=climb_window_days,
        topic_thresholds=topic_thresholds,
    )
    current = settings_for(municipality)
    before = _settings_fields(current)
    current.observations_per_week = observations_per_week
    current.climb_stages = climb_stages
    current.climb_window_days = climb_window_days
    current.save()
    if topic_thresholds is not None:
        current.topic_thresholds.all().delete()
        TopicThreshold.objects.bulk_create(
            TopicThreshold(settings=current, topic=topic, observations_per_week=value)
            for topic, value in topic_thresholds.items()
            if value is not None
        )
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=current,
        municipality=municipality,
        changes=diff(before, _settings_fields(current)),
    )
    return current


def _settings_fields(current: WarningSettings) -> dict[str, Any]:
    return {
        "observations_per_week": current.observations_per_week,
        "climb_stages": current.climb_stages,
        "climb_window_days": current.climb_window_days,
        "topic_thresholds": {
            threshold.topic.name: threshold.observations_per_week
            for threshold in current.topic_thresholds.select_related("topic")
        },
    }


@dataclass
class PlannedStep:
    responsible: str
    action: str
    due_days: int
    member: User | None = None


def check_response_plan(municipality: Municipality, steps: Iterable[PlannedStep]) -> None:
    errors: list[str] = []
    for number, step in enumerate(steps, start=1):
        if step.responsible not in ResponderRole.values:
            errors.append(_("Step %(number)s: please choose who does it.") % {"number": number})
        if not step.action.strip():
            errors.append(_("Step %(number)s: please describe what to do.") % {"number": number})
        if not _positive(step.due_days, maximum=MAX_DUE_DAYS):
            errors.append(
                _(
                    "Step %(number)s: the time limit must be a whole number of days from 1 to %(max)s."
                )
                % {"number": number, "max": MAX_DUE_DAYS}
            )
        if step.responsible == ResponderRole.MEMBER:
            if step.member is None:
                errors.append(
                    _("Step %(number)s: please choose the member who does it.") % {"number": number}
                )
            elif not Membership.objects.filter(
                user=step.member, municipality=municipality
            ).exists():
                errors.append(
                    _("Step %(number)s: the person must be a member of the municipality.")
                    % {"number": number}
                )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def set_response_plan(
    municipality: Municipality, *, by: User, kind: str, steps: list[PlannedStep]
) -> list[ResponseStep]:
    """Replace the pre-planned response to one alert kind by `steps`, in this order."""
    if kind not in AlertKind.values:
        raise ValidationError(_("Unknown alert type."))
    check_response_plan(municipality, steps)
    settings_for(municipality)
    existing = ResponseStep.objects.filter(municipality=municipality, kind=kind)
    before = [str(step) for step in existing]
    existing.delete()
    created = ResponseStep.objects.bulk_create(
        ResponseStep(
            municipality=municipality,
            kind=kind,
            position=position,
            responsible=step.responsible,
            member=step.member if step.responsible == ResponderRole.MEMBER else None,
            action=step.action.strip(),
            due_days=step.due_days,
        )
        for position, step in enumerate(steps, start=1)
    )
    settings_obj = WarningSettings.objects.get(municipality=municipality)
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=settings_obj,
        municipality=municipality,
        changes={f"response_plan:{kind}": [before, [str(step) for step in created]]},
    )
    return created


# --- Acknowledging ----------------------------------------------------------------------------


@transaction.atomic
def acknowledge_alert(alert: Alert, *, by: User, comment: str) -> Alert:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": [_("Please write a short comment on what has been done or decided.")]}
        )
    now = timezone.now()
    # One conditional write: of two people acknowledging at once, exactly one wins (on every
    # database), and the other is told who was first; nobody's comment is overwritten.
    won = Alert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, acknowledged_by=by, acknowledgement=comment
    )
    if not won:
        first = Alert.objects.select_related("acknowledged_by").get(pk=alert.pk)
        raise ValidationError(
            _("This alert has already been acknowledged by %(name)s on %(when)s.")
            % {
                "name": first.acknowledged_by or _("deleted account"),
                "when": formats.localize(timezone.localtime(first.acknowledged_at)),
            },
            code="acknowledged",
        )
    alert.acknowledged_at = now
    alert.acknowledged_by = by
    alert.acknowledgement = comment
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=alert,
        municipality=alert.municipality,
        changes={"acknowledged": [False, True], "comment": ["", comment]},
    )
    return alert


# --- The scheduled check ----------------------------------------------------------------------


@dataclass
class CheckReport:
    municipalities: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    notifications: int = 0
    tasks: int = 0

    @property
    def alerts(self) -> int:
        return sum(self.by_kind.values())

    def as_dict(self) -> dict[str, int]:
        return {
            "municipalities": self.municipalities,
            "alerts": self.alerts,
            "notifications": self.notifications,
            "tasks": self.tasks,
            **{kind: self.by_kind.get(kind, 0) for kind in AlertKind.values},
        }


@dataclass
class Condition:
    """A condition a detector found; becomes an alert unless its fingerprint is known."""

    kind: str
    fingerprint: str
    triggered_on: datetime.date
    summary: Message
    case: Case | None = None
    topic: Term | None = None
    # For a step overdue: who the escalation level notifies and what it expects.
    level_role: str = ""
    level_action: str = ""


def alert_url(alert: Alert) -> str:
    return reverse(
        "prevention:alert_detail", kwargs={"ags": alert.municipality.ags, "alert_id": alert.pk}
    )


def run_check(
    today: datetime.date | None = None, municipality: Municipality | None = None
) -> CheckReport:
    """Raise the alerts for every condition not raised before; notify and create the tasks.

    Idempotent: each condition has a fingerprint that is unique per municipality.
    """
    today = today or timezone.localdate()
    report = CheckReport()
    municipalities = Municipality.objects.with_register()
    if municipality is not None:
        municipalities = municipalities.filter(pk=municipality.pk)
    # The same few people are notified again and again: their e-mail choices are read once.
    with translation.override(django_settings.LANGUAGE_CODE), preferences_remembered():
        for current in municipalities:
            report.municipalities += 1
            _check_municipality(current, today, report)
    return report


def _check_municipality(
    municipality: Municipality, today: datetime.date, report: CheckReport
) -> None:
    current = settings_for(municipality)
    known = set(
        Alert.objects.filter(municipality=municipality).values_list("fingerprint", flat=True)
    )
    conditions = [
        *_case_conditions(municipality, current, today),
        *_topic_conditions(municipality, current, today),
    ]
    plans: dict[str, list[ResponseStep]] = defaultdict(list)
    for step in ResponseStep.objects.filter(municipality=municipality).select_related("member"):
        plans[step.kind].append(step)
    people = _People(municipality)
    for condition in conditions:
        if condition.fingerprint in known:
            continue
        known.add(condition.fingerprint)
        try:
            with transaction.atomic():
                _raise(municipality, condition, plans[condition.kind], today, report, people)
        except IntegrityError:
            # A concurrent run raised the same condition first.
            continue


def _case_conditions(
    municipality: Municipality, current: WarningSettings, today: datetime.date
) -> list[Condition]:
    since = today - datetime.timedelta(days=LOOKBACK_DAYS)
    cases = {
        case.pk: case
        for case in Case.objects.filter(municipality=municipality)
        .open()
        .select_related("step", "municipality__register")
    }
    trajectories: dict[int, list[detectors.Point]] = defaultdict(list)
    for case_id, day, stage in (
        EscalationAssessment.objects.filter(
            case_id__in=cases, actor__isnull=True, assessed_on__lte=today
        )
        .order_by("case_id", "assessed_on", "id")
        .values_list("case_id", "assessed_on", "stage")
    ):
        trajectories[case_id].append((day, stage))
    conditions: list[Condition] = []
    for case_id, points in trajectories.items():
        case = cases[case_id]
        for climb in detectors.climbs(
            points, stages=current.climb_stages, window_days=current.climb_window_days
        ):
            if climb.on < since:
                continue
            conditions.append(
                Condition(
                    kind=AlertKind.STAGE_CLIMB,
                    # One episode, one alert: a climb that goes on from the same low point
                    # (5 → 7, then 5 → 8) is the same escalation, not a new one.
                    fingerprint=(
                        f"stage_climb:{case.pk}:{climb.from_on:%Y-%m-%d}:{climb.from_stage}"
                    ),
                    triggered_on=climb.on,
                    case=case,
                    summary=message(
                        texts.STAGE_CLIMB,
                        reference=case.reference,
                        to=climb.to_stage,
                        days=(climb.on - climb.from_on).days,
                        **{"from": climb.from_stage},
                    ),
                )
            )
        sevens = {
            crossing.on
            for crossing in detectors.crossings(points, threshold=7)
            if crossing.on >= since
        }
        for threshold, kind in ((7, AlertKind.STAGE_7), (4, AlertKind.STAGE_4)):
            for crossing in detectors.crossings(points, threshold=threshold):
                # A jump straight into stage 7 raises the stage-7 alert only.
                if crossing.on < since or (threshold == 4 and crossing.on in sevens):
                    continue
                conditions.append(
                    Condition(
                        kind=kind,
                        fingerprint=f"{kind}:{case.pk}:{crossing.on:%Y-%m-%d}",
                        triggered_on=crossing.on,
                        case=case,
                        summary=_crossing_summary(case, crossing),
                    )
                )
    conditions.extend(_overdue_conditions(municipality, cases.values(), today))
    return conditions


def _crossing_summary(case: Case, crossing: detectors.Crossing) -> Message:
    if crossing.from_stage is None:
        return message(texts.FIRST_ASSESSED, reference=case.reference, stage=crossing.to_stage)
    return message(
        texts.STAGE_REACHED,
        reference=case.reference,
        stage=crossing.to_stage,
        previous=crossing.from_stage,
    )


def _overdue_conditions(
    municipality: Municipality, cases: Iterable[Case], today: datetime.date
) -> list[Condition]:
    """The escalation chain: the highest level a case's overdue step has reached, once per
    case, step entry and level; levels passed between two runs are skipped, not repeated."""
    workflow = (
        Workflow.objects.filter(municipality=municipality)
        .prefetch_related("escalation_levels")
        .first()
    )
    if workflow is None:
        return []
    levels = {level.position: level for level in workflow.escalation_levels.all()}
    if not levels:
        return []
    conditions = []
    for case in cases:
        if case.due_at is None:
            continue
        due = timezone.localdate(case.due_at)
        days_over = (today - due).days
        if days_over < 0:
            continue
        position = detectors.reached_level(
            days_over, [(level.position, level.days_overdue) for level in levels.values()]
        )
        if position is None:
            continue
        level = levels[position]
        conditions.append(
            Condition(
                kind=AlertKind.STEP_OVERDUE,
                fingerprint=(
                    f"step_overdue:{case.pk}:{case.step_id}:"
                    f"{case.step_since:%Y%m%dT%H%M%S}:{position}"
                ),
                triggered_on=due + datetime.timedelta(days=level.days_overdue),
                case=case,
                summary=message(
                    texts.STEP_OVERDUE,
                    reference=case.reference,
                    step=case.step.name,
                    days=days_over,
                    level=position,
                ),
                level_role=level.notify,
                level_action=level.action,
            )
        )
    return conditions


def _topic_conditions(
    municipality: Municipality, current: WarningSettings, today: datetime.date
) -> list[Condition]:
    since = today - datetime.timedelta(days=LOOKBACK_DAYS)
    first_monday = since - datetime.timedelta(days=since.weekday())
    overrides = {
        threshold.topic_id: threshold.observations_per_week
        for threshold in current.topic_thresholds.all()
    }
    dates: dict[int, list[datetime.date]] = defaultdict(list)
    through = Observation.topics.through
    for topic_id, day in (
        through.objects.filter(
            observation__municipality=municipality,
            observation__occurred_on__range=(first_monday, today),
        )
        .exclude(observation__status=Observation.Status.DISMISSED)
        .values_list("term_id", "observation__occurred_on")
    ):
        dates[topic_id].append(day)
    topics = Term.objects.in_bulk(list(dates))
    conditions = []
    for topic_id, days in sorted(dates.items()):
        threshold = overrides.get(topic_id, current.observations_per_week)
        for week in detectors.busy_weeks(days, threshold=threshold):
            topic = topics[topic_id]
            conditions.append(
                Condition(
                    kind=AlertKind.TOPIC_THRESHOLD,
                    fingerprint=f"topic:{topic_id}:{week.iso_year}-W{week.iso_week:02d}",
                    triggered_on=min(week.monday + datetime.timedelta(days=6), today),
                    topic=topic,
                    summary=message(
                        texts.TOPIC_THRESHOLD,
                        count=week.count,
                        topic=topic.name,
                        week=week.iso_week,
                        year=week.iso_year,
                        threshold=threshold,
                    ),
                )
            )
    return conditions


def _raise(
    municipality: Municipality,
    condition: Condition,
    plan: list[ResponseStep],
    today: datetime.date,
    report: CheckReport,
    people: _People,
) -> Alert:
    alert = Alert.objects.create(
        municipality=municipality,
        case=condition.case,
        topic=condition.topic,
        kind=condition.kind,
        summary_message=condition.summary,
        summary=in_default_language(condition.summary)[:300],
        triggered_on=condition.triggered_on,
        raised_at=timezone.now(),
        fingerprint=condition.fingerprint,
    )
    record(by=None, action=AuditAction.CREATE, obj=alert, municipality=municipality)
    notes: list[str] = []
    if condition.kind == AlertKind.STEP_OVERDUE:
        recipients, fallback = people.taking_on(condition.level_role, condition.case)
        if fallback:
            notes.append(_fallback_note(condition.level_role))
    else:
        recipients = people.tandem()
        if condition.case is not None:
            recipients += people.taking_on(ResponderRole.CASE_TEAM, condition.case)[0]
    if recipients:
        created = notify(
            recipients,
            message=message(texts.EARLY_WARNING, summary=condition.summary),
            link=alert_url(alert),
        )
        report.notifications += len(created)
    steps = [(step.responsible, step.action, step.due_days, step.member) for step in plan]
    if condition.kind == AlertKind.STEP_OVERDUE and condition.level_action:
        steps.insert(0, (condition.level_role, condition.level_action, 3, None))
    base = max(today, timezone.localdate())
    tasks: list[Task] = []
    for responsible, action, due_days, member in steps:
        assignees, fallback = people.taking_on(responsible, condition.case, member=member)
        if fallback:
            notes.append(_fallback_note(responsible))
        for person in assignees:
            try:
                tasks.append(
                    _response_task(
                        alert,
                        person,
                        action,
                        due_on=base + datetime.timedelta(days=due_days),
                        vetted=people.vetted(person, condition.case),
                    )
                )
            except ValidationError as error:
                # One refused task must not stop the alert or the other tasks.
                notes.append(
                    _("No task “%(action)s” for %(person)s: %(reason)s")
                    % {"action": action, "person": person, "reason": " ".join(error.messages)}
                )
    if tasks:
        alert.tasks.add(*tasks)  # a new alert has none yet: no need to compare as set() does
    if notes:
        alert.note = "\n".join(dict.fromkeys(notes))
        alert.save(update_fields=["note"])
    report.by_kind[condition.kind] += 1
    report.tasks += len(tasks)
    return alert


def _response_task(
    alert: Alert, person: User, action: str, *, due_on: datetime.date, vetted: bool
) -> Task:
    # The check has no acting user: the task is created by the system (no creator), and the
    # alert (audited as raised by the system) explains where it came from.
    return create_task(
        municipality=alert.municipality,
        by=None,
        title=action[:200],
        title_message=texts.preset_action(action),
        description="",
        description_message=message(texts.RESPONSE_TASK, summary=alert.summary_message),
        assignee=person,
        case=alert.case,
        due_on=due_on,
        assignee_vetted=vetted,
    )


def _fallback_note(role: str) -> str:
    return _("Nobody found for “%(role)s”; the process-support tandem was asked instead.") % {
        "role": ResponderRole(role).label if role in ResponderRole.values else role
    }


class _People:
    """Who takes on which role in one municipality, and who may see which case: looked up once
    per check run instead of once per alert and step.

    No access rule is restated here: the tandem comes from `tandem_memberships`, membership from
    `Membership`, and what a person may see from `Case.objects.visible_to` – one query per person
    asked about, listing the open cases of the municipality they may see. Changes made while the
    run is going (seconds) apply from the next run on.
    """

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        self._tandem: list[User] | None = None
        self._members: list[Membership] | None = None
        self._teams: dict[int, list[User]] | None = None
        self._visible: dict[int, set[int]] = {}

    def tandem(self) -> list[User]:
        """The municipality's active tandem (a new list: callers may extend it)."""
        if self._tandem is None:
            self._tandem = [
                membership.user
                for membership in tandem_memberships(self.municipality.pk).select_related("user")
            ]
        return list(self._tandem)

    def _active_members(self) -> list[Membership]:
        if self._members is None:
            self._members = list(
                Membership.objects.filter(
                    municipality=self.municipality, user__is_active=True
                ).select_related("user")
            )
        return self._members

    def is_member(self, user: User) -> bool:
        """An active member of the municipality (in any role)."""
        return any(membership.user_id == user.pk for membership in self._active_members())

    def with_role(self, role: str) -> list[User]:
        return [membership.user for membership in self._active_members() if membership.role == role]

    def team(self, case: Case) -> list[User]:
        """The case team's active people who are members of the municipality."""
        if self._teams is None:
            self._teams = defaultdict(list)
            for row in (
                CaseTeamMember.objects.filter(
                    case__in=Case.objects.filter(municipality=self.municipality).open(),
                    user__is_active=True,
                    user__memberships__municipality=self.municipality,
                )
                .select_related("user")
                .order_by("user__display_name", "user_id")
            ):
                self._teams[row.case_id].append(row.user)
        return list(self._teams.get(case.pk, []))

    def sees(self, user: User, case: Case) -> bool:
        visible = self._visible.get(user.pk)
        if visible is None:
            visible = set(
                Case.objects.visible_to(user)
                .filter(municipality=self.municipality)
                .open()
                .values_list("pk", flat=True)
            )
            self._visible[user.pk] = visible
        return case.pk in visible

    def vetted(self, user: User, case: Case | None) -> bool:
        """Whether a task for `user` (on `case`) passes the checks `create_task` would query."""
        return self.is_member(user) and (case is None or self.sees(user, case))

    def taking_on(
        self, role: str, case: Case | None, *, member: User | None = None
    ) -> tuple[list[User], bool]:
        """The members who take on `role`, limited to those who may see the case; when nobody
        is found, the tandem (second value True)."""
        users: list[User]
        if role == ResponderRole.TANDEM:
            users = self.tandem()
        elif role in (MembershipRole.LOCAL_COMPANION, MembershipRole.EXTERNAL_COMPANION):
            users = self.with_role(role)
        elif role == ResponderRole.CASE_TEAM:
            users = self.team(case) if case is not None else []
        elif role == ResponderRole.MEMBER and member is not None:
            users = [member] if self.is_member(member) else []
        else:
            users = []
        if case is not None:
            users = [user for user in users if self.sees(user, case)]
        unique = list({user.pk: user for user in users}.values())
        if unique or role == ResponderRole.TANDEM:
            return unique, False
        return self.tandem(), True


# Prevention measures (not tied to a case)

MEASURE_FIELDS = (
    "title",
    "description",
    "target_group",
    "responsible_id",
    "organisation",
    "starts_on",
    "ends_on",
    "status",
    "result",
)


def _fields(measure: PreventionMeasure) -> dict[str, object]:
    """What the audit log compares: the fields, and the topics by name."""
    values: dict[str, object] = {name: getattr(measure, name) for name in MEASURE_FIELDS}
    values["topics"] = ", ".join(sorted(term.name for term in measure.topics.all()))
    return values


def measure_url(measure: PreventionMeasure) -> str:
    return reverse(
        "prevention_measures:detail",
        kwargs={"ags": measure.municipality.ags, "prevention_measure_id": measure.pk},
    )


def check_prevention_measure(measure: PreventionMeasure, topics: Iterable[Term]) -> None:
    """Raise a ValidationError naming the fields that are wrong."""
    errors: dict[str, list[str]] = {}
    if measure.ends_on is not None and measure.ends_on < measure.starts_on:
        errors.setdefault("ends_on", []).append(
            _("The end date must not be before the start date.")
        )
    if measure.responsible_id is None and not measure.organisation.strip():
        errors.setdefault("organisation", []).append(
            _("Name a responsible person or a responsible organisation.")
        )
    if (
        measure.responsible_id is not None
        and not Membership.objects.filter(
            user_id=measure.responsible_id, municipality=measure.municipality
        ).exists()
    ):
        errors.setdefault("responsible", []).append(
            _("The responsible person must be a member of the municipality.")
        )
    if any(term.kind != TermKind.TOPIC for term in topics):
        errors.setdefault("topics", []).append(_("Only topics can be chosen."))
    if errors:
        raise ValidationError(errors)


class PreventionMeasureFields(TypedDict, total=False):
    title: str
    description: str
    topics: Iterable[Term]
    target_group: str
    responsible: User | None
    organisation: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    status: str
    result: str


@transaction.atomic
def create_prevention_measure(
    *,
    municipality: Municipality,
    by: User,
    title: str,
    starts_on: datetime.date,
    description: str = "",
    topics: Iterable[Term] = (),
    target_group: str = "",
    responsible: User | None = None,
    organisation: str = "",
    ends_on: datetime.date | None = None,
    status: str = PreventionMeasure.Status.PLANNED,
    result: str = "",
) -> PreventionMeasure:
    topics = list(topics)
    measure = PreventionMeasure(
        municipality=municipality,
        title=title,
        description=description,
        target_group=target_group,
        responsible=responsible,
        organisation=organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        result=result,
        created_by=by,
    )
    check_prevention_measure(measure, topics)
    return save_audited(measure, by=by, municipality=municipality, related={"topics": topics})


@transaction.atomic
def update_prevention_measure(
    measure: PreventionMeasure, *, by: User, **changes: Unpack[PreventionMeasureFields]
) -> PreventionMeasure:
    """Change the given fields of a measure (`topics` replaces its topics)."""
    new_topics = changes.pop("topics", None)
    topics = None if new_topics is None else list(new_topics)
    measure = assign(stored(measure), changes)
    check_prevention_measure(measure, measure.topics.all() if topics is None else topics)
    return save_audited(
        measure,
        by=by,
        municipality=measure.municipality,
        # Whoever created it may have left since.
        exclude=["created_by"],
        related=None if topics is None else {"topics": topics},
        snapshot=_fields,
    )


@transaction.atomic
def delete_prevention_measure(measure: PreventionMeasure, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=measure, municipality=measure.municipality)
    measure.delete()
