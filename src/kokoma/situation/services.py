"""Reads of the situation picture, written to the audit log (issue 10, item 5)."""

from __future__ import annotations

from kokoma.accounts.models import User
from kokoma.audit.services import record_reads
from kokoma.municipalities.models import Municipality


def record_situation_read(municipality: Municipality, *, by: User, path: str) -> None:
    """The situation picture on screen, or its PDF ordered (`path` is the page with the
    period): one line in the municipality's audit log."""
    record_reads(by=by, reads=[(municipality, municipality, {"page": path})])
