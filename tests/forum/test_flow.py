"""The forum's journey through the pages, with Django's test client: one person opens a thread,
a colleague from another municipality replies and mentions the expert, and both the thread's
author and the expert find the notification and follow it to the reply."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.forum.models import Category, Thread
from kokoma.notifications.models import Notification
from tests.conftest import Persona, demo_user

pytestmark = pytest.mark.django_db


def test_post_reply_and_the_notification_leads_to_the_reply(persona: Persona) -> None:
    Notification.objects.all().delete()
    author, colleague, expert = persona("local_b"), persona("local_a"), demo_user("expertin")
    category = Category.objects.get(name="Erfahrungen aus den Kommunen")

    # Bautzen opens a thread
    browser = Client()
    browser.force_login(author)
    opened = browser.post(
        reverse("forum:thread_add", kwargs={"category_id": category.pk}),
        {"title": "Streit um den Marktplatz", "text": "Wie habt ihr *das* gelöst?"},
        follow=True,
    )
    assert "Sie folgen ihm" in opened.content.decode()
    thread = Thread.objects.get(title="Streit um den Marktplatz")

    # Cottbus replies and mentions the expert
    other = Client()
    other.force_login(colleague)
    page = other.get(reverse("forum:category", kwargs={"category_id": category.pk}))
    assert "Streit um den Marktplatz" in page.content.decode()
    replied = other.post(
        reverse("forum:thread", kwargs={"thread_id": thread.pk}),
        {"text": f"Mit einem Runden Tisch. @{expert.handle}, kennen Sie Studien dazu?"},
        follow=True,
    )
    text = replied.content.decode()
    assert "Ihre Antwort wurde hinzugefügt" in text
    assert str(expert) in text  # "notified by your mention"

    # the author finds the reply in the notifications, and follows the link to it
    inbox = browser.get(reverse("notifications:list")).content.decode()
    assert "Svenja Krautmann hat im Forumsthema „Streit um den Marktplatz“ geantwortet." in inbox
    link = re.search(r'href="(/netzwerk/forum/themen/\d+/[^"]*)"', inbox)
    assert link is not None
    reply = thread.posts.order_by("-id").first()
    assert reply is not None
    assert link.group(1).endswith(f"#beitrag-{reply.pk}")
    shown = browser.get(link.group(1).split("#")[0]).content.decode()
    assert f'id="beitrag-{reply.pk}"' in shown and "Mit einem Runden Tisch." in shown

    # the expert was mentioned; the writer of the reply is told nothing about their own post
    expert_browser = Client()
    expert_browser.force_login(expert)
    assert (
        "hat Sie im Forumsthema"
        in expert_browser.get(reverse("notifications:list")).content.decode()
    )
    assert not colleague.notifications.filter(message__code__startswith="forum.").exists()
