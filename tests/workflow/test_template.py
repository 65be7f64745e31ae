"""Procedure rules as a template: exported as data, compared, and applied to another municipality
without losing a case's step."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kokoma.accounts.models import User
from kokoma.municipalities import services as municipality_services
from kokoma.municipalities.models import Municipality
from kokoma.workflow.services import check_workflow, workflow_for
from kokoma.workflow.template import apply_template, check_template, compare, export_template

from ..conftest import COTTBUS, Persona
from ..municipalities.factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db


def _fresh(office: User) -> Municipality:
    return municipality_services.onboard_municipality(
        by=office, register=RegisterEntryFactory.create(), joined_on=datetime.date(2026, 1, 5)
    )


def _template() -> dict:
    """The default procedure with a step "Klärung" between Ersteinschätzung and Analyse, a
    shorter target for Eingang, no Nachsorge, and a chain of one level."""
    base = export_template(workflow_for(Municipality.objects.get(register__ags=COTTBUS)))
    template = copy.deepcopy(base)
    template["title"] = "Verfahrensordnung nach dem Praxismodell"
    steps = [step for step in template["steps"] if step["name"] != "Nachsorge"]
    for step in steps:
        if step["name"] == "Eingang":
            step["response_days"] = 2
    position = next(i for i, step in enumerate(steps) if step["name"] == "Analyse")
    steps.insert(
        position,
        {
            "name": "Klärung",
            "description": "Zuständigkeit mit der Verwaltungsspitze klären.",
            "responsible": "tandem",
            "response_days": 5,
            "is_initial": False,
            "is_final": False,
        },
    )
    template["steps"] = steps
    template["transitions"] = [
        ["Eingang", "Ersteinschätzung"],
        ["Ersteinschätzung", "Klärung"],
        ["Klärung", "Analyse"],
        ["Analyse", "Bearbeitung"],
        ["Bearbeitung", "abgeschlossen"],
    ]
    template["escalation"] = [[5, "tandem", "Rücksprache im Tandem"]]
    return template


def test_applied_to_a_municipality_without_cases_it_becomes_its_procedure(
    persona: Persona,
) -> None:
    office = persona("office")
    workflow = workflow_for(_fresh(office))
    template = _template()
    diff = compare(workflow, template)
    kinds = {change.name: change.kind for change in diff.steps}
    assert kinds["Klärung"] == "added"
    assert kinds["Nachsorge"] == "removed"
    assert kinds["Eingang"] == "changed"
    assert kinds["Analyse"] == "same"
    assert ("Klärung", "Analyse") in diff.transitions_added
    assert ("Nachsorge", "abgeschlossen") in diff.transitions_removed
    assert diff.escalation is not None and diff.title is not None

    apply_template(workflow, template, by=office)
    workflow.refresh_from_db()
    assert export_template(workflow) == {**template, "transitions": sorted(template["transitions"])}
    assert compare(workflow, template).changes_nothing


def test_a_step_with_cases_stays_and_can_still_be_left(persona: Persona) -> None:
    office = persona("office")
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    workflow = workflow_for(cottbus)
    nachsorge = workflow.steps.get(name="Nachsorge")
    on_it = nachsorge.cases.count()
    passed = nachsorge.changes_to.exists() or nachsorge.changes_from.exists()
    assert on_it or passed, "the demo has Cottbus cases that reached the aftercare step"
    diff = apply_template(workflow, _template(), by=office)
    workflow.refresh_from_db()
    assert {change.name: change.kind for change in diff.steps}["Nachsorge"] == "kept"
    kept = workflow.steps.get(name="Nachsorge")
    assert kept.cases.count() == on_it
    assert not kept.is_initial
    assert kept.outgoing.exists()  # its cases can still move on
    check_workflow(workflow)
    assert workflow.steps.get(name="Klärung").position < workflow.steps.get(name="Analyse").position


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda t: t["steps"].append(dict(t["steps"][0])), "unique"),
        (lambda t: [s.update(is_initial=False) for s in t["steps"]], "initial"),
        (lambda t: t["transitions"].append(["Eingang", "Nirgendwo"]), "unknown step"),
        (lambda t: t["steps"][0].update(responsible="mayor"), "responsibility"),
        (lambda t: t.update(transitions=[]), "next step"),
    ],
)
def test_a_broken_template_is_refused(spoil: object, message: str) -> None:
    template = _template()
    spoil(template)  # type: ignore[operator]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        check_template(template)
    assert message in " ".join(refused.value.messages)
