"""Nothing of a case beyond its approved summary is visible outside its municipality: a role
matrix per path (the network's list, a consultation, its answer form, the notifications, the
case's own consultation pages, the e-mails), with canaries from the case that the approved text
does not contain."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from kokoma.consultation import services
from kokoma.consultation.models import Consultation
from kokoma.notifications.models import Notification
from tests.conftest import Login, Persona

from .factories import CANARY, CONTACT, PSEUDONYM, REAL_NAME, SECOND, drafted, tandem

pytestmark = pytest.mark.django_db

APPROVED_TITLE = "Ein Platz, zwei Ansprüche"
APPROVED = "Zwei Gruppen streiten um einen Ort für Jugendliche in einer Mittelstadt."


def _shared_with_answers(persona: Persona) -> Consultation:
    consultation = drafted()
    services.change_draft(
        consultation,
        by=tandem(),
        title=APPROVED_TITLE,
        situation=APPROVED,
        tried="",
        question="Was hat bei Ihnen geholfen?",
    )
    consultation = services.approve_consultation(consultation, by=tandem())
    services.answer_consultation(
        consultation, by=persona("local_b"), phase="question", text="Seit wann?"
    )
    services.answer_consultation(
        consultation, by=persona("office"), phase="suggestion", text="Ein Runder Tisch."
    )
    return consultation


def canaries(consultation: Consultation) -> list[str]:
    case = consultation.case
    return [
        case.reference,
        CANARY,
        PSEUDONYM,
        SECOND,
        REAL_NAME,
        CONTACT,
        "Lindenstraße",
        "Cottbus",
        case.summary[:40],
        reverse("cases:detail", kwargs={"reference": case.reference}),
    ]


def _network_paths(consultation: Consultation) -> dict[str, str]:
    return {
        "list": reverse("consultation:list"),
        "detail": reverse("consultation:detail", kwargs={"consultation_id": consultation.pk}),
        "answer": reverse("consultation:answer", kwargs={"consultation_id": consultation.pk}),
        "notifications": reverse("notifications:list"),
    }


# role → expected status per network path (list, detail, answer form)
OUTSIDERS = {
    "local_b": (200, 200, 200),  # another municipality
    "actor_b": (200, 200, 200),
    "office": (200, 200, 200),  # programme office, not on the case team
    "trainer": (200, 200, 200),  # the programme's pool
    "trainee_a": (200, 200, 200),  # Cottbus, but not on the case: sees the summary only
    "board_a": (403, 404, 404),  # a board member only: not in the network
}


@pytest.mark.parametrize(("role", "expected"), OUTSIDERS.items())
def test_outsiders_see_the_approved_summary_and_nothing_else(
    client: Client, login: Login, persona: Persona, role: str, expected: tuple[int, int, int]
) -> None:
    consultation = _shared_with_answers(persona)
    services.close_consultation(consultation, by=tandem()) if role == "local_b" else None
    login(role)
    paths = _network_paths(consultation)
    answers = {name: client.get(path) for name, path in paths.items()}
    statuses = tuple(answers[name].status_code for name in ("list", "detail", "answer"))
    if role == "local_b":  # closed: the answer form is no longer there
        expected = (200, 200, 403)
    assert statuses == expected
    assert answers["notifications"].status_code == 200
    for name, response in answers.items():
        for canary in canaries(consultation):
            assert canary not in response.text, (role, name, canary)
    if expected[1] == 200:
        assert APPROVED in answers["detail"].text
    # the case's own pages stay closed
    case_pages = [
        reverse("case_consultation:list", kwargs={"reference": consultation.case.reference}),
        reverse("case_consultation:share", kwargs={"reference": consultation.case.reference}),
        reverse(
            "case_consultation:edit",
            kwargs={
                "reference": consultation.case.reference,
                "case_consultation_id": consultation.pk,
            },
        ),
    ]
    for path in case_pages:
        assert client.get(path).status_code == 404


def test_the_notifications_and_mails_to_outsiders_name_the_approved_title_only(
    client: Client, login: Login, persona: Persona
) -> None:
    before = set(Notification.objects.values_list("pk", flat=True))
    consultation = _shared_with_answers(persona)
    services.close_consultation(consultation, by=tandem())
    for role in ("local_b", "office"):
        user = persona(role)
        notes = list(user.notifications.exclude(pk__in=before))
        assert notes, role
        for note in notes:
            assert APPROVED_TITLE in note.text
            for canary in canaries(consultation):
                assert canary not in note.text + note.link
    for message in mail.outbox:
        if set(message.to) & {persona("local_b").email, persona("office").email}:
            for canary in canaries(consultation):
                assert canary not in f"{message.body} {message.subject}"


def test_a_draft_is_nowhere_on_the_network(client: Client, login: Login) -> None:
    consultation = drafted()
    for role in ("local_b", "office", "trainee_a", "actor_a", "local_a"):
        login(role)
        assert consultation.title not in client.get(reverse("consultation:list")).text
        detail = reverse("consultation:detail", kwargs={"consultation_id": consultation.pk})
        assert client.get(detail).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client: Client, persona: Persona) -> None:
    consultation = _shared_with_answers(persona)
    for path in _network_paths(consultation).values():
        response = client.get(path)
        assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_the_case_team_sees_its_case_and_the_network_page_without_the_reference(
    client: Client, login: Login, persona: Persona
) -> None:
    consultation = _shared_with_answers(persona)
    login("actor_a")
    own = client.get(
        reverse("case_consultation:list", kwargs={"reference": consultation.case.reference})
    )
    assert own.status_code == 200 and "Seit wann?" in own.text
    detail = client.get(reverse("consultation:detail", kwargs={"consultation_id": consultation.pk}))
    assert detail.status_code == 200
    for canary in canaries(consultation):
        assert canary not in detail.text
