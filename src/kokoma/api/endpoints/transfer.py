"""Transfer models: what worked in one municipality, described for others to adopt."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Field, Query, Router, Schema

from kokoma.transfer.models import TransferModel

from ..base import READ, Page, PageQuery, acting_user, paginate, reach

router = Router(tags=["transfer"], auth=READ)


class TransferModelOut(Schema):
    id: int
    title: str
    summary: str
    problem: str
    target_group: str
    approach: str
    structures_and_roles: str
    conditions_for_success: str
    resources_needed: str
    evidence: str
    source_municipality: str | None = Field(
        description=gettext_noop("AGS of the municipality it comes from")
    )
    published: bool
    updated_at: datetime.datetime

    @staticmethod
    def resolve_source_municipality(obj: TransferModel) -> str | None:
        source = obj.source_municipality
        return source.register.ags if source else None


def _models(request: HttpRequest) -> Any:
    return TransferModel.objects.visible_to(acting_user(request)).select_related(
        "source_municipality__register"
    )


@router.get("/", response=Page[TransferModelOut], summary=gettext_noop("List transfer models"))
def list_transfer_models(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    return paginate(_models(request).order_by("title", "pk"), page)


@router.get(
    "/{transfer_model_id}", response=TransferModelOut, summary=gettext_noop("One transfer model")
)
def get_transfer_model(request: HttpRequest, transfer_model_id: int) -> TransferModel:
    user = acting_user(request)
    return reach(_models(request), user, "transfer.view_model", pk=transfer_model_id)
