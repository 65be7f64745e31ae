"""Cases (need-to-know, as on the pages) and what belongs to them. Every read of a case's
details is written to the audit log, as a page view is."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema

from kokoma.cases.forms.case import CaseFilterForm
from kokoma.cases.models import (
    Actor,
    Agreement,
    Case,
    CaseProcedure,
    EscalationAssessment,
    Measure,
    Relation,
)
from kokoma.cases.services.case import record_case_list_read, record_case_view
from kokoma.municipalities.models import Municipality

from ..base import READ, Page, PageQuery, acting_user, paginate, reach

router = Router(tags=["cases"], auth=READ)


class CaseOut(Schema):
    reference: str
    municipality: str = Field(description=gettext_noop("AGS of the municipality"))
    title: str
    summary: str
    conflict_type: str
    step: str | None
    opened_on: datetime.date
    closed_at: datetime.datetime | None
    outcome: str
    latest_stage: int | None = Field(
        description=gettext_noop("Glasl stage of the latest whole-case assessment")
    )
    topics: list[str]
    version: int

    @staticmethod
    def resolve_municipality(obj: Case) -> str:
        return obj.municipality.register.ags

    @staticmethod
    def resolve_step(obj: Case) -> str | None:
        return obj.step.name if obj.step else None

    @staticmethod
    def resolve_latest_stage(obj: Case) -> int | None:
        return getattr(obj, "latest_stage", None)

    @staticmethod
    def resolve_topics(obj: Case) -> list[str]:
        return [topic.name for topic in obj.topics.all()]


class CaseFilters(Schema):
    municipality: str | None = Field(None, max_length=12, description=gettext_noop("AGS"))
    q: str | None = Field(None, max_length=200, description=gettext_noop("Full-text search"))
    step: str | None = Field(None, max_length=100, description=gettext_noop("Name of the step"))
    topic: int | None = Field(None, description=gettext_noop("Id of a topic term"))
    glasl: Literal["1-3", "4-6", "7-9"] | None = None
    status: Literal["open", "closed"] | None = None
    overdue: bool = False


class ActorOut(Schema):
    id: int
    pseudonym: str
    kind: str
    role: str
    interests: str
    needs: str
    positions: str
    influence: int
    attitude: int


class RelationOut(Schema):
    id: int
    source: int = Field(alias="source_id")
    target: int = Field(alias="target_id")
    kind: str
    strength: int
    directed: bool
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    note: str


class AssessmentOut(Schema):
    id: int
    actor: int | None = Field(
        alias="actor_id", description=gettext_noop("None: the case as a whole")
    )
    stage: int = Field(ge=1, le=9)
    assessed_on: datetime.date
    rationale: str


class ProcedureOut(Schema):
    id: int
    procedure: str
    goal: str
    status: str
    started_on: datetime.date | None
    ended_on: datetime.date | None

    @staticmethod
    def resolve_procedure(obj: CaseProcedure) -> str:
        return obj.procedure.name


class MeasureOut(Schema):
    id: int
    title: str
    description: str
    due_on: datetime.date | None
    status: str
    result: str


class AgreementOut(Schema):
    id: int
    text: str
    agreed_on: datetime.date | None
    review_on: datetime.date | None
    status: str


@router.get(
    "/",
    response=Page[CaseOut],
    summary=gettext_noop("List cases"),
    description=gettext_noop(
        "The cases the user may see, with the same filters as the case list page."
    ),
)
def list_cases(
    request: HttpRequest, filters: Query[CaseFilters], page: Query[PageQuery]
) -> dict[str, Any]:
    user = acting_user(request)
    municipalities = Municipality.objects.visible_to(user)
    base = Case.objects.visible_to(user)
    if filters.municipality:
        municipalities = municipalities.filter(register__ags=filters.municipality)
        base = base.filter(municipality__in=municipalities)
    data = filters.dict(exclude={"municipality"}, exclude_none=True)
    if not data.get("overdue"):
        data.pop("overdue", None)
    form = CaseFilterForm(data, municipalities=municipalities, user=user)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    result = paginate(form.apply(base).order_by("-opened_on", "-id"), page)
    record_case_list_read(result["items"], by=user, path=request.get_full_path())
    return result


def _case(request: HttpRequest, reference: str) -> Case:
    user = acting_user(request)
    case = reach(
        Case.objects.visible_to(user).select_related("municipality__register", "step"),
        user,
        "cases.view_case",
        reference=reference,
    )
    record_case_view(case, by=user, path=request.get_full_path())
    return case


@router.get("/{reference}", response=CaseOut, summary=gettext_noop("One case"))
def get_case(request: HttpRequest, reference: str) -> Case:
    case = _case(request, reference)
    return (
        Case.objects.with_latest_stage()
        .prefetch_related("topics")
        .select_related("municipality__register", "step")
        .get(pk=case.pk)
    )


def _part(
    request: HttpRequest, reference: str, queryset: QuerySet[Any], page: PageQuery
) -> dict[str, Any]:
    case = _case(request, reference)
    return paginate(queryset.filter(case=case).order_by("pk"), page)


@router.get(
    "/{reference}/actors", response=Page[ActorOut], summary=gettext_noop("The case's actors")
)
def list_actors(request: HttpRequest, reference: str, page: Query[PageQuery]) -> dict[str, Any]:
    return _part(request, reference, Actor.objects.all(), page)


@router.get("/{reference}/relations", response=Page[RelationOut], summary=gettext_noop("Relations"))
def list_relations(request: HttpRequest, reference: str, page: Query[PageQuery]) -> dict[str, Any]:
    return _part(request, reference, Relation.objects.all(), page)


@router.get(
    "/{reference}/assessments",
    response=Page[AssessmentOut],
    summary=gettext_noop("Escalation assessments"),
)
def list_assessments(
    request: HttpRequest, reference: str, page: Query[PageQuery]
) -> dict[str, Any]:
    return _part(request, reference, EscalationAssessment.objects.all(), page)


@router.get(
    "/{reference}/procedures", response=Page[ProcedureOut], summary=gettext_noop("Procedures")
)
def list_procedures(request: HttpRequest, reference: str, page: Query[PageQuery]) -> dict[str, Any]:
    return _part(request, reference, CaseProcedure.objects.select_related("procedure"), page)


@router.get("/{reference}/measures", response=Page[MeasureOut], summary=gettext_noop("Measures"))
def list_measures(request: HttpRequest, reference: str, page: Query[PageQuery]) -> dict[str, Any]:
    return _part(request, reference, Measure.objects.all(), page)


@router.get(
    "/{reference}/agreements", response=Page[AgreementOut], summary=gettext_noop("Agreements")
)
def list_agreements(request: HttpRequest, reference: str, page: Query[PageQuery]) -> dict[str, Any]:
    return _part(request, reference, Agreement.objects.all(), page)
