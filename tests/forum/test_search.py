"""The forum's search: German full-text search on PostgreSQL (word forms found), a substring
search on SQLite; titles and visible posts, never a hidden post; a page of results at a time.
The tests run on whichever database the run uses (`make test` runs both)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.urls import reverse

from kokoma.accounts.models import User
from kokoma.forum import services
from kokoma.forum.models import Thread
from tests.conftest import Login, Persona

from . import factories

pytestmark = pytest.mark.django_db

SEARCH = reverse("forum:search")


def found(text: str, user: User | AnonymousUser) -> list[str]:
    return list(
        Thread.objects.visible_to(user)
        .search(text)
        .order_by("title")
        .values_list("title", flat=True)
    )


def test_titles_and_posts_are_found(persona: Persona) -> None:
    reader = persona("actor_b")
    factories.thread(title="Schulhof und Nachbarschaft", text="Es geht um Lärm.")
    other = factories.thread(title="Ganz anderes Thema", text="Nichts dazu.")
    services.reply(other, by=reader, text="Wir hatten eine Schlichtung im Schulhof.")
    assert found("Schulhof", reader) == ["Ganz anderes Thema", "Schulhof und Nachbarschaft"]
    assert found("Lärm", reader) == ["Schulhof und Nachbarschaft"]
    assert found("Gibtsnicht", reader) == []


def test_a_hidden_post_is_not_found(persona: Persona) -> None:
    reader = persona("actor_b")
    thread = factories.thread(
        title="Harmloser Titel", text="Vertrauliche Falldetails Zebrastreifen"
    )
    assert found("Zebrastreifen", reader) == ["Harmloser Titel"]
    services.hide_post(thread.posts.get(), by=persona("office"), reason="Falldaten")
    assert found("Zebrastreifen", reader) == []
    assert found("Harmloser", reader) == ["Harmloser Titel"]  # the title stays findable


def test_nobody_outside_the_network_finds_anything(persona: Persona) -> None:
    factories.thread(title="Schulhof und Nachbarschaft")
    assert found("Schulhof", persona("board_a")) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="German stemming is PostgreSQL's")
def test_german_word_forms_are_found_on_postgresql(persona: Persona) -> None:
    factories.thread(title="Mediationen in der Nachbarschaft", text="Zwei Verfahren liefen.")
    reader = persona("actor_b")
    assert found("Mediation", reader) == ["Mediationen in der Nachbarschaft"]
    assert found("Verfahren laufen", reader) == []  # both words must match: "laufen" ≠ "liefen"
    assert found("Nachbarschaften", reader) == ["Mediationen in der Nachbarschaft"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_the_search_indexes_exist_on_postgresql() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'forum_%_gin'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"forum_thread_title_german_gin", "forum_post_text_german_gin"}


def test_the_search_page_shows_a_page_of_results(
    client: Client, login: Login, persona: Persona
) -> None:
    for number in range(30):
        factories.thread(title=f"Suchtreffer {number:02}")
    login("actor_b")
    first = client.get(SEARCH, {"q": "Suchtreffer"})
    assert first.status_code == 200
    assert first.context["page"].paginator.count == 30
    assert len(first.context["page"].object_list) == 25
    assert "q=Suchtreffer&amp;seite=2" in first.content.decode()
    second = client.get(SEARCH, {"q": "Suchtreffer", "seite": "2"})
    assert len(second.context["page"].object_list) == 5


def test_the_search_page_without_a_word_shows_only_the_form(client: Client, login: Login) -> None:
    login("actor_b")
    response = client.get(SEARCH, {"q": "  "})
    assert response.status_code == 200
    assert response.context["page"] is None
