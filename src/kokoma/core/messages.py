"""System texts kept as a code and parameters, put into words when someone reads them.

A text that the system writes for people (an alert's summary, a notification, the description of
a task created by the early warning) is stored as `message(code, **params)`, a small JSON value,
next to its words in the default language. Pages and e-mails show `render(stored, fallback)`, in
the reader's language. What people write themselves is stored as written and shown verbatim.

The codes and their msgids (English, with `%(name)s` placeholders) are defined by the apps'
`texts.py` modules, which `CoreConfig.ready` imports. A parameter may itself be a message (the
early-warning notification quotes the alert's summary); names, references and numbers are
plain values. A stored code that is no longer defined shows the stored words.
"""

from __future__ import annotations

from typing import Any, TypedDict

from django.conf import settings
from django.utils import translation
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


def render(stored: Any, fallback: str = "") -> str:
    """The message in the active language, or `fallback` when there is none to render."""
    if not is_message(stored):
        return fallback
    text = _TEXTS.get(stored["code"])
    if text is None:
        return fallback
    params = {
        name: render(value, "") if is_message(value) else value
        for name, value in (stored.get("params") or {}).items()
    }
    try:
        return str(text) % params
    except (KeyError, TypeError, ValueError):
        return fallback


def in_default_language(stored: Any, fallback: str = "") -> str:
    """The words stored beside the message: rendered in the site's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        return render(stored, fallback)
