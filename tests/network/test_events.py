"""Network events: places, the waiting list moving up in its order, reminders once, the feed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kokoma.network import services
from kokoma.network.calendar import event_items
from kokoma.network.models import Event, EventRegistration, RegistrationStatus
from kokoma.notifications.models import Notification

from ..conftest import Persona
from . import factories

pytestmark = pytest.mark.django_db


def _statuses(event: Event) -> dict[str, str]:
    return {
        str(registration.person): registration.status
        for registration in event.registrations.select_related("person")
    }


def test_a_full_event_puts_people_on_the_waiting_list_in_order(persona: Persona) -> None:
    event = factories.event(capacity=1)
    first = services.register(event, by=persona("local_a"))
    second = services.register(event, by=persona("local_b"))
    third = services.register(event, by=persona("actor_a"))
    assert first.status == RegistrationStatus.REGISTERED
    assert second.status == third.status == RegistrationStatus.WAITING
    assert services.waiting_position(second) == 1
    assert services.waiting_position(third) == 2
    # the second learns their place in a notification
    note = Notification.objects.filter(recipient=persona("local_b")).latest("pk")
    assert "Warteliste" in note.text and "1" in note.text


def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list(persona: Persona) -> None:
    event = factories.event(capacity=1)
    first = services.register(event, by=persona("local_a"))
    services.register(event, by=persona("local_b"))
    services.register(event, by=persona("actor_a"))
    promoted = services.cancel_registration(first, by=persona("local_a"))
    assert promoted is not None and promoted.person == persona("local_b")
    assert _statuses(event) == {
        str(persona("local_a")): RegistrationStatus.CANCELLED,
        str(persona("local_b")): RegistrationStatus.REGISTERED,
        str(persona("actor_a")): RegistrationStatus.WAITING,
    }
    assert Notification.objects.filter(
        recipient=persona("local_b"), text__contains="frei geworden"
    ).exists()


def test_leaving_the_waiting_list_moves_nobody_up(persona: Persona) -> None:
    event = factories.event(capacity=1)
    services.register(event, by=persona("local_a"))
    waiting = services.register(event, by=persona("local_b"))
    assert services.cancel_registration(waiting, by=persona("local_b")) is None
    assert event.registrations.registered().count() == 1


def test_more_places_fill_from_the_waiting_list(persona: Persona) -> None:
    event = factories.event(capacity=1)
    for name in ("local_a", "local_b", "actor_a"):
        services.register(event, by=persona(name))
    services.change_event(event, by=factories.office(), capacity=2)
    assert _statuses(event)[str(persona("local_b"))] == RegistrationStatus.REGISTERED
    assert _statuses(event)[str(persona("actor_a"))] == RegistrationStatus.WAITING


def test_fewer_places_than_registered_are_refused(persona: Persona) -> None:
    event = factories.event(capacity=2)
    services.register(event, by=persona("local_a"))
    services.register(event, by=persona("local_b"))
    with pytest.raises(ValidationError) as refused:
        services.change_event(event, by=factories.office(), capacity=1)
    assert "capacity" in refused.value.message_dict


def test_an_event_without_a_limit_takes_everybody(persona: Persona) -> None:
    event = factories.event(capacity=None)
    for name in ("local_a", "local_b", "actor_a", "trainee_a"):
        assert services.register(event, by=persona(name)).status == RegistrationStatus.REGISTERED


def test_registering_twice_is_refused_and_again_after_cancelling_queues_at_the_end(
    persona: Persona,
) -> None:
    event = factories.event(capacity=1)
    mine = services.register(event, by=persona("local_a"))
    with pytest.raises(ValidationError):
        services.register(event, by=persona("local_a"))
    services.register(event, by=persona("local_b"))  # waiting
    services.cancel_registration(mine, by=persona("local_a"))  # local_b moves up
    again = services.register(event, by=persona("local_a"))
    assert again.pk == mine.pk
    assert again.status == RegistrationStatus.WAITING
    assert EventRegistration.objects.filter(event=event).count() == 2


def test_closed_past_and_late_registrations_are_refused(persona: Persona) -> None:
    closed = factories.event(registration_open=False)
    late = factories.event(registration_deadline=timezone.localdate() - datetime.timedelta(days=1))
    past = factories.past_event()
    for event in (closed, late, past):
        with pytest.raises(ValidationError, match=r"geschlossen|closed"):
            services.register(event, by=persona("local_a"))


def test_an_event_ends_after_it_begins() -> None:
    start = factories.in_days(5)
    with pytest.raises(ValidationError) as refused:
        factories.event(starts_at=start, ends_at=start)
    assert "ends_at" in refused.value.message_dict


def test_reminders_go_once_to_those_registered_within_two_days(persona: Persona) -> None:
    soon = factories.event(days=1, title="Bald")
    later = factories.event(days=10, title="Später")
    services.register(soon, by=persona("local_a"))
    services.register(later, by=persona("local_a"))
    services.register(soon, by=persona("local_b"))
    services.register(soon, by=persona("actor_a"))  # waiting: no reminder
    assert services.send_reminders() == 2
    reminded = set(
        Notification.objects.filter(text__contains="Erinnerung").values_list(
            "recipient__email", flat=True
        )
    )
    assert reminded == {persona("local_a").email, persona("local_b").email}
    assert services.send_reminders() == 0


def test_the_daily_job_sends_the_reminders(persona: Persona, settings: object) -> None:
    from django.conf import settings as live
    from django.utils.module_loading import import_string

    task_path, _at = live.KOKOMA_PERIODIC_JOBS["event-reminders"]
    job = import_string(task_path)
    soon = factories.event(days=1, title="Gleich")
    services.register(soon, by=persona("local_a"))
    assert job.call() == 1
    assert (
        Notification.objects.filter(recipient=persona("local_a"), text__contains="Gleich").count()
        == 2
    )  # the registration, then the reminder


def test_the_feed_holds_the_events_one_registered_for_or_organises(persona: Persona) -> None:
    mine = factories.event(title="Meins")
    waiting_only = factories.event(title="Voll", capacity=1)
    services.register(mine, by=persona("local_a"))
    services.register(waiting_only, by=persona("local_b"))
    services.register(waiting_only, by=persona("local_a"))  # waiting list: not in the feed
    titles = {item.summary for item in event_items(persona("local_a"))}
    assert "Meins" in titles and "Voll" not in titles
    organiser_titles = {item.summary for item in event_items(factories.office())}
    assert {"Meins", "Voll"} <= organiser_titles


def test_documents_are_added_and_deleted_with_their_file(persona: Persona) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = factories.past_event()
    document = services.add_document(
        event,
        by=factories.office(),
        title="Ergebnisse",
        upload=SimpleUploadedFile("ergebnisse.txt", b"Ergebnisse", content_type="text/plain"),
    )
    storage, name = document.file.storage, document.file.name
    assert storage.exists(name)
    services.delete_document(document, by=factories.office())
    assert not storage.exists(name)
    assert not event.documents.exists()
