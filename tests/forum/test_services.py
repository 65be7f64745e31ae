"""The forum's services: categories, threads, replies, edits, moderation, subscriptions, and the
bad input they refuse in German."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kokoma.audit.models import AuditEntry
from kokoma.core.markdown import render_markdown
from kokoma.forum import services
from kokoma.forum.models import TITLE_MAX_LENGTH, Category, Post, Subscription, Thread
from tests.conftest import Persona

from . import factories

pytestmark = pytest.mark.django_db


def test_start_thread_writes_the_first_post_and_subscribes_the_author(persona: Persona) -> None:
    author = persona("local_a")
    posted = services.start_thread(
        factories.category(), by=author, title="  Neues   Thema ", text="Hallo\r\nNetzwerk"
    )
    thread = posted.thread
    assert thread.title == "Neues Thema"
    assert list(thread.posts.values_list("text", flat=True)) == ["Hallo\nNetzwerk"]
    assert thread.last_post_at == posted.post.created_at
    assert Subscription.objects.filter(thread=thread, user=author).exists()
    assert AuditEntry.objects.filter(object_type="forum.Thread", object_id=str(thread.pk)).exists()


def test_a_reply_moves_the_thread_up_and_subscribes_the_writer(persona: Persona) -> None:
    older = factories.thread(title="Älteres Thema")
    newer = factories.thread(title="Neueres Thema")
    assert list(Thread.objects.for_list()[:2]) == [newer, older]
    services.reply(older, by=persona("actor_b"), text="Eine Antwort")
    assert list(Thread.objects.for_list()[:2]) == [older, newer]
    assert Subscription.objects.filter(thread=older, user=persona("actor_b")).exists()
    assert Thread.objects.for_list().get(pk=older.pk).reply_count == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["", "   ", "\r\n\r\n"])
def test_an_empty_post_is_refused_in_german(persona: Persona, text: str) -> None:
    thread = factories.thread()
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.reply(thread, by=persona("actor_a"), text=text)
    assert refused.value.message_dict["text"] == ["Bitte schreiben Sie Ihren Beitrag; er ist leer."]
    assert thread.posts.count() == 1


def test_an_over_long_title_is_refused_in_german(persona: Persona) -> None:
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.start_thread(
            factories.category(), by=persona("actor_a"), title="x" * 201, text="Text"
        )
    assert refused.value.message_dict["title"] == [
        f"Ein Titel darf höchstens {TITLE_MAX_LENGTH} Zeichen haben; Ihrer hat 201."
    ]
    assert not Thread.objects.filter(title="x" * 201).exists()


def test_title_and_text_are_refused_together(persona: Persona) -> None:
    with pytest.raises(ValidationError) as refused:
        services.start_thread(factories.category(), by=persona("actor_a"), title=" ", text="")
    assert set(refused.value.message_dict) == {"title", "text"}


@pytest.mark.parametrize("who", ["board_a", "outsider"])
def test_nobody_outside_the_network_posts(persona: Persona, who: str) -> None:
    user = persona("board_a") if who == "board_a" else factories.outsider()
    thread = factories.thread()
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.reply(thread, by=user, text="Hallo")
    assert "nicht sehen" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        services.start_thread(factories.category(), by=user, title="T", text="Hallo")
    assert thread.posts.count() == 1


def test_script_and_raw_html_in_a_post_are_rendered_harmless(persona: Persona) -> None:
    text = (
        '<script>alert("x")</script> <img src=x onerror=alert(1)> '
        "[Klick](javascript:alert(1)) <b>fett?</b> **fett**"
    )
    post = services.start_thread(
        factories.category(), by=persona("actor_a"), title="Skript", text=text
    ).post
    html = str(render_markdown(post.text))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html  # the link is refused, its text stays text
    assert "&lt;script&gt;" in html
    assert "<strong>fett</strong>" in html


def test_the_author_edits_the_post(persona: Persona) -> None:
    post = factories.thread(by=persona("actor_a")).posts.get()
    saved = services.edit_post(post, by=persona("actor_a"), text="Korrigiert")
    assert saved.text == "Korrigiert" and saved.edited_at is not None
    with pytest.raises(ValidationError):
        services.edit_post(post, by=persona("actor_b"), text="Fremd")
    assert Post.objects.get(pk=post.pk).text == "Korrigiert"


def test_the_office_hides_a_post_with_a_reason_and_tells_the_author(persona: Persona) -> None:
    author = persona("actor_a")
    post = factories.thread(by=author).posts.get()
    told = author.notifications.filter(message__code="forum.hidden")
    before = told.count()
    with pytest.raises(ValidationError) as refused:
        services.hide_post(post, by=persona("office"), reason="  ")
    assert "reason" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.hide_post(post, by=persona("local_a"), reason="Nein")
    hidden = services.hide_post(post, by=persona("office"), reason="Enthielt Falldaten")
    assert hidden.is_hidden and hidden.hidden_reason == "Enthielt Falldaten"
    assert told.count() == before + 1
    # the same click twice changes nothing
    services.hide_post(post, by=persona("office"), reason="Noch einmal")
    assert Post.objects.get(pk=post.pk).hidden_reason == "Enthielt Falldaten"
    # the author can no longer edit it
    with pytest.raises(ValidationError):
        services.edit_post(post, by=author, text="Neu")
    shown = services.show_post(post, by=persona("office"))
    assert not shown.is_hidden and shown.hidden_reason == ""


def test_subscribing_is_idempotent(persona: Persona) -> None:
    thread = factories.thread()
    reader = persona("actor_b")
    for _ in range(2):
        services.set_subscription(thread, by=reader, subscribed=True)
    assert Subscription.objects.filter(thread=thread, user=reader).count() == 1
    for _ in range(2):
        services.set_subscription(thread, by=reader, subscribed=False)
    assert not Subscription.objects.filter(thread=thread, user=reader).exists()


def test_categories_are_kept_by_the_office(persona: Persona) -> None:
    office = persona("office")
    category = services.add_category(by=office, name="Neu", description="Beschreibung")
    services.change_category(category, by=office, name="Umbenannt", position=9)
    assert Category.objects.get(pk=category.pk).name == "Umbenannt"
    factories.thread(in_category=category)
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.delete_category(category, by=office)
    assert "Themen" in refused.value.messages[0]
    empty = services.add_category(by=office, name="Leer")
    services.delete_category(empty, by=office)
    assert not Category.objects.filter(pk=empty.pk).exists()
