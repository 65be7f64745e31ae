"""Background jobs of the pool (run by `manage.py db_worker`)."""

from __future__ import annotations

from typing import Any

from django_tasks import task


@task()
def prepare_shared_case(case_id: int) -> bool:
    """Draft the anonymised summary of a closed case for its team's review."""
    from kokoma.cases.models import Case

    from .services import draft_shared

    case = Case.objects.filter(pk=case_id).first()
    return case is not None and draft_shared(case) is not None


def on_case_closed(sender: Any, case_id: int, **kwargs: Any) -> None:
    """`cases.signals.case_closed` (sent after the commit): queue the draft."""
    prepare_shared_case.enqueue(case_id)
