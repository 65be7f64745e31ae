"""Two votes of the same browser at the same moment: one participant, one stored vote."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from kokoma.audit.models import AuditEntry
from kokoma.dialogue import services
from kokoma.dialogue.models import Dialogue, Participant, Vote

from ..training.test_race import in_threads
from . import factories

QUESTION = "Wettlauf der Stimmen?"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent transactions need PostgreSQL (SQLite writes one at a time)",
)
@pytest.mark.django_db
def test_two_votes_at_once_store_one() -> None:
    found: dict[str, Any] = {"errors": []}
    start = threading.Barrier(2)
    token = "r" * 32

    def setup() -> None:
        found["last_line"] = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True)[0]
        found["dialogue"] = factories.dialogue(question=QUESTION)
        found["statement"] = found["dialogue"].statements.first().pk

    def vote(value: int) -> Any:
        def work() -> None:
            start.wait()
            try:
                participant = services.join(found["dialogue"], token=token)
                services.cast_vote(
                    found["dialogue"], participant, statement_id=found["statement"], value=value
                )
            except Exception as error:  # reported by the assertion below
                found["errors"].append(error)

        return work

    def read() -> None:
        made = found["dialogue"]
        found["participants"] = Participant.objects.filter(dialogue=made).count()
        found["votes"] = list(Vote.objects.filter(dialogue=made).values_list("value", flat=True))

    def clean() -> None:
        Dialogue.objects.filter(question=QUESTION).delete()
        with connection.cursor() as cursor:  # the log refuses deletes by design
            table = connection.ops.quote_name(AuditEntry._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [found["last_line"]])  # noqa: S608

    try:
        in_threads(setup)
        in_threads(vote(1), vote(-1))
        in_threads(read)
    finally:
        in_threads(clean)
    assert found["errors"] == []
    assert found["participants"] == 1
    assert len(found["votes"]) == 1 and found["votes"][0] in (1, -1)
