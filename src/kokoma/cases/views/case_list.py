"""The case list: the cases a person may see, filtered and searched; counts for the office."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import login_only
from kokoma.core.exports import Column, export, export_kind
from kokoma.core.viewutils import paginate
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from ..forms.case import CaseFilterForm
from ..models import Case, CaseQuerySet
from ..services.case import record_case_list_read


def step_counts(municipalities: QuerySet[Municipality]) -> list[dict[str, Any]]:
    """Open cases per municipality and step: numbers only, for whoever may not read cases."""
    return Case.objects.open().filter(municipality__in=municipalities).counts_by_step()


def _columns(now: datetime.datetime) -> list[Column]:
    return [
        Column(_("Reference"), lambda case: case.reference),
        Column(_("Title"), lambda case: case.title),
        Column(_("Municipality"), lambda case: case.municipality.name),
        Column(_("Step"), lambda case: case.step.name if case.step else ""),
        Column(_("Overdue"), lambda case: case.is_overdue(now)),
        Column(_("Glasl stage"), lambda case: case.latest_stage),
        Column(_("Topics"), lambda case: ", ".join(t.name for t in case.topics.all())),
        Column(_("Team size"), lambda case: case.team_size or 0),
        Column(_("Opened on"), lambda case: case.opened_on),
        Column(_("Closed on"), lambda case: case.closed_at),
    ]


def _export(request: HttpRequest, queryset: CaseQuerySet, kind: str) -> HttpResponseBase:
    """Every case the list's filters select; the export is a read of them (audited)."""
    cases = list(queryset.order_by("-opened_on", "-id"))
    record_case_list_read(cases, by=_user(request), path=request.get_full_path())
    return export(cases, _columns(timezone.now()), kind=kind, filename="faelle")


def _render_list(
    request: HttpRequest,
    *,
    municipalities: QuerySet[Municipality],
    base: CaseQuerySet,
    municipality: Municipality | None,
    show_counts: bool,
) -> HttpResponseBase:
    user = _user(request)
    form = CaseFilterForm(request.GET or None, municipalities=municipalities, user=user)
    queryset = form.apply(base)
    if kind := export_kind(request):
        return _export(request, queryset, kind)
    page, query = paginate(request, queryset)
    now = timezone.now()
    rows = [(case, case.is_overdue(now)) for case in page.object_list]
    record_case_list_read([case for case, _overdue in rows], by=user, path=request.get_full_path())
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query,
            "municipality": municipality,
            "counts": step_counts(municipalities) if show_counts else None,
        },
    )


@login_only
@require_safe
def case_list(request: HttpRequest) -> HttpResponseBase:
    """All cases the user may see, across their municipalities."""
    user = _user(request)
    municipalities = Municipality.objects.visible_to(user)
    return _render_list(
        request,
        municipalities=municipalities,
        base=Case.objects.visible_to(user),
        municipality=None,
        show_counts=user.is_programme_office,
    )


@municipality_permission("cases.view_case_counts")
@require_safe
def municipality_case_list(request: HttpRequest, municipality: Municipality) -> HttpResponseBase:
    user = _user(request)
    municipalities = Municipality.objects.filter(pk=municipality.pk)
    return _render_list(
        request,
        municipalities=municipalities,
        base=Case.objects.visible_to(user).filter(municipality=municipality),
        municipality=municipality,
        show_counts=not user.has_perm("cases.list_cases", municipality),
    )
