"""The forum's pages keep their number of queries, pinned, at the demo's size and with many
more threads and posts: no query per thread, per post or per author."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kokoma.forum import services
from kokoma.forum.models import Category, Thread
from tests.conftest import Login, Persona

from . import factories
from .matrix_samples import matrix_thread

pytestmark = pytest.mark.django_db


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def _category() -> str:
    return reverse("forum:category", kwargs={"category_id": matrix_thread().category_id})


def _thread() -> str:
    return reverse("forum:thread", kwargs={"thread_id": matrix_thread().pk})


def _search() -> str:
    return reverse("forum:search") + "?q=Thema"


def _home() -> str:
    return reverse("forum:home")


# Counted on the demo data: the session, the user, their roles and the navigation's one query
# (4), and then: home +2 (the categories with their activity, the latest threads); a category +3
# (it, the count, a page of threads with authors and reply counts); a thread +4 (it with its
# author, the count and a page of posts with their authors, whether one follows it); the search
# +2 (the count, a page of threads).
PINNED: dict[str, tuple[Callable[[], str], int]] = {
    "home": (_home, 6),
    "category": (_category, 7),
    "thread": (_thread, 8),
    "search": (_search, 6),
}


def _grow(persona: Persona) -> None:
    """Forty more threads with replies by many people, in the sample thread's category."""
    category = Category.objects.get(pk=matrix_thread().category_id)
    writers = [persona(name) for name in ("local_a", "actor_b", "trainer", "external", "local_b")]
    for number in range(40):
        thread = factories.thread(
            by=writers[number % 5], title=f"Thema {number}", in_category=category
        )
        for reply in range(3):
            services.reply(thread, by=writers[(number + reply + 1) % 5], text=f"Antwort {reply}")
    sample = matrix_thread()
    for number in range(30):
        services.reply(sample, by=writers[number % 5], text=f"Noch eine Antwort {number}")
    assert Thread.objects.count() > 40


@pytest.mark.parametrize("name", PINNED)
def test_forum_pages_keep_their_number_of_queries(
    client: Client, login: Login, persona: Persona, name: str
) -> None:
    path_of, pinned = PINNED[name]
    login("actor_b")
    _queries(client, path_of())  # warm: session, caches
    assert _queries(client, path_of()) == pinned
    _grow(persona)
    _queries(client, path_of())
    assert _queries(client, path_of()) == pinned
