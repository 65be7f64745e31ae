"""Adopting a transfer model: its procedure and checklists become the municipality's own copy in
one step, once, independent of later edits; the model page shows where and how it worked."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kokoma.guidance.models import Checklist
from kokoma.municipalities.models import Municipality
from kokoma.transfer import services
from kokoma.transfer.models import Adoption, TransferModel
from kokoma.workflow.services import workflow_for
from kokoma.workflow.template import export_template

from ..conftest import BAUTZEN, COTTBUS, Login, Persona
from . import factories

pytestmark = pytest.mark.django_db


def bautzen() -> Municipality:
    return Municipality.objects.get(register__ags=BAUTZEN)


def test_adopting_copies_the_procedure_and_the_checklists(persona: Persona) -> None:
    model = factories.model(checklists=2)
    services.change_model(model, by=persona("local_a"))  # nothing changes by saving
    adoption = services.adopt(model, by=persona("local_b"), municipality=bautzen())
    assert adoption.procedure_applied and adoption.checklists_copied == 2
    template = model.procedure_template
    assert template is not None
    mine = export_template(workflow_for(bautzen()))
    assert [step["name"] for step in mine["steps"]][: len(template["steps"])] == [
        step["name"] for step in template["steps"]
    ]
    own = Checklist.objects.filter(municipality=bautzen(), title__startswith="Runder Tisch")
    assert own.count() == 2
    assert [item.text for item in own.first().items.order_by("position")] == [  # type: ignore[union-attr]
        "Beteiligte einladen",
        "Moderation klären",
        "Regeln vereinbaren",
    ]


def test_the_copy_stays_independent_of_later_edits_to_the_model(persona: Persona) -> None:
    model = factories.model()
    services.adopt(model, by=persona("local_b"), municipality=bautzen())
    checklist = model.checklists.get()
    services.save_checklist(
        model, by=persona("local_a"), checklist=checklist, items="Etwas ganz anderes"
    )
    template = dict(model.procedure_template or {})
    template["title"] = "Geändert"
    TransferModel.objects.filter(pk=model.pk).update(procedure_template=template)
    own = Checklist.objects.get(municipality=bautzen(), title=checklist.title)
    assert own.items.order_by("position").first().text == "Beteiligte einladen"  # type: ignore[union-attr]
    assert workflow_for(bautzen()).title != "Geändert"


def test_the_template_is_a_snapshot_of_the_source_rules(persona: Persona) -> None:
    model = factories.model()
    taken = model.procedure_template
    workflow = workflow_for(factories.cottbus())
    workflow.title = "Später geändert"
    workflow.save()
    model.refresh_from_db()
    assert model.procedure_template == taken


def test_adopting_twice_is_refused_pointing_at_the_first(persona: Persona) -> None:
    model = factories.model()
    first = services.adopt(model, by=persona("local_b"), municipality=bautzen())
    with pytest.raises(ValidationError) as refused:
        services.adopt(model, by=persona("office"), municipality=bautzen())
    text = " ".join(refused.value.messages)
    assert "Bautzen" in text and first.adopted_at.strftime("%d.%m.%Y") in text
    assert Adoption.objects.filter(transfer_model=model).count() == 1


@pytest.mark.parametrize(
    ("name", "ags", "why"),
    [
        ("local_a", COTTBUS, "entwickelt"),  # its own municipality
        ("local_a", BAUTZEN, "Tandem"),  # not in Bautzen's tandem
        ("actor_b", BAUTZEN, "Tandem"),  # an actor does not decide for the municipality
    ],
)
def test_who_may_adopt_for_which_municipality(
    persona: Persona, name: str, ags: str, why: str
) -> None:
    model = factories.model()
    with pytest.raises(ValidationError) as refused:
        services.adopt(
            model, by=persona(name), municipality=Municipality.objects.get(register__ags=ags)
        )
    assert why in " ".join(refused.value.messages)


def test_a_draft_is_neither_shown_to_the_network_nor_adopted(persona: Persona) -> None:
    model = factories.model(published=False, title="Entwurf")
    assert not TransferModel.objects.visible_to(persona("local_b")).filter(pk=model.pk).exists()
    assert TransferModel.objects.visible_to(persona("local_a")).filter(pk=model.pk).exists()
    assert TransferModel.objects.visible_to(persona("office")).filter(pk=model.pk).exists()
    with pytest.raises(ValidationError):
        services.adopt(model, by=persona("office"), municipality=bautzen())


def test_adopt_in_the_browser_flow_preview_then_confirm_then_report(
    client: Client, login: Login, persona: Persona
) -> None:
    model = factories.model()
    login("local_b")
    adopt = reverse("transfer:adopt", kwargs={"transfer_model_id": model.pk})
    preview = client.get(adopt, {"municipality": BAUTZEN}).content.decode()
    assert "Was sich in Bautzen" in preview
    assert "Cottbus" not in preview.split("Was sich in Bautzen")[1].split("Checklisten")[0]
    assert "Runder Tisch vorbereiten 1" in preview
    assert not Adoption.objects.exists() or not Adoption.objects.filter(transfer_model=model)
    response = client.post(adopt, {"municipality": BAUTZEN, "confirm": "1"}, follow=True)
    assert "übernommen" in response.content.decode()
    adoption = Adoption.objects.get(transfer_model=model, municipality=bautzen())

    again = client.get(adopt, {"municipality": BAUTZEN}).content.decode()
    assert "bereits" in again and "Übernahme ansehen" in again

    report = reverse(
        "transfer:report", kwargs={"transfer_model_id": model.pk, "adoption_id": adoption.pk}
    )
    response = client.post(
        report,
        {"rating": "partly", "text": "Der Runde Tisch trägt, die Moderation war knapp."},
        follow=True,
    )
    page = response.content.decode()
    assert "die Moderation war knapp" in page and "teilweise" in page

    login("local_a")  # Cottbus did not adopt: it may not report for Bautzen
    assert client.get(report).status_code == 403


def test_the_model_page_shows_its_evidence_cases_and_figures(client: Client, login: Login) -> None:
    model = TransferModel.objects.get(title="Runder Tisch für umstrittene öffentliche Räume")
    assert model.evidence_cases.exists(), "the demo links closed cases of Cottbus's history"
    login("local_b")
    page = client.get(reverse("transfer:detail", kwargs={"transfer_model_id": model.pk}))
    text = page.content.decode()
    assert "Jugendtreffpunkt am Skatepark" in text
    assert "Deeskaliert oder gelöst" in text  # the evidence of its procedure types
