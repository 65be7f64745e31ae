from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import Form, ModelForm, set_choices, set_options
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind

from .models import AdoptionReport, ModelChecklist, TransferModel
from .services import municipalities_for

TEXT_AREAS = [
    "problem",
    "target_group",
    "approach",
    "structures_and_roles",
    "conditions_for_success",
    "resources_needed",
    "evidence",
]


def _terms_field(label: Any) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class TransferModelForm(ModelForm):
    topics = _terms_field(_("Topics"))
    procedures = _terms_field(_("Procedure types"))

    class Meta:
        model = TransferModel
        fields = [
            "title",
            "summary",
            *TEXT_AREAS,
            "source_municipality",
            "published",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in TEXT_AREAS}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, kind in (("topics", TermKind.TOPIC), ("procedures", TermKind.PROCEDURE)):
            chosen = list(getattr(self.instance, name).all()) if self.instance.pk else []
            set_choices(self, name, Term.objects.choices_for(kind, include=chosen))
            if self.instance.pk:
                self.initial[name] = chosen
        mine = [municipality.pk for municipality in municipalities_for(user)]
        if self.instance.source_municipality_id:
            mine.append(self.instance.source_municipality_id)
        set_choices(
            self,
            "source_municipality",
            Municipality.objects.filter(pk__in=mine)
            .select_related("register")
            .order_by("register__name"),
        )


class MunicipalityChoiceForm(Form):
    municipality = forms.ChoiceField(label=_("Municipality"))

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = {municipality.ags: municipality for municipality in municipalities}
        set_options(self, "municipality", [(ags, str(m)) for ags, m in self.municipalities.items()])

    def clean_municipality(self) -> Municipality:
        return self.municipalities[self.cleaned_data["municipality"]]


class ModelChecklistForm(ModelForm):
    class Meta:
        model = ModelChecklist
        fields = ["band", "title", "introduction", "items"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "items": forms.Textarea(attrs={"rows": 8}),
        }

    def clean_items(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Please enter at least one item."))
        if any(len(line) > 300 for line in lines):
            raise forms.ValidationError(_("An item may be at most 300 characters long."))
        return "\n".join(lines)


class ReportForm(ModelForm):
    class Meta:
        model = AdoptionReport
        fields = ["rating", "text"]
        widgets = {"rating": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 6})}
