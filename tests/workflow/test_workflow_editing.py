"""Procedure rules: validation of the whole, the edit pages and the PDF."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kokoma.audit.models import AuditEntry
from kokoma.cases import services as case_services
from kokoma.municipalities.models import Municipality
from kokoma.workflow import services
from kokoma.workflow.models import ResponsibleRole, Step, Transition, Workflow
from tests.conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """The service messages are asserted by their English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


@pytest.fixture
def workflow(cottbus: Municipality) -> Workflow:
    return services.workflow_for(cottbus)


def test_the_default_rules_are_valid(workflow: Workflow) -> None:
    services.check_workflow(workflow)


def test_taking_the_initial_mark_away_is_refused(workflow: Workflow, persona: Persona) -> None:
    first = workflow.steps.get(is_initial=True)
    with pytest.raises(ValidationError, match="exactly one initial step"):
        services.update_step(first, by=persona("local_a"), is_initial=False)
    assert workflow.steps.filter(is_initial=True).count() == 1


def test_a_new_initial_step_takes_the_mark(workflow: Workflow, persona: Persona) -> None:
    analysis = workflow.steps.get(name="Analyse")
    services.update_step(analysis, by=persona("local_a"), is_initial=True)
    assert list(workflow.steps.filter(is_initial=True)) == [analysis]


def test_without_a_final_step_the_rules_are_refused(workflow: Workflow, persona: Persona) -> None:
    final = workflow.steps.get(is_final=True)
    with pytest.raises(ValidationError, match="at least one final step"):
        services.update_step(
            final,
            by=persona("local_a"),
            is_final=False,
            targets=[workflow.steps.get(name="Eingang")],
        )


def test_a_non_final_step_needs_a_way_out(workflow: Workflow, persona: Persona) -> None:
    analysis = workflow.steps.get(name="Analyse")
    with pytest.raises(ValidationError, match="needs at least one allowed next step"):
        services.update_step(analysis, by=persona("local_a"), targets=[])
    assert analysis.outgoing.count() == 2


def test_adding_and_reordering_a_step(workflow: Workflow, persona: Persona) -> None:
    analysis = workflow.steps.get(name="Analyse")
    new = services.add_step(
        workflow,
        by=persona("local_a"),
        name="Vorgespräch",
        description="Gespräch mit den Beteiligten",
        position=3,
        responsible=ResponsibleRole.TANDEM,
        response_days=10,
        is_initial=False,
        is_final=False,
        targets=[analysis],
    )
    names = list(workflow.steps.values_list("name", flat=True))
    assert names.index("Vorgespräch") == 2
    assert list(workflow.steps.values_list("position", flat=True)) == list(range(1, len(names) + 1))
    assert Transition.objects.filter(source=new, target=analysis).exists()
    assert AuditEntry.objects.filter(object_type="workflow.Step", object_id=str(new.pk)).exists()
    services.move_step(new, by=persona("local_a"), up=True)
    assert list(workflow.steps.values_list("name", flat=True)).index("Vorgespräch") == 1


def test_a_step_with_cases_cannot_be_deleted(
    workflow: Workflow, persona: Persona, cottbus: Municipality
) -> None:
    initial = workflow.steps.get(is_initial=True)
    case_services.open_case(municipality=cottbus, by=persona("local_a"), title="Testfall")
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.delete_step(initial, by=persona("local_a"))
    assert Step.objects.filter(pk=initial.pk).exists()


def test_an_unused_step_can_be_deleted(workflow: Workflow, persona: Persona) -> None:
    extra = services.add_step(
        workflow,
        by=persona("local_a"),
        name="Extra",
        description="",
        position=99,
        responsible=ResponsibleRole.TANDEM,
        response_days=None,
        is_initial=False,
        is_final=True,
        targets=[],
    )
    services.delete_step(extra, by=persona("local_a"))
    assert not Step.objects.filter(pk=extra.pk).exists()


def test_deleting_the_only_exit_of_a_step_is_refused(workflow: Workflow, persona: Persona) -> None:
    # Eingang's only exit is Ersteinschätzung; a new step Z with no history may go, but a step
    # whose loss leaves another step stuck may not.
    stuck_maker = services.add_step(
        workflow,
        by=persona("local_a"),
        name="Zwischenschritt",
        description="",
        position=99,
        responsible=ResponsibleRole.TANDEM,
        response_days=None,
        is_initial=False,
        is_final=True,
        targets=[],
    )
    extra = services.add_step(
        workflow,
        by=persona("local_a"),
        name="Sackgasse",
        description="",
        position=99,
        responsible=ResponsibleRole.TANDEM,
        response_days=5,
        is_initial=False,
        is_final=False,
        targets=[stuck_maker],
    )
    with pytest.raises(ValidationError, match="needs at least one allowed next step"):
        services.delete_step(stuck_maker, by=persona("local_a"))
    assert Step.objects.filter(pk=extra.pk).exists()


def test_transitions_follow_the_edited_rules(
    workflow: Workflow, persona: Persona, cottbus: Municipality
) -> None:
    case = case_services.open_case(municipality=cottbus, by=persona("local_a"), title="Regeltest")
    analysis = workflow.steps.get(name="Analyse")
    with pytest.raises(ValidationError):
        case_services.transition_case(case, by=persona("local_a"), to_step=analysis)
    entrance = workflow.steps.get(is_initial=True)
    services.update_step(entrance, by=persona("local_a"), targets=[analysis])
    case_services.transition_case(case, by=persona("local_a"), to_step=analysis)
    case.refresh_from_db()
    assert case.step == analysis


