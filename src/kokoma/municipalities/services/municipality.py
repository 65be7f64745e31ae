"""Business operations on municipalities. Each takes the acting user, runs atomically and audits."""

from __future__ import annotations

import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, MembershipRole, ProgrammeRole, User
from kokoma.accounts.services import invite_user
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored

from ..models import (
    Contact,
    CounsellingStructure,
    Municipality,
    Phase,
    PhaseChange,
    RegisterEntry,
)
from ..signals import municipality_admitted
from .process import start_process


@transaction.atomic
def onboard_municipality(
    *,
    by: User,
    register: RegisterEntry,
    joined_on: datetime.date,
    phase: str = Phase.INTERESTED,
    pfd_name: str = "",
    external_companion: User | None = None,
    local_companion_email: str = "",
    local_companion_name: str = "",
) -> Municipality:
    if Municipality.objects.filter(register=register).exists():
        raise ValidationError(
            _("%(name)s already takes part in the programme.") % {"name": register.name}
        )
    municipality = Municipality.objects.create(
        register=register,
        phase=phase,
        phase_since=joined_on,
        joined_on=joined_on,
        pfd_name=pfd_name,
    )
    PhaseChange.objects.create(
        municipality=municipality,
        from_phase="",
        to_phase=phase,
        changed_on=joined_on,
        changed_by=by,
    )
    record(by=by, action=AuditAction.CREATE, obj=municipality, municipality=municipality)
    joined = datetime.datetime.combine(
        joined_on, datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    start_process(municipality, by=by, at=min(joined, timezone.now()))
    # The procedure rules (workflow) start from their default, in this same transaction.
    municipality_admitted.send(sender=Municipality, municipality=municipality, by=by)
    if external_companion or local_companion_email:
        assign_tandem(
            municipality,
            by=by,
            external_companion=external_companion,
            local_companion_email=local_companion_email,
            local_companion_name=local_companion_name,
        )
    return municipality


@transaction.atomic
def change_phase(
    municipality: Municipality,
    *,
    by: User,
    to_phase: str,
    effective_on: datetime.date,
    note: str = "",
) -> PhaseChange:
    if to_phase == municipality.phase:
        raise ValidationError(_("The municipality is already in this phase."))
    if effective_on < municipality.phase_since:
        raise ValidationError(
            _("The date lies before the start of the current phase (%(date)s).")
            % {"date": formats.date_format(municipality.phase_since, "SHORT_DATE_FORMAT")}
        )
    change = PhaseChange.objects.create(
        municipality=municipality,
        from_phase=municipality.phase,
        to_phase=to_phase,
        changed_on=effective_on,
        changed_by=by,
        note=note,
    )
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=municipality,
        municipality=municipality,
        changes={"phase": [municipality.phase, to_phase]},
    )
    municipality.phase = to_phase
    municipality.phase_since = effective_on
    municipality.save(update_fields=["phase", "phase_since", "updated_at"])
    return change


@transaction.atomic
def assign_tandem(
    municipality: Municipality,
    *,
    by: User,
    external_companion: User | None,
    local_companion_email: str,
    local_companion_name: str = "",
) -> None:
    """Set the tandem: one external companion from the pool and one local companion.

    A local companion without an account is invited by e-mail to set a password.
    """
    if external_companion is not None and (
        external_companion.programme_role != ProgrammeRole.EXTERNAL_COMPANION
    ):
        raise ValidationError(
            _("The external process companion must belong to the programme's pool.")
        )
    local: User | None = None
    if local_companion_email:
        local = User.objects.filter(email__iexact=local_companion_email).first()
        if local is None:
            if not local_companion_name:
                raise ValidationError(_("Please give the name of the new local process companion."))
            local = invite_user(
                by=by, email=local_companion_email, display_name=local_companion_name
            )
        elif local.programme_role:
            raise ValidationError(
                _("%(name)s has a programme role and cannot be the local process companion.")
                % {"name": local}
            )
    for role, user in (
        (MembershipRole.EXTERNAL_COMPANION, external_companion),
        (MembershipRole.LOCAL_COMPANION, local),
    ):
        current = Membership.objects.filter(municipality=municipality, role=role).first()
        if current and current.user == user:
            continue
        if current:
            record(by=by, action=AuditAction.DELETE, obj=current, municipality=municipality)
            current.delete()
        if user is not None:
            membership = Membership.objects.create(municipality=municipality, user=user, role=role)
            record(by=by, action=AuditAction.CREATE, obj=membership, municipality=municipality)


