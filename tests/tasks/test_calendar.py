from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kokoma.accounts.models import User
from kokoma.boards.models import Meeting, Resolution
from kokoma.cases import services as case_services
from kokoma.cases.models import Case, Measure
from kokoma.municipalities.models import Municipality, WorkLogEntry
from kokoma.tasks import services
from kokoma.tasks.calendar import calendar_items
from kokoma.tasks.models import CalendarToken, Task

from ..cases.matrix_samples import cottbus_case
from ..conftest import BAUTZEN, COTTBUS, Login, Persona

if TYPE_CHECKING:
    from ..conftest import ClientResponse

pytestmark = pytest.mark.django_db

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _feed(client: Client, token: str) -> ClientResponse:
    return client.get(reverse("calendar:feed", kwargs={"token": token}))


def _events(response: ClientResponse) -> dict[str, Any]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_feed_contains_exactly_the_users_open_dated_items(client: Client, persona: Persona) -> None:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    bautzen = Municipality.objects.get(register__ags=BAUTZEN)
    local, actor = persona("local_a"), persona("actor_a")
    mine = services.create_task(
        municipality=cottbus,
        by=actor,
        assignee=local,
        title="Mein Termin",
        description="Details",
        due_on=TOMORROW,
    )
    done = services.create_task(
        municipality=cottbus, by=actor, assignee=local, title="Erledigt", due_on=TOMORROW
    )
    services.set_done(done, by=local)
    services.create_task(  # no due date: not in the feed
        municipality=cottbus, by=actor, assignee=local, title="Ohne Datum"
    )
    services.create_task(  # someone else's
        municipality=cottbus, by=local, assignee=actor, title="Fremd", due_on=TOMORROW
    )
    step = WorkLogEntry.objects.create(
        municipality=cottbus,
        date=timezone.localdate(),
        participants="Tandem",
        topic="Runde",
        next_steps="Einladung verschicken",
        next_steps_due=TOMORROW,
    )
    WorkLogEntry.objects.create(  # done next steps are left out
        municipality=cottbus,
        date=timezone.localdate(),
        participants="Tandem",
        topic="Alt",
        next_steps="Erledigt",
        next_steps_due=TOMORROW,
        next_steps_done=True,
    )
    WorkLogEntry.objects.create(  # another municipality's tandem
        municipality=bautzen,
        date=timezone.localdate(),
        participants="Tandem",
        topic="Bautzen",
        next_steps="Anrufen",
        next_steps_due=TOMORROW,
    )
    cottbus_open_steps = set(
        WorkLogEntry.objects.open_next_steps()
        .filter(municipality=cottbus, next_steps_due__isnull=False)
        .values_list("pk", flat=True)
    )
    token = services.issue_calendar_token(by=local)

    response = _feed(client, token.token)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response)
    expected_steps = {f"worklog-next-steps-{pk}@kokoma" for pk in cottbus_open_steps}
    own_tasks = set(
        Task.objects.filter(assignee=local, done_at__isnull=True, due_on__isnull=False).values_list(
            "pk", flat=True
        )
    )
    own_measures = set(
        Measure.objects.filter(owner=local, due_on__isnull=False, case__closed_at__isnull=True)
        .exclude(status__in=[Measure.Status.DONE, Measure.Status.CANCELLED])
        .values_list("pk", flat=True)
    )
    assert set(events) == (
        {f"task-{pk}@kokoma" for pk in own_tasks}
        | expected_steps
        | {f"measure-{pk}@kokoma" for pk in own_measures}
        | {f"{uid}@kokoma" for uid in _board_meetings(local)}
        | {f"board-resolution-{pk}@kokoma" for pk in _board_follow_ups(local)}
        | {f"{uid}@kokoma" for uid in _supervision_sessions(local)}
        | {f"{uid}@kokoma" for uid in _network_events(local)}
    )
    assert f"task-{mine.pk}@kokoma" in events
    assert f"worklog-next-steps-{step.pk}@kokoma" in events
    event = events[f"task-{mine.pk}@kokoma"]
    assert str(event["SUMMARY"]) == "Mein Termin"
    assert event.decoded("DTSTART") == TOMORROW
    assert event.decoded("DTEND") == TOMORROW + datetime.timedelta(days=1)
    assert str(event["URL"]) == "http://testserver" + services.task_url(mine)
    assert "Details" in str(event["DESCRIPTION"])


def _supervision_sessions(user: User) -> set[str]:
    """The supervision sessions the person booked (kokoma.supervision registers them)."""
    from kokoma.supervision.calendar import PAST_DAYS
    from kokoma.supervision.models import Booking

    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    return {
        f"{booking.slot.uid}-booking-{booking.pk}"
        for booking in Booking.objects.filter(
            supervisee=user, slot__ends_at__gte=since
        ).select_related("slot")
    }


def _network_events(user: User) -> set[str]:
    """The network events the person registered for or organises (kokoma.network)."""
    from django.db.models import Q

    from kokoma.network.calendar import PAST_DAYS
    from kokoma.network.models import Event, RegistrationStatus

    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    registered = Q(registrations__person=user, registrations__status=RegistrationStatus.REGISTERED)
    return {
        str(uid)
        for uid in Event.objects.filter(ends_at__gte=since)
        .filter(registered | Q(organisers=user))
        .values_list("uid", flat=True)
    }