def test_the_escalation_chain_is_replaced_in_order(workflow: Workflow, persona: Persona) -> None:
    services.set_escalation_chain(
        workflow,
        by=persona("local_a"),
        levels=[(20, ResponsibleRole.EXTERNAL_COMPANION, "B"), (5, ResponsibleRole.TANDEM, "A")],
    )
    assert list(workflow.escalation_levels.values_list("position", "days_overdue", "action")) == [
        (1, 5, "A"),
        (2, 20, "B"),
    ]


# --- pages ---------------------------------------------------------------------------------


def test_the_rules_page_shows_steps_to_members(client: Client, login: Login) -> None:
    login("actor_a")
    response = client.get(reverse("workflow:detail", args=[COTTBUS]))
    assert response.status_code == 200
    assert b"Ersteinsch" in response.content
    assert reverse("workflow:step_create", args=[COTTBUS]).encode() not in response.content


def test_the_tandem_adds_a_step_through_the_form(
    client: Client, login: Login, workflow: Workflow
) -> None:
    login("local_a")
    analysis = workflow.steps.get(name="Analyse")
    response = client.post(
        reverse("workflow:step_create", args=[COTTBUS]),
        {
            "name": "Klärung",
            "description": "",
            "position": 2,
            "responsible": "tandem",
            "response_days": 5,
            "targets": [analysis.pk],
        },
    )
    assert response.status_code == 302
    assert workflow.steps.filter(name="Klärung", position=2).exists()


def test_editing_a_step_through_the_form_logs_what_changed(
    client: Client, login: Login, workflow: Workflow
) -> None:
    login("local_a")
    analysis = workflow.steps.get(name="Analyse")
    response = client.post(
        reverse("workflow:step_edit", args=[COTTBUS, analysis.pk]),
        {
            "name": "Analyse und Ziele",
            "description": analysis.description,
            "position": analysis.position,
            "responsible": analysis.responsible,
            "response_days": 21,
            "targets": [t.target_id for t in analysis.outgoing.all()],
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_type="workflow.Step", object_id=str(analysis.pk)).get()
    assert entry.changes == {"name": ["Analyse", "Analyse und Ziele"], "response_days": [30, 21]}


def test_a_bad_step_form_keeps_the_input(client: Client, login: Login, workflow: Workflow) -> None:
    login("local_a")
    response = client.post(
        reverse("workflow:step_create", args=[COTTBUS]),
        {
            "name": "Ohne Ausgang",
            "description": "",
            "position": 2,
            "responsible": "tandem",
            "response_days": 5,
        },
    )
    assert response.status_code == 200
    assert b'value="Ohne Ausgang"' in response.content
    assert not workflow.steps.filter(name="Ohne Ausgang").exists()
    assert response.context["form"].non_field_errors()


def test_deleting_a_step_with_cases_shows_a_message(
    client: Client, login: Login, workflow: Workflow, persona: Persona, cottbus: Municipality
) -> None:
    case_services.open_case(municipality=cottbus, by=persona("local_a"), title="Testfall")
    login("local_a")
    initial = workflow.steps.get(is_initial=True)
    response = client.post(reverse("workflow:step_delete", args=[COTTBUS, initial.pk]), follow=True)
    assert Step.objects.filter(pk=initial.pk).exists()
    assert [m.level for m in response.context["messages"]] == [messages.ERROR]


def test_the_escalation_formset_saves(client: Client, login: Login, workflow: Workflow) -> None:
    login("external")
    levels = list(workflow.escalation_levels.all())
    data: dict[str, object] = {
        "stufe-TOTAL_FORMS": len(levels) + 1,
        "stufe-INITIAL_FORMS": len(levels),
        "stufe-MIN_NUM_FORMS": 0,
        "stufe-MAX_NUM_FORMS": 1000,
    }
    for index, level in enumerate(levels):
        data.update(
            {
                f"stufe-{index}-id": level.pk,
                f"stufe-{index}-days_overdue": level.days_overdue,
                f"stufe-{index}-notify": level.notify,
                f"stufe-{index}-action": level.action,
            }
        )
    data["stufe-0-DELETE"] = "on"
    n = len(levels)
    data.update(
        {f"stufe-{n}-days_overdue": 30, f"stufe-{n}-notify": "tandem", f"stufe-{n}-action": "Neu"}
    )
    response = client.post(reverse("workflow:escalation", args=[COTTBUS]), data)
    assert response.status_code == 302
    assert list(workflow.escalation_levels.values_list("days_overdue", flat=True)) == [14, 30]


def test_the_rules_print_as_pdf(client: Client, login: Login, tmp_path: Path) -> None:
    login("trainee_a")
    response = client.get(reverse("workflow:pdf", args=[COTTBUS]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Verfahrensordnung" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 2000
    if shutil.which("pdftotext"):
        path = tmp_path / "rules.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(
            ["pdftotext", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for name in ["Eingang", "Ersteinschätzung", "Analyse", "Nachsorge"]:
            assert name in text
