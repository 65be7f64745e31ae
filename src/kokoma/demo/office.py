"""Who writes the demo's programme-wide data (vocabulary, checklists): the programme office."""

from __future__ import annotations

from kokoma.accounts.models import ProgrammeRole, User


def programme_office() -> User | None:
    """The first active account of the programme office, as the UI would have it act."""
    return (
        User.objects.filter(programme_role=ProgrammeRole.OFFICE, is_active=True)
        .order_by("pk")
        .first()
    )
