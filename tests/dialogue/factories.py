"""Dialogues for the tests, through the services."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from kokoma.accounts.models import User
from kokoma.cases.models import Case
from kokoma.dialogue import services
from kokoma.dialogue.models import Dialogue, Participant
from kokoma.municipalities.models import Municipality

from ..conftest import COTTBUS, demo_user

SEEDS = [
    "Der Platz soll allen gehören.",
    "Abends braucht es mehr Ruhe.",
    "Jugendliche brauchen einen Treffpunkt.",
    "Die Stadt soll mehr Sitzbänke aufstellen.",
]


def cottbus() -> Municipality:
    return Municipality.objects.get(register__ags=COTTBUS)


def dialogue(
    *,
    by: User | None = None,
    case: Case | None = None,
    seeds: Sequence[str] = SEEDS,
    question: str = "Wie soll der Platz genutzt werden?",
    **fields: Any,
) -> Dialogue:
    """An open dialogue of Cottbus (public, or inside `case`) opened by its local companion."""
    fields.setdefault("opens_at", timezone.now() - datetime.timedelta(hours=1))
    return services.open_dialogue(
        municipality=case.municipality if case else cottbus(),
        case=case,
        by=by or demo_user("lokal.cottbus"),
        question=question,
        seeds=seeds,
        **fields,
    )


def anonymous(made: Dialogue, token: str) -> Participant:
    return services.join(made, token=token.ljust(24, "x"))


def vote_all(made: Dialogue, participant: Participant, values: Sequence[int]) -> None:
    """`participant` votes `values` on the dialogue's statements in number order."""
    for statement, value in zip(made.statements.order_by("number"), values, strict=False):
        services.cast_vote(made, participant, statement_id=statement.pk, value=value)
