"""Network events: places, the waiting list in its order, reminders and the record afterwards.

Every write that counts places takes a lock on the event's row first, so that two people
registering at the same moment cannot both take the last place (as the training's cohorts do,
docs/decisions/0028).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.core.messages import message, when
from kokoma.core.uploads import accepted
from kokoma.notifications.services import notify

from .. import texts
from ..models import Event, EventDocument, EventRegistration, RegistrationStatus

# Reminders go out this long before an event begins (the daily job sends them once).
REMINDER_AHEAD = datetime.timedelta(days=2)


def _link(event: Event) -> str:
    return reverse("network:event_detail", kwargs={"event_id": event.pk})


def _when(event: Event) -> dict[str, str]:
    return when(event.starts_at)


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The event must end after it begins.")})


@transaction.atomic
def create_event(
    *, by: User, organisers: Iterable[User] = (), at: datetime.datetime | None = None, **fields: Any
) -> Event:
    _check_times(fields["starts_at"], fields["ends_at"])
    event = Event(created_by=by, **fields)
    chosen = list(organisers) or [by]
    return save_audited(event, by=by, related={"organisers": chosen})


@transaction.atomic
def change_event(
    event: Event, *, by: User, organisers: Iterable[User] | None = None, **changes: Any
) -> Event:
    """Save the changes; places added are filled from the waiting list, in its order."""
    locked = _locked(event)
    _check_times(changes.get("starts_at", locked.starts_at), changes.get("ends_at", locked.ends_at))
    capacity = changes.get("capacity", locked.capacity)
    taken = locked.registrations.registered().count()
    if capacity is not None and capacity < taken:
        raise ValidationError(
            {
                "capacity": _(
                    "%(count)s people are registered; the event cannot have fewer places."
                )
                % {"count": taken}
            }
        )
    related = {"organisers": list(organisers)} if organisers is not None else None
    saved = save_audited(assign(stored(locked), changes), by=by, related=related)
    fill_from_waiting_list(saved, by=by)
    return saved


def _has_place(event: Event) -> bool:
    if event.capacity is None:
        return True
    return event.registrations.registered().count() < event.capacity


def waiting_position(registration: EventRegistration) -> int | None:
    """The person's number on the waiting list (1 = next to move up), None when not on it."""
    if registration.status != RegistrationStatus.WAITING or registration.waiting_since is None:
        return None
    ahead = (
        registration.event.registrations.waiting_list()
        .filter(waiting_since__lt=registration.waiting_since)
        .count()
    )
    return ahead + 1


@transaction.atomic
def register(event: Event, *, by: User, note: str = "") -> EventRegistration:
    """Register `by` for the event: a place while there is one, else the waiting list (the
    answer's status says which). Registering twice is refused; after a cancellation, a person
    registers again at the end of the queue."""
    event = _locked(event)
    if not event.accepts_registrations():
        raise ValidationError(_("Registration for this event is closed."))
    registration = EventRegistration.objects.filter(event=event, person=by).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ValidationError(_("You are registered for this event already."))
    if registration is None:
        registration = EventRegistration(event=event, person=by)
    registration.note = note
    now = timezone.now()
    if _has_place(event):
        registration.status = RegistrationStatus.REGISTERED
        registration.waiting_since = None
        save_audited(registration, by=by)
        notify(
            [by],
            message=message(texts.REGISTERED, event=event.title, date=_when(event)),
            link=_link(event),
        )
    else:
        registration.status = RegistrationStatus.WAITING
        registration.waiting_since = now
        save_audited(registration, by=by)
        notify(
            [by],
            message=message(
                texts.WAITING, event=event.title, position=waiting_position(registration)
            ),
            link=_link(event),
        )
    return registration


@transaction.atomic
def cancel_registration(registration: EventRegistration, *, by: User) -> EventRegistration | None:
    """Cancel a registration or a place on the waiting list. A place that becomes free goes to
    the first on the waiting list, who is returned (None when nobody moved up)."""
    event = _locked(registration.event)
    registration = EventRegistration.objects.get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration was cancelled already."))
    had_place = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.waiting_since = None
    save_audited(registration, by=by)
    if not had_place:
        return None
    promoted = fill_from_waiting_list(event, by=by)
    return promoted[0] if promoted else None


def fill_from_waiting_list(event: Event, *, by: User) -> list[EventRegistration]:
    """Give free places to the waiting list in its order. Call it with the event locked."""
    waiting = event.registrations.waiting_list().select_related("person")
    if event.capacity is not None:
        free = event.capacity - event.registrations.registered().count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = RegistrationStatus.REGISTERED
        registration.waiting_since = None
        save_audited(registration, by=by)
        notify(
            [registration.person],
            message=message(texts.MOVED_UP, event=event.title, date=_when(event)),
            link=_link(event),
        )
    return promoted


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind everybody registered for an event that begins within REMINDER_AHEAD, once."""
    now = now or timezone.now()
    due = EventRegistration.objects.registered().filter(
        reminded_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_AHEAD,
    )
    sent = 0
    for event in Event.objects.filter(pk__in=due.values("event_id")):
        with transaction.atomic():
            registrations = list(
                due.filter(event=event).select_related("person").select_for_update(of=("self",))
            )
            if not registrations:
                continue
            notify(
                [registration.person for registration in registrations],
                message=message(texts.REMINDER, event=event.title, date=_when(event)),
                link=_link(event),
            )
            EventRegistration.objects.filter(
                pk__in=[registration.pk for registration in registrations]
            ).update(reminded_at=now)
            sent += len(registrations)
    return sent


@transaction.atomic
def set_documentation(event: Event, *, by: User, documentation: str) -> Event:
    locked = _locked(event)
    return save_audited(assign(stored(locked), {"documentation": documentation}), by=by)


@transaction.atomic
def add_document(event: Event, *, by: User, title: str, upload: UploadedFile) -> EventDocument:
    document = EventDocument(event=event, title=title, uploaded_by=by, **accepted(upload))
    return save_audited(document, by=by)


@transaction.atomic
def delete_document(document: EventDocument, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=document)
    document.file.delete(save=False)
    document.delete()
