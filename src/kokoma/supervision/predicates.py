"""Who may do what in supervision. Predicates take the user and, where bound, the slot."""

from __future__ import annotations

from typing import Any

import rules
from django.apps import apps

from kokoma.accounts.models import COMPANION_ROLES, ProgrammeRole
from kokoma.municipalities.predicates import is_programme_office, roles_by_municipality
from kokoma.training.predicates import is_certified_conflict_manager


@rules.predicate
def is_supervisor(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.programme_role == ProgrammeRole.SUPERVISOR
    )


@rules.predicate
def is_process_companion(user: Any) -> bool:
    """An external companion of the pool, or a companion of a municipality's tandem."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.programme_role == ProgrammeRole.EXTERNAL_COMPANION:
        return True
    return any(roles & set(COMPANION_ROLES) for roles in roles_by_municipality(user).values())


# Who may book supervision: the process companions and the trained conflict managers (a valid
# certificate of the training).
may_book = is_process_companion | is_certified_conflict_manager


def _booked_slot_ids(user: Any) -> set[int]:
    """The slots the user holds an active booking in, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cache: set[int] | None = getattr(user, "_kokoma_supervision_booked", None)
    if cache is None:
        # By name: the models ask these predicates who may book (Slot.objects.visible_to).
        Booking = apps.get_model("supervision", "Booking")
        cache = set(
            Booking.objects.active().filter(supervisee=user).values_list("slot_id", flat=True)
        )
        user._kokoma_supervision_booked = cache
    return cache


def forget_bookings(user: Any) -> None:
    """After booking or cancelling: the next check reads the bookings again."""
    user.__dict__.pop("_kokoma_supervision_booked", None)


@rules.predicate
def is_slot_supervisor(user: Any, slot: Any) -> bool:
    return slot is not None and user.is_authenticated and slot.supervisor_id == user.pk


@rules.predicate
def is_booked_in(user: Any, slot: Any) -> bool:
    """The user holds an active booking in the slot: one of the session's supervisees."""
    return slot is not None and slot.pk in _booked_slot_ids(user)


@rules.predicate
def may_book_slot(user: Any, slot: Any) -> bool:
    """Someone who may book, for a slot that is not their own (capacity, time and cancellation
    are the service's to check, with a message)."""
    return slot is not None and slot.supervisor_id != user.pk and bool(may_book(user))


__all__ = [
    "forget_bookings",
    "is_booked_in",
    "is_process_companion",
    "is_programme_office",
    "is_slot_supervisor",
    "is_supervisor",
    "may_book",
    "may_book_slot",
]
