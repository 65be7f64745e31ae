"""The case: opening, editing with optimistic locking, moving it through the procedure rules,
and the audited reads of its pages."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Sequence
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, record_reads, save_audited
from kokoma.core.guard import EditConflict
from kokoma.core.moments import backdate, moment
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term
from kokoma.workflow import services as workflow
from kokoma.workflow.models import Step

from ..models import Case, CaseStepChange
from .team import add_team_member

# Without 0/O and 1/I/L, so that a reference read out on the phone is unambiguous.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference(prefix: str) -> str:
    """A random reference such as M-7KQ2-94XT: not guessable, not a counter across tenants."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def audit_case(
    by: User, action: AuditAction, obj: Any, case: Case, changes: dict[str, Any] | None = None
) -> None:
    """One line in the audit log for a record of `case`, filed under its municipality."""
    record(by=by, action=action, obj=obj, municipality=case.municipality, changes=changes)


class StaleEdit(EditConflict):
    """Someone else saved the case since the form was opened (its version moved on)."""

    current: Case


@transaction.atomic
def open_case(
    *,
    municipality: Municipality,
    by: User,
    title: str,
    summary: str = "",
    opened_on: datetime.date | None = None,
    team: list[User] | None = None,
    at: datetime.datetime | None = None,
) -> Case:
    """Open a case in the initial step of the procedure rules; `at` is when it entered that
    step (now unless the case is recorded afterwards)."""
    step = workflow.initial_step(municipality)
    since = moment(at)
    case = Case.objects.create(
        municipality=municipality,
        reference=new_reference("F"),
        title=title,
        summary=summary,
        step=step,
        step_since=since,
        opened_on=opened_on or timezone.localdate(since),
        opened_by=by,
    )
    change = CaseStepChange.objects.create(case=case, from_step=None, to_step=step, changed_by=by)
    backdate(change, "changed_at", at)
    record(by=by, action=AuditAction.CREATE, obj=case, municipality=municipality)
    for member in team or []:
        add_team_member(case, by=by, user=member, at=at)
    return case


@transaction.atomic
def transition_case(
    case: Case,
    *,
    by: User,
    to_step: Step,
    note: str = "",
    at: datetime.datetime | None = None,
) -> CaseStepChange:
    """Move a case to another step, as far as the municipality's procedure rules allow; `at` is
    when it moved (now unless recorded afterwards, and never before it entered its step)."""
    case = Case.objects.select_for_update().select_related("step").get(pk=case.pk)
    workflow.check_transition(case.step, to_step)
    since = moment(at)
    if since < case.step_since:
        raise ValueError("A case cannot leave its step before it entered it.")
    if to_step.is_final and not case.outcome:
        raise ValidationError(
            _(
                "A case can only be closed with an outcome and lessons learned; "
                "please use “Close case”."
            )
        )
    change = CaseStepChange.objects.create(
        case=case, from_step=case.step, to_step=to_step, changed_by=by, note=note
    )
    backdate(change, "changed_at", at)
    previous = case.step
    case.step = to_step
    case.step_since = since
    case.closed_at = since if to_step.is_final else None
    case.version += 1
    case.save(update_fields=["step", "step_since", "closed_at", "version", "updated_at"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=case,
        municipality=case.municipality,
        changes={"step": [previous.name, to_step.name]},
    )
    return change


class CaseFields(TypedDict, total=False):
    title: str
    summary: str
    topics: Iterable[Term]
    conflict_type: str
    dividers: str
    connectors: str
    tree_causes: str
    tree_core_problem: str
    tree_effects: str


@transaction.atomic
def update_case(case: Case, *, by: User, version: int, **changes: Unpack[CaseFields]) -> Case:
    """Save edited case fields unless someone else saved the case in the meantime."""
    current = Case.objects.select_for_update().get(pk=case.pk)
    if current.version != version:
        raise StaleEdit(current)
    topics = changes.pop("topics", None)
    assign(current, changes)
    current.version += 1
    return save_audited(
        current,
        by=by,
        municipality=current.municipality,
        exclude=["opened_by"],
        related=None if topics is None else {"topics": topics},
    )


def record_case_view(case: Case, *, by: User, path: str = "") -> None:
    """Every read of a case's details is logged, with the page that showed them."""
    record(
        by=by,
        action=AuditAction.VIEW,
        obj=case,
        municipality=case.municipality,
        changes={"page": path} if path else None,
    )


def record_case_list_read(cases: Sequence[Case], *, by: User, path: str) -> None:
    """A list or search that showed cases is a read of them: one line per municipality (its
    audit log shows it), naming the page with its filters and the cases it showed."""
    shown: dict[int, list[Case]] = {}
    for case in cases:
        shown.setdefault(case.municipality_id, []).append(case)
    record_reads(
        by=by,
        reads=[
            (
                group[0].municipality,
                group[0].municipality,
                {"page": path, "cases": ", ".join(case.reference for case in group)},
            )
            for group in shown.values()
        ],
    )
