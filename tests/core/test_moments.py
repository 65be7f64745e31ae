"""Moments of writes recorded afterwards: `moment` and `backdate` (kokoma.core.moments)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from kokoma.core.models import AccessibilityFeedback
from kokoma.core.moments import backdate, moment

pytestmark = pytest.mark.django_db


def test_moment_is_now_unless_given() -> None:
    before = timezone.now()
    assert before <= moment(None) <= timezone.now()
    earlier = before - datetime.timedelta(days=3)
    assert moment(earlier) == earlier


@pytest.mark.parametrize(
    "at",
    [
        timezone.now() + datetime.timedelta(hours=1),
        datetime.datetime(2026, 1, 5, 9, 30),  # noqa: DTZ001 - naive on purpose
    ],
)
def test_moment_refuses_the_future_and_naive_times(at: datetime.datetime) -> None:
    with pytest.raises(ValueError, match=r"future|time zone"):
        moment(at)


def test_backdate_writes_the_earlier_moment_over_the_automatic_one() -> None:
    feedback = AccessibilityFeedback.objects.create(message="Kontrast zu schwach")
    earlier = timezone.now() - datetime.timedelta(days=40)
    backdate(feedback, "created_at", earlier)
    assert feedback.created_at == earlier
    feedback.refresh_from_db()
    assert feedback.created_at == earlier
    backdate(feedback, "created_at", None)  # nothing to correct
    feedback.refresh_from_db()
    assert feedback.created_at == earlier
