"""Observations, their triage and the public chronicle.

Each function takes the acting user, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import record
from kokoma.cases.models import Case
from kokoma.cases.services import new_reference, open_case
from kokoma.core.moments import backdate, moment
from kokoma.municipalities.models import Municipality

from .models import ChronicleEntry, Observation

TRIAGEABLE = (Observation.Status.NEW, Observation.Status.VERIFIED)
PUBLISHABLE = (Observation.Status.VERIFIED, Observation.Status.MERGED)


@transaction.atomic
def record_observation(
    *,
    municipality: Municipality,
    by: User | None,
    topics: Any = (),
    at: datetime.datetime | None = None,
    **fields: Any,
) -> Observation:
    """Record an observation as received now, or at `at` when it is entered afterwards."""
    observation = Observation(
        municipality=municipality,
        reference=new_reference("M"),
        reporter=by if by is not None and by.is_authenticated else None,
        **fields,
    )
    observation.full_clean(exclude=["topics"])
    observation.save()
    backdate(observation, "created_at", at)
    if topics:
        observation.topics.set(topics)
    record(by=by, action=AuditAction.CREATE, obj=observation, municipality=municipality)
    return observation


def attach_observation(
    observation: Observation, *, case: Case, by: User, at: datetime.datetime | None = None
) -> None:
    if observation.municipality_id != case.municipality_id:
        raise ValidationError(_("The observation belongs to another municipality."))
    observation.case = case
    observation.status = Observation.Status.MERGED
    observation.triaged_by = by
    observation.triaged_at = moment(at)
    observation.save(update_fields=["case", "status", "triaged_by", "triaged_at"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=observation,
        municipality=case.municipality,
        changes={"case": [None, case.reference]},
    )


def _locked(observation: Observation) -> Observation:
    return (
        Observation.objects.select_for_update()
        .select_related("municipality")
        .get(pk=observation.pk)
    )


def _check_open(observation: Observation) -> None:
    if observation.status not in TRIAGEABLE:
        raise ValidationError(
            _("This observation has already been triaged (%(status)s).")
            % {"status": observation.get_status_display()}
        )


def _triaged(
    observation: Observation,
    *,
    by: User,
    status: str,
    at: datetime.datetime | None = None,
    **fields: Any,
) -> Observation:
    previous = observation.status
    observation.status = status
    observation.triaged_by = by
    observation.triaged_at = moment(at)
    for name, value in fields.items():
        setattr(observation, name, value)
    observation.save(update_fields=["status", "triaged_by", "triaged_at", *fields])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=observation,
        municipality=observation.municipality,
        changes={"status": [previous, status], **{k: [None, str(v)] for k, v in fields.items()}},
    )
    return observation


@transaction.atomic
def verify_observation(
    observation: Observation, *, by: User, at: datetime.datetime | None = None
) -> Observation:
    """Mark a new observation as checked and credible (`at`: when, if not now)."""
    observation = _locked(observation)
    if observation.status == Observation.Status.VERIFIED:
        return observation
    _check_open(observation)
    return _triaged(observation, by=by, status=Observation.Status.VERIFIED, at=at)


@transaction.atomic
def dismiss_observation(
    observation: Observation, *, by: User, reason: str, at: datetime.datetime | None = None
) -> Observation:
    """Set an observation aside; it stays findable with its reason (`at`: when, if not now)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Please give a reason for dismissing the observation."))
    observation = _locked(observation)
    _check_open(observation)
    return _triaged(
        observation, by=by, status=Observation.Status.DISMISSED, at=at, dismissal_reason=reason
    )


@transaction.atomic
def merge_into_new_case(
    observation: Observation, *, by: User, title: str, summary: str = ""
) -> Case:
    """Open a new case from the observation (the observation is assigned to it)."""
    observation = _locked(observation)
    _check_open(observation)
    case = open_case(municipality=observation.municipality, by=by, title=title, summary=summary)
    attach_observation(observation, case=case, by=by)
    if observation.topics.exists():
        case.topics.set(observation.topics.all())
    return case


@transaction.atomic
def merge_into_case(
    observation: Observation, *, by: User, case: Case, at: datetime.datetime | None = None
) -> Case:
    """Assign the observation to an existing open case of the same municipality (`at`: when,
    if not now)."""
    observation = _locked(observation)
    _check_open(observation)
    if case.closed_at is not None:
        raise ValidationError(_("The case is closed; observations can no longer be added."))
    attach_observation(observation, case=case, by=by, at=at)
    return case


def can_publish(observation: Observation) -> bool:
    return (
        observation.status in PUBLISHABLE
        and observation.is_incident
        and observation.motive_id is not None
        and observation.incident_type_id is not None
    )


@transaction.atomic
def publish_to_chronicle(
    observation: Observation,
    *,
    by: User,
    text: str,
    district: str,
    at: datetime.datetime | None = None,
) -> ChronicleEntry:
    """Publish a verified incident, in an anonymised text the tandem approves, in the chronicle
    (`at`: when, if not now)."""
    observation = _locked(observation)
    if not can_publish(observation):
        raise ValidationError(
            _(
                "Only a verified incident with motive and incident type can be published "
                "in the chronicle."
            )
        )
    if ChronicleEntry.objects.filter(observation=observation).exists():
        raise ValidationError(_("This incident is already in the chronicle."))
    if not text.strip() or not district.strip():
        raise ValidationError(_("Please enter the anonymised text and the district."))
    assert observation.motive is not None and observation.incident_type is not None  # noqa: S101
    entry = ChronicleEntry.objects.create(
        observation=observation,
        municipality=observation.municipality,
        occurred_on=observation.occurred_on,
        district=district.strip(),
        motive=observation.motive,
        incident_type=observation.incident_type,
        text=text.strip(),
        approved_by=by,
    )
    backdate(entry, "published_at", at)
    record(by=by, action=AuditAction.CREATE, obj=entry, municipality=observation.municipality)
    return entry


@transaction.atomic
def withdraw_chronicle_entry(entry: ChronicleEntry, *, by: User) -> None:
    """Take an entry out of the public chronicle (it is deleted; the audit log keeps the fact)."""
    record(by=by, action=AuditAction.DELETE, obj=entry, municipality=entry.municipality)
    entry.delete()
