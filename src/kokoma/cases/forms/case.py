"""The case analysis form, the step transition and the case list filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import Membership, User
from kokoma.core.forms import Form, ModelForm, set_choices, set_options
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow.models import Step

from ..models import Case, CaseQuerySet

CASE_FIELDS = [
    "title",
    "summary",
    "topics",
    "conflict_type",
    "dividers",
    "connectors",
    "tree_causes",
    "tree_core_problem",
    "tree_effects",
]


class CaseForm(ModelForm):
    """The case's analysis texts; `version` guards against overwriting someone else's edit."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = CASE_FIELDS
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 5}),
            "dividers": forms.Textarea(attrs={"rows": 4}),
            "connectors": forms.Textarea(attrs={"rows": 4}),
            "tree_causes": forms.Textarea(attrs={"rows": 4}),
            "tree_core_problem": forms.Textarea(attrs={"rows": 2}),
            "tree_effects": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "topics",
            Term.objects.filter(kind=TermKind.TOPIC, active=True)
            | Term.objects.filter(pk__in=self.instance.topics.all() if self.instance.pk else []),
        )
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def show_conflict(self, current: Model) -> None:
        super().show_conflict(current)
        if isinstance(current, Case) and isinstance(self.data, dict | QueryDict):
            self.data["version"] = str(current.version)


class TransitionForm(Form):
    """Offers the allowed next steps that are not final; the service checks the procedure rules
    again. A final step is reached only by closing the case, with its outcome."""

    to_step = forms.ModelChoiceField(
        label=_("Next step"),
        queryset=Step.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": _("This step is not part of the procedure rules.")},
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, case: Case, allowed: list[Step], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_step"]
        set_choices(
            self, "to_step", Step.objects.filter(workflow_id=case.step.workflow_id, is_final=False)
        )
        field.widget.choices = [(step.pk, step.name) for step in allowed if not step.is_final]


GLASL_BANDS = {"1-3": (1, 3), "4-6": (4, 6), "7-9": (7, 9)}


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    step = forms.ChoiceField(label=_("Step"), required=False)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        required=False,
        queryset=Term.objects.filter(kind=TermKind.TOPIC),
        empty_label=_("all"),
    )
    glasl = forms.ChoiceField(
        label=_("Glasl stage"),
        required=False,
        choices=[("", _("all")), ("1-3", "1–3"), ("4-6", "4–6"), ("7-9", "7–9")],
    )
    member = forms.ModelChoiceField(
        label=_("Team member"), required=False, queryset=User.objects.none(), empty_label=_("all")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("open and closed")), ("open", _("open")), ("closed", _("closed"))],
    )
    overdue = forms.BooleanField(label=_("overdue only"), required=False)

    def __init__(
        self, *args: Any, municipalities: QuerySet[Municipality], user: User, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        names = (
            Step.objects.filter(workflow__municipality__in=municipalities)
            .order_by("name")
            .values_list("name", flat=True)
            .distinct()
        )
        set_options(self, "step", [("", _("all")), *((name, name) for name in names)])
        # Only the people of municipalities the user belongs to, not the whole programme.
        own = Membership.objects.filter(user=user).values("municipality_id")
        people = Membership.objects.filter(
            municipality__in=municipalities, municipality_id__in=own
        ).values("user_id")
        set_choices(self, "member", User.objects.filter(pk__in=people).order_by("display_name"))

    def apply(self, base: CaseQuerySet) -> CaseQuerySet:
        """The cases of `base` that the filters select (all of them while the filters are
        invalid), with what the list shows of each."""
        queryset = base.with_latest_stage().with_team_size()
        if self.is_valid():
            data = self.cleaned_data
            if data["q"]:
                queryset = queryset.search(data["q"].strip())
            if data["step"]:
                queryset = queryset.filter(step__name=data["step"])
            if data["topic"]:
                queryset = queryset.with_topic(data["topic"])
            if data["glasl"]:
                queryset = queryset.in_glasl_band(*GLASL_BANDS[data["glasl"]])
            if data["member"]:
                queryset = queryset.with_member(data["member"])
            if data["status"] == "open":
                queryset = queryset.open()
            elif data["status"] == "closed":
                queryset = queryset.filter(closed_at__isnull=False)
            if data["overdue"]:
                queryset = queryset.overdue(timezone.now())
        return queryset.select_related("step", "municipality__register").prefetch_related("topics")
