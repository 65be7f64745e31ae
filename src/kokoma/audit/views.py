from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from kokoma.accounts.models import User
from kokoma.core.forms import set_choices
from kokoma.core.viewutils import paginate
from kokoma.municipalities.access import municipality_permission
from kokoma.municipalities.models import Municipality

from .models import AuditAction, AuditEntry


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    person = forms.ModelChoiceField(label=_("Person"), required=False, queryset=User.objects.none())
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, entries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields  # ChoiceField and ModelChoiceField, not Field
        fields["action"].choices = [("", _("all")), *AuditAction.choices]
        types = entries.order_by("object_type").values_list("object_type", flat=True).distinct()
        fields["object_type"].choices = [("", _("all")), *((t, t) for t in types)]
        set_choices(
            self,
            "person",
            User.objects.filter(
                pk__in=entries.filter(actor__isnull=False).order_by().values("actor_id")
            ).order_by("display_name"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data


@municipality_permission("cases.view_audit_log")
@require_safe
def audit_log(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The municipality's audit log, read-only, newest first."""
    entries = AuditEntry.objects.filter(municipality=municipality)
    form = AuditFilterForm(request.GET or None, entries=entries)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        if data["person"]:
            entries = entries.filter(actor=data["person"])
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
    elif form.is_bound:
        entries = entries.none()
    page, query = paginate(request, entries)
    return render(
        request,
        "audit/auditentry_list.html",
        {"municipality": municipality, "form": form, "page": page, "query": query},
    )
