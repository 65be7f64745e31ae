"""What the cases app tells the apps above it, which it must not know (STYLE.md's layers)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after the commit that closed a case, with `case_id`: e.g. the pool of "what worked
# elsewhere" drafts the case's anonymised summary for its team to review.
case_closed = Signal()
