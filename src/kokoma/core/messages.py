"""System texts kept as a code and parameters, put into words when someone reads them.

A text that the system writes for people (an alert's summary, a notification, the description of
a task created by the early warning) is stored as `message(code, **params)`, a small JSON value,
next to its words in the default language. Pages and e-mails show `render(stored, fallback)`, in
the reader's language. What people write themselves is stored as written and shown verbatim.

The codes and their msgids (English, with `%(name)s` placeholders) are defined by the apps'
`texts.py` modules, which `CoreConfig.ready` imports. A parameter may itself be a message (the
early-warning notification quotes the alert's summary); a date or a moment is stored with
`when(value)` and shown in the reader's format; names, references and numbers are plain values.
A stored code that is no longer defined shows the stored words.
"""

from __future__ import annotations

import datetime
from typing import Any, TypedDict

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.functional import Promise


class Message(TypedDict):
    code: str
    params: dict[str, Any]


_TEXTS: dict[str, Promise] = {}


def define(code: str, text: Promise) -> str:
    """Register `text` (a lazy msgid) under `code`; returns the code."""
    if _TEXTS.setdefault(code, text) is not text:
        raise ValueError(f"the message code {code!r} is defined twice")
    return code


def message(code: str, **params: Any) -> Message:
    """The stored form of a system text; a code nobody defined fails here, where it is written."""
    if code not in _TEXTS:
        raise KeyError(f"no text is defined for the message code {code!r}")
    return {"code": code, "params": params}


def is_message(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("code"), str)


def when(value: datetime.date | datetime.datetime) -> dict[str, str]:
    """A date or a moment as a message parameter: stored as ISO 8601, shown in the reader's
    language (`render`)."""
    if isinstance(value, datetime.datetime):
        return {"moment": timezone.localtime(value).isoformat(timespec="minutes")}
    return {"day": value.isoformat()}


def _param(value: Any) -> Any:
    if is_message(value):
        return render(value, "")
    if isinstance(value, dict) and "moment" in value:
        moment = datetime.datetime.fromisoformat(value["moment"])
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dict) and "day" in value:
        return formats.date_format(datetime.date.fromisoformat(value["day"]), "SHORT_DATE_FORMAT")
    return value


def render(stored: Any, fallback: str = "") -> str:
    """The message in the active language, or `fallback` when there is none to render."""
    if not is_message(stored):
        return fallback
    text = _TEXTS.get(stored["code"])
    if text is None:
        return fallback
    params = {name: _param(value) for name, value in (stored.get("params") or {}).items()}
    try:
        return str(text) % params
    except (KeyError, TypeError, ValueError):
        return fallback


def in_default_language(stored: Any, fallback: str = "") -> str:
    """The words stored beside the message: rendered in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return render(stored, fallback)
