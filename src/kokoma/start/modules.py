"""What the start page says to a board member who is not yet in any board, until they are: an
honest note, and whom to ask. The other roles have their modules (`kokoma.boards`,
`kokoma.training`, `kokoma.supervision`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, MembershipRole, ProgrammeRole, User
from kokoma.boards.predicates import is_board_member_somewhere
from kokoma.municipalities.predicates import roles_by_municipality


@dataclass(frozen=True)
class ComingModule:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    role: str


@dataclass(frozen=True)
class ComingSoon:
    modules: list[ComingModule]
    contacts: list[Contact] = field(default_factory=list)


def _boards() -> ComingModule:
    return ComingModule(
        "boards",
        _("Advisory boards"),
        _(
            "You are not yet a member of an advisory board on the platform. As soon as the "
            "programme office or your municipality's process companions add you to a board, "
            "you will find its meetings with agenda, minutes and recommendations here."
        ),
    )


def coming_soon(user: User) -> ComingSoon | None:
    """The modules `user` waits for, with the people to ask meanwhile; None for everybody else."""
    roles = set().union(*roles_by_municipality(user).values())
    modules = []
    if MembershipRole.BOARD_MEMBER in roles and not is_board_member_somewhere(user):
        modules.append(_boards())
    if not modules:
        return None
    return ComingSoon(modules=modules, contacts=_contacts(user))


def _contacts(user: User) -> list[Contact]:
    """The process-support tandem of the person's municipalities, then the programme office."""
    office = _("Programme office")
    contacts = [
        Contact(str(membership.user), membership.user.email, str(membership.get_role_display()))
        for membership in Membership.objects.companions()
        .filter(municipality__memberships__user=user, user__is_active=True)
        .exclude(user=user)
        .select_related("user")
        .distinct()
        .order_by("role", "user__display_name")
    ]
    contacts += [
        Contact(str(person), person.email, office)
        for person in User.objects.filter(
            programme_role=ProgrammeRole.OFFICE, is_active=True
        ).order_by("display_name")
    ]
    return contacts
