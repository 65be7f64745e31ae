"""The case team (need-to-know): who besides the tandem may see a case."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import record
from kokoma.core.moments import backdate

from ..models import Case, CaseTeamMember


@transaction.atomic
def add_team_member(
    case: Case, *, by: User, user: User, at: datetime.datetime | None = None
) -> CaseTeamMember:
    """Add someone of the municipality to the case team (`at`: when, if not now)."""
    if not Membership.objects.filter(municipality_id=case.municipality_id, user=user).exists():
        raise ValidationError(
            _("%(name)s has no role in this municipality and cannot join the case team.")
            % {"name": user}
        )
    if case.team.filter(user=user).exists():
        raise ValidationError(_("%(name)s is already on the case team.") % {"name": user})
    member = CaseTeamMember.objects.create(case=case, user=user, added_by=by)
    backdate(member, "added_at", at)
    record(by=by, action=AuditAction.CREATE, obj=member, municipality=case.municipality)
    return member


@transaction.atomic
def remove_team_member(member: CaseTeamMember, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=member, municipality=member.case.municipality)
    member.delete()
