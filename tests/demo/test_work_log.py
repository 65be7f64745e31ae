"""Each demo municipality keeps its own tandem work log (not the same entries copied)."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from kokoma.demo.work_log import WORK_LOG
from kokoma.municipalities.models import Municipality, WorkLogEntry

pytestmark = pytest.mark.django_db


def logs() -> dict[str, list[WorkLogEntry]]:
    found = {
        municipality.ags: list(municipality.work_log.all())
        for municipality in Municipality.objects.with_register().filter(register__ags__in=WORK_LOG)
    }
    assert set(found) == set(WORK_LOG)
    return found


def test_work_logs_differ_between_municipalities() -> None:
    found = logs()
    for (first, a), (second, b) in itertools.combinations(found.items(), 2):
        assert not {e.topic for e in a} & {e.topic for e in b}, (first, second)
        assert not {e.notes for e in a} & {e.notes for e in b}, (first, second)
        assert [e.date for e in a] != [e.date for e in b], (first, second)


def test_each_work_log_spreads_over_the_last_months() -> None:
    today = timezone.localdate()
    for ags, entries in logs().items():
        assert len(entries) >= 5, ags
        dates = sorted(entry.date for entry in entries)
        assert dates[-1] <= today and (today - dates[-1]).days <= 14, ags
        assert 90 <= (dates[-1] - dates[0]).days <= 200, ags
        # Done next steps are the older ones; the newest are still open.
        newest = max(entries, key=lambda entry: entry.date)
        assert not newest.next_steps_done and newest.next_steps_due >= today, ags  # type: ignore[operator]
        assert all(e.next_steps_done for e in entries if (today - e.date).days > 30), ags


def test_the_tandem_writes_its_own_log() -> None:
    for ags, entries in logs().items():
        municipality = Municipality.objects.get(register__ags=ags)
        tandem = set(municipality.memberships.companions().values_list("user_id", flat=True))
        assert {entry.author_id for entry in entries} <= tandem, ags
        # Where the tandem has two members, both write.
        assert len({entry.author_id for entry in entries}) == len(tandem), ags
