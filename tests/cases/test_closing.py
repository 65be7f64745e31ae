"""Closing a case is offered exactly where the procedure rules allow it, and refused elsewhere
with the same explanation (issue 9, "no dead ends"): `workflow.closing` is the one answer."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.translation import override

from kokoma.accounts.models import User
from kokoma.cases import services
from kokoma.cases.case_page import case_page
from kokoma.cases.models import Case, CaseOutcome
from kokoma.workflow import services as workflow
from kokoma.workflow.models import Step, Transition

from ..conftest import Login, Persona
from .helpers import error_messages, url

pytestmark = pytest.mark.django_db

DEFAULT_STEPS = ["Eingang", "Ersteinschätzung", "Analyse", "Bearbeitung", "Nachsorge"]
# The default procedure rules allow "abgeschlossen" after these two steps only.
CLOSING_STEPS = {"Ersteinschätzung", "Nachsorge"}


def step(case: Case, name: str) -> Step:
    return Step.objects.get(workflow=case.step.workflow, name=name)


def put_on(case: Case, name: str) -> Case:
    """Place the case on a step directly: the path there is not what these tests are about."""
    Case.objects.filter(pk=case.pk).update(step=step(case, name), step_since=timezone.now())
    case.refresh_from_db()
    return case


def close(case: Case, by: User) -> Case:
    return services.close_case(
        case,
        by=by,
        outcome=CaseOutcome.RESOLVED,
        lessons="Gelernt.",
        to_step=step(case, "abgeschlossen"),
    )


@pytest.mark.parametrize("name", DEFAULT_STEPS)
def test_the_rule_names_the_final_steps_from_here_or_the_steps_to_close_from(
    case: Case, name: str
) -> None:
    rule = workflow.closing(put_on(case, name).step)
    assert rule.allowed == (name in CLOSING_STEPS)
    if rule.allowed:
        assert [s.name for s in rule.final_steps] == ["abgeschlossen"]
    else:
        assert [s.name for s in rule.closing_steps] == ["Ersteinschätzung", "Nachsorge"]
        with override("de"):
            assert rule.explanation() == (
                "Ein Fall kann erst aus den Schritten „Ersteinschätzung“ oder „Nachsorge“ "
                "abgeschlossen werden."
            )


@pytest.mark.parametrize("name", DEFAULT_STEPS)
def test_page_and_server_agree_on_every_step(
    case: Case, client: Client, login: Login, persona: Persona, name: str
) -> None:
    """The case page offers "Close case" exactly where the closing service accepts it, and
    where it does not, the page shows the very explanation the service refuses with."""
    user = login("local_a")
    put_on(case, name)
    page = case_page(case, user=user)
    with override("de"):
        content = client.get(url("detail", case)).content.decode()
        offered = url("close", case) in content
        assert offered == page["closing"].allowed
        try:
            close(case, user)
        except ValidationError as refused:
            accepted, reason = False, refused.messages[0]
        else:
            accepted, reason = True, ""
    assert offered == accepted == (name in CLOSING_STEPS)
    if not accepted:
        assert reason in content
        case.refresh_from_db()
        assert case.closed_at is None and case.outcome == "" and case.step.name == name


def test_the_close_page_explains_instead_of_offering_a_form(
    case: Case, client: Client, login: Login
) -> None:
    login("local_a")
    with override("de"):
        response = client.get(url("close", case))
        content = response.content.decode()
    assert response.status_code == 200
    assert '<form method="post" novalidate' not in content
    assert "Ein Fall kann erst aus den Schritten „Ersteinschätzung“ oder „Nachsorge“" in content
    assert "„Eingang“" in content
    # a crafted POST is refused all the same
    response = client.post(
        url("close", case),
        {"to_step": step(case, "abgeschlossen").pk, "outcome": "resolved", "lessons": "x"},
    )
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.closed_at is None and case.outcome == ""


def test_the_explanation_names_a_single_step_or_none(case: Case, persona: Persona) -> None:
    Transition.objects.filter(
        source=step(case, "Ersteinschätzung"), target=step(case, "abgeschlossen")
    ).delete()
    with override("de"):
        assert workflow.closing(case.step).explanation() == (
            "Ein Fall kann erst aus dem Schritt „Nachsorge“ abgeschlossen werden."
        )
    Transition.objects.filter(target__is_final=True, workflow=case.step.workflow).delete()
    rule = workflow.closing(case.step)
    assert not rule.allowed and rule.closing_steps == []
    with override("de"):
        assert "Prozessbegleitung" in rule.explanation()
    with pytest.raises(ValidationError):
        close(put_on(case, "Nachsorge"), persona("local_a"))


def test_a_final_step_not_allowed_from_here_is_refused(case: Case, persona: Persona) -> None:
    workflow_ = case.step.workflow
    other_final = Step.objects.create(
        workflow=workflow_, name="eingestellt", position=99, responsible="tandem", is_final=True
    )
    put_on(case, "Nachsorge")
    with pytest.raises(ValidationError) as refused:
        services.close_case(
            case, by=persona("local_a"), outcome="resolved", lessons="x", to_step=other_final
        )
    assert refused.value.code == "final_step_not_allowed"


def test_the_step_form_offers_no_final_step_and_refuses_one(
    case: Case, client: Client, login: Login
) -> None:
    user = login("local_a")
    put_on(case, "Nachsorge")
    form = case_page(case, user=user)["transition_form"]
    offered = [label for _, label in form.fields["to_step"].widget.choices]
    assert offered == ["Bearbeitung"]
    with override("de"):
        response = client.post(url("transition", case), {"to_step": step(case, "abgeschlossen").pk})
    assert response.status_code == 302
    assert error_messages(response)
    case.refresh_from_db()
    assert case.closed_at is None and case.step.name == "Nachsorge"
    # with closing as the only way on, the step section points to it
    Transition.objects.filter(source=case.step, target=step(case, "Bearbeitung")).delete()
    with override("de"):
        content = client.get(url("detail", case)).content.decode()
    assert "Von diesem Schritt aus erlaubt die Verfahrensordnung nur, den Fall abzuschließen" in (
        content
    )
    assert content.count(url("close", case)) == 2  # in the step section and under "Closing"
