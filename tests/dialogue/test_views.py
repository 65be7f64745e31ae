"""Taking part through the link, and the facilitators' pages, as their users try them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.formats import localize_input

from kokoma.cases.models import Agreement
from kokoma.dialogue import services
from kokoma.dialogue.models import Dialogue, Participant, Statement, StatementStatus, Vote
from kokoma.dialogue.opinion_map import refresh_map
from kokoma.dialogue.views.participate import COOKIE, SUBMIT_LIMIT

from ..cases.matrix_samples import cottbus_case
from ..conftest import Login, Persona
from . import factories

pytestmark = pytest.mark.django_db


def _take_part(made: Dialogue) -> str:
    return reverse("dialogue_public:take_part", kwargs={"dialogue_key": made.key})


def _vote_url(made: Dialogue) -> str:
    return reverse("dialogue_public:vote", kwargs={"dialogue_key": made.key})


def _shown_statement(client: Client, made: Dialogue) -> Statement:
    page = client.get(_take_part(made))
    assert page.status_code == 200
    statement = page.context["statement"]
    assert statement is not None
    assert statement.text in page.content.decode()
    return statement


def test_an_anonymous_resident_votes_through_the_link_and_changes_a_vote(client: Client) -> None:
    made = factories.dialogue()
    statement = _shown_statement(client, made)
    response = client.post(_vote_url(made), {"statement": statement.pk, "value": "1"})
    assert response.status_code == 302
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["path"] == "/dialog/" and cookie["samesite"] == "Lax"
    participant = Participant.objects.get(dialogue=made)
    assert participant.user is None and participant.token_hash != cookie.value
    # the next page shows another statement and the vote just cast, which can be changed
    page = client.get(_take_part(made))
    assert page.context["statement"].pk != statement.pk
    assert [vote.statement_id for vote in page.context["my_votes"]] == [statement.pk]
    client.post(_vote_url(made), {"statement": statement.pk, "value": "-1"})
    assert list(Vote.objects.filter(participant=participant).values_list("value", flat=True)) == [
        -1
    ]


def test_participants_never_see_each_others_votes(client: Client) -> None:
    made = factories.dialogue()
    statement = _shown_statement(client, made)
    client.post(_vote_url(made), {"statement": statement.pk, "value": "1"})
    other = Client()
    page = other.get(_take_part(made))
    assert page.context["my_votes"] == []
    assert 'id="mine-heading"' not in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"statement": "x", "value": "1"}, "konnte nicht gelesen werden"),
        ({"value": "1"}, "konnte nicht gelesen werden"),
        ({"statement": "STATEMENT", "value": "5"}, "Zustimmung, Ablehnung"),
        ({"statement": "999999", "value": "1"}, "kann nicht abgestimmt werden"),
    ],
)
def test_a_bad_vote_gets_a_clear_message(
    client: Client, data: dict[str, str], message: str
) -> None:
    made = factories.dialogue()
    if data.get("statement") == "STATEMENT":
        data = {**data, "statement": str(made.statements.first().pk)}  # type: ignore[union-attr]
    response = client.post(_vote_url(made), data, follow=True)
    assert message in response.content.decode()
    assert not Vote.objects.filter(dialogue=made).exists()


def test_a_closed_dialogue_shows_its_map_and_takes_no_vote(
    client: Client, persona: Persona
) -> None:
    made = factories.dialogue()
    statement = made.statements.first()
    assert statement is not None
    services.close_dialogue(made, by=persona("local_a"))
    page = client.get(_take_part(made)).content.decode()
    assert "geschlossen" in page and "Meinungslandkarte ansehen" in page
    response = client.post(_vote_url(made), {"statement": statement.pk, "value": "1"}, follow=True)
    assert "geschlossen" in response.content.decode()
    assert not Vote.objects.filter(dialogue=made).exists()
    # a refused vote stores nothing, not even the participant, and sets no cookie
    assert not Participant.objects.filter(dialogue=made).exists()
    assert COOKIE not in response.client.cookies


def test_a_resident_submits_a_statement_for_moderation(client: Client) -> None:
    made = factories.dialogue()
    url = reverse("dialogue_public:submit", kwargs={"dialogue_key": made.key})
    response = client.post(url, {"text": "Ein Brunnen wäre schön."}, follow=True)
    assert "sobald sie moderiert ist" in response.content.decode()
    statement = made.statements.get(text="Ein Brunnen wäre schön.")
    assert statement.status == StatementStatus.PENDING
    # not shown to vote on before moderation
    assert all(_shown_statement(Client(), made).pk != statement.pk for _ in range(3))
    empty = client.post(url, {"text": ""})
    assert empty.status_code == 200 and "Pflichtfeld" in empty.content.decode()


def test_too_many_statements_from_one_client_are_held_back(client: Client) -> None:
    made = factories.dialogue()
    url = reverse("dialogue_public:submit", kwargs={"dialogue_key": made.key})
    for n in range(SUBMIT_LIMIT):
        client.post(url, {"text": f"Vorschlag Nummer {n}."})
    response = client.post(url, {"text": "Noch ein Vorschlag."})
    assert response.status_code == 429
    html = response.content.decode()
    # the input is kept on the page, nothing is lost
    assert "bitte warten Sie eine Weile" in html and "Noch ein Vorschlag." in html
    assert not made.statements.filter(text="Noch ein Vorschlag.").exists()


def test_a_case_dialogue_stays_within_the_case(client: Client, login: Login) -> None:
    made = factories.dialogue(case=cottbus_case(), question="Nur für den Runden Tisch?")
    manage = reverse("dialogue:manage", kwargs={"dialogue_id": made.pk})
    public_page = reverse("dialogue_public:municipality", kwargs={"ags": "12052000"})
    assert "Nur für den Runden Tisch?" not in client.get(public_page).content.decode()
    for outsider in ("local_b", "board_a", "trainee_a", "office"):
        login(outsider)
        assert client.get(manage).status_code == 404, outsider
    login("actor_a")  # on the case team
    page = client.get(manage)
    assert page.status_code == 200 and "Einladungslink" in page.content.decode()
    # whoever holds the invitation link takes part, and learns nothing of the case
    anonymous = Client()
    shown = anonymous.get(_take_part(made)).content.decode()
    assert "Nur für den Runden Tisch?" in shown
    assert made.case is not None and made.case.reference not in shown


def test_the_public_page_lists_open_dialogues_beside_report_form_and_chronicle(
    client: Client,
) -> None:
    made = factories.dialogue(question="Wie soll der Markt aussehen?")
    index = client.get(reverse("dialogue_public:index")).content.decode()
    assert reverse("dialogue_public:municipality", kwargs={"ags": "12052000"}) in index
    page = client.get(reverse("dialogue_public:municipality", kwargs={"ags": "12052000"}))
    html = page.content.decode()
    assert "Wie soll der Markt aussehen?" in html and _take_part(made) in html
    assert reverse("public:report", kwargs={"ags": "12052000"}) in html
    assert reverse("public:chronicle", kwargs={"ags": "12052000"}) in html
    welcome = client.get("/").content.decode()
    assert reverse("dialogue_public:index") in welcome


def _open_form(**fields: Any) -> dict[str, Any]:
    return {
        "question": "Was brauchen die Vereine?",
        "introduction": "",
        "opens_at": localize_input(factories.timezone.localtime()),
        "closes_at": "",
        "allow_submissions": "on",
        "seeds": "Mehr Räume.\nMehr Geld.\n",
        **fields,
    }


def test_the_tandem_opens_a_public_dialogue_with_seed_statements(
    client: Client, login: Login
) -> None:
    login("local_a")
    url = reverse("dialogue_municipality:open", kwargs={"ags": "12052000"})
    response = client.post(url, _open_form())
    made = Dialogue.objects.get(question="Was brauchen die Vereine?")
    assert response.status_code == 302 and response["Location"] == services.manage_url(made)
    assert list(made.statements.values_list("text", flat=True)) == ["Mehr Räume.", "Mehr Geld."]
    too_long = client.post(url, _open_form(question="Zu lang?", seeds="x" * 301 + "\nkurz"))
    assert "Zeile 1 ist länger als 300 Zeichen" in too_long.content.decode()
    assert not Dialogue.objects.filter(question="Zu lang?").exists()
    login("actor_a")
    assert client.get(url).status_code == 403


def test_an_edit_made_meanwhile_is_not_overwritten(client: Client, login: Login) -> None:
    made = factories.dialogue()
    login("local_a")
    url = reverse("dialogue:edit", kwargs={"dialogue_id": made.pk})
    form = client.get(url).context["form"]
    state = form.initial["state"]()
    data = {
        "question": "Neue Frage?",
        "introduction": "",
        "opens_at": localize_input(factories.timezone.localtime(made.opens_at)),
        "closes_at": "",
        "allow_submissions": "on",
    }
    assert client.post(url, {**data, "state": state}).status_code == 302
    stale = client.post(url, {**data, "question": "Andere Frage?", "state": state})
    assert stale.status_code == 200 and "Beide Fassungen" in stale.content.decode()
    made.refresh_from_db()
    assert made.question == "Neue Frage?"


def test_moderation_from_the_queue(client: Client, login: Login) -> None:
    made = factories.dialogue()
    pending = services.submit_statement(
        made, factories.anonymous(made, "queue-browser"), text="Ein Spielplatz fehlt."
    )
    url = reverse("dialogue:moderate", kwargs={"dialogue_id": made.pk, "statement_id": pending.pk})
    login("actor_a")  # a member of Cottbus follows the dialogue but does not moderate it
    assert client.get(services.manage_url(made)).status_code == 200
    assert client.post(url, {"decision": "accepted"}).status_code == 403
    login("local_a")
    page = client.get(services.manage_url(made)).content.decode()
    assert "Ein Spielplatz fehlt." in page and "Zur Moderation (1)" in page
    refused = client.post(url, {"decision": "rejected", "reason": ""}, follow=True)
    assert "Grund" in refused.content.decode()
    pending.refresh_from_db()
    assert pending.status == StatementStatus.PENDING
    client.post(url, {"decision": "accepted"})
    pending.refresh_from_db()
    assert pending.status == StatementStatus.ACCEPTED


def test_the_map_page_shows_groups_bridges_and_the_viewers_place(client: Client) -> None:
    seeds = [f"Aussage {n}." for n in range(8)]
    made = factories.dialogue(seeds=seeds)
    statements = list(made.statements.order_by("number"))
    for n in range(20):
        participant = factories.anonymous(made, f"map-browser-{n}")
        camp = [1, 1, 1, 1, -1, -1, 1, -1] if n % 2 else [1, 1, -1, -1, 1, 1, -1, 1]
        factories.vote_all(made, participant, camp)
    url = reverse("dialogue_public:map", kwargs={"dialogue_key": made.key})
    assert "erscheint, sobald abgestimmt wurde" in client.get(url).content.decode()
    # a resident with a cookie votes on everything and then sees their place
    for statement in statements:
        client.post(_vote_url(made), {"statement": statement.pk, "value": "1"})
    refresh_map(made.pk)
    html = client.get(url).content.decode()
    assert "Gruppe A" in html and "Gruppe B" in html
    assert "Aussagen, die die Gruppen verbinden" in html and "Aussage 0." in html
    assert "Ihr Platz ist mit „Sie“ markiert" in html
    assert 'role="img"' in html and "Die Landkarte als Tabelle" in html
    # anonymous points: no participant's number or id is in the page
    for participant in Participant.objects.filter(dialogue=made):
        assert f"Teilnehmende:r {participant.number}" not in html


def test_a_bridging_statement_becomes_a_draft_agreement_in_one_step(
    client: Client, login: Login
) -> None:
    case = cottbus_case()
    made = factories.dialogue(case=case)
    statement = made.statements.order_by("number").first()
    assert statement is not None
    url = reverse(
        "dialogue:draft_agreement", kwargs={"dialogue_id": made.pk, "statement_id": statement.pk}
    )
    login("actor_a")
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("cases:detail", kwargs={"reference": case.reference})
    )
    assert Agreement.objects.get(case=case, text=statement.text).status == Agreement.Status.DRAFT


def test_the_start_page_shows_what_waits_for_moderation(client: Client, login: Login) -> None:
    login("local_a")  # the demo's public dialogue in Cottbus has a statement waiting
    html = client.get("/").content.decode()
    assert "Meine Dialoge" in html and "1 Aussage zu moderieren" in html
    login("local_b")
    assert "Meine Dialoge" not in client.get("/").content.decode()
