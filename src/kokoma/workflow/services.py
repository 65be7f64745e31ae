"""Procedure rules: the default template, transitions and response-time targets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, diff, record, save_audited, stored

from .models import EscalationLevel, ResponsibleRole, Step, Transition, Workflow

if TYPE_CHECKING:
    from kokoma.accounts.models import User
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
def create_default_workflow(municipality: Municipality, *, by: User | None = None) -> Workflow:
    """Give a municipality the default procedure (Eingang → … → abgeschlossen)."""
    workflow = Workflow.objects.create(
        municipality=municipality,
        title=f"Verfahrensordnung Konfliktbearbeitung – {municipality.name}",
        preamble="Diese Verfahrensordnung beschreibt, wie Konflikte in der Kommune gemeldet, "
        "eingeschätzt, analysiert und bearbeitet werden.",
    )
    steps = {}
    for position, (name, responsible, days, description) in enumerate(DEFAULT_STEPS, start=1):
        steps[name] = Step.objects.create(
            workflow=workflow,
            name=name,
            position=position,
            responsible=responsible,
            response_days=days,
            description=description,
            is_initial=position == 1,
            is_final=days is None,
        )
    Transition.objects.bulk_create(
        Transition(workflow=workflow, source=steps[a], target=steps[b])
        for a, b in DEFAULT_TRANSITIONS
    )
    EscalationLevel.objects.bulk_create(
        EscalationLevel(workflow=workflow, position=p, days_overdue=d, notify=n, action=a)
        for p, d, n, a in DEFAULT_ESCALATION
    )
    record(by=by, action=AuditAction.CREATE, obj=workflow, municipality=municipality)
    return workflow


def workflow_for(municipality: Municipality) -> Workflow:
    workflow = Workflow.objects.filter(municipality=municipality).first()
    return workflow if workflow is not None else create_default_workflow(municipality)


def initial_step(municipality: Municipality) -> Step:
    return workflow_for(municipality).steps.get(is_initial=True)


def allowed_targets(step: Step) -> list[Step]:
    return [transition.target for transition in step.outgoing.select_related("target")]


def check_transition(source: Step, target: Step) -> None:
    """May a case on step `source` move to `target`? A ValidationError says why not."""
    if target.workflow_id != source.workflow_id:
        raise ValidationError(_("This step does not belong to the municipality's procedure."))
    if not Transition.objects.filter(source=source, target=target).exists():
        raise ValidationError(
            _("The procedure rules do not allow the step from “%(source)s” to “%(target)s”.")
            % {"source": source.name, "target": target.name}
        )


@dataclass(frozen=True)
class Closing:
    """Whether a case on some step may be closed, and if not, from which steps it could be.

    The one answer for the case page (offer "Close case" or explain), the close page and the
    closing service (refuse), so that what the page offers is what the server accepts.
    """

    final_steps: list[Step]  # the final steps the rules allow from the current step
    closing_steps: list[Step]  # the steps from which the rules allow a final step at all

    @property
    def allowed(self) -> bool:
        return bool(self.final_steps)

    def explanation(self) -> str:
        """Why a case cannot be closed from here: the steps it can be closed from."""
        names = [step.name for step in self.closing_steps]
        if not names:
            return _(
                "The procedure rules allow closing a case from no step. The municipality's "
                "process-support tandem can allow a final step in the procedure rules."
            )
        if len(names) == 1:
            return _("A case can only be closed from the step “%(step)s”.") % {"step": names[0]}
        quoted = [pgettext("a quoted step name", "“%(name)s”") % {"name": name} for name in names]
        return _("A case can only be closed from the steps %(steps)s or %(last)s.") % {
            "steps": ", ".join(quoted[:-1]),
            "last": quoted[-1],
        }


def closing(step: Step) -> Closing:
    """May a case on `step` be closed, and from which steps could it be? One query."""
    into_final = (
        Transition.objects.filter(workflow_id=step.workflow_id, target__is_final=True)
        .select_related("source", "target")
        .order_by("source__position", "target__position")
    )
    final: list[Step] = []
    sources: dict[int, Step] = {}
    for transition in into_final:
        if transition.source_id == step.pk:
            final.append(transition.target)
        if not transition.source.is_final:
            sources.setdefault(transition.source_id, transition.source)
    return Closing(final_steps=final, closing_steps=list(sources.values()))


def check_closing(step: Step, to_step: Step) -> None:
    """May a case on `step` be closed into the final step `to_step`? A ValidationError says why
    not, naming the steps from which closing is allowed."""
    rule = closing(step)
    if not rule.allowed:
        raise ValidationError(rule.explanation(), code="closing_not_allowed")
    if to_step not in rule.final_steps:
        raise ValidationError(
            _("Please choose one of the final steps the procedure rules allow from here."),
            code="final_step_not_allowed",
        )


# --- Editing the procedure rules (the municipality's tandem) ---------------------------------


def check_workflow(workflow: Workflow) -> None:
    """The workflow as a whole: one initial step, a final step, a way out of every other step."""
    steps = list(workflow.steps.all())
    errors = []
    initial = [step for step in steps if step.is_initial]
    if len(initial) != 1:
        errors.append(_("The procedure needs exactly one initial step."))
    if not any(step.is_final for step in steps):
        errors.append(_("The procedure needs at least one final step."))
    with_exit = set(workflow.transitions.values_list("source_id", flat=True))
    for step in steps:
        if not step.is_final and step.pk not in with_exit:
            errors.append(
                _("The step “%(name)s” is not final and needs at least one allowed next step.")
                % {"name": step.name}
            )
    if errors:
        raise ValidationError(errors)


def _renumber(workflow: Workflow, moved: Step | None = None) -> None:
    """Positions 1…n in the current order; a moved step goes before the one it now ties with."""
    steps = sorted(
        workflow.steps.all(),
        key=lambda step: (step.position, 0 if moved is not None and step.pk == moved.pk else 1),
    )
    for number, step in enumerate(steps, start=1):
        if step.position != number:
            Step.objects.filter(pk=step.pk).update(position=number)


@transaction.atomic
def update_workflow(workflow: Workflow, *, by: User, title: str, preamble: str) -> Workflow:
    """Change the title and preamble; a save that changes nothing is not logged."""
    changed = assign(stored(workflow), {"title": title, "preamble": preamble})
    return save_audited(changed, by=by, municipality=changed.municipality, skip_unchanged=True)


def _set_targets(step: Step, targets: list[Step]) -> dict[str, Any]:
    """Make `targets` the step's allowed next steps; returns the change for the audit log."""
    current = {transition.target_id: transition for transition in step.outgoing.all()}
    wanted = {target.pk: target for target in targets}
    for target in targets:
        if target.workflow_id != step.workflow_id:
            raise ValidationError(_("This step does not belong to the municipality's procedure."))
        if target.pk == step.pk:
            raise ValidationError(_("A step cannot lead to itself."))
    Transition.objects.filter(pk__in=[t.pk for k, t in current.items() if k not in wanted]).delete()
    Transition.objects.bulk_create(
        Transition(workflow_id=step.workflow_id, source=step, target=target)
        for key, target in wanted.items()
        if key not in current
    )
    before = ", ".join(sorted(str(t.target) for t in current.values()))
    after = ", ".join(sorted(target.name for target in targets))
    return {"next steps": [before, after]} if before != after else {}


