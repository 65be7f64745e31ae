"""A message whose words are given by the test (the notifications do not care what they say)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kokoma.core.messages import Message, define, message

SAID = define("test.said", gettext_lazy("%(text)s"))


def said(text: str) -> Message:
    return message(SAID, text=text)
