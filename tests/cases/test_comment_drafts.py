"""A comment whose saving fails keeps the typed text in the form (issue 10, item 6)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import messages
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from kokoma.cases import services
from kokoma.cases.models import Case, Comment
from kokoma.municipalities.models import Municipality
from tests.conftest import COTTBUS, Login, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(persona: Persona) -> Case:
    return services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("local_a"),
        title="Entwurfsfall",
        team=[persona("actor_a")],
    )


def _post(client: Client, case: Case, text: str) -> Any:
    url = reverse("caselist:comment", args=[case.reference])
    return client.post(url, {"text": text}, follow=True)


@pytest.mark.parametrize("text", ["   ", "Wichtig " * 700])
def test_a_refused_comment_keeps_what_was_typed(
    client: Client, login: Login, case: Case, text: str
) -> None:
    login("actor_a")
    response = _post(client, case, text)
    assert [m.level for m in response.context["messages"]] == [messages.ERROR]
    assert not Comment.objects.filter(case=case).exists()
    if text.strip():
        assert f">{text}</textarea>" in response.content.decode()


def test_a_comment_the_database_fails_to_save_stays_in_the_form(
    client: Client, login: Login, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("database is locked")

    monkeypatch.setattr(Comment.objects, "create", busy)
    login("actor_a")
    text = "Treffen am <Dienstag> & danach @lokal.cottbus"
    response = _post(client, case, text)
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert shown == [
        "Ihr Kommentar konnte gerade nicht gespeichert werden. Er steht noch im Formular: "
        "Bitte senden Sie ihn noch einmal."
    ]
    page = response.content.decode()
    assert ">Treffen am &lt;Dienstag&gt; &amp; danach @lokal.cottbus</textarea>" in page
    monkeypatch.undo()
    assert not Comment.objects.filter(case=case).exists()


def test_a_comment_refused_for_a_control_character_is_offered_back_without_it(
    client: Client, login: Login, case: Case
) -> None:
    login("actor_a")
    url = reverse("caselist:comment", args=[case.reference])
    response = client.post(url, {"text": "Kopiert <aus>\x00 Word\x0b mit\tTab"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Es wurde nichts gespeichert." in page
    assert ">Kopiert &lt;aus&gt; Word mit\tTab</textarea>" in page
    assert not Comment.objects.filter(case=case).exists()
