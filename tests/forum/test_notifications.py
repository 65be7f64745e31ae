"""Whom a post notifies: the thread's followers (not the writer), the network members it
@mentions (once, with the mention), nobody outside the network — each as they chose to be told
(an e-mail at once, or the daily digest)."""

from __future__ import annotations

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult
from pytest_django import DjangoCaptureOnCommitCallbacks

from kokoma.accounts.models import User
from kokoma.forum import services
from kokoma.notifications.jobs import send_daily_digests
from kokoma.notifications.models import EmailFrequency, EmailPreference, Notification
from tests.conftest import Persona, demo_user

from . import factories

pytestmark = pytest.mark.django_db

MAIL_TASK = "kokoma.notifications.jobs.send_notification_email"


@pytest.fixture(autouse=True)
def _no_demo_notifications(db: object) -> None:
    Notification.objects.all().delete()


def codes(user: User) -> list[str]:
    return list(user.notifications.order_by("id").values_list("message__code", flat=True))


def test_a_reply_notifies_the_followers_but_not_its_writer(persona: Persona) -> None:
    starter, follower, writer = persona("local_a"), persona("local_b"), persona("actor_b")
    thread = factories.thread(by=starter)
    services.set_subscription(thread, by=follower, subscribed=True)
    posted = services.reply(thread, by=writer, text="Meine Antwort")
    assert codes(starter) == ["forum.replied"]
    assert codes(follower) == ["forum.replied"]
    assert codes(writer) == []
    notification = starter.notifications.get()
    assert notification.link == services.post_link(posted.post)
    assert f"#beitrag-{posted.post.pk}" in notification.link
    assert "Katrin Wendisch" in notification.text and thread.title in notification.text


def test_whoever_replied_is_told_of_the_next_reply(persona: Persona) -> None:
    thread = factories.thread(by=persona("local_a"))
    services.reply(thread, by=persona("actor_b"), text="Erste Antwort")
    services.reply(thread, by=persona("trainer"), text="Zweite Antwort")
    assert codes(persona("actor_b")) == ["forum.replied"]


def test_unsubscribed_people_are_not_told(persona: Persona) -> None:
    starter = persona("local_a")
    thread = factories.thread(by=starter)
    services.set_subscription(thread, by=starter, subscribed=False)
    services.reply(thread, by=persona("actor_b"), text="Antwort")
    assert codes(starter) == []


def test_a_mention_notifies_a_network_member_once(persona: Persona) -> None:
    starter = persona("local_a")
    thread = factories.thread(by=starter)
    mentioned = persona("actor_b")
    posted = services.reply(
        thread,
        by=persona("trainer"),
        text=f"@{starter.handle} und @{mentioned.handle}, was meinen Sie? @{mentioned.handle}",
    )
    assert posted.mentioned == [starter, mentioned]
    # the starter follows the thread and is mentioned: one notification, the mention
    assert codes(starter) == ["forum.mentioned"]
    assert codes(mentioned) == ["forum.mentioned"]


def test_a_mention_in_the_first_post_notifies_too(persona: Persona) -> None:
    expert = demo_user("expertin")
    posted = services.start_thread(
        factories.category(),
        by=persona("actor_a"),
        title="Frage an die Expertin",
        text=f"@{expert.handle}, haben Sie dazu Literatur?",
    )
    assert posted.mentioned == [expert]
    assert codes(expert) == ["forum.mentioned"]


def test_a_mention_outside_the_network_reaches_nobody_and_reveals_nothing(
    persona: Persona,
) -> None:
    board_member = persona("board_a")
    outsider = factories.outsider()
    posted = services.reply(
        factories.thread(),
        by=persona("actor_a"),
        text=f"@{board_member.handle} @{outsider.handle} @niemand-hier @{persona('actor_a').handle}",
    )
    assert posted.mentioned == []
    # reported back like an unknown handle; the writer's own handle is not reported
    assert posted.not_reached == [board_member.handle, outsider.handle, "niemand-hier"]
    assert codes(board_member) == [] and codes(outsider) == []


def test_followers_who_left_the_network_are_not_told(persona: Persona) -> None:
    thread = factories.thread(by=persona("local_a"))
    leaver = persona("actor_b")
    services.set_subscription(thread, by=leaver, subscribed=True)
    leaver.memberships.all().delete()
    services.reply(thread, by=persona("trainer"), text="Antwort")
    assert codes(leaver) == []


def test_each_is_told_as_they_chose(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    at_once, daily = persona("local_b"), persona("actor_b")
    EmailPreference.objects.update_or_create(
        user=at_once, defaults={"frequency": EmailFrequency.IMMEDIATE}
    )
    thread = factories.thread(by=persona("local_a"))
    for follower in (at_once, daily):
        services.set_subscription(thread, by=follower, subscribed=True)
    before = DBTaskResult.objects.filter(task_path=MAIL_TASK).count()
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(thread, by=persona("trainer"), text="Antwort für alle")
    queued = DBTaskResult.objects.filter(task_path=MAIL_TASK).order_by("-enqueued_at")
    assert queued.count() == before + 1  # one mail at once, for the one who asked for it
    first = queued.first()
    assert first is not None
    assert first.args_kwargs["args"] == [at_once.notifications.get().pk]
    # the others are in the daily digest
    assert send_daily_digests.call() >= 1
    assert any(daily.email in message.to for message in mail.outbox)
