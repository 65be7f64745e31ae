"""Writes for prevention measures: validated, atomic and audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import diff, record
from kokoma.cases.models import Term, TermKind
from kokoma.municipalities.models import Municipality

from .models import PreventionMeasure

TRACKED = (
    "title",
    "description",
    "target_group",
    "responsible_id",
    "organisation",
    "starts_on",
    "ends_on",
    "status",
    "result",
)


def _fields(measure: PreventionMeasure, topics: Iterable[Term] | None = None) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(measure, name) for name in TRACKED}
    if topics is not None:
        values["topics"] = ", ".join(sorted(term.name for term in topics))
    return values


def measure_url(measure: PreventionMeasure) -> str:
    return reverse(
        "situation:measure_detail",
        kwargs={"ags": measure.municipality.ags, "prevention_measure_id": measure.pk},
    )


def check_prevention_measure(measure: PreventionMeasure, topics: Iterable[Term]) -> None:
    """Raise a ValidationError naming the fields that are wrong."""
    errors: dict[str, list[str]] = {}
    if measure.ends_on is not None and measure.ends_on < measure.starts_on:
        errors.setdefault("ends_on", []).append(
            _("The end date must not be before the start date.")
        )
    if measure.responsible_id is None and not measure.organisation.strip():
        errors.setdefault("organisation", []).append(
            _("Name a responsible person or a responsible organisation.")
        )
    if (
        measure.responsible_id is not None
        and not Membership.objects.filter(
            user_id=measure.responsible_id, municipality=measure.municipality
        ).exists()
    ):
        errors.setdefault("responsible", []).append(
            _("The responsible person must be a member of the municipality.")
        )
    if any(term.kind != TermKind.TOPIC for term in topics):
        errors.setdefault("topics", []).append(_("Only topics can be chosen."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_prevention_measure(
    *,
    municipality: Municipality,
    by: User,
    title: str,
    starts_on: datetime.date,
    description: str = "",
    topics: Iterable[Term] = (),
    target_group: str = "",
    responsible: User | None = None,
    organisation: str = "",
    ends_on: datetime.date | None = None,
    status: str = PreventionMeasure.Status.PLANNED,
    result: str = "",
) -> PreventionMeasure:
    topics = list(topics)
    measure = PreventionMeasure(
        municipality=municipality,
        title=title,
        description=description,
        target_group=target_group,
        responsible=responsible,
        organisation=organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        result=result,
        created_by=by,
    )
    check_prevention_measure(measure, topics)
    measure.save()
    measure.topics.set(topics)
    record(by=by, action=AuditAction.CREATE, obj=measure, municipality=municipality)
    return measure


@transaction.atomic
def update_prevention_measure(
    measure: PreventionMeasure, *, by: User, topics: Iterable[Term]
) -> PreventionMeasure:
    """Save the changed fields of `measure` (as the form set them) and its topics."""
    topics = list(topics)
    before = PreventionMeasure.objects.get(pk=measure.pk)
    check_prevention_measure(measure, topics)
    measure.save()
    before_fields = _fields(before, before.topics.all())
    measure.topics.set(topics)
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=measure,
        municipality=measure.municipality,
        changes=diff(before_fields, _fields(measure, topics)),
    )
    return measure


@transaction.atomic
def delete_prevention_measure(measure: PreventionMeasure, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=measure, municipality=measure.municipality)
    measure.delete()
