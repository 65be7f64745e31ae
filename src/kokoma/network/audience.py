"""Who belongs to the network, as a query: `predicates.is_network_member` for many people at once
(whom a forum reply or a mention may notify)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from kokoma.accounts.models import Membership, MembershipRole, ProgrammeRole, User


def network_members(users: QuerySet[User] | None = None) -> QuerySet[User]:
    """Of `users` (default: everybody), the active people with a programme role or a role in a
    municipality other than board member alone: the same rule as `is_network_member`."""
    users = User.objects.all() if users is None else users
    working = Membership.objects.filter(user=OuterRef("pk")).exclude(
        role=MembershipRole.BOARD_MEMBER
    )
    return users.filter(is_active=True).filter(
        (~Q(programme_role=ProgrammeRole.NONE) & Q(programme_role__isnull=False)) | Exists(working)
    )
