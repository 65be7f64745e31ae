from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import DateField

from .indicators import Period

DEFAULT_WEEKS = 13
PRESETS = (4, 13, 26, 52)
LONGEST = datetime.timedelta(days=3 * 366)
END_BEFORE_START = _("The end date must not be before the start date.")


def _last_weeks_label(weeks: int) -> str:
    """Interpolated lazily, so that the option follows the language of each request."""
    return lazy(lambda: gettext("the last %(weeks)d weeks") % {"weeks": weeks}, str)()


def last_weeks(weeks: int, today: datetime.date) -> Period:
    """The last `weeks` weeks up to and including today."""
    return Period(today - datetime.timedelta(days=weeks * 7 - 1), today)


class PeriodForm(forms.Form):
    """The period of the situation picture: a preset, or two dates (both ends included)."""

    preset = forms.TypedChoiceField(
        label=_("Period"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("the dates entered")),
            *((str(weeks), _last_weeks_label(weeks)) for weeks in PRESETS),
        ],
    )
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("Until"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:  # show the dates of the default period, ready to be changed
            default = last_weeks(DEFAULT_WEEKS, timezone.localdate())
            self.fields["start"].initial, self.fields["end"].initial = default.start, default.end

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("preset"):
            return data
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period must not be before its start."))
            elif end - start > LONGEST:
                self.add_error("end", _("The period may be at most three years long."))
        return data

    def period(self, today: datetime.date) -> Period:
        """The chosen period; the last 13 weeks where nothing (valid) was chosen."""
        if not self.is_bound or not self.is_valid():
            return last_weeks(DEFAULT_WEEKS, today)
        data = self.cleaned_data
        if data.get("preset"):
            return last_weeks(data["preset"], today)
        start, end = data.get("start"), data.get("end")
        if start and end:
            return Period(start, end)
        if start:
            return Period(start, max(start, today))
        if end:
            return Period(end - datetime.timedelta(days=DEFAULT_WEEKS * 7 - 1), end)
        return last_weeks(DEFAULT_WEEKS, today)
