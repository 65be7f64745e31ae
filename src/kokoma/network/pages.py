"""The network on the start page: the events a person registered for, the next one open for
registration, and an expert's own profile (the expert's day is the network)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kokoma.accounts.models import User

from .models import Event, EventRegistration, Member, RegistrationStatus
from .predicates import is_network_expert, is_network_member


def start_panel(user: User) -> dict[str, Any] | None:
    if not is_network_member(user):
        return None
    now = timezone.now()
    mine = list(
        EventRegistration.objects.filter(
            person=user,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
            event__ends_at__gte=now,
        )
        .select_related("event")
        .order_by("event__starts_at")[:3]
    )
    open_event = (
        Event.objects.upcoming()
        .filter(registration_open=True, starts_at__gt=now)
        .exclude(registrations__person=user)
        .first()
    )
    panel: dict[str, Any] = {"mine": mine, "open_event": open_event, "profile": None}
    if is_network_expert(user):
        panel["profile"] = Member.objects.filter(person=user).first()
    if not mine and open_event is None and panel["profile"] is None:
        return None
    return panel
