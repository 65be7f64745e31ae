"""Comments on a case with @mentions → notifications."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.template.backends.django import Template as DjangoTemplate
from django.test import Client, RequestFactory
from django.urls import reverse

from kokoma.cases import services
from kokoma.cases.models import Case, Comment
from kokoma.cases.services.comments import mentions_in, post_comment
from kokoma.municipalities.models import Municipality
from kokoma.notifications.models import Notification
from tests.conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_demo_notifications() -> None:
    """The demo's notifications (alerts, response tasks) would blur the counts here."""
    Notification.objects.all().delete()


@pytest.fixture
def case(persona: Persona) -> Case:
    return services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("local_a"),
        title="Kommentarfall",
        team=[persona("actor_a")],
    )


def test_mentions_are_parsed() -> None:
    assert mentions_in("Hallo @akteur.cottbus, bitte @Lokal.Cottbus. Mail a@b.de") == [
        "akteur.cottbus",
        "lokal.cottbus",
    ]


def test_a_mention_notifies_people_who_can_see_the_case(case: Case, persona: Persona) -> None:
    posted = post_comment(
        case,
        by=persona("local_a"),
        text="@akteur.cottbus und @extern, bitte ansehen. @gremium.cottbus",
    )
    assert set(posted.notified) == {persona("actor_a"), persona("external")}
    assert posted.ignored == ["gremium.cottbus"]
    assert Notification.objects.filter(recipient=persona("actor_a")).unread().count() == 1
    assert not Notification.objects.filter(recipient=persona("board_a")).exists()
    assert case.reference in Notification.objects.get(recipient=persona("actor_a")).text


def test_mentioning_oneself_notifies_nobody(case: Case, persona: Persona) -> None:
    posted = post_comment(case, by=persona("actor_a"), text="Notiz für @akteur.cottbus")
    assert posted.notified == []
    assert not Notification.objects.filter(recipient=persona("actor_a")).exists()


def test_posting_through_the_view(
    client: Client, login: Login, case: Case, persona: Persona
) -> None:
    login("actor_a")
    url = reverse("caselist:comment", args=[case.reference])
    assert client.get(url).status_code == 405
    response = client.post(url, {"text": "Danke @lokal.cottbus und @akteur.bautzen"})
    assert response.status_code == 302
    assert Comment.objects.filter(case=case, author=persona("actor_a")).count() == 1
    assert Notification.objects.filter(recipient=persona("local_a")).exists()
    assert not Notification.objects.filter(recipient=persona("actor_b")).exists()


def test_an_empty_comment_is_refused(client: Client, login: Login, case: Case) -> None:
    login("actor_a")
    response = client.post(reverse("caselist:comment", args=[case.reference]), {"text": "  "})
    assert response.status_code == 302
    assert not Comment.objects.filter(case=case).exists()


def test_people_outside_the_case_cannot_comment(client: Client, login: Login, case: Case) -> None:
    login("board_a")
    response = client.post(reverse("caselist:comment", args=[case.reference]), {"text": "x"})
    assert response.status_code == 404
    login("actor_b")
    response = client.post(reverse("caselist:comment", args=[case.reference]), {"text": "x"})
    assert response.status_code == 404


def test_the_partial_lists_comments_and_the_form(case: Case, persona: Persona) -> None:
    post_comment(case, by=persona("local_a"), text="Erster Kommentar")
    request = RequestFactory().get("/")
    request.user = persona("actor_a")
    html = Template(open_partial()).render(Context({"case": case, "request": request}))
    assert "Erster Kommentar" in html
    assert reverse("caselist:comment", args=[case.reference]) in html


def open_partial() -> str:
    from django.template.loader import get_template

    template = get_template("cases/_comments.html")
    assert isinstance(template, DjangoTemplate)  # the Django engine, which keeps the source
    return template.template.source
