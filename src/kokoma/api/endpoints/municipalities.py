"""Municipalities within the token user's reach, with their programme phase and register data."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema

from kokoma.municipalities.models import Municipality, MunicipalityQuerySet, Phase

from ..base import READ, Page, PageQuery, acting_user, inline_enum, paginate

PHASE = Annotated[Phase, inline_enum(Phase)]

router = Router(tags=["municipalities"], auth=READ)


class MunicipalityOut(Schema):
    ags: str = Field(description=gettext_noop("Official municipality key (AGS)"))
    name: str
    land: str
    kreis: str
    population: int | None
    longitude: float | None
    latitude: float | None
    phase: PHASE
    phase_since: datetime.date | None
    joined_on: datetime.date | None

    @staticmethod
    def resolve_ags(obj: Municipality) -> str:
        return obj.register.ags

    @staticmethod
    def resolve_name(obj: Municipality) -> str:
        return obj.register.name

    @staticmethod
    def resolve_land(obj: Municipality) -> str:
        return obj.register.land

    @staticmethod
    def resolve_kreis(obj: Municipality) -> str:
        return obj.register.kreis_name

    @staticmethod
    def resolve_population(obj: Municipality) -> int | None:
        return obj.register.population

    @staticmethod
    def resolve_longitude(obj: Municipality) -> float | None:
        return obj.register.longitude

    @staticmethod
    def resolve_latitude(obj: Municipality) -> float | None:
        return obj.register.latitude


class MunicipalityFilters(Schema):
    phase: PHASE | None = None
    land: str | None = Field(None, max_length=40, description=gettext_noop("Name of the Land"))
    q: str | None = Field(
        None, max_length=100, description=gettext_noop("Part of the name or the AGS")
    )


def reachable(request: HttpRequest) -> MunicipalityQuerySet:
    return Municipality.objects.visible_to(acting_user(request)).with_register()


@router.get("/", response=Page[MunicipalityOut], summary=gettext_noop("List municipalities"))
def list_municipalities(
    request: HttpRequest,
    filters: Query[MunicipalityFilters],
    page: Query[PageQuery],
) -> dict[str, object]:
    queryset = reachable(request)
    if filters.phase:
        queryset = queryset.filter(phase=filters.phase)
    if filters.land:
        queryset = queryset.filter(register__land=filters.land)
    if filters.q:
        queryset = queryset.filter(
            Q(register__name__icontains=filters.q) | Q(register__ags__startswith=filters.q)
        )
    return paginate(queryset.order_by("register__name", "pk"), page)


@router.get("/{ags}", response=MunicipalityOut, summary=gettext_noop("One municipality"))
def get_municipality(request: HttpRequest, ags: str) -> Municipality:
    return get_object_or_404(reachable(request), register__ags=ags)