def _board_meetings(user: User) -> set[str]:
    """The meetings of the person's boards of the last 90 days and ahead (kokoma.boards)."""
    since = timezone.now() - datetime.timedelta(days=90)
    return set(
        Meeting.objects.filter(
            board__members__user=user, board__members__left_on__isnull=True, ends_at__gte=since
        ).values_list("uid", flat=True)
    )


def _board_follow_ups(user: User) -> set[int]:
    """Pending, dated board resolutions of the person that have no task."""
    return set(
        Resolution.objects.filter(
            responsible=user,
            task__isnull=True,
            due_on__isnull=False,
            status__in=[Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS],
        ).values_list("pk", flat=True)
    )


def test_uid_is_stable(client: Client, persona: Persona) -> None:
    local = persona("local_a")
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    services.create_task(municipality=cottbus, by=local, assignee=local, title="A", due_on=TOMORROW)
    token = services.issue_calendar_token(by=local)
    assert set(_events(_feed(client, token.token))) == set(_events(_feed(client, token.token)))


def test_calendar_items_is_the_single_collection_point(persona: Persona) -> None:
    trainee = persona("trainee_a")  # not in the tandem, in no board: no next steps, no meetings
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    task = services.create_task(
        municipality=cottbus, by=trainee, assignee=trainee, title="B", due_on=TOMORROW
    )
    # her task, and the sessions of her training cohort (a source the training app registers)
    from kokoma.training.calendar import session_items

    sessions = [item.uid for item in session_items(trainee)]
    assert sessions
    assert sorted(item.uid for item in calendar_items(trainee)) == sorted(
        [f"task-{task.pk}", *sessions]
    )


def test_unknown_and_revoked_tokens_are_404(client: Client, persona: Persona) -> None:
    assert _feed(client, "nope").status_code == 404
    local = persona("local_a")
    token = services.issue_calendar_token(by=local)
    assert _feed(client, token.token).status_code == 200
    services.revoke_calendar_token(by=local)
    assert _feed(client, token.token).status_code == 404


def test_renewing_changes_the_url(client: Client, login: Login) -> None:
    user = login("actor_a")
    page = reverse("calendar:settings")
    assert client.get(page).context["feed_url"] == ""
    assert client.post(page, {"action": "create"}).status_code == 302
    old_url = client.get(page).context["feed_url"]
    assert old_url.startswith("http://testserver/kalender/") and old_url.endswith(".ics")
    assert client.get(old_url).status_code == 200
    client.post(page, {"action": "renew"})
    new_url = client.get(page).context["feed_url"]
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200
    client.post(page, {"action": "revoke"})
    assert client.get(page).context["feed_url"] == ""
    assert client.get(new_url).status_code == 404
    assert CalendarToken.objects.get(user=user).revoked_at is not None


def test_settings_page_needs_login(client: Client) -> None:
    response = client.get(reverse("calendar:settings"))
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_feed_lists_open_measures_of_the_owner(persona: Persona) -> None:
    case = cottbus_case()
    owner = persona("local_a")
    due = timezone.localdate() + datetime.timedelta(days=5)
    open_measure = Measure.objects.create(
        case=case, title="Runder Tisch vorbereiten", owner=owner, due_on=due
    )
    Measure.objects.create(
        case=case, title="Erledigt", owner=owner, due_on=due, status=Measure.Status.DONE
    )
    closed = case_services.open_case(municipality=case.municipality, by=owner, title="Vorbei")
    left_open = Measure.objects.create(
        case=closed, title="Offen geblieben", owner=owner, due_on=due
    )
    Case.objects.filter(pk=closed.pk).update(closed_at=timezone.now())
    uids = {item.uid for item in calendar_items(owner)}
    assert f"measure-{open_measure.pk}" in uids
    assert f"measure-{left_open.pk}" not in uids  # a closed case's deadlines are over
    assert not any(item.summary.startswith("Erledigt") for item in calendar_items(owner))
    assert f"measure-{open_measure.pk}" not in {i.uid for i in calendar_items(persona("board_a"))}


def test_stored_control_characters_never_reach_the_feed_raw(
    client: Client, persona: Persona
) -> None:
    """Text stored before the control-character guard (or by an import) is made RFC 5545 text:
    control characters dropped, line breaks, commas, semicolons and backslashes escaped."""
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    local = persona("local_a")
    task = services.create_task(
        municipality=cottbus, by=local, assignee=local, title="x", due_on=TOMORROW
    )
    nul = "" if connection.vendor == "postgresql" else "\x00"  # PostgreSQL stores no NUL
    nasty = f"A{nul}B\x07C\r\nD, E; F\\G\tH\x1b\x7f"
    Task.objects.filter(pk=task.pk).update(title=nasty, description=nasty)
    token = services.issue_calendar_token(by=local).token

    response = _feed(client, token)

    assert response.status_code == 200
    raw = response.content.replace(b"\r\n ", b"")  # unfold continuation lines
    block = next(part for part in raw.split(b"BEGIN:VEVENT") if b"UID:task-%d@" % task.pk in part)
    lines = block.split(b"\r\n")
    summary = next(line for line in lines if line.startswith(b"SUMMARY:"))
    assert summary == b"SUMMARY:ABC\\nD\\, E\\; F\\\\G\tH"
    description = next(line for line in lines if line.startswith(b"DESCRIPTION:"))
    assert description.startswith(b"DESCRIPTION:ABC\\nD\\, E\\; F\\\\G\tH\\n")
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
    assert b"\r" not in raw.replace(b"\r\n", b"")
    event = _events(response)[f"task-{task.pk}@kokoma"]
    assert str(event["SUMMARY"]) == "ABC\nD, E; F\\G\tH"
