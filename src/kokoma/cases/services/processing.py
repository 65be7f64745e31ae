"""Conflict processing on a case: procedures, measures, agreements and closing with an outcome.

Like every service: keyword-only arguments, the acting user as `by`, atomic, audited. Each
function validates on its own, so that a crafted request cannot bypass a form's checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, diff, save_audited, stored
from kokoma.core.moments import backdate, moment
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow import services as workflow
from kokoma.workflow.models import Step

from ..models import Actor, Agreement, Case, CaseOutcome, CaseProcedure, Measure
from ..signals import case_closed
from .case import audit_case, transition_case


def _check_actors(case: Case, actors: Iterable[Actor]) -> list[Actor]:
    actors = list(actors)
    if any(actor.case_id != case.pk for actor in actors):
        raise ValidationError(_("Please choose only actors of this case."))
    return actors


def _snapshot(obj: Any, m2m: str) -> dict[str, Any]:
    data = model_to_dict(obj, exclude=[m2m]) if obj.pk else {}
    if obj.pk:
        data[m2m] = sorted(getattr(obj, m2m).values_list("pk", flat=True))
    return data


class ProcedureFields(TypedDict, total=False):
    procedure: Term
    goal: str
    participants: Iterable[Actor]
    status: str
    started_on: datetime.date | None
    ended_on: datetime.date | None


def _participants_snapshot(procedure: CaseProcedure) -> dict[str, Any]:
    return _snapshot(procedure, "participants")


def _check_procedure(procedure: CaseProcedure) -> None:
    term = Term.objects.filter(pk=procedure.procedure_id).first()
    if term is None or term.kind != TermKind.PROCEDURE:
        raise ValidationError({"procedure": _("Please choose a procedure from the catalogue.")})
    if procedure.started_on and procedure.ended_on and procedure.ended_on < procedure.started_on:
        raise ValidationError({"ended_on": _("The end date must not be before the start date.")})


@transaction.atomic
def add_procedure(
    case: Case,
    *,
    by: User,
    procedure: Term,
    goal: str,
    participants: Iterable[Actor] = (),
    status: str = CaseProcedure.Status.PLANNED,
    started_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
) -> CaseProcedure:
    """Use a procedure of the catalogue in the case; participants must be actors of the case."""
    people = _check_actors(case, participants)
    added = CaseProcedure(
        case=case,
        procedure=procedure,
        goal=goal,
        status=status,
        started_on=started_on,
        ended_on=ended_on,
    )
    _check_procedure(added)
    return save_audited(
        added, by=by, municipality=case.municipality, related={"participants": people}
    )


@transaction.atomic
def update_procedure(
    case_procedure: CaseProcedure, *, by: User, **changes: Unpack[ProcedureFields]
) -> CaseProcedure:
    """Change the given fields of a procedure; participants must be actors of the case."""
    participants = changes.pop("participants", None)
    changed = assign(stored(case_procedure), changes)
    case = changed.case
    related = None if participants is None else {"participants": _check_actors(case, participants)}
    _check_procedure(changed)
    return save_audited(
        changed,
        by=by,
        municipality=case.municipality,
        related=related,
        snapshot=_participants_snapshot,
    )


def owner_choices(case: Case) -> list[User]:
    """Who may own a measure: everyone who can see the case."""
    candidates = User.objects.filter(is_active=True, memberships__municipality=case.municipality)
    return [
        user
        for user in candidates.distinct().order_by("username")
        if user.has_perm("cases.view_case", case)
    ]


class MeasureFields(TypedDict, total=False):
    title: str
    description: str
    owner: User
    due_on: datetime.date | None
    status: str
    result: str


def _check_measure(measure: Measure) -> None:
    """The owner must be able to see the case; the due date must not lie before the creation."""
    owner = User.objects.filter(pk=measure.owner_id).first()
    if owner is None or not owner.is_active or not owner.has_perm("cases.view_case", measure.case):
        raise ValidationError(
            {"owner": _("The responsible person must be someone who can see this case.")}
        )
    created_on = (
        timezone.localdate(measure.created_at) if measure.created_at else timezone.localdate()
    )
    if measure.due_on is not None and measure.due_on < created_on:
        raise ValidationError(
            {"due_on": _("The due date must not be before the day the measure was created.")}
        )


@transaction.atomic
def add_measure(
    case: Case,
    *,
    by: User,
    title: str,
    owner: User,
    description: str = "",
    due_on: datetime.date | None = None,
    status: str = Measure.Status.OPEN,
    result: str = "",
    at: datetime.datetime | None = None,
) -> Measure:
    """Add a measure that `owner` takes on; the owner must be able to see the case. `at` is
    when it was taken on, if not now (the due date must not lie before that day)."""
    measure = Measure(
        case=case,
        title=title,
        description=description,
        owner=owner,
        due_on=due_on,
        status=status,
        result=result,
    )
    if at is not None:
        # For the check; saving stamps the time of the write, which backdate() corrects.
        measure.created_at = moment(at)
    _check_measure(measure)
    save_audited(measure, by=by, municipality=case.municipality)
    backdate(measure, "created_at", at)
    return measure


@transaction.atomic
def update_measure(measure: Measure, *, by: User, **changes: Unpack[MeasureFields]) -> Measure:
    """Change the given fields of a measure; the owner must be able to see the case."""
    measure = assign(stored(measure), changes)
    _check_measure(measure)
    return save_audited(measure, by=by, municipality=measure.case.municipality)


class AgreementFields(TypedDict, total=False):
    text: str
    parties: Iterable[Actor]
    agreed_on: datetime.date
    review_on: datetime.date | None
    status: str


def _parties_snapshot(agreement: Agreement) -> dict[str, Any]:
    return _snapshot(agreement, "parties")


def _check_agreement(agreement: Agreement) -> None:
    if agreement.review_on and agreement.agreed_on and agreement.review_on < agreement.agreed_on:
        raise ValidationError(
            {"review_on": _("The review date must not be before the date of the agreement.")}
        )


@transaction.atomic
def add_agreement(
    case: Case,
    *,
    by: User,
    text: str,
    parties: Iterable[Actor] = (),
    agreed_on: datetime.date | None = None,
    review_on: datetime.date | None = None,
    status: str = Agreement.Status.IN_FORCE,
) -> Agreement:
    """Record an agreement (made today unless `agreed_on` says otherwise) between actors."""
    people = _check_actors(case, parties)
    agreement = Agreement(
        case=case,
        text=text,
        agreed_on=agreed_on or timezone.localdate(),
        review_on=review_on,
        status=status,
    )
    _check_agreement(agreement)
    return save_audited(
        agreement, by=by, municipality=case.municipality, related={"parties": people}
    )


@transaction.atomic
def update_agreement(
    agreement: Agreement, *, by: User, **changes: Unpack[AgreementFields]
) -> Agreement:
    """Change the given fields of an agreement; the parties must be actors of the case."""
    parties = changes.pop("parties", None)
    agreement = assign(stored(agreement), changes)
    case = agreement.case
    related = None if parties is None else {"parties": _check_actors(case, parties)}
    _check_agreement(agreement)
    return save_audited(
        agreement,
        by=by,
        municipality=case.municipality,
        related=related,
        snapshot=_parties_snapshot,
    )


def _delete(obj: CaseProcedure | Measure | Agreement, *, by: User, case: Case) -> None:
    """Delete one processing record of `case`, audited with what it held."""
    if obj.case_id != case.pk:
        raise ValidationError(_("This entry does not belong to the case."))
    m2m = {CaseProcedure: "participants", Agreement: "parties"}.get(type(obj))
    snapshot = _snapshot(obj, m2m) if m2m else model_to_dict(obj)
    audit_case(by, AuditAction.DELETE, obj, case, diff(snapshot, dict.fromkeys(snapshot)))
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as error:
        raise ValidationError(
            _("This entry cannot be deleted because other records refer to it.")
        ) from error


@transaction.atomic
def delete_procedure(procedure: CaseProcedure, *, by: User, case: Case) -> None:
    """Delete a procedure. Its participants stay actors of the case; measures and agreements are
    not linked to procedures and stay as they are."""
    _delete(procedure, by=by, case=case)


@transaction.atomic
def delete_measure(measure: Measure, *, by: User, case: Case) -> None:
    """Delete a measure; it also leaves the owner's calendar feed."""
    _delete(measure, by=by, case=case)


