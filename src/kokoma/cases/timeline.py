"""The timeline of a case: observations, escalation assessments, relation changes and steps."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Case, CaseStepChange, EscalationAssessment, Relation

# Order of kinds on the same day: what happened, then how it was judged, then what followed.
KIND_ORDER = {"observation": 0, "relation": 1, "escalation": 2, "step": 3}


@dataclass(frozen=True)
class TimelineEntry:
    day: datetime.date
    kind: str
    label: str
    text: str

    @property
    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.day, KIND_ORDER.get(self.kind, 9))


def case_timeline(
    case: Case,
    *,
    escalations: Iterable[EscalationAssessment] | None = None,
    relations: Iterable[Relation] | None = None,
    step_changes: Iterable[CaseStepChange] | None = None,
) -> list[TimelineEntry]:
    """All events of the case, oldest first; at most four queries whatever the amount of data.

    A page that has loaded the escalations (with actors), relations (with both actors) or step
    changes (with both steps) already passes them in.
    """
    if escalations is None:
        escalations = case.escalations.select_related("actor")
    if relations is None:
        relations = case.relations.select_related("source", "target")
    if step_changes is None:
        step_changes = case.step_changes.select_related("from_step", "to_step")
    entries: list[TimelineEntry] = []
    for observation in case.observations.all().order_by("occurred_on", "id"):
        entries.append(
            TimelineEntry(
                observation.occurred_on,
                "observation",
                _("Observation"),
                f"{observation.reference}: {observation.place} – {observation.description}",
            )
        )
    for assessment in escalations:
        who = (
            _("perspective of %(actor)s") % {"actor": assessment.actor.pseudonym}
            if assessment.actor
            else _("case as a whole")
        )
        entries.append(
            TimelineEntry(
                assessment.assessed_on,
                "escalation",
                _("Escalation assessment"),
                _("Glasl stage %(stage)s (%(who)s): %(rationale)s")
                % {"stage": assessment.stage, "who": who, "rationale": assessment.rationale},
            )
        )
    for relation in relations:
        name = f"{relation.source.pseudonym} – {relation.get_kind_display()} – "
        name += relation.target.pseudonym
        if relation.valid_from:
            entries.append(
                TimelineEntry(
                    relation.valid_from,
                    "relation",
                    _("Relation begins"),
                    name,
                )
            )
        if relation.valid_to:
            entries.append(TimelineEntry(relation.valid_to, "relation", _("Relation ends"), name))
    for change in step_changes:
        text = (
            f"{change.from_step.name} → {change.to_step.name}"
            if change.from_step
            else change.to_step.name
        )
        if change.note:
            text += f": {change.note}"
        entries.append(
            TimelineEntry(timezone.localdate(change.changed_at), "step", _("Workflow step"), text)
        )
    entries.sort(key=lambda entry: entry.sort_key)
    return entries