STEP_FIELDS = (
    "name",
    "description",
    "position",
    "responsible",
    "response_days",
    "is_initial",
    "is_final",
)


class StepFields(TypedDict, total=False):
    name: str
    description: str
    position: int
    responsible: str
    response_days: int | None
    is_initial: bool
    is_final: bool
    targets: list[Step]


def _step_fields(step: Step) -> dict[str, Any]:
    return {name: getattr(step, name) for name in STEP_FIELDS}


@transaction.atomic
def add_step(
    workflow: Workflow,
    *,
    by: User,
    name: str,
    description: str,
    position: int,
    responsible: str,
    response_days: int | None,
    is_initial: bool,
    is_final: bool,
    targets: list[Step],
) -> Step:
    """Add a step with its allowed next steps; the whole procedure must stay valid.

    Marking a step as initial takes that mark from the previous initial step.
    """
    step = Step(workflow=workflow)
    # The log shows what the new step holds, as changes from an empty step.
    before = _step_fields(step)
    fields = {
        "name": name,
        "description": description,
        "position": position,
        "responsible": responsible,
        "response_days": response_days,
        "is_initial": is_initial,
        "is_final": is_final,
    }
    return _save_step(assign(step, fields), by=by, before=before, targets=targets)


@transaction.atomic
def update_step(step: Step, *, by: User, **changes: Unpack[StepFields]) -> Step:
    """Change the given fields of a step and (with `targets`) its allowed next steps; the whole
    procedure must stay valid. Marking a step as initial takes that mark from the previous one.
    """
    targets = changes.pop("targets", None)
    current = stored(step)
    before = _step_fields(current)
    return _save_step(assign(current, changes), by=by, before=before, targets=targets)


