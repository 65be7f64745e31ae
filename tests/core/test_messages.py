"""System texts as messages (kokoma.core.messages)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from kokoma.core.messages import define, in_default_language, message, render

OUTER = define("test.messages.outer", gettext_lazy("Early warning: %(summary)s"))
INNER = define("test.messages.inner", gettext_lazy("Legend"))


def test_a_message_renders_in_the_active_language_with_messages_inside() -> None:
    stored = message(OUTER, summary=message(INNER))
    with translation.override("en"):
        assert render(stored) == "Early warning: Legend"
    with translation.override("de"):
        assert render(stored) == "Frühwarnung: Legende"
    with translation.override("en"):
        assert in_default_language(stored) == "Frühwarnung: Legende"


def test_without_a_known_message_the_stored_words_are_shown() -> None:
    assert render({}, "wie gespeichert") == "wie gespeichert"
    assert render({"code": "gone", "params": {}}, "wie gespeichert") == "wie gespeichert"
    assert render({"code": OUTER, "params": {}}, "wie gespeichert") == "wie gespeichert"


def test_codes_are_checked_where_they_are_written() -> None:
    with pytest.raises(KeyError):
        message("test.messages.never_defined")
    with pytest.raises(ValueError, match="twice"):
        define(OUTER, gettext_lazy("Something else"))
