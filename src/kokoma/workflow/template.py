"""Procedure rules as a template another municipality can take over (a transfer model carries one).

A template is plain data – title, preamble, steps, allowed transitions (by step name) and the
escalation chain – so that a copy stays what it was when it was taken, whatever the municipality
it came from changes later. `compare` says what applying it would change; `apply_template` does
it in one transaction:

* a step of the same name is updated in place (the cases on it stay where they are);
* a step the template adds is created;
* a step the template lacks is deleted – unless cases are on it or have passed through it: then it
  stays (no longer initial), keeps its transitions to the steps that remain and, if it would
  otherwise be a dead end, may lead to the template's final steps, so that its cases can still
  be closed;
* the transitions and the escalation chain become the template's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from kokoma.audit.models import AuditAction
from kokoma.audit.services import record

from .models import ResponsibleRole, Step, Transition, Workflow
from .services import check_workflow, set_escalation_chain

if TYPE_CHECKING:
    from kokoma.accounts.models import User

STEP_FIELDS = ("description", "responsible", "response_days", "is_initial", "is_final")
MAX_STEPS = 30


def export_template(workflow: Workflow) -> dict[str, Any]:
    """The procedure rules of `workflow` as a template (JSON-ready)."""
    steps = list(workflow.steps.order_by("position"))
    names = {step.pk: step.name for step in steps}
    return {
        "title": workflow.title,
        "preamble": workflow.preamble,
        "steps": [
            {"name": step.name, **{name: getattr(step, name) for name in STEP_FIELDS}}
            for step in steps
        ],
        "transitions": sorted(
            [names[t.source_id], names[t.target_id]] for t in workflow.transitions.all()
        ),
        "escalation": [
            [level.days_overdue, level.notify, level.action]
            for level in workflow.escalation_levels.order_by("position")
        ],
    }


def check_template(template: dict[str, Any]) -> None:
    """A template that can be applied: unique step names, one initial step, a final step, every
    transition between two of its steps and a way out of every step that is not final."""
    steps = template.get("steps") or []
    names = [str(step.get("name", "")).strip() for step in steps]
    errors = []
    if not steps or len(steps) > MAX_STEPS or not all(names):
        errors.append(_("The procedure template needs between 1 and 30 named steps."))
    if len(set(names)) != len(names):
        errors.append(_("The step names of the procedure template must be unique."))
    if sum(1 for step in steps if step.get("is_initial")) != 1:
        errors.append(_("The procedure needs exactly one initial step."))
    if not any(step.get("is_final") for step in steps):
        errors.append(_("The procedure needs at least one final step."))
    if any(step.get("responsible") not in ResponsibleRole.values for step in steps):
        errors.append(_("A step of the procedure template names an unknown responsibility."))
    known = set(names)
    transitions = [tuple(pair) for pair in template.get("transitions") or []]
    if any(len(pair) != 2 or not set(pair) <= known for pair in transitions):
        errors.append(_("A transition of the procedure template names an unknown step."))
    sources = {pair[0] for pair in transitions}
    for step in steps:
        if not step.get("is_final") and step.get("name") not in sources:
            errors.append(
                _("The step “%(name)s” is not final and needs at least one allowed next step.")
                % {"name": step.get("name")}
            )
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class StepChange:
    name: str
    # "added", "changed", "same" (in both, unchanged), "removed", or "kept" (not in the
    # template, but cases are on it or passed through it)
    kind: str
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    cases: int = 0


@dataclass(frozen=True)
class TemplateDiff:
    """What applying a template to a workflow changes, step by step."""

    title: tuple[str, str] | None
    preamble_changed: bool
    steps: list[StepChange]
    transitions_added: list[tuple[str, str]]
    transitions_removed: list[tuple[str, str]]
    escalation: tuple[list[str], list[str]] | None

    @property
    def changes_nothing(self) -> bool:
        return not (
            self.title
            or self.preamble_changed
            or any(change.kind not in ("same", "kept") for change in self.steps)
            or self.transitions_added
            or self.transitions_removed
            or self.escalation
        )


def _label(name: str) -> str:
    return str(getattr(Step._meta.get_field(name), "verbose_name", name))


def _shown(name: str, value: Any) -> Any:
    if name == "responsible":
        return ResponsibleRole(value).label if value in ResponsibleRole.values else value
    return value


def _escalation_lines(levels: list[list[Any]]) -> list[str]:
    return [
        _("after %(days)s days: %(notify)s – %(action)s")
        % {"days": days, "notify": _shown("responsible", notify), "action": action}
        for days, notify, action in levels
    ]


def _steps_in_use(workflow: Workflow) -> dict[str, int]:
    """Step name → cases on it, for the steps no template may delete (cases on them or passed)."""
    steps = workflow.steps.annotate(
        on_it=Count("cases", distinct=True),
        passed_to=Count("changes_to", distinct=True),
        passed_from=Count("changes_from", distinct=True),
    )
    return {
        step.name: step.on_it for step in steps if step.on_it or step.passed_to or step.passed_from
    }


def compare(workflow: Workflow, template: dict[str, Any]) -> TemplateDiff:
    current = export_template(workflow)
    in_use = _steps_in_use(workflow)
    old_steps = {step["name"]: step for step in current["steps"]}
    new_steps = {step["name"]: step for step in template["steps"]}
    changes = []
    for name, new in new_steps.items():
        old = old_steps.get(name)
        if old is None:
            changes.append(StepChange(name, "added"))
            continue
        fields = [
            (_label(key), _shown(key, old[key]), _shown(key, new.get(key)))
            for key in STEP_FIELDS
            if old[key] != new.get(key)
        ]
        changes.append(
            StepChange(name, "changed" if fields else "same", fields, in_use.get(name, 0))
        )
    for name in old_steps:
        if name not in new_steps:
            kind = "kept" if name in in_use else "removed"
            changes.append(StepChange(name, kind, [], in_use.get(name, 0)))
    old_pairs = {tuple(pair) for pair in current["transitions"]}
    new_pairs = {tuple(pair) for pair in template["transitions"]}
    surviving = set(new_steps) | set(in_use)
    # the transitions of a step that stays outside the template are kept where they lead to a
    # step that remains
    kept_pairs = {
        pair
        for pair in old_pairs
        if pair[0] in in_use and pair[0] not in new_steps and pair[1] in surviving
    }
    old_levels = _escalation_lines(current["escalation"])
    new_levels = _escalation_lines(template["escalation"])
    return TemplateDiff(
        title=(current["title"], template["title"])
        if current["title"] != template["title"]
        else None,
        preamble_changed=current["preamble"] != template["preamble"],
        steps=changes,
        transitions_added=sorted(new_pairs - old_pairs),
        transitions_removed=sorted(old_pairs - new_pairs - kept_pairs),
        escalation=(old_levels, new_levels) if old_levels != new_levels else None,
    )


@transaction.atomic
def apply_template(workflow: Workflow, template: dict[str, Any], *, by: User) -> TemplateDiff:
    """Make `workflow` follow `template` (see the module's description); returns what changed."""
    check_template(template)
    workflow = Workflow.objects.select_for_update().get(pk=workflow.pk)
    diff = compare(workflow, template)
    in_use = _steps_in_use(workflow)
    existing = {step.name: step for step in workflow.steps.all()}
    # one initial step at a time (a unique constraint): clear the flag before setting it anew
    workflow.steps.update(is_initial=False)
    wanted: dict[str, Step] = {}
    for position, data in enumerate(template["steps"], start=1):
        values = {name: data.get(name) for name in STEP_FIELDS}
        step = existing.get(data["name"])
        if step is None:
            step = Step(workflow=workflow, name=data["name"])
        for name, value in values.items():
            setattr(step, name, value)
        step.description = step.description or ""
        step.position = position
        step.save()
        wanted[step.name] = step
    kept = {name: step for name, step in existing.items() if name not in wanted and name in in_use}
    for offset, step in enumerate(kept.values(), start=len(wanted) + 1):
        Step.objects.filter(pk=step.pk).update(position=offset, is_initial=False)
    old_pairs = {
        (t.source.name, t.target.name)
        for t in workflow.transitions.select_related("source", "target")
    }
    for name, step in existing.items():
        if name not in wanted and name not in kept:
            step.delete()
    surviving = {**wanted, **kept}
    pairs = {tuple(pair) for pair in template["transitions"]}
    for source, target in old_pairs:
        if source in kept and target in surviving:
            pairs.add((source, target))
    finals = [name for name, step in wanted.items() if step.is_final]
    for name, step in kept.items():
        if not step.is_final and not any(source == name for source, _target in pairs):
            pairs.update((name, final) for final in finals)
    workflow.transitions.all().delete()
    Transition.objects.bulk_create(
        Transition(workflow=workflow, source=surviving[a], target=surviving[b]) for a, b in pairs
    )
    set_escalation_chain(
        workflow,
        by=by,
        levels=[(int(days), notify, action) for days, notify, action in template["escalation"]],
    )
    Workflow.objects.filter(pk=workflow.pk).update(
        title=template["title"], preamble=template.get("preamble", "")
    )
    check_workflow(workflow)
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=workflow,
        municipality=workflow.municipality,
        changes={
            "template": [
                None,
                {
                    "added": [c.name for c in diff.steps if c.kind == "added"],
                    "changed": [c.name for c in diff.steps if c.kind == "changed"],
                    "removed": [c.name for c in diff.steps if c.kind == "removed"],
                    "kept": [
                        c.name for c in diff.steps if c.kind == "kept" and c.name not in wanted
                    ],
                },
            ]
        },
    )
    return diff


def describe(template: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The template as a person reads it: each step with its responsibility in words and the
    steps a case may go to next, and the escalation chain as lines."""
    following: dict[str, list[str]] = {}
    for source, target in template.get("transitions") or []:
        following.setdefault(source, []).append(target)
    order = {step["name"]: number for number, step in enumerate(template.get("steps") or [])}
    steps = [
        {
            **step,
            "responsible_label": _shown("responsible", step.get("responsible")),
            "next": sorted(following.get(step["name"], []), key=lambda name: order.get(name, 0)),
        }
        for step in template.get("steps") or []
    ]
    return steps, _escalation_lines(template.get("escalation") or [])
