"""Programme office pages for the checklists, and saving the ticks of a case's checklists."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kokoma.accounts.access import acting_user as _user
from kokoma.cases.access import case_permission
from kokoma.cases.models import Case
from kokoma.core.access import programme_permission
from kokoma.core.viewutils import call_service
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from . import services
from .forms import ChecklistForm, ChecklistItemFormSet, changed_ticks
from .models import Band, Checklist, ChecklistItem
from .panel import guidance_panel


def _list(request: HttpRequest, checklists: QuerySet[Checklist], **context: object) -> HttpResponse:
    rows = list(checklists.prefetch_related("items"))
    bands = [
        (band, label, [checklist for checklist in rows if checklist.band == band])
        for band, label in Band.choices
    ]
    return render(request, "guidance/checklist_list.html", {"bands": bands, **context})


@programme_permission("guidance.manage_guidance")
def checklist_list(request: HttpRequest) -> HttpResponse:
    return _list(request, Checklist.objects.programme())


@municipality_permission("guidance.manage_own_guidance")
@require_safe
def own_list(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """A municipality's own checklists (its tandem's), beside the programme's, which it reads."""
    return _list(
        request,
        Checklist.objects.filter(municipality=municipality),
        municipality=municipality,
        programme=list(Checklist.objects.programme().filter(active=True)),
    )


def _list_url(municipality: Municipality | None) -> str:
    if municipality is None:
        return reverse("guidance:list")
    return reverse("ownguidance:list", kwargs={"ags": municipality.ags})


def _edit(
    request: HttpRequest, checklist: Checklist | None, municipality: Municipality | None = None
) -> HttpResponse:
    initial = {}
    if checklist is None and request.GET.get("band", "") in {str(b) for b in Band.values}:
        initial["band"] = int(request.GET["band"])
    form = ChecklistForm(request.POST or None, instance=checklist, initial=initial)
    formset = ChecklistItemFormSet(request.POST or None, instance=checklist, prefix="punkt")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        items = [
            services.ItemData(
                item_id=item_form.instance.pk,
                text=item_form.cleaned_data["text"],
                position=item_form.cleaned_data.get("position") or 0,
            )
            for item_form in formset.forms
            if item_form.cleaned_data
            and item_form.cleaned_data.get("text")
            and not item_form.cleaned_data.get("DELETE")
        ]
        if checklist is None:
            saved = call_service(
                form,
                services.create_checklist,
                by=_user(request),
                items=items,
                municipality=municipality,
                **form.cleaned_data,
            )
        else:
            saved = call_service(
                form,
                services.update_checklist,
                checklist,
                by=_user(request),
                items=items,
                **form.cleaned_data,
            )
        if saved is not None:
            messages.success(request, _("The checklist was saved."))
            return redirect(f"{_list_url(municipality)}#band-{saved.band}")
    title = _("Edit checklist") if checklist else _("Add a checklist")
    return render(
        request,
        "guidance/checklist_form.html",
        {
            "form": form,
            "formset": formset,
            "title": title,
            "checklist": checklist,
            "municipality": municipality,
            "list_url": _list_url(municipality),
        },
    )


@programme_permission("guidance.manage_guidance")
@require_http_methods(["GET", "POST"])
def checklist_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@programme_permission("guidance.manage_guidance")
@require_http_methods(["GET", "POST"])
def checklist_edit(request: HttpRequest, checklist_id: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Checklist.objects.programme(), pk=checklist_id))


@programme_permission("guidance.manage_guidance")
@require_POST
def checklist_deactivate(request: HttpRequest, checklist_id: int) -> HttpResponse:
    checklist = get_object_or_404(Checklist.objects.programme(), pk=checklist_id)
    services.set_active(checklist, active=False, by=_user(request))
    messages.success(request, _("The checklist was deactivated."))
    return redirect(f"{reverse('guidance:list')}#band-{checklist.band}")


@municipality_permission("guidance.manage_own_guidance")
@require_http_methods(["GET", "POST"])
def own_create(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    return _edit(request, None, municipality)


@municipality_permission("guidance.manage_own_guidance")
@require_http_methods(["GET", "POST"])
def own_edit(
    request: HttpRequest, municipality: Municipality, own_checklist_id: int
) -> HttpResponse:
    checklist = get_object_or_404(municipality.own_checklists, pk=own_checklist_id)
    return _edit(request, checklist, municipality)


@municipality_permission("guidance.manage_own_guidance")
@require_POST
def own_deactivate(
    request: HttpRequest, municipality: Municipality, own_checklist_id: int
) -> HttpResponse:
    checklist = get_object_or_404(municipality.own_checklists, pk=own_checklist_id)
    services.set_active(checklist, active=False, by=_user(request))
    messages.success(request, _("The checklist was deactivated."))
    return redirect(f"{_list_url(municipality)}#band-{checklist.band}")


@case_permission("guidance.tick")
@require_POST
def save_ticks(request: HttpRequest, case: Case) -> HttpResponse:
    """Save the checklist form of a case: one button for all items (decision 0019)."""
    changes = changed_ticks(request.POST)
    items = ChecklistItem.objects.filter(pk__in=changes, checklist__active=True)
    user = _user(request)
    saved = services.save_ticks(case, by=user, changes={item: changes[item.pk] for item in items})
    summary = _summary(saved, skipped=len(changes) - len(items))
    if request.headers.get("HX-Request") == "true":  # htmx: the panel alone
        context = {**guidance_panel(case, user=user), "saved_message": summary}
        return render(request, "guidance/_case_guidance.html", context)
    messages.success(request, summary)
    return redirect(f"{reverse('cases:detail', kwargs={'reference': case.reference})}#leitfaden")


def _summary(saved: services.SavedTicks, *, skipped: int) -> str:
    parts = []
    if saved.ticked:
        parts.append(
            ngettext("%(count)d item ticked", "%(count)d items ticked", saved.ticked)
            % {"count": saved.ticked}
        )
    if saved.unticked:
        parts.append(
            ngettext("%(count)d tick removed", "%(count)d ticks removed", saved.unticked)
            % {"count": saved.unticked}
        )
    text = (
        _("Saved: %(changes)s.") % {"changes": ", ".join(parts)}
        if parts
        else _("Nothing was saved: no box was changed.")
    )
    if skipped:
        text += " " + ngettext(
            "%(count)d item was not saved because its checklist has been deactivated.",
            "%(count)d items were not saved because their checklist has been deactivated.",
            skipped,
        ) % {"count": skipped}
    return text
