"""The pool's system texts (kokoma.core.messages)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kokoma.core.messages import define

DRAFT_READY = define(
    "outcomes.draft_ready",
    _(
        "Case %(reference)s is closed: please review its anonymised summary and share it, so "
        "that other municipalities learn what worked."
    ),
)