@transaction.atomic
def add_member(
    municipality: Municipality,
    *,
    by: User,
    email: str,
    display_name: str,
    role: str,
    function: str = "",
) -> Membership:
    if role not in {MembershipRole.ACTOR, MembershipRole.BOARD_MEMBER, MembershipRole.TRAINEE}:
        raise ValidationError(_("Process companions are assigned as the tandem."))
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = invite_user(by=by, email=email, display_name=display_name)
    elif user.programme_role:
        # Programme staff (office, pool companions, supervisors) get no municipal data this way.
        raise ValidationError(
            _("%(name)s has a programme role and cannot be added to a municipality.")
            % {"name": user}
        )
    if Membership.objects.filter(municipality=municipality, user=user, role=role).exists():
        raise ValidationError(_("%(name)s already has this role here.") % {"name": user})
    membership = Membership.objects.create(
        municipality=municipality, user=user, role=role, function=function
    )
    record(by=by, action=AuditAction.CREATE, obj=membership, municipality=municipality)
    return membership


class MemberFields(TypedDict, total=False):
    """What can change on a membership; its role stays, as access hangs on it."""

    function: str


@transaction.atomic
def change_member(
    membership: Membership, *, by: User, **changes: Unpack[MemberFields]
) -> Membership:
    """Change the given fields of a membership, companions' included (their function)."""
    changed = assign(stored(membership), changes)
    return save_audited(changed, by=by, municipality=changed.municipality)


@transaction.atomic
def remove_member(membership: Membership, *, by: User) -> None:
    if membership.is_companion():
        raise ValidationError(_("Process companions are changed on the tandem page."))
    record(by=by, action=AuditAction.DELETE, obj=membership, municipality=membership.municipality)
    membership.delete()


class ProfileFields(TypedDict, total=False):
    pfd_name: str
    pfd_coordination: str
    description: str


@transaction.atomic
def change_profile(
    municipality: Municipality, *, by: User, **changes: Unpack[ProfileFields]
) -> Municipality:
    """Change the given fields of the municipality's profile."""
    changed = assign(stored(municipality), changes)
    return save_audited(changed, by=by, municipality=changed)


# Contacts -------------------------------------------------------------------------------------


class ContactFields(TypedDict, total=False):
    name: str
    function: str
    organisation: str
    email: str
    phone: str


@transaction.atomic
def add_contact(
    municipality: Municipality,
    *,
    by: User,
    name: str,
    function: str,
    organisation: str = "",
    email: str = "",
    phone: str = "",
) -> Contact:
    contact = Contact(
        municipality=municipality,
        name=name,
        function=function,
        organisation=organisation,
        email=email,
        phone=phone,
    )
    return save_audited(contact, by=by, municipality=municipality)


@transaction.atomic
def change_contact(contact: Contact, *, by: User, **changes: Unpack[ContactFields]) -> Contact:
    changed = assign(stored(contact), changes)
    return save_audited(changed, by=by, municipality=changed.municipality)


@transaction.atomic
def delete_contact(contact: Contact, *, by: User) -> None:
    _delete(contact, by=by)


# Counselling structures -----------------------------------------------------------------------


class CounsellingStructureFields(TypedDict, total=False):
    name: str
    kind: str
    description: str
    contact: str


@transaction.atomic
def add_counselling_structure(
    municipality: Municipality,
    *,
    by: User,
    name: str,
    kind: str,
    description: str = "",
    contact: str = "",
) -> CounsellingStructure:
    structure = CounsellingStructure(
        municipality=municipality, name=name, kind=kind, description=description, contact=contact
    )
    return save_audited(structure, by=by, municipality=municipality)


@transaction.atomic
def change_counselling_structure(
    structure: CounsellingStructure, *, by: User, **changes: Unpack[CounsellingStructureFields]
) -> CounsellingStructure:
    changed = assign(stored(structure), changes)
    return save_audited(changed, by=by, municipality=changed.municipality)


@transaction.atomic
def delete_counselling_structure(structure: CounsellingStructure, *, by: User) -> None:
    _delete(structure, by=by)


def _delete(obj: Contact | CounsellingStructure, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=obj, municipality=obj.municipality)
    obj.delete()
