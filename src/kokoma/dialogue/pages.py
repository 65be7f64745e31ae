"""The dialogues on the start page: the open ones a person facilitates, with what waits for
moderation (a facilitator's daily look)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kokoma.accounts.models import Membership, User
from kokoma.municipalities.predicates import roles_by_municipality

from .models import Dialogue, StatementStatus

SHOWN = 5


def _running(user: User) -> QuerySet[Dialogue]:
    now = timezone.now()
    return (
        Dialogue.objects.visible_to(user)
        .filter(closed_at__isnull=True, opens_at__lte=now)
        .exclude(closes_at__lte=now)
        .select_related("case", "municipality__register")
        .annotate(
            n_pending=Count("statements", filter=Q(statements__status=StatementStatus.PENDING))
        )
        .order_by("-n_pending", "-opens_at")
    )


def start_panel(user: User) -> list[Dialogue]:
    """Up to five running dialogues `user` moderates, those with statements waiting first: the
    dialogues of the cases they may see (their team's or their tandem's) and their tandem's
    public ones; the programme office, which may moderate every public one, sees those waiting.
    One query, none for people without a municipality."""
    office = user.is_programme_office
    if not office and not roles_by_municipality(user):
        return []
    moderates = Q(case__isnull=False) | Q(
        case__isnull=True, municipality_id__in=Membership.objects.tandem_municipalities(user)
    )
    if office:
        moderates |= Q(case__isnull=True, n_pending__gt=0)
    return list(_running(user).filter(moderates)[:SHOWN])
