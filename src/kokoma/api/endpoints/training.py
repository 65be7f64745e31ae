"""Training cohorts: what every signed-in person may read to apply (who takes part is not here)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_noop
from ninja import Query, Router, Schema

from kokoma.training.models import Cohort

from ..base import READ, Page, PageQuery, acting_user, paginate, reach

router = Router(tags=["training"], auth=READ)


class CohortOut(Schema):
    id: int
    title: str
    description: str
    capacity: int
    accepts_applications: bool
    application_deadline: datetime.date | None
    first_session: datetime.datetime | None
    last_session: datetime.datetime | None


@router.get("/", response=Page[CohortOut], summary=gettext_noop("List training cohorts"))
def list_cohorts(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    queryset = Cohort.objects.visible_to(acting_user(request)).with_dates()
    return paginate(queryset.order_by("-created_at", "-pk"), page)


@router.get("/{cohort_id}", response=CohortOut, summary=gettext_noop("One cohort"))
def get_cohort(request: HttpRequest, cohort_id: int) -> Cohort:
    user = acting_user(request)
    queryset = Cohort.objects.visible_to(user).with_dates()
    return reach(queryset, user, "training.view_cohort", pk=cohort_id)
