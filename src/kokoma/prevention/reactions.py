"""The early warning reacts to the change that could raise an alert.

A new whole-case escalation assessment, an observation or a step change queues the check of its
municipality as a background job once the transaction has committed, so that the alert shows
within seconds instead of the next morning, and the request does not wait for the check. The apps
below do not know the early warning: it listens to their records being saved.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from kokoma.cases.models import CaseStepChange, EscalationAssessment
from kokoma.observations.models import Observation


class _QueueCheck:
    """The after-commit callback for one municipality, recognisable among the pending ones."""

    def __init__(self, municipality_id: int) -> None:
        self.municipality_id = municipality_id

    def __call__(self) -> None:
        from .jobs import check_municipality

        check_municipality.enqueue(self.municipality_id)


def queue_check(municipality_id: int) -> None:
    """Queue the check of one municipality after the current transaction commits, once.

    Many changes in one transaction (an import, the demo) queue one check per municipality:
    the callbacks Django keeps for the commit are looked at, and they vanish with a rollback.
    """
    pending = transaction.get_connection().run_on_commit
    if any(
        isinstance(callback, _QueueCheck) and callback.municipality_id == municipality_id
        for _savepoints, callback, *_rest in pending
    ):
        return
    transaction.on_commit(_QueueCheck(municipality_id))


def _assessed(sender: Any, instance: EscalationAssessment, created: bool, **kwargs: Any) -> None:
    # Only the case as a whole climbs or crosses stages; a perspective raises nothing.
    if created and instance.actor_id is None and not kwargs.get("raw"):
        queue_check(instance.case.municipality_id)


def _observed(sender: Any, instance: Observation, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        queue_check(instance.municipality_id)


def _stepped(sender: Any, instance: CaseStepChange, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        queue_check(instance.case.municipality_id)


def connect() -> None:
    post_save.connect(_assessed, sender=EscalationAssessment, dispatch_uid="prevention-assessed")
    post_save.connect(_observed, sender=Observation, dispatch_uid="prevention-observed")
    post_save.connect(_stepped, sender=CaseStepChange, dispatch_uid="prevention-stepped")