def _save_step(step: Step, *, by: User, before: dict[str, Any], targets: list[Step] | None) -> Step:
    creating = step.pk is None
    workflow = step.workflow
    if step.is_initial:
        workflow.steps.filter(is_initial=True).exclude(pk=step.pk).update(is_initial=False)
    step.full_clean()
    step.save()
    changes = diff(before, _step_fields(step))
    if targets is not None:
        changes.update(_set_targets(step, targets))
    _renumber(workflow, moved=step)
    check_workflow(workflow)
    step.refresh_from_db()
    record(
        by=by,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=step,
        municipality=workflow.municipality,
        changes=changes,
    )
    return step


@transaction.atomic
def move_step(step: Step, *, by: User, up: bool) -> None:
    """Swap a step with its neighbour in the order of the procedure."""
    workflow = step.workflow
    steps = list(workflow.steps.all())
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(steps):
        return
    other = steps[other_index]
    Step.objects.filter(pk=step.pk).update(position=other.position)
    Step.objects.filter(pk=other.pk).update(position=step.position)
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=step,
        municipality=workflow.municipality,
        changes={"position": [step.position, other.position]},
    )


@transaction.atomic
def delete_step(step: Step, *, by: User) -> None:
    """Delete a step that no case is on and none has passed through; the rest must stay valid."""
    count = step.cases.count()
    if count:
        raise ValidationError(
            ngettext(
                "The step “%(name)s” cannot be deleted: %(count)d case is on it. "
                "Move the case to another step first.",
                "The step “%(name)s” cannot be deleted: %(count)d cases are on it. "
                "Move the cases to another step first.",
                count,
            )
            % {"name": step.name, "count": count},
            code="step_in_use",
        )
    if step.changes_from.exists() or step.changes_to.exists():
        raise ValidationError(
            _(
                "The step “%(name)s” cannot be deleted: cases have passed through it and their "
                "history refers to it. Rename it or take away the transitions that lead to it."
            )
            % {"name": step.name},
            code="step_in_history",
        )
    workflow = step.workflow
    record(by=by, action=AuditAction.DELETE, obj=step, municipality=workflow.municipality)
    step.delete()
    _renumber(workflow)
    check_workflow(workflow)


@transaction.atomic
def set_escalation_chain(
    workflow: Workflow, *, by: User, levels: list[tuple[int, str, str]]
) -> list[EscalationLevel]:
    """Replace the escalation chain by `levels` = [(days overdue, notify, action)], by days."""
    before = [str(level) for level in workflow.escalation_levels.all()]
    workflow.escalation_levels.all().delete()
    created = EscalationLevel.objects.bulk_create(
        EscalationLevel(
            workflow=workflow, position=position, days_overdue=days, notify=notify, action=a
        )
        for position, (days, notify, a) in enumerate(sorted(levels, key=lambda x: x[0]), start=1)
    )
    after = [str(level) for level in created]
    if before != after:
        record(
            by=by,
            action=AuditAction.UPDATE,
            obj=workflow,
            municipality=workflow.municipality,
            changes={"escalation chain": [before, after]},
        )
    return created
