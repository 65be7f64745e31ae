"""Demo conflict cases (called by `manage.py load_demo`)."""

from __future__ import annotations


def load_demo_cases() -> None:
    """Create the demo's observations and cases; idempotent. Filled in with the cases module."""
