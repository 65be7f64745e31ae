from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import Form, ModelForm, set_choices, set_options
from kokoma.municipalities.models import Municipality
from kokoma.outcomes.models import SharedCase
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


# How many shared cases the form offers as evidence (the latest of the user's municipalities).
EVIDENCE_CHOICES = 100


class TransferModelForm(ModelForm):
    topics = _terms_field(_("Topics"))
    procedures = _terms_field(_("Procedure types"))
    evidence_cases = forms.ModelMultipleChoiceField(
        label=_("Closed cases as evidence"),
        queryset=SharedCase.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Closed cases of your municipalities, shared anonymised with the network, in which "
            "the model was used. Their outcomes are shown on the model's page."
        ),
    )

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
        chosen_cases = list(self.instance.evidence_cases.all()) if self.instance.pk else []
        offered = list(
            SharedCase.objects.shared()
            .filter(case__municipality_id__in=mine)
            .order_by("-closed_month", "-pk")
            .values_list("pk", flat=True)[:EVIDENCE_CHOICES]
        )
        set_choices(
            self,
            "evidence_cases",
            SharedCase.objects.filter(pk__in=[*offered, *(c.pk for c in chosen_cases)]).order_by(
                "-closed_month", "-pk"
            ),
        )
        if self.instance.pk:
            self.initial["evidence_cases"] = chosen_cases
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
