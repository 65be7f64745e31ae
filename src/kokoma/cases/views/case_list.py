"""The case list: the cases a person may see, filtered and searched; counts for the office."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import login_only
from kokoma.core.viewutils import paginate
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality
from kokoma.workflow.models import Step

from ..forms.case import GLASL_BANDS, CaseFilterForm
from ..models import Actor, Case, CaseTeamMember, EscalationAssessment


def latest_stage() -> Subquery:
    """The Glasl stage of the latest assessment of the case as a whole."""
    return Subquery(
        EscalationAssessment.objects.filter(case=OuterRef("pk"), actor__isnull=True)
        .order_by("-assessed_on", "-id")
        .values("stage")[:1]
    )


def search(queryset: QuerySet[Case], text: str) -> QuerySet[Case]:
    """German full-text search on PostgreSQL (GIN-indexed), a substring search elsewhere."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        # A union of ids rather than OR, so that the GIN index on the text can be used.
        matching = (
            Case.objects.annotate(search=SearchVector("title", "summary", config="german"))
            .filter(search=SearchQuery(text, config="german", search_type="websearch"))
            .values("pk")
            .union(Actor.objects.filter(pseudonym__icontains=text).values("case_id"))
        )
        return queryset.filter(pk__in=matching)
    actors = Actor.objects.filter(case=OuterRef("pk"), pseudonym__icontains=text)
    return queryset.filter(Q(title__icontains=text) | Q(summary__icontains=text) | Exists(actors))


def overdue_filter(now: datetime.datetime) -> Q:
    """Open cases whose step's response-time target has passed (one condition per target)."""
    targets = {
        days
        for days in Step.objects.filter(response_days__isnull=False)
        .order_by()
        .values_list("response_days", flat=True)
        .distinct()
        if days is not None
    }
    condition = Q(pk__in=[])
    for days in targets:
        condition |= Q(step__response_days=days, step_since__lt=now - datetime.timedelta(days=days))
    return Q(closed_at__isnull=True) & condition


def filtered_cases(form: CaseFilterForm, base: QuerySet[Case]) -> QuerySet[Case]:
    queryset: QuerySet[Any] = base.annotate(
        latest_stage=latest_stage(),
        team_size=Subquery(
            CaseTeamMember.objects.filter(case=OuterRef("pk"))
            .order_by()
            .values("case")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            queryset = search(queryset, data["q"].strip())
        if data["step"]:
            queryset = queryset.filter(step__name=data["step"])
        if data["topic"]:
            queryset = queryset.filter(
                Exists(Case.topics.through.objects.filter(case=OuterRef("pk"), term=data["topic"]))
            )
        if data["glasl"]:
            low, high = GLASL_BANDS[data["glasl"]]
            queryset = queryset.filter(latest_stage__gte=low, latest_stage__lte=high)
        if data["member"]:
            queryset = queryset.filter(
                Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user=data["member"]))
            )
        if data["status"] == "open":
            queryset = queryset.filter(closed_at__isnull=True)
        elif data["status"] == "closed":
            queryset = queryset.filter(closed_at__isnull=False)
        if data["overdue"]:
            queryset = queryset.filter(overdue_filter(timezone.now()))
    return queryset.select_related("step", "municipality__register").prefetch_related("topics")


def step_counts(municipalities: QuerySet[Municipality]) -> list[dict[str, Any]]:
    """Open cases per municipality and step: numbers only, for whoever may not read cases."""
    return list(
        Case.objects.filter(municipality__in=municipalities, closed_at__isnull=True)
        .values("municipality__register__name", "municipality__register__ags", "step__name")
        .annotate(count=Count("pk"))
        .order_by("municipality__register__name", "step__position")
    )


def _render_list(
    request: HttpRequest,
    *,
    municipalities: QuerySet[Municipality],
    base: QuerySet[Case],
    municipality: Municipality | None,
    show_counts: bool,
) -> HttpResponse:
    user = _user(request)
    form = CaseFilterForm(request.GET or None, municipalities=municipalities, user=user)
    queryset = filtered_cases(form, base)
    page, query = paginate(request, queryset)
    now = timezone.now()
    rows = [(case, case.is_overdue(now)) for case in page.object_list]
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
def case_list(request: HttpRequest) -> HttpResponse:
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
def municipality_case_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    user = _user(request)
    municipalities = Municipality.objects.filter(pk=municipality.pk)
    return _render_list(
        request,
        municipalities=municipalities,
        base=Case.objects.visible_to(user).filter(municipality=municipality),
        municipality=municipality,
        show_counts=not user.has_perm("cases.list_cases", municipality),
    )
