"""The case page, the analysis form with optimistic locking, and moving a case to a step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.core.viewutils import add_validation_errors
from kokoma.workflow import services as workflow

from .. import services
from ..case_page import case_page
from ..forms.case import CASE_FIELDS, CaseForm, TransitionForm
from ..models import (
    Case,
)


def case_form_page(
    request: HttpRequest,
    case: Case,
    form: BaseForm,
    title: str,
    template: str = "cases/case_form.html",
    **extra: Any,
) -> HttpResponse:
    return render(request, template, {"case": case, "form": form, "title": title, **extra})


@case_permission("cases.view_case")
def case_detail(request: HttpRequest, case: Case) -> HttpResponse:
    return render(request, "cases/case_detail.html", case_page(case, user=_user(request)))


def _stale_rows(form: CaseForm, current: Case) -> list[tuple[str, str, str]]:
    """(label, theirs, yours) for every field where the two versions differ."""
    rows = []
    current_topics = {term.pk: str(term) for term in current.topics.all()}
    for name in CASE_FIELDS:
        field = form.fields[name]
        if name == "topics":
            chosen = form.cleaned_data.get("topics") or []
            theirs = ", ".join(sorted(current_topics.values()))
            yours = ", ".join(sorted(str(term) for term in chosen))
        elif name == "conflict_type":
            theirs = current.get_conflict_type_display()
            yours = dict(field.choices).get(form.cleaned_data.get(name, ""), "")  # type: ignore[attr-defined]
        else:
            theirs = getattr(current, name)
            yours = form.cleaned_data.get(name, "")
        if str(theirs) != str(yours):
            rows.append((str(field.label), str(theirs), str(yours)))
    return rows


@case_permission("cases.change_case")
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case: Case) -> HttpResponse:
    form = CaseForm(request.POST or None, instance=case)
    stale: list[tuple[str, str, str]] | None = None
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CASE_FIELDS}
        try:
            services.update_case(
                case, by=_user(request), version=form.cleaned_data["version"], **data
            )
        except services.StaleEdit as stale_edit:
            current = stale_edit.current
            stale = _stale_rows(form, current)
            # Keep what the user typed, but let a second save apply it over the newer version.
            posted = request.POST.copy()
            posted["version"] = str(current.version)
            form = CaseForm(posted, instance=current)
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Someone else saved this case while you were editing it. Nothing was "
                    "overwritten. Compare both versions below; save again to apply yours."
                ),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The case was saved."))
            return redirect("cases:detail", reference=case.reference)
    return case_form_page(
        request, case, form, _("Edit case analysis"), "cases/case_edit.html", stale=stale
    )


@case_permission("cases.transition_case")
@require_POST
def case_transition(request: HttpRequest, case: Case) -> HttpResponse:
    allowed = workflow.allowed_targets(case.step)
    form = TransitionForm(request.POST, case=case, allowed=allowed)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the allowed next steps."))
        return redirect("cases:detail", reference=case.reference)
    try:
        services.transition_case(
            case,
            by=_user(request),
            to_step=form.cleaned_data["to_step"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The case is now in the step “%(step)s”.") % {"step": form.cleaned_data["to_step"]},
        )
    return redirect("cases:detail", reference=case.reference)
