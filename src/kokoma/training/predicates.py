"""Who may do what in the training. Each predicate takes the user and a cohort or an enrolment."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.accounts.models import COMPANION_ROLES
from kokoma.municipalities.predicates import (
    is_programme_office,
    roles_by_municipality,
    roles_in,
)

__all__ = ["is_programme_office"]


def _taught(user: Any) -> set[int]:
    """The ids of the cohorts in which the user trains a session, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cache: set[int] | None = getattr(user, "_kokoma_taught", None)
    if cache is None:
        from .models import TrainingSession

        cache = set(
            TrainingSession.objects.filter(trainers=user).values_list("cohort_id", flat=True)
        )
        user._kokoma_taught = cache
    return cache


def _enrolled(user: Any) -> set[int]:
    """The ids of the cohorts in which the user holds a place, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cache: set[int] | None = getattr(user, "_kokoma_enrolled", None)
    if cache is None:
        from .models import Enrolment

        cache = set(
            Enrolment.objects.enrolled()
            .filter(participant=user)
            .values_list("cohort_id", flat=True)
        )
        user._kokoma_enrolled = cache
    return cache


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def trains_cohort(user: Any, cohort: Any) -> bool:
    return cohort is not None and cohort.pk in _taught(user)


@rules.predicate
def is_enrolled(user: Any, cohort: Any) -> bool:
    return cohort is not None and cohort.pk in _enrolled(user)


@rules.predicate
def may_apply(user: Any, cohort: Any) -> bool:
    """Open for applications, the person belongs to a municipality and is not registered yet."""
    if cohort is None or not cohort.is_open_for_applications():
        return False
    if not roles_by_municipality(user):
        return False
    return not cohort.enrolments.filter(participant=user).exists()


@rules.predicate
def is_participant(user: Any, enrolment: Any) -> bool:
    return enrolment is not None and enrolment.participant_id == user.pk


@rules.predicate
def is_enrolled_participant(user: Any, enrolment: Any) -> bool:
    return is_participant(user, enrolment) and enrolment.is_enrolled


@rules.predicate
def trains_participant(user: Any, enrolment: Any) -> bool:
    return enrolment is not None and enrolment.cohort_id in _taught(user)


@rules.predicate
def is_tandem_of_participant(user: Any, enrolment: Any) -> bool:
    """A process companion of the municipality the participant comes from."""
    return enrolment is not None and bool(
        roles_in(user, enrolment.municipality) & set(COMPANION_ROLES)
    )


def remember_certified(user: Any, certified: bool) -> None:
    """Keep what a page has read already (the navigation asks in its one query per page)."""
    user._kokoma_certified = certified


@rules.predicate
def is_certified_conflict_manager(user: Any) -> bool:
    """Holds a valid (not revoked) certificate of the training, read once per user object. One
    takes part through a municipality one belongs to: without a membership, no certificate
    (and no query; the roles are read once per request anyway)."""
    if not user.is_authenticated or not user.is_active or not roles_by_municipality(user):
        return False
    cached: bool | None = getattr(user, "_kokoma_certified", None)
    if cached is None:
        from .models import Certificate

        cached = Certificate.objects.valid().filter(enrolment__participant=user).exists()
        user._kokoma_certified = cached
    return cached
