"""The dialogues' system texts (kokoma.core.messages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

SUBMITTED = define(
    "dialogue.submitted",
    _("A new statement waits for moderation in the dialogue “%(dialogue)s”."),
)
