"""Forms of the case pages (conflict analysis, team, workflow)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import set_choices
from kokoma.taxonomy.models import Term, TermKind
from kokoma.workflow.models import Step

from . import services_analysis
from .models import GLASL_STAGES, Actor, Case, RelationKind, ThreatDimension


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={"invalid": _("Please enter a valid date.")},
        **kwargs,
    )


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


class CaseForm(forms.ModelForm):
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


class ThreatForm(forms.Form):
    dimension = forms.ChoiceField(label=_("Dimension"), choices=ThreatDimension.choices)
    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        choices=[
            (0, _("0 – none")),
            (1, _("1 – low")),
            (2, _("2 – considerable")),
            (3, _("3 – high")),
        ],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("The score must be between 0 and 3.")},
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    assessed_on = date_field(_("Date"), initial=timezone.localdate)


class EscalationForm(forms.Form):
    stage = forms.IntegerField(
        label=_("Glasl stage"),
        min_value=1,
        max_value=9,
        widget=forms.Select(
            choices=[("", "–"), *((k, f"{k} – {v}") for k, v in GLASL_STAGES.items())]
        ),
        error_messages={
            "min_value": _("The Glasl stage must be between 1 and 9."),
            "max_value": _("The Glasl stage must be between 1 and 9."),
            "invalid": _("The Glasl stage must be between 1 and 9."),
        },
    )
    assessed_on = date_field(_("Date"), initial=timezone.localdate)
    actor = forms.ModelChoiceField(
        label=_("From the perspective of"),
        queryset=Actor.objects.none(),
        required=False,
        empty_label=_("– the case as a whole –"),
        help_text=_("Parties often see the conflict at different stages."),
        error_messages={"invalid_choice": _("Please choose an actor of this case.")},
    )
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "actor", case.actors.all())


class ActorForm(forms.ModelForm):
    real_name = forms.CharField(
        label=_("Real name"),
        required=False,
        max_length=200,
        help_text=_("Only if needed at all; visible only to the coordinators of the case."),
    )
    contact = forms.CharField(label=_("Contact"), required=False, max_length=300)
    identity_notes = forms.CharField(
        label=_("Notes on the identity"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Actor
        fields = [
            "pseudonym",
            "kind",
            "role",
            "interests",
            "needs",
            "positions",
            "influence",
            "attitude",
        ]
        widgets = {
            "interests": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "positions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, with_identity: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.with_identity = with_identity
        if not with_identity:
            for name in ("real_name", "contact", "identity_notes"):
                del self.fields[name]
        elif not self.is_bound and self.instance.pk:
            identity = getattr(self.instance, "identity", None)
            if identity is not None:
                self.initial.update(
                    real_name=identity.real_name,
                    contact=identity.contact,
                    identity_notes=identity.notes,
                )


class RelationForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("First actor"),
        queryset=Actor.objects.none(),
        error_messages={"invalid_choice": _("Please choose an actor of this case.")},
    )
    kind = forms.ChoiceField(label=_("Kind of relation"), choices=RelationKind.choices)
    target = forms.ModelChoiceField(
        label=_("Second actor"),
        queryset=Actor.objects.none(),
        error_messages={"invalid_choice": _("Please choose an actor of this case.")},
    )
    strength = forms.TypedChoiceField(
        label=_("Strength"),
        coerce=int,
        initial=2,
        choices=[(1, _("1 – weak")), (2, _("2 – medium")), (3, _("3 – strong"))],
    )
    directed = forms.BooleanField(
        label=_("Directed (from the first to the second actor)"), required=False
    )
    valid_from = date_field(_("Valid from"), required=False)
    valid_to = date_field(_("Valid until"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("source", "target"):
            self.fields[name].queryset = case.actors.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("target", _("A relation needs two different actors."))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date must not be before the start date."))
        return data


class EndRelationForm(forms.Form):
    valid_to = date_field(_("Ended on"), initial=timezone.localdate)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, ODT, DOCX or TXT, at most %(limit)s MB."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = services_analysis.max_upload_bytes() // (1024 * 1024)
        self.fields["file"].help_text = str(self.fields["file"].help_text) % {"limit": limit}
        self.fields["file"].widget.attrs["accept"] = ",".join(services_analysis.DOCUMENT_TYPES)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            services_analysis.check_upload(upload)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return upload


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        error_messages={
            "invalid_choice": _("Please choose a person with a role in this municipality.")
        },
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "user",
            (
                User.objects.filter(
                    memberships__municipality_id=case.municipality_id, is_active=True
                )
                .exclude(pk__in=case.team.values("user_id"))
                .distinct()
                .order_by("display_name", "email")
            ),
        )


class TransitionForm(forms.Form):
    """Offers the allowed next steps; the service checks the procedure rules again."""

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
        set_choices(self, "to_step", Step.objects.filter(rules_id=case.step.rules_id))
        field.widget.choices = [(step.pk, step.name) for step in allowed]
