"""The directory's profiles: one per municipality of the programme, one per invited expert."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kokoma.accounts.models import ProgrammeRole, User
from kokoma.accounts.services import invite_user
from kokoma.audit.services import assign, save_audited, stored
from kokoma.core.messages import message
from kokoma.municipalities.models import Municipality
from kokoma.notifications.services import notify
from kokoma.taxonomy.models import Term

from .. import texts
from ..models import Member, MemberKind


def profile_for_municipality(municipality: Municipality) -> Member:
    """The municipality's profile, made (empty) the first time it is asked for."""
    member, _created = Member.objects.get_or_create(
        municipality=municipality, defaults={"kind": MemberKind.MUNICIPALITY}
    )
    return member


@transaction.atomic
def invite_expert(
    *,
    by: User,
    email: str,
    display_name: str,
    topics: Iterable[Term] = (),
    **profile: Any,
) -> Member:
    """Give an expert an account with the programme role "expert" (a link to set a password) and
    a profile in the directory. An existing account without a programme role is taken in; one
    that already holds a programme role is refused."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = invite_user(by=by, email=email, display_name=display_name)
    elif user.programme_role and user.programme_role != ProgrammeRole.EXPERT:
        raise ValidationError(
            {
                "email": _(
                    "This address belongs to an account with the programme role "
                    "“%(role)s”; it is in the network already."
                )
                % {"role": user.get_programme_role_display()}
            }
        )
    elif Member.objects.filter(person=user).exists():
        raise ValidationError({"email": _("This expert is in the directory already.")})
    if user.programme_role != ProgrammeRole.EXPERT:
        user.programme_role = ProgrammeRole.EXPERT
        save_audited(user, by=by, changes={"programme_role": [None, ProgrammeRole.EXPERT]})
    member = Member(kind=MemberKind.EXPERT, person=user, **profile)
    save_audited(member, by=by, related={"topics": list(topics)})
    notify(
        [user],
        message=message(texts.EXPERT_WELCOME),
        link=reverse("network:member_edit", kwargs={"network_member_id": member.pk}),
    )
    return member


@transaction.atomic
def change_member(
    member: Member, *, by: User, topics: Iterable[Term] | None = None, **changes: Any
) -> Member:
    locked = Member.objects.select_for_update().get(pk=member.pk)
    related = {"topics": list(topics)} if topics is not None else None
    return save_audited(
        assign(stored(locked), changes),
        by=by,
        municipality=locked.municipality,
        related=related,
    )
