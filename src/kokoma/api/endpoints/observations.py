"""Observations (Meldungen): read what the user may see, record new ones as on the form."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from kokoma.municipalities.models import Municipality
from kokoma.observations import services
from kokoma.observations.forms import ObservationForm
from kokoma.observations.models import Observation

from ..base import READ, WRITE, Page, PageQuery, acting_user, inline_enum, paginate, reach

SOURCE = Annotated[Observation.Source, inline_enum(Observation.Source)]
STATUS = Annotated[Observation.Status, inline_enum(Observation.Status)]

router = Router(tags=["observations"], auth=READ)


class ObservationOut(Schema):
    reference: str
    municipality: str = Field(description=gettext_noop("AGS of the municipality"))
    occurred_on: datetime.date
    place: str
    description: str
    source: SOURCE
    severity: int = Field(ge=1, le=4)
    is_incident: bool
    motive: str | None
    incident_type: str | None
    topics: list[str]
    status: STATUS
    case: str | None = Field(description=gettext_noop("Reference of the case it was assigned to"))
    created_at: datetime.datetime

    @staticmethod
    def resolve_municipality(obj: Observation) -> str:
        return obj.municipality.register.ags

    @staticmethod
    def resolve_motive(obj: Observation) -> str | None:
        return obj.motive.name if obj.motive else None

    @staticmethod
    def resolve_incident_type(obj: Observation) -> str | None:
        return obj.incident_type.name if obj.incident_type else None

    @staticmethod
    def resolve_topics(obj: Observation) -> list[str]:
        return [topic.name for topic in obj.topics.all()]

    @staticmethod
    def resolve_case(obj: Observation) -> str | None:
        return obj.case.reference if obj.case else None


class ObservationFilters(Schema):
    municipality: str | None = Field(None, max_length=12, description=gettext_noop("AGS"))
    status: STATUS | None = None
    occurred_from: datetime.date | None = None
    occurred_until: datetime.date | None = None


class ObservationIn(Schema):
    municipality: str = Field(max_length=12, description=gettext_noop("AGS of the municipality"))
    occurred_on: datetime.date
    place: str = Field(max_length=200)
    description: str = Field(max_length=5000)
    source: SOURCE = Observation.Source.INTERNAL
    severity: int = Field(2, ge=1, le=4)
    is_incident: bool = False
    motive: int | None = Field(None, description=gettext_noop("Id of a motive term"))
    incident_type: int | None = Field(None, description=gettext_noop("Id of an incident type term"))
    topics: list[int] = Field(
        default_factory=list, max_length=20, description=gettext_noop("Ids of topics")
    )
    reporter_contact: str = Field("", max_length=200)


def _observations(request: HttpRequest) -> QuerySet[Observation]:
    return Observation.objects.visible_to(acting_user(request)).select_related(
        "municipality__register", "motive", "incident_type", "case"
    )


@router.get("/", response=Page[ObservationOut], summary=gettext_noop("List observations"))
def list_observations(
    request: HttpRequest, filters: Query[ObservationFilters], page: Query[PageQuery]
) -> dict[str, Any]:
    queryset = _observations(request)
    if filters.municipality:
        queryset = queryset.filter(municipality__register__ags=filters.municipality)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if (
        filters.occurred_from
        and filters.occurred_until
        and filters.occurred_until < filters.occurred_from
    ):
        raise ValidationError(
            {"occurred_until": [_("The end of the period lies before its start.")]}
        )
    if filters.occurred_from:
        queryset = queryset.filter(occurred_on__gte=filters.occurred_from)
    if filters.occurred_until:
        queryset = queryset.filter(occurred_on__lte=filters.occurred_until)
    queryset = queryset.prefetch_related("topics").order_by("-created_at", "-id")
    return paginate(queryset, page)


@router.get("/{reference}", response=ObservationOut, summary=gettext_noop("One observation"))
def get_observation(request: HttpRequest, reference: str) -> Observation:
    return get_object_or_404(_observations(request).prefetch_related("topics"), reference=reference)


@router.post(
    "/", response={201: ObservationOut}, auth=WRITE, summary=gettext_noop("Record an observation")
)
def create_observation(request: HttpRequest, payload: ObservationIn) -> Status:
    user = acting_user(request)
    municipality = reach(
        Municipality.objects.visible_to(user),
        user,
        "cases.report_observation",
        register__ags=payload.municipality,
    )
    data = payload.dict(exclude={"municipality"})
    data["occurred_on"] = data["occurred_on"].isoformat()
    form = ObservationForm({key: value for key, value in data.items() if value is not None})
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    fields = dict(form.cleaned_data)
    topics = fields.pop("topics")
    observation = services.record_observation(
        municipality=municipality, by=user, topics=topics, **fields
    )
    return Status(201, _observations(request).prefetch_related("topics").get(pk=observation.pk))
