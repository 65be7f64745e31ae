"""The programme office maintains the taxonomies: topics, motives and incident types."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kokoma.accounts.access import acting_user as _user
from kokoma.core.access import programme_permission
from kokoma.core.viewutils import call_service

from . import services
from .forms import TermForm
from .models import Term, TermKind


@programme_permission("cases.manage_taxonomy")
def term_list(request: HttpRequest) -> HttpResponse:
    all_terms = list(Term.objects.order_by("kind", "position", "name"))
    groups = [
        (kind, label, [term for term in all_terms if term.kind == kind])
        for kind, label in TermKind.choices
    ]
    return render(request, "taxonomy/term_list.html", {"groups": groups})


def _term_page(request: HttpRequest, form: TermForm, title: str, term: Term | None) -> HttpResponse:
    """GET: the form; POST: save the term, or show the form again with the errors."""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if term is None:
            saved = call_service(form, services.create_term, by=_user(request), **data)
        else:
            saved = call_service(
                form,
                services.update_term,
                term,
                by=_user(request),
                name=data["name"],
                description=data["description"],
                active=data["active"],
                position=data["position"],
            )
        if saved is not None:
            messages.success(request, _("The term was saved."))
            return redirect("taxonomy:list")
    # Validation wrote the posted values onto form.instance: the page shows the stored term.
    stored = Term.objects.get(pk=term.pk) if term is not None else None
    return render(
        request,
        "taxonomy/term_form.html",
        {
            "form": form,
            "title": title,
            "term": stored,
            "in_use": stored is not None and stored.in_use(),
        },
    )


@programme_permission("cases.manage_taxonomy")
@require_http_methods(["GET", "POST"])
def term_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("art") in TermKind.values:
        initial["kind"] = request.GET["art"]
    form = TermForm(request.POST or None, initial=initial)
    return _term_page(request, form, _("Add a term"), None)


@programme_permission("cases.manage_taxonomy")
@require_http_methods(["GET", "POST"])
def term_edit(request: HttpRequest, term_id: int) -> HttpResponse:
    term = get_object_or_404(Term, pk=term_id)
    return _term_page(request, TermForm(request.POST or None, instance=term), _("Edit term"), term)


@programme_permission("cases.manage_taxonomy")
@require_POST
def term_delete(request: HttpRequest, term_id: int) -> HttpResponse:
    term = get_object_or_404(Term, pk=term_id)
    try:
        services.delete_term(term, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("taxonomy:edit", term_id=term_id)
    messages.success(request, _("The term was deleted."))
    return redirect("taxonomy:list")
