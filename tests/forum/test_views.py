"""The forum's pages: lists, writing, bad input kept in the form, the author's guarded edit,
moderation and the one subscription button."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.core.guard import STATE
from kokoma.forum import services
from kokoma.forum.models import Category, Post, Subscription, Thread
from tests.conftest import Login, Persona

from . import factories

pytestmark = pytest.mark.django_db

HOME = reverse("forum:home")


def thread_url(thread: Thread) -> str:
    return reverse("forum:thread", kwargs={"thread_id": thread.pk})


def test_home_lists_categories_and_the_latest_threads(client: Client, login: Login) -> None:
    login("actor_b")
    response = client.get(HOME)
    page = response.content.decode()
    assert [category.name for category in response.context["categories"]] == [
        "Methoden und Verfahren",
        "Erfahrungen aus den Kommunen",
        "Netzwerk und Veranstaltungen",
    ]
    assert "Materialien vom Fachtag Kommunales Konfliktmanagement" in page
    assert reverse("forum:category_add") not in page
    login("office")
    assert reverse("forum:category_add") in client.get(HOME).content.decode()


def test_a_thread_is_started_through_its_page(client: Client, login: Login) -> None:
    login("local_b")
    category = Category.objects.get(name="Methoden und Verfahren")
    response = client.post(
        reverse("forum:thread_add", kwargs={"category_id": category.pk}),
        {"title": "Neue Frage", "text": "Wer kennt *Deeskalation*?"},
        follow=True,
    )
    thread = Thread.objects.get(title="Neue Frage")
    assert response.redirect_chain[-1][0].startswith(thread_url(thread))
    assert "<em>Deeskalation</em>" in response.content.decode()


def test_an_over_long_title_keeps_the_input(client: Client, login: Login) -> None:
    login("local_b")
    category = Category.objects.get(name="Methoden und Verfahren")
    response = client.post(
        reverse("forum:thread_add", kwargs={"category_id": category.pk}),
        {"title": "T" * 250, "text": "Mein sorgfältig geschriebener Beitrag"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "höchstens 200 Zeichen" in page
    assert "Mein sorgfältig geschriebener Beitrag" in page
    assert "T" * 250 in page
    assert not Thread.objects.filter(title__startswith="TTTT").exists()


def test_an_empty_reply_is_refused_in_german(client: Client, login: Login) -> None:
    thread = factories.thread()
    login("actor_b")
    response = client.post(thread_url(thread), {"text": "   "})
    assert response.status_code == 200
    assert "Bitte schreiben Sie Ihren Beitrag; er ist leer." in response.content.decode()
    assert thread.posts.count() == 1


def test_a_reply_is_added_and_mentions_are_reported(client: Client, login: Login) -> None:
    thread = factories.thread()
    login("actor_b")
    response = client.post(
        thread_url(thread), {"text": "Danke! @svenja-krautmann @gibt-es-nicht"}, follow=True
    )
    page = response.content.decode()
    assert "Ihre Antwort wurde hinzugefügt" in page
    assert "Svenja Krautmann" in page  # notified by the mention
    assert "@gibt-es-nicht" in page  # reported back: it reached nobody
    assert thread.posts.count() == 2


def test_a_reply_by_someone_outside_the_network_is_refused(
    client: Client, persona: Persona
) -> None:
    thread = factories.thread()
    client.force_login(persona("board_a"))
    response = client.post(thread_url(thread), {"text": "Hallo"})
    assert response.status_code == 404  # the thread is out of their reach
    assert thread.posts.count() == 1


def test_script_in_a_post_is_shown_as_text(client: Client, login: Login) -> None:
    thread = factories.thread(text='<script>alert("kk")</script><iframe src="x"></iframe>')
    login("actor_b")
    page = client.get(thread_url(thread)).content.decode()
    assert '<script>alert("kk")' not in page
    assert "<iframe" not in page
    assert "&lt;script&gt;" in page


def test_the_author_edits_and_a_stale_edit_is_refused(
    client: Client, login: Login, persona: Persona
) -> None:
    author = login("actor_b")
    post = factories.thread(by=author).posts.get()
    url = reverse("forum:post_edit", kwargs={"post_id": post.pk})
    form = client.get(url).context["form"]
    state = form.initial[STATE]() if callable(form.initial[STATE]) else form.initial[STATE]
    # meanwhile the same author saved in another tab
    services.edit_post(post, by=author, text="Aus dem anderen Tab")
    response = client.post(url, {"text": "Aus diesem Tab", STATE: state})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Aus dem anderen Tab" in page and "Aus diesem Tab" in page
    assert Post.objects.get(pk=post.pk).text == "Aus dem anderen Tab"
    # saved again over the newer version, it goes through
    again = client.post(
        url, {"text": "Aus diesem Tab", STATE: response.context["form"].data[STATE]}
    )
    assert again.status_code == 302
    assert Post.objects.get(pk=post.pk).text == "Aus diesem Tab"
    login("local_b")
    assert client.get(url).status_code == 403


def test_the_office_hides_a_post_and_readers_see_only_the_note(
    client: Client, login: Login
) -> None:
    thread = factories.thread(text="Ein Beitrag mit Falldetails")
    post = thread.posts.get()
    login("office")
    response = client.post(reverse("forum:post_hide", kwargs={"post_id": post.pk}), {"reason": ""})
    assert "Bitte geben Sie einen Grund" in response.content.decode()
    client.post(reverse("forum:post_hide", kwargs={"post_id": post.pk}), {"reason": "Falldaten"})
    assert Post.objects.get(pk=post.pk).is_hidden
    login("actor_b")
    page = client.get(thread_url(thread)).content.decode()
    assert "Von der Moderation ausgeblendet." in page
    assert "Ein Beitrag mit Falldetails" not in page
    assert "Falldaten" not in page  # the reason is for the author and the office


def test_the_subscription_button_is_idempotent(
    client: Client, login: Login, persona: Persona
) -> None:
    thread = factories.thread()
    reader = login("actor_b")
    url = reverse("forum:subscribe", kwargs={"thread_id": thread.pk})
    assert "Diesem Thema folgen" in client.get(thread_url(thread)).content.decode()
    for _ in range(2):
        assert client.post(url, {"subscribed": "1"}).status_code == 302
    assert Subscription.objects.filter(thread=thread, user=reader).count() == 1
    assert "Nicht mehr folgen" in client.get(thread_url(thread)).content.decode()
    for _ in range(2):
        client.post(url, {"subscribed": "0"})
    assert not Subscription.objects.filter(thread=thread, user=reader).exists()


def test_the_office_keeps_the_categories(client: Client, login: Login) -> None:
    login("office")
    response = client.post(
        reverse("forum:category_add"), {"name": "Neue Kategorie", "description": "", "position": 4}
    )
    category = Category.objects.get(name="Neue Kategorie")
    assert response.status_code == 302
    edit = reverse("forum:category_edit", kwargs={"category_id": category.pk})
    client.post(edit, {"name": "Umbenannt", "description": "Neu", "position": 4})
    assert Category.objects.get(pk=category.pk).name == "Umbenannt"
    full = Category.objects.get(name="Methoden und Verfahren")
    refused = client.post(
        reverse("forum:category_delete", kwargs={"category_id": full.pk}), follow=True
    )
    assert "kann nicht gelöscht werden" in refused.content.decode()
    client.post(reverse("forum:category_delete", kwargs={"category_id": category.pk}))
    assert not Category.objects.filter(pk=category.pk).exists()
    login("local_a")
    assert client.get(reverse("forum:category_add")).status_code == 403


def test_long_threads_are_paginated_and_links_lead_to_the_page(
    client: Client, login: Login, persona: Persona
) -> None:
    thread = factories.thread()
    writer = persona("actor_b")
    last = None
    for number in range(30):
        last = services.reply(thread, by=writer, text=f"Antwort {number}").post
    assert last is not None
    link = services.post_link(last)
    assert link == f"{thread_url(thread)}?seite=2#beitrag-{last.pk}"
    login("local_b")
    page = client.get(link.split("#")[0]).content.decode()
    assert f'id="beitrag-{last.pk}"' in page
    assert "Antwort 0<" not in page
