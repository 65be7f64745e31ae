"""Who may do what in the forum: the truth table, written out by hand.

The forum is the network's: every demo role with a place in the programme reads and writes; a
board member who holds no other role (`board_a`) does not, nor does an account no municipality
has taken in, nor an anonymous visitor. The sample post was written by the Cottbus local
companion (`local_a`).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from kokoma.forum.models import Category, Post, Thread
from tests.conftest import Persona

from .factories import outsider
from .matrix_samples import matrix_post, matrix_thread

pytestmark = pytest.mark.django_db

Y, N = True, False
PERSONAS = ["office", "external", "external_other", "supervisor", "trainer", "local_a",
            "actor_a", "board_a", "trainee_a", "local_b", "actor_b"]  # fmt: skip
TABLE = {
    #                          off ext ex2 sup trn loc act brd tra loB acB
    "forum.view_forum":        (Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y),
    "forum.start_thread":      (Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y),
    "forum.manage_categories": (Y, N, N, N, N, N, N, N, N, N, N),
    "forum.moderate":          (Y, N, N, N, N, N, N, N, N, N, N),
}  # fmt: skip
THREAD_TABLE = {
    "forum.view_thread":       (Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y),
    "forum.reply":             (Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y),
    "forum.subscribe":         (Y, Y, Y, Y, Y, Y, Y, N, Y, Y, Y),
}  # fmt: skip


@pytest.mark.parametrize("permission", TABLE)
def test_forum_permissions(permission: str, persona: Persona) -> None:
    got = tuple(persona(name).has_perm(permission) for name in PERSONAS)
    assert got == TABLE[permission], dict(zip(PERSONAS, got, strict=True))


@pytest.mark.parametrize("permission", THREAD_TABLE)
def test_thread_permissions(permission: str, persona: Persona) -> None:
    thread = matrix_thread()
    got = tuple(persona(name).has_perm(permission, thread) for name in PERSONAS)
    assert got == THREAD_TABLE[permission], dict(zip(PERSONAS, got, strict=True))


def test_only_the_author_edits_a_post_and_not_once_it_is_hidden(persona: Persona) -> None:
    post = matrix_post()
    assert [name for name in PERSONAS if persona(name).has_perm("forum.edit_post", post)] == [
        "local_a"
    ]
    post.hidden_at = post.created_at
    assert not persona("local_a").has_perm("forum.edit_post", post)


def test_the_expert_belongs_to_the_forum(persona: Persona) -> None:
    from tests.conftest import demo_user

    expert = demo_user("expertin")
    assert expert.has_perm("forum.view_forum")
    assert expert.has_perm("forum.reply", matrix_thread())
    assert not expert.has_perm("forum.moderate")


def test_nothing_of_the_forum_is_visible_outside_the_network(persona: Persona) -> None:
    for user in (AnonymousUser(), persona("board_a"), outsider()):
        assert not Category.objects.visible_to(user).exists()
        assert not Thread.objects.visible_to(user).exists()
        assert not Post.objects.visible_to(user).exists()
    assert Thread.objects.visible_to(persona("actor_b")).count() == Thread.objects.count()


@pytest.mark.parametrize("who", ["anonymous", "board_a", "outsider"])
def test_outside_the_network_the_pages_are_closed(
    client: Client, persona: Persona, who: str
) -> None:
    user = {"anonymous": None, "board_a": persona("board_a"), "outsider": outsider()}[who]
    if user is not None:
        client.force_login(user)
    home = client.get(reverse("forum:home"))
    thread = client.get(reverse("forum:thread", kwargs={"thread_id": matrix_thread().pk}))
    if user is None:
        assert home.status_code == 302 and thread.status_code == 302  # to the login
    else:
        assert home.status_code == 403
        assert thread.status_code == 404  # out of reach: as if it did not exist
