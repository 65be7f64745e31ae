"""The notification centre and the unread count in the header."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kokoma.notifications.models import Notification
from kokoma.notifications.services import mark_read, notify, unread_count
from tests.conftest import Login, Persona

from .helpers import said

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """The unread count is cached; the database rolls back between tests, the cache does not."""
    cache.clear()


LIST = reverse("notifications:list")
MARK = reverse("notifications:mark_read")


def test_notify_creates_one_per_recipient(persona: Persona) -> None:
    actor, local = persona("actor_a"), persona("local_a")
    created = notify([actor, actor, local], message=said("Hallo"), link="/x/")
    assert len(created) == 2
    assert unread_count(actor) == 1


def test_the_cached_count_follows_notify_and_mark_read(persona: Persona) -> None:
    actor = persona("actor_a")
    assert unread_count(actor) == 0
    notify([actor], message=said("Eins"))
    assert unread_count(actor) == 1
    mark_read(by=actor)
    assert unread_count(actor) == 0


def test_the_list_shows_only_own_notifications(
    client: Client, login: Login, persona: Persona
) -> None:
    notify([persona("actor_a")], message=said("Für Akteur:in"))
    notify([persona("local_b")], message=said("Für Bautzen"))
    login("actor_a")
    response = client.get(LIST)
    assert response.status_code == 200
    texts = [n.text for n in response.context["page"].object_list]
    assert texts == ["Für Akteur:in"]
    assert reverse("notifications:list").encode() in response.content


def test_the_header_shows_the_unread_count_as_text(
    client: Client, login: Login, persona: Persona
) -> None:
    notify([persona("actor_a")], message=said("A"))
    notify([persona("actor_a")], message=said("B"))
    login("actor_a")
    response = client.get(reverse("start:home"))
    from django.utils import translation

    with translation.override("en"):
        response = client.get(reverse("start:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert b"(2 " in response.content


def test_mark_one_read(client: Client, login: Login, persona: Persona) -> None:
    actor = persona("actor_a")
    [first] = notify([actor], message=said("Eins"))
    [second] = notify([actor], message=said("Zwei"))
    login("actor_a")
    response = client.post(MARK, {"notification": first.pk, "next": LIST})
    assert response.status_code == 302
    assert response["Location"] == LIST
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_mark_all_read_and_someone_elses_stays_unread(
    client: Client, login: Login, persona: Persona
) -> None:
    notify([persona("actor_a")], message=said("Eins"))
    [other] = notify([persona("local_a")], message=said("Fremd"))
    login("actor_a")
    client.post(MARK, {"notification": other.pk})
    other.refresh_from_db()
    assert other.read_at is None
    client.post(MARK)
    assert not Notification.objects.filter(recipient=persona("actor_a")).unread().exists()


def test_an_outside_next_is_not_followed(client: Client, login: Login) -> None:
    login("actor_a")
    response = client.post(MARK, {"next": "https://example.com/"})
    assert response["Location"] == LIST


def test_get_is_not_allowed_for_marking(client: Client, login: Login) -> None:
    login("actor_a")
    assert client.get(MARK).status_code == 405
