"""The pages of peer consultation: sharing from the case, the refused draft with its places
marked, approving, answering, and the number of queries of the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kokoma.consultation import services
from kokoma.consultation.models import Consultation, Status
from tests.conftest import Login, Persona
from tests.html_forms import page_forms

from .factories import PSEUDONYM, drafted, named_case, shared, tandem

pytestmark = pytest.mark.django_db

LIST = reverse("consultation:list")


def _case_url(name: str, consultation: Consultation) -> str:
    return reverse(
        f"case_consultation:{name}",
        kwargs={"reference": consultation.case.reference, "case_consultation_id": consultation.pk},
    )


def test_the_team_shares_a_case_and_reads_the_answers_back(
    client: Client, login: Login, persona: Persona
) -> None:
    case = named_case()
    login("actor_a")
    share = reverse("case_consultation:share", kwargs={"reference": case.reference})
    page = client.get(reverse("cases:detail", kwargs={"reference": case.reference}))
    assert reverse("case_consultation:list", kwargs={"reference": case.reference}) in page.text
    response = client.post(share, {"question": "Wie weiter mit dem Nachbarschaftsrat Lindenpark?"})
    consultation = Consultation.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == _case_url("edit", consultation)
    assert consultation.question == "Wie weiter mit dem Akteur:in A?"
    # The team member edits, but only a coordinator approves.
    form = page_forms(client.get(_case_url("edit", consultation)).text)[-1]
    data = form.data()
    data["title"] = "Ein Platz, zwei Gruppen"
    assert client.post(_case_url("edit", consultation), data).status_code == 302
    assert client.post(_case_url("approve", consultation)).status_code == 403
    assert "Ein Platz, zwei Gruppen" not in client.get(LIST).text
    login("local_a")
    assert client.post(_case_url("approve", consultation)).status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.OPEN and consultation.title == "Ein Platz, zwei Gruppen"
    # A colleague from Bautzen answers in the phase of hypotheses.
    login("local_b")
    listed = client.get(LIST)
    assert "Ein Platz, zwei Gruppen" in listed.text
    detail = reverse("consultation:detail", kwargs={"consultation_id": consultation.pk})
    answer = reverse("consultation:answer", kwargs={"consultation_id": consultation.pk})
    assert answer in client.get(detail).text
    response = client.post(answer, {"phase": "hypothesis", "text": "Es geht um **Anerkennung**."})
    assert response.status_code == 302
    # … and the team reads it on its case, under its phase, and is told.
    login("actor_a")
    page = client.get(reverse("case_consultation:list", kwargs={"reference": case.reference}))
    assert "<strong>Anerkennung</strong>" in page.text
    assert page.text.index("Hypothese") < page.text.index("Anerkennung")
    assert persona("actor_a").notifications.filter(text__contains="Ein Platz").exists()


def test_a_draft_with_a_pseudonym_is_refused_with_the_place_marked(
    client: Client, login: Login
) -> None:
    consultation = drafted()
    login("local_a")
    form = page_forms(client.get(_case_url("edit", consultation)).text)[-1]
    data = form.data()
    typed = f"Am Ende sprach die <b>Sprecherin</b> des {PSEUDONYM}es mit allen Beteiligten."
    data["situation"] = typed
    response = client.post(_case_url("edit", consultation), data)
    assert response.status_code == 200
    text = response.text
    assert "nennt noch eine Akteur:in oder eine Person des Falls" in text
    assert f"<mark>{PSEUDONYM}es</mark>" in text
    assert "&lt;b&gt;Sprecherin&lt;/b&gt;" in text and "<b>Sprecherin" not in text
    # the input is kept in the field
    assert "Am Ende sprach die &lt;b&gt;Sprecherin&lt;/b&gt; des" in text.split("<textarea")[1]
    consultation.refresh_from_db()
    assert PSEUDONYM not in consultation.situation


def test_a_shared_summary_can_no_longer_be_edited(client: Client, login: Login) -> None:
    consultation = shared()
    login("local_a")
    response = client.get(_case_url("edit", consultation))
    assert response.status_code == 302


def test_the_team_does_not_answer_its_own_case(client: Client, login: Login) -> None:
    consultation = shared()
    login("actor_a")
    detail = reverse("consultation:detail", kwargs={"consultation_id": consultation.pk})
    answer = reverse("consultation:answer", kwargs={"consultation_id": consultation.pk})
    assert client.get(detail).status_code == 200
    assert client.post(answer, {"phase": "question", "text": "?"}).status_code == 403


def test_an_empty_answer_is_refused_in_german(client: Client, login: Login) -> None:
    consultation = shared()
    login("local_b")
    answer = reverse("consultation:answer", kwargs={"consultation_id": consultation.pk})
    response = client.post(answer, {"phase": "question", "text": "  "})
    assert response.status_code == 200
    assert "Dieses Feld ist zwingend erforderlich." in response.text
    response = client.post(answer, {"phase": "gossip", "text": "x" * 6000})
    assert "keine gültige Auswahl" in response.text
    assert "aus höchstens 5000 Zeichen" in response.text
    assert not consultation.answers.exists()


def _queries(client: Client, path: str) -> int:
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_the_list_and_the_detail_do_not_grow_with_the_data(
    client: Client, login: Login, persona: Persona
) -> None:
    first = shared()
    services.answer_consultation(first, by=persona("local_b"), phase="question", text="?")
    login("office")
    detail = reverse("consultation:detail", kwargs={"consultation_id": first.pk})
    few, few_detail = _queries(client, LIST), _queries(client, detail)
    listed = client.get(LIST).context["page"].paginator.count
    for number in range(4):
        more = shared(named_case(title=f"Fall {number}"))
        for role in ("local_b", "actor_b", "trainer"):
            services.answer_consultation(more, by=persona(role), phase="suggestion", text="!")
            services.answer_consultation(first, by=persona(role), phase="hypothesis", text="!")
    assert client.get(LIST).context["page"].paginator.count == listed + 4
    assert _queries(client, LIST) == few
    assert _queries(client, detail) == few_detail
    assert few <= 8


def test_closing_from_the_case_page(client: Client, login: Login) -> None:
    consultation = shared()
    login("local_a")
    assert client.post(_case_url("close", consultation)).status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED
    login("local_b")
    assert consultation.title not in client.get(LIST).text
    detail = reverse("consultation:detail", kwargs={"consultation_id": consultation.pk})
    assert "nimmt keine Antworten mehr an" in client.get(detail).text


def test_tandem_is_refused_a_second_consultation_while_one_runs(
    client: Client, login: Login
) -> None:
    consultation = drafted()
    login("local_a")
    share = reverse("case_consultation:share", kwargs={"reference": consultation.case.reference})
    response = client.post(share, {"question": "Noch eine Frage?"})
    assert response.status_code == 200
    assert "hat bereits eine kollegiale Fallberatung" in response.text
    assert tandem() is not None


def test_an_answer_sent_twice_is_saved_once(client: Client, login: Login) -> None:
    consultation = shared()
    login("local_b")
    detail = reverse("consultation:detail", kwargs={"consultation_id": consultation.pk})
    form = page_forms(client.get(detail).text)[-1]
    data = form.data()
    data.update({"phase": "suggestion", "text": "Ein Runder Tisch."})
    assert client.post(form.action, data).status_code == 302
    again = client.post(form.action, data)
    assert again.status_code == 200
    assert consultation.answers.count() == 1
