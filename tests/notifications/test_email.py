"""Notifications by e-mail: immediate mails through the task queue, the daily digest, the choice."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from kokoma.accounts.models import User
from kokoma.audit.models import AuditEntry
from kokoma.notifications import emails
from kokoma.notifications.jobs import send_daily_digests, send_notification_email
from kokoma.notifications.models import EmailFrequency, EmailPreference, Notification
from kokoma.notifications.services import notify, set_email_frequency
from tests.conftest import Login, Persona

from .helpers import said

pytestmark = pytest.mark.django_db

SETTINGS = reverse("notifications:settings")
MAIL_TASK = "kokoma.notifications.jobs.send_notification_email"


@pytest.fixture(autouse=True)
def _fresh(settings: Settings) -> None:
    cache.clear()
    settings.KOKOMA_BASE_URL = "https://kokoma.test"
    # the demo may have left unread notifications; the tests look at their own only
    Notification.objects.update(emailed_at=timezone.now())


def choose(user: User, frequency: EmailFrequency) -> None:
    EmailPreference.objects.update_or_create(user=user, defaults={"frequency": frequency})


def test_immediate_choice_queues_one_mail_per_notification_after_commit(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    actor = persona("actor_a")
    choose(actor, EmailFrequency.IMMEDIATE)
    before = DBTaskResult.objects.filter(task_path=MAIL_TASK).count()
    with django_capture_on_commit_callbacks(execute=True):
        (created,) = notify([actor], message=said("Sie wurden erwähnt."), link="/fall/K-1/")
    queued = DBTaskResult.objects.filter(task_path=MAIL_TASK).order_by("-enqueued_at")
    assert queued.count() == before + 1
    latest = queued.first()
    assert latest is not None
    assert latest.args_kwargs["args"] == [created.pk]
    assert mail.outbox == []  # nothing is sent inside the request


def test_daily_and_never_choices_queue_nothing(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    daily, never = persona("actor_a"), persona("local_a")
    choose(never, EmailFrequency.NEVER)
    before = DBTaskResult.objects.filter(task_path=MAIL_TASK).count()
    with django_capture_on_commit_callbacks(execute=True):
        notify([daily, never], message=said("Hallo"))
    assert DBTaskResult.objects.filter(task_path=MAIL_TASK).count() == before


def test_the_mail_task_sends_text_and_absolute_link_once(persona: Persona) -> None:
    actor = persona("actor_a")
    choose(actor, EmailFrequency.IMMEDIATE)
    (created,) = notify(
        [actor],
        message=said("Ihnen wurde eine Aufgabe zugewiesen: Runder Tisch"),
        link="/aufgaben/",
    )
    assert send_notification_email.call(created.pk) is True
    (message,) = mail.outbox
    assert message.to == [actor.email]
    assert message.subject.startswith("[KoKoMa] Ihnen wurde eine Aufgabe zugewiesen")
    assert "Runder Tisch" in message.body
    assert "https://kokoma.test/aufgaben/" in message.body
    assert "https://kokoma.test" + SETTINGS in message.body
    created.refresh_from_db()
    assert created.emailed_at is not None
    assert send_notification_email.call(created.pk) is False  # never twice
    assert len(mail.outbox) == 1


def test_no_mail_for_a_notification_read_before_the_worker_came(persona: Persona) -> None:
    actor = persona("actor_a")
    (created,) = notify([actor], message=said("Schon gelesen"))
    Notification.objects.filter(pk=created.pk).update(read_at=timezone.now())
    assert send_notification_email.call(created.pk) is False
    assert mail.outbox == []


def test_digest_batches_the_pending_notifications_per_person(persona: Persona) -> None:
    daily, immediate, never = persona("actor_a"), persona("local_a"), persona("external")
    choose(immediate, EmailFrequency.IMMEDIATE)
    choose(never, EmailFrequency.NEVER)
    notify([daily, immediate, never], message=said("Erste Meldung"), link="/eins/")
    notify([daily], message=said("Zweite Meldung"), link="/zwei/")
    (read,) = notify([daily], message=said("Gelesene Meldung"))
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())

    assert send_daily_digests.call() == 1
    (message,) = mail.outbox
    assert message.to == [daily.email]
    assert "2 neue Benachrichtigungen" in message.subject
    assert "Erste Meldung" in message.body and "https://kokoma.test/eins/" in message.body
    assert "Zweite Meldung" in message.body
    assert "Gelesene Meldung" not in message.body

    # The next run finds nothing new: every notification goes out once.
    assert send_daily_digests.call() == 0
    notify([daily], message=said("Dritte Meldung"))
    assert send_daily_digests.call() == 1
    assert "Dritte Meldung" in mail.outbox[-1].body
    assert "Erste Meldung" not in mail.outbox[-1].body


def test_digest_leaves_later_notifications_for_the_next_day(persona: Persona) -> None:
    actor = persona("actor_a")
    cutoff = timezone.now()
    (late,) = notify([actor], message=said("Nach dem Stichzeitpunkt"))
    Notification.objects.filter(pk=late.pk).update(
        created_at=cutoff + datetime.timedelta(seconds=5)
    )
    assert emails.send_digests(now=cutoff) == 0
    assert emails.send_digests(now=cutoff + datetime.timedelta(minutes=1)) == 1


def test_a_long_digest_shows_the_latest_and_counts_the_rest(persona: Persona) -> None:
    actor = persona("actor_a")
    for number in range(emails.DIGEST_LIMIT + 3):
        notify([actor], message=said(f"Meldung {number:03d}"))
    assert send_daily_digests.call() == 1
    body = mail.outbox[0].body
    assert "Meldung 052" in body and "Meldung 003" in body
    assert "Meldung 002" not in body
    assert "3 frühere Benachrichtigungen" in body
    assert not Notification.objects.filter(recipient=actor, emailed_at__isnull=True).exists()


def test_inactive_people_get_no_digest(persona: Persona) -> None:
    actor = persona("actor_a")
    notify([actor], message=said("Hallo"))
    actor.is_active = False
    actor.save()
    assert send_daily_digests.call() == 0


def test_settings_page_shows_the_default_and_saves_a_choice(client: Client, login: Login) -> None:
    user = login("actor_a")
    response = client.get(SETTINGS)
    assert response.status_code == 200
    page = response.content.decode()
    import re

    (checked,) = re.findall(r'<input type="radio"[^>]*checked[^>]*>', page)
    assert 'value="daily"' in checked
    response = client.post(SETTINGS, {"frequency": "immediate"}, follow=True)
    assert "Ihre E-Mail-Einstellungen sind gespeichert." in response.content.decode()
    assert emails.frequency_of(user) == EmailFrequency.IMMEDIATE
    assert AuditEntry.objects.filter(
        object_type="notifications.EmailPreference", actor=user
    ).exists()


def test_settings_page_refuses_an_unknown_choice(client: Client, login: Login) -> None:
    user = login("actor_a")
    response = client.post(SETTINGS, {"frequency": "hourly"})
    assert response.status_code == 200
    assert "gültige Auswahl" in response.content.decode()
    assert not EmailPreference.objects.filter(user=user).exists()


def test_service_refuses_an_unknown_choice(persona: Persona) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        set_email_frequency(by=persona("actor_a"), frequency="hourly")