@transaction.atomic
def delete_agreement(agreement: Agreement, *, by: User, case: Case) -> None:
    """Delete an agreement; the parties stay actors of the case."""
    _delete(agreement, by=by, case=case)


@transaction.atomic
def close_case(
    case: Case,
    *,
    by: User,
    outcome: str,
    lessons: str,
    to_step: Step,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Case:
    """Record the outcome and lessons learned and move the case to a final step, as far as the
    procedure rules allow closing from its current step (`workflow.closing`); `at` is when, if
    not now."""
    errors: dict[str, str] = {}
    if outcome not in CaseOutcome.values:
        errors["outcome"] = _("Please choose the outcome of the case.")
    if not lessons.strip():
        errors["lessons"] = _("Please write down the lessons learned.")
    if not to_step.is_final:
        errors["to_step"] = _("Please choose a final step.")
    if errors:
        raise ValidationError(errors)
    current = Case.objects.select_for_update().select_related("step").get(pk=case.pk)
    if current.closed_at is not None:
        raise ValidationError(_("The case is already closed."))
    workflow.check_closing(current.step, to_step)
    before = {"outcome": current.outcome, "lessons_learned": current.lessons_learned}
    current.outcome = outcome
    current.lessons_learned = lessons.strip()
    current.save(update_fields=["outcome", "lessons_learned", "updated_at"])
    audit_case(
        by,
        AuditAction.UPDATE,
        current,
        current,
        diff(before, {"outcome": current.outcome, "lessons_learned": current.lessons_learned}),
    )
    transition_case(current, by=by, to_step=to_step, note=note, at=at)
    current.refresh_from_db()
    case_id = current.pk
    transaction.on_commit(lambda: case_closed.send(sender=Case, case_id=case_id))
    return current
