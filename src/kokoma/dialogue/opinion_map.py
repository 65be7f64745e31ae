"""The opinion map of a dialogue: its votes handed to the analysis, the result kept in `MapResult`
until the votes or the moderation change."""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from .analysis import Analysis, State, analyse, build_matrix
from .models import Dialogue, MapResult, Statement, StatementStatus, Vote


def _moderation(dialogue: Dialogue) -> tuple[list[int], list[int], list[int]]:
    """Accepted statements (in order), those moderated out (rejected or meta), the meta ones."""
    accepted, out, meta = [], [], []
    rows = Statement.objects.filter(dialogue=dialogue).exclude(status=StatementStatus.PENDING)
    for pk, status, is_meta in rows.order_by("number").values_list("pk", "status", "is_meta"):
        if status == StatementStatus.ACCEPTED:
            accepted.append(pk)
        if status == StatementStatus.REJECTED or is_meta:
            out.append(pk)
        if is_meta:
            meta.append(pk)
    return accepted, out, meta


def _fingerprint(dialogue: Dialogue, moderation: tuple[list[int], ...]) -> tuple[str, int]:
    votes = Vote.objects.filter(dialogue=dialogue).aggregate(
        n=Count("id"), changed=Max("updated_at")
    )
    text = f"{votes['n']}|{votes['changed']}|{moderation}"
    return hashlib.sha256(text.encode()).hexdigest(), votes["n"]


def refresh_map(dialogue_id: int, *, force: bool = False) -> MapResult | None:
    """Compute the map anew from all votes, warm-started from the last one; None when nothing
    changed since (or the dialogue is gone)."""
    dialogue = Dialogue.objects.filter(pk=dialogue_id).first()
    if dialogue is None:
        return None
    moderation = _moderation(dialogue)
    fingerprint, n_votes = _fingerprint(dialogue, moderation)
    previous = MapResult.objects.filter(dialogue=dialogue).first()
    if previous is not None and previous.fingerprint == fingerprint and not force:
        return None
    accepted, out, meta = moderation
    rows = np.array(
        Vote.objects.filter(dialogue=dialogue)
        .order_by("id")
        .values_list("participant_id", "statement_id", "value"),
        dtype=np.int64,
    ).reshape(-1, 3)
    matrix = build_matrix(rows[:, 0], rows[:, 1], rows[:, 2], statements=accepted)
    state = State.from_json(previous.state) if previous is not None and previous.state else None
    analysis = analyse(matrix, moderated_out=out, meta=meta, state=state)
    result = analysis.to_json()
    result.pop("state", None)
    with transaction.atomic():
        saved, _created = MapResult.objects.update_or_create(
            dialogue=dialogue,
            defaults={
                "result": result,
                "priorities": result["priorities"],
                "state": analysis.state.to_json(),
                "computed_at": timezone.now(),
                "votes_counted": n_votes,
                "fingerprint": fingerprint,
            },
        )
    return saved


def current_map(dialogue: Dialogue) -> Analysis | None:
    """The last computed map, or None before the first computation."""
    stored: Any = (
        MapResult.objects.filter(dialogue=dialogue).values_list("result", flat=True).first()
    )
    if not stored:
        return None
    # the carried state is kept apart (MapResult.state); the page does not need it
    return Analysis.from_json({**stored, "state": State().to_json()})
