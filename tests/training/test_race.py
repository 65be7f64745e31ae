"""Two decisions at the same moment cannot both take the last place of a cohort."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from kokoma.audit.models import AuditEntry
from kokoma.notifications.models import Notification
from kokoma.training import services
from kokoma.training.models import Cohort

from ..conftest import Persona
from .factories import cottbus

TITLE = "Wettlauf um den letzten Platz"


def in_threads(*works: Callable[[], None]) -> None:
    """Run each work in its own thread and connection (committed; the test's own transaction
    stays out of their way), all at once, and wait for them."""

    def run(work: Callable[[], None]) -> None:
        try:
            work()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent transactions need PostgreSQL (SQLite writes one at a time)",
)
@pytest.mark.django_db
def test_the_last_place_goes_to_exactly_one_of_two_at_once(persona: Persona) -> None:
    office = persona("office")
    people = [persona("actor_a"), persona("local_a")]
    municipality = cottbus()
    found: dict[str, Any] = {"errors": []}
    start = threading.Barrier(2)

    def setup() -> None:
        found["last_line"] = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True)[0]
        found["cohort"] = services.add_cohort(by=office, title=TITLE, capacity=1)

    def enrol(person: Any) -> Callable[[], None]:
        def work() -> None:
            start.wait()
            try:
                services.enrol(
                    found["cohort"], by=office, participant=person, municipality=municipality
                )
            except Exception as error:  # reported by the assertion below
                found["errors"].append(error)

        return work

    def read() -> None:
        found["statuses"] = sorted(found["cohort"].enrolments.values_list("status", flat=True))

    def clean() -> None:
        Notification.objects.filter(text__contains=TITLE).delete()
        Cohort.objects.filter(title=TITLE).delete()
        with connection.cursor() as cursor:  # the log refuses deletes by design
            table = connection.ops.quote_name(AuditEntry._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE id > %s", [found["last_line"]])  # noqa: S608

    try:
        in_threads(setup)
        in_threads(*(enrol(person) for person in people))
        in_threads(read)
        assert not found["errors"]
        assert found["statuses"] == ["approved", "waiting"]
    finally:
        in_threads(clean)
