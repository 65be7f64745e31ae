"""The personal iCal feed: every dated item a person has to take care of, as all-day events.

`calendar_items(user)` is the one place that collects items from the sources (tasks, the
tandem's next steps, …). A new source is one more function that yields `CalendarItem`s, added to
`SOURCES`; an app above this one (the boards' meetings) adds its own with `register_source` from
its `AppConfig.ready`, so that the tasks need not import it. An item with `starts_at` and
`ends_at` is a timed event (a meeting); the others are all-day.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from kokoma.accounts.models import Membership, User
from kokoma.cases.models import Case, Measure
from kokoma.municipalities.models import WorkLogEntry

from .models import Task


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    summary: str
    date: datetime.date
    path: str
    description: str = ""
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    cancelled: bool = False


def task_items(user: User) -> Iterator[CalendarItem]:
    tasks = (
        Task.objects.visible_to(user)
        .open()
        .filter(assignee=user, due_on__isnull=False)
        .select_related("municipality__register", "case")
    )
    for task in tasks:
        if task.due_on is None:  # excluded by the query; narrows the type
            continue
        description = [task.display_description] if task.display_description else []
        description.append(_("Municipality: %(name)s") % {"name": task.municipality.name})
        if task.case is not None:
            description.append(_("Case: %(reference)s") % {"reference": task.case.reference})
        yield CalendarItem(
            uid=f"task-{task.pk}",
            summary=task.display_title,
            date=task.due_on,
            path=reverse("tasks:detail", kwargs={"ags": task.municipality.ags, "task_id": task.pk}),
            description="\n".join(description),
        )


def next_step_items(user: User) -> Iterator[CalendarItem]:
    tandem_of = Membership.objects.tandem_municipalities(user)
    entries = (
        WorkLogEntry.objects.open_next_steps()
        .filter(municipality_id__in=tandem_of, next_steps_due__isnull=False)
        .select_related("municipality__register")
    )
    for entry in entries:
        if entry.next_steps_due is None:  # excluded by the query; narrows the type
            continue
        yield CalendarItem(
            uid=f"worklog-next-steps-{entry.pk}",
            summary=_("Next steps: %(topic)s (%(municipality)s)")
            % {"topic": entry.topic, "municipality": entry.municipality.name},
            date=entry.next_steps_due,
            path=reverse("municipalities:work_log", kwargs={"ags": entry.municipality.ags}),
            description=entry.next_steps,
        )


def measure_items(user: User) -> Iterator[CalendarItem]:
    """Open measures the person is responsible for, in cases they can still see."""
    measures = (
        Measure.objects.filter(
            owner=user,
            due_on__isnull=False,
            case__in=Case.objects.visible_to(user),
            case__closed_at__isnull=True,
        )
        .exclude(status__in=[Measure.Status.DONE, Measure.Status.CANCELLED])
        .select_related("case")
    )
    for measure in measures:
        if measure.due_on is None:  # excluded by the query; narrows the type
            continue
        yield CalendarItem(
            uid=f"measure-{measure.pk}",
            summary=_("Measure: %(title)s (%(reference)s)")
            % {"title": measure.title, "reference": measure.case.reference},
            date=measure.due_on,
            path=reverse("cases:detail", kwargs={"reference": measure.case.reference}),
            description=measure.description,
        )


SOURCES: list[Callable[[User], Iterable[CalendarItem]]] = [
    task_items,
    next_step_items,
    measure_items,
]


def register_source(source: Callable[[User], Iterable[CalendarItem]]) -> None:
    """Add a source of calendar items (once: a second registration is ignored)."""
    if source not in SOURCES:
        SOURCES.append(source)


def calendar_items(user: User) -> list[CalendarItem]:
    """Everything with a date for `user`, from every source, sorted by date."""
    if not user.is_active:
        return []
    items = [item for source in SOURCES for item in source(user)]
    return sorted(items, key=lambda item: (item.date, item.uid))


# RFC 5545 (3.3.11) allows no control character in TEXT but tab; icalendar escapes line breaks (as
# backslash-n), backslashes, commas and semicolons. The other control characters (stored before the
# control-character guard existed, or by an import) are dropped.
CONTROL_NOT_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def ical_text(value: str) -> str:
    """`value` without the control characters that RFC 5545 does not allow in a TEXT value."""
    return CONTROL_NOT_IN_TEXT.sub("", value)


def build_calendar(user: User, *, base_url: str) -> bytes:
    """The iCalendar document; `base_url` (scheme and host) makes the links absolute."""
    calendar = Calendar()
    calendar.add("prodid", "-//KoKoMa//Kalender//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("KoKoMa: my dates"))
    uid_domain = getattr(settings, "KOKOMA_CALENDAR_UID_DOMAIN", "kokoma")
    stamp = datetime.datetime.now(tz=datetime.UTC)
    for item in calendar_items(user):
        event = Event()
        event.add("uid", f"{item.uid}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("summary", ical_text(item.summary))
        if item.starts_at is not None and item.ends_at is not None:
            event.add("dtstart", item.starts_at.astimezone(datetime.UTC))
            event.add("dtend", item.ends_at.astimezone(datetime.UTC))
            event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        else:
            event.add("dtstart", item.date)
            event.add("dtend", item.date + datetime.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        event.add("url", base_url.rstrip("/") + item.path)
        event.add("description", ical_text(item.description))
        calendar.add_component(event)
    return calendar.to_ical()
