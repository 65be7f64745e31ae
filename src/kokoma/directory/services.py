"""Writes for the actor landscape: validated, atomic and audited."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality

from .models import Competence, ContactPerson, Institution, InstitutionCase, InstitutionCaseQuerySet

COMPETENCE_MAX_LENGTH = 60
MAX_COMPETENCES = 20
INSTITUTION_FIELDS = (
    "name",
    "kind",
    "description",
    "address",
    "phone",
    "email",
    "website",
    "notes",
    "active",
)
CONTACT_FIELDS = ("name", "function", "email", "phone", "note", "consent_given")
# Checked by the services themselves (with their own messages) or set by them.
INSTITUTION_CHECKED_APART = ("municipality", "created_by", "competences", "name")
CONTACT_CHECKED_APART = ("institution", "name", "consent_recorded_at", "consent_recorded_by")


def institution_url(institution: Institution) -> str:
    return reverse(
        "directory:detail",
        kwargs={"ags": institution.municipality.ags, "institution_id": institution.pk},
    )


def institutions_for_case(case: Case) -> InstitutionCaseQuerySet:
    """The institutions working on a case (links with their role), for the case page."""
    return InstitutionCase.objects.for_case(case)


# Competences ------------------------------------------------------------------------------


def parse_competences(text: str | Iterable[str]) -> list[str]:
    """Comma-separated tags → cleaned names: whitespace collapsed, duplicates dropped (any case).

    Raises a ValidationError on the `competences` field for a tag that is too long or too many.
    """
    parts = text.split(",") if isinstance(text, str) else list(text)
    names: list[str] = []
    seen: set[str] = set()
    for part in parts:
        name = re.sub(r"\s+", " ", part).strip().strip(",;").strip()
        if not name or name.casefold() in seen:
            continue
        if len(name) > COMPETENCE_MAX_LENGTH:
            raise ValidationError(
                {
                    "competences": _(
                        "A competence may have at most %(limit)d characters: “%(name)s”."
                    )
                    % {"limit": COMPETENCE_MAX_LENGTH, "name": name[:30] + "…"}
                }
            )
        seen.add(name.casefold())
        names.append(name)
    if len(names) > MAX_COMPETENCES:
        raise ValidationError(
            {
                "competences": _("Please enter at most %(limit)d competences.")
                % {"limit": MAX_COMPETENCES}
            }
        )
    return names


def _competences(municipality: Municipality, names: list[str]) -> list[Competence]:
    """The municipality's competences with these names, created where new (case-insensitive).

    An existing tag keeps its spelling, so "mediation" typed later finds "Mediation".
    """
    existing = {
        competence.name.casefold(): competence
        for competence in Competence.objects.filter(municipality=municipality)
    }
    found: list[Competence] = []
    for name in names:
        competence = existing.get(name.casefold())
        if competence is None:
            competence = Competence.objects.create(municipality=municipality, name=name)
            existing[name.casefold()] = competence
        found.append(competence)
    return found


def _drop_unused_competences(municipality: Municipality) -> None:
    Competence.objects.filter(municipality=municipality, institutions__isnull=True).delete()


def competence_text(institution: Institution) -> str:
    return ", ".join(competence.name for competence in institution.competences.all())


# Institutions -----------------------------------------------------------------------------


def _validate_institution(institution: Institution) -> None:
    errors: dict[str, list[str]] = {}
    institution.name = institution.name.strip()
    if not institution.name:
        errors.setdefault("name", []).append(_("Please enter the institution's name."))
    elif (
        Institution.objects.filter(
            municipality=institution.municipality, name__iexact=institution.name
        )
        .exclude(pk=institution.pk)
        .exists()
    ):
        errors.setdefault("name", []).append(
            _("An institution with this name is already in the directory.")
        )
    try:
        institution.full_clean(exclude=INSTITUTION_CHECKED_APART)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _institution_fields(institution: Institution) -> dict[str, Any]:
    return {name: getattr(institution, name) for name in INSTITUTION_FIELDS}


def _contact_fields(contact: ContactPerson) -> dict[str, Any]:
    return {name: getattr(contact, name) for name in CONTACT_FIELDS}


@transaction.atomic
def create_institution(
    *,
    municipality: Municipality,
    by: User,
    name: str,
    kind: str,
    competences: str | Iterable[str] = "",
    description: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    website: str = "",
    notes: str = "",
    active: bool = True,
) -> Institution:
    institution = Institution(
        municipality=municipality,
        name=name,
        kind=kind,
        description=description,
        address=address,
        phone=phone,
        email=email,
        website=website,
        notes=notes,
        active=active,
        created_by=by,
    )
    names = _validated(institution, competences)
    return save_audited(
        institution,
        by=by,
        municipality=municipality,
        exclude=INSTITUTION_CHECKED_APART,
        related={"competences": _competences(municipality, names)},
        changes={"competences": [None, ", ".join(names)]} if names else None,
    )


def _validated(institution: Institution, competences: str | Iterable[str]) -> list[str]:
    """Validate the institution and the competences together, so all errors show at once."""
    errors: dict[str, list[str]] = {}
    names: list[str] = []
    try:
        names = parse_competences(competences)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        _validate_institution(institution)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return names


class InstitutionFields(TypedDict, total=False):
    name: str
    kind: str
    description: str
    address: str
    phone: str
    email: str
    website: str
    notes: str
    active: bool


@transaction.atomic
def update_institution(
    institution: Institution,
    *,
    by: User,
    competences: str | Iterable[str] | None = None,
    **changes: Unpack[InstitutionFields],
) -> Institution:
    """Change the given fields of an institution; `competences` replaces its competences."""
    institution = assign(stored(institution), changes)
    municipality = institution.municipality
    before_competences = competence_text(institution)
    names = _validated(institution, before_competences if competences is None else competences)
    after_competences = ", ".join(names)
    competence_change: dict[str, list[str]] = {}
    if sorted(before_competences.split(", ")) != sorted(after_competences.split(", ")):
        competence_change["competences"] = [before_competences, after_competences]
    save_audited(
        institution,
        by=by,
        municipality=municipality,
        exclude=INSTITUTION_CHECKED_APART,
        related={"competences": _competences(municipality, names)},
        snapshot=_institution_fields,
        changes=competence_change,
    )
    _drop_unused_competences(municipality)
    return institution


@transaction.atomic
def delete_institution(institution: Institution, *, by: User) -> None:
    """Delete the institution with its contact persons and case links; unused tags go too."""
    municipality = institution.municipality
    for contact in institution.contacts.all():
        record(by=by, action=AuditAction.DELETE, obj=contact, municipality=municipality)
    for link in institution.case_links.select_related("case"):
        record(by=by, action=AuditAction.DELETE, obj=link, municipality=municipality)
    record(by=by, action=AuditAction.DELETE, obj=institution, municipality=municipality)
    institution.delete()
    _drop_unused_competences(municipality)


# Contact persons --------------------------------------------------------------------------


def _validate_contact(contact: ContactPerson) -> None:
    errors: dict[str, list[str]] = {}
    contact.name = contact.name.strip()
    if not contact.name:
        errors.setdefault("name", []).append(_("Please enter the contact person's name."))
    if not contact.consent_given:
        errors.setdefault("consent_given", []).append(
            _(
                "Contact persons may only be recorded with their consent. "
                "Please confirm that the person has agreed."
            )
        )
    try:
        contact.full_clean(exclude=CONTACT_CHECKED_APART)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_contact(
    institution: Institution,
    *,
    by: User,
    name: str,
    consent_given: bool,
    function: str = "",
    email: str = "",
    phone: str = "",
    note: str = "",
) -> ContactPerson:
    contact = ContactPerson(
        institution=institution,
        name=name,
        function=function,
        email=email,
        phone=phone,
        note=note,
        consent_given=consent_given,
    )
    _validate_contact(contact)
    contact.consent_recorded_at = timezone.now()
    contact.consent_recorded_by = by
    return save_audited(
        contact, by=by, municipality=institution.municipality, exclude=CONTACT_CHECKED_APART
    )


class ContactFields(TypedDict, total=False):
    name: str
    function: str
    email: str
    phone: str
    note: str
    consent_given: bool


@transaction.atomic
def update_contact(
    contact: ContactPerson, *, by: User, **changes: Unpack[ContactFields]
) -> ContactPerson:
    """Change the given fields of a contact person."""
    contact = assign(stored(contact), changes)
    _validate_contact(contact)
    return save_audited(
        contact,
        by=by,
        municipality=contact.institution.municipality,
        exclude=CONTACT_CHECKED_APART,
        snapshot=_contact_fields,
    )


@transaction.atomic
def delete_contact(contact: ContactPerson, *, by: User) -> None:
    record(
        by=by,
        action=AuditAction.DELETE,
        obj=contact,
        municipality=contact.institution.municipality,
    )
    contact.delete()


# Cases ------------------------------------------------------------------------------------


@transaction.atomic
def link_case(institution: Institution, *, by: User, case: Case, role: str = "") -> InstitutionCase:
    """Record that the institution works on the case: same municipality, and `by` may change it."""
    errors: dict[str, list[str]] = {}
    if case.municipality_id != institution.municipality_id:
        errors.setdefault("case", []).append(_("The case belongs to another municipality."))
    elif not by.has_perm("cases.change_case", case):
        errors.setdefault("case", []).append(
            _("You may only link cases that you are allowed to work on.")
        )
    elif InstitutionCase.objects.filter(institution=institution, case=case).exists():
        errors.setdefault("case", []).append(_("The institution is already linked to this case."))
    role = role.strip()
    if len(role) > 200:
        errors.setdefault("role", []).append(_("The role may have at most 200 characters."))
    if errors:
        raise ValidationError(errors)
    link = InstitutionCase.objects.create(
        institution=institution, case=case, role=role, created_by=by
    )
    record(
        by=by,
        action=AuditAction.CREATE,
        obj=link,
        municipality=institution.municipality,
        changes={"role": [None, role]} if role else None,
    )
    return link


@transaction.atomic
def unlink_case(link: InstitutionCase, *, by: User) -> None:
    if not by.has_perm("cases.change_case", link.case):
        raise ValidationError(_("You may only unlink cases that you are allowed to work on."))
    record(by=by, action=AuditAction.DELETE, obj=link, municipality=link.institution.municipality)
    link.delete()
