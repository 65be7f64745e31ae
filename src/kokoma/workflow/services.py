"""Procedure rules: the default template, transitions and response-time targets."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.audit.models import AuditAction
from kokoma.audit.services import record

from .models import EscalationLevel, ProcedureRules, ResponsibleRole, Step, Transition

if TYPE_CHECKING:
    from kokoma.accounts.models import User
    from kokoma.cases.models import Case
    from kokoma.municipalities.models import Municipality

# (name, responsible, response-time target in days, description)
DEFAULT_STEPS = [
    (
        "Eingang",
        ResponsibleRole.LOCAL_COMPANION,
        3,
        "Meldung oder Anliegen ist eingegangen und wird gesichtet.",
    ),
    (
        "Ersteinschätzung",
        ResponsibleRole.TANDEM,
        7,
        "Erste Einschätzung von Dringlichkeit, Gefährdung und Zuständigkeit.",
    ),
    (
        "Analyse",
        ResponsibleRole.CASE_TEAM,
        30,
        "Systemische Situations- und Konfliktanalyse mit Akteur:innen und Eskalationsstufe.",
    ),
    (
        "Bearbeitung",
        ResponsibleRole.CASE_TEAM,
        90,
        "Verfahren und Maßnahmen werden geplant und umgesetzt.",
    ),
    (
        "Nachsorge",
        ResponsibleRole.TANDEM,
        60,
        "Vereinbarungen werden überprüft, Erfahrungen ausgewertet.",
    ),
    ("abgeschlossen", ResponsibleRole.TANDEM, None, "Der Fall ist abgeschlossen."),
]
DEFAULT_TRANSITIONS = [
    ("Eingang", "Ersteinschätzung"),
    ("Ersteinschätzung", "Analyse"),
    ("Ersteinschätzung", "abgeschlossen"),
    ("Analyse", "Bearbeitung"),
    ("Analyse", "Ersteinschätzung"),
    ("Bearbeitung", "Nachsorge"),
    ("Bearbeitung", "Analyse"),
    ("Nachsorge", "abgeschlossen"),
    ("Nachsorge", "Bearbeitung"),
]
DEFAULT_ESCALATION = [
    (
        1,
        3,
        ResponsibleRole.TANDEM,
        "Rücksprache im Tandem, Termin für die überfällige Aufgabe festlegen",
    ),
    (
        2,
        14,
        ResponsibleRole.EXTERNAL_COMPANION,
        "Externe Prozessbegleitung klärt Hindernisse mit der Verwaltungsspitze",
    ),
]


@transaction.atomic
def create_default_rules(municipality: Municipality, *, by: User | None = None) -> ProcedureRules:
    """Give a municipality the default procedure (Eingang → … → abgeschlossen)."""
    rules = ProcedureRules.objects.create(
        municipality=municipality,
        title=f"Verfahrensordnung Konfliktbearbeitung – {municipality.name}",
        preamble="Diese Verfahrensordnung beschreibt, wie Konflikte in der Kommune gemeldet, "
        "eingeschätzt, analysiert und bearbeitet werden.",
    )
    steps = {}
    for position, (name, responsible, days, description) in enumerate(DEFAULT_STEPS, start=1):
        steps[name] = Step.objects.create(
            rules=rules,
            name=name,
            position=position,
            responsible=responsible,
            response_days=days,
            description=description,
            is_initial=position == 1,
            is_final=days is None,
        )
    Transition.objects.bulk_create(
        Transition(rules=rules, source=steps[a], target=steps[b]) for a, b in DEFAULT_TRANSITIONS
    )
    EscalationLevel.objects.bulk_create(
        EscalationLevel(rules=rules, position=p, days_overdue=d, notify=n, action=a)
        for p, d, n, a in DEFAULT_ESCALATION
    )
    record(by=by, action=AuditAction.CREATE, obj=rules, municipality=municipality)
    return rules


def rules_for(municipality: Municipality) -> ProcedureRules:
    try:
        return municipality.procedure_rules  # type: ignore[attr-defined]
    except ProcedureRules.DoesNotExist:
        return create_default_rules(municipality)


def initial_step(municipality: Municipality) -> Step:
    return rules_for(municipality).steps.get(is_initial=True)


def allowed_targets(step: Step) -> list[Step]:
    return [transition.target for transition in step.outgoing.select_related("target")]


def due_at(case: Case) -> datetime.datetime | None:
    if case.step.response_days is None or case.closed_at is not None:
        return None
    return case.step_since + datetime.timedelta(days=case.step.response_days)


def is_overdue(case: Case, now: datetime.datetime | None = None) -> bool:
    due = due_at(case)
    return due is not None and due < (now or timezone.now())


def check_transition(case: Case, target: Step) -> None:
    if target.rules_id != case.step.rules_id:
        raise ValidationError(_("This step does not belong to the municipality's procedure."))
    if not Transition.objects.filter(source=case.step, target=target).exists():
        raise ValidationError(
            _("The procedure rules do not allow the step from “%(source)s” to “%(target)s”.")
            % {"source": case.step.name, "target": target.name}
        )
