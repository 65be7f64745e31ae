from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user
from kokoma.cases.access import case_permission
from kokoma.cases.models import Case
from kokoma.consultation.drafting import context_for_case
from kokoma.core.access import programme_permission
from kokoma.core.markdown import render_markdown
from kokoma.core.viewutils import call_service

from . import services
from .access import shared_case_permission
from .evidence import MIN_CELL, Filters, case_count, evidence
from .finder import similar_cases
from .forms import EvidenceFilter, SharedCaseForm
from .models import SharedCase, SharedStatus


def _share_url(case: Case) -> str:
    return reverse("outcomes:share", kwargs={"reference": case.reference})


@case_permission("outcomes.find_similar")
@require_safe
def similar(request: HttpRequest, case: Case) -> HttpResponse:
    """The ten shared closed cases of other municipalities most like this one, with why."""
    return render(
        request,
        "outcomes/similar.html",
        {"case": case, "matches": similar_cases(case)},
    )


@case_permission("outcomes.view_shared_draft")
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, case: Case) -> HttpResponse:
    """The case's summary for the pool: drafted when the case closed, reviewed and shared by its
    coordinators."""
    user = acting_user(request)
    shared = SharedCase.objects.filter(case=case).first()
    can_share = user.has_perm("outcomes.share_case", case)
    form = None
    if shared is not None and shared.status != SharedStatus.SHARED and can_share:
        form = SharedCaseForm(request.POST or None, instance=shared, context=context_for_case(case))
        if request.method == "POST" and form.is_valid():
            saved = call_service(form, services.change_shared, shared, by=user, **form.cleaned_data)
            if saved is not None:
                messages.success(request, _("The summary was saved. It is not shared yet."))
                return redirect(_share_url(case))
    return render(
        request,
        "outcomes/share.html",
        {
            "case": case,
            "shared": shared,
            "form": form,
            "can_share": can_share,
            "summary": render_markdown(shared.summary) if shared else "",
        },
    )


@case_permission("outcomes.share_case")
@require_POST
def share_draft(request: HttpRequest, case: Case) -> HttpResponse:
    """Draft the summary now (for a case closed before the pool existed, or if the background
    job has not run yet)."""
    if case.closed_at is None:
        messages.error(request, _("Only a closed case can be shared."))
    elif services.draft_shared(case, by=acting_user(request)) is not None:
        messages.success(request, _("The anonymised draft is ready for your review."))
    return redirect(_share_url(case))


@case_permission("outcomes.share_case")
@require_POST
def share_approve(request: HttpRequest, case: Case) -> HttpResponse:
    shared = SharedCase.objects.filter(case=case).first()
    if shared is None:
        messages.error(request, _("There is no summary to share yet."))
        return redirect(_share_url(case))
    try:
        services.share(shared, by=acting_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The summary is shared: other municipalities find it under “What worked elsewhere”."),
        )
    return redirect(_share_url(case))


@case_permission("outcomes.share_case")
@require_POST
def share_withdraw(request: HttpRequest, case: Case) -> HttpResponse:
    shared = SharedCase.objects.filter(case=case, status=SharedStatus.SHARED).first()
    if shared is not None:
        services.withdraw(shared, by=acting_user(request))
        messages.success(request, _("The summary was withdrawn from the network."))
    return redirect(_share_url(case))


@shared_case_permission("outcomes.view_pool")
@require_safe
def shared_detail(request: HttpRequest, shared: SharedCase) -> HttpResponse:
    return render(
        request,
        "outcomes/shared_detail.html",
        {
            "shared": shared,
            "summary": render_markdown(shared.summary),
            "lessons": render_markdown(shared.lessons_learned),
        },
    )


def _filters(request: HttpRequest) -> tuple[EvidenceFilter, Filters]:
    form = EvidenceFilter(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        return form, Filters(
            land=data["land"],
            size=data["size"],
            closed_from=data["closed_from"],
            closed_until=data["closed_until"],
        )
    return form, Filters()


@programme_permission("outcomes.view_pool")
@require_safe
def evidence_page(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    return render(
        request,
        "outcomes/evidence.html",
        {
            "filters": form,
            "cells": evidence(filters),
            "total": case_count(filters),
            "min_cell": MIN_CELL,
            "query": request.GET.urlencode(),
        },
    )


@programme_permission("outcomes.view_pool")
@require_safe
def evidence_csv(request: HttpRequest) -> HttpResponse:
    """The same figures as the page, small cells suppressed just the same."""
    _form, filters = _filters(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wirkung-verfahren.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Procedure"),
            _("Glasl stages at the start"),
            _("Cases"),
            _("De-escalated or resolved (%)"),
            _("95 % interval from (%)"),
            _("95 % interval to (%)"),
            _("Median days to outcome"),
        ]
    )
    for cell in evidence(filters):
        if cell.suppressed:
            writer.writerow([cell.procedure, cell.band_label, f"< {MIN_CELL}", "", "", "", ""])
            continue
        low, high = cell.interval or (0.0, 0.0)
        writer.writerow(
            [
                cell.procedure,
                cell.band_label,
                cell.cases,
                round(100 * (cell.share or 0), 1),
                round(100 * low, 1),
                round(100 * high, 1),
                cell.median_days,
            ]
        )
    return response
