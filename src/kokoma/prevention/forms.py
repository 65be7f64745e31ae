from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import DateField, Form, ModelForm, set_choices
from kokoma.municipalities.models import Municipality
from kokoma.taxonomy.models import Term, TermKind

from .models import AlertKind, PreventionMeasure, ResponderRole, WarningSettings
from .services import MAX_CLIMB_STAGES, MAX_DUE_DAYS, MAX_PER_WEEK, MAX_WINDOW_DAYS, PlannedStep


def whole_number(maximum: int, **kwargs: Any) -> forms.IntegerField:
    # Interpolated lazily, so that the message follows the language of each request.
    message = lazy(
        lambda: gettext("Please enter a whole number from 1 to %(max)s.") % {"max": maximum}, str
    )()
    return forms.IntegerField(
        min_value=1,
        max_value=maximum,
        error_messages={
            "invalid": message,
            "min_value": message,
            "max_value": message,
            "required": message,
        },
        widget=forms.NumberInput(attrs={"min": 1, "max": maximum}),
        **kwargs,
    )


class SettingsForm(Form):
    observations_per_week = whole_number(
        MAX_PER_WEEK,
        label=_("Observations per topic and calendar week"),
        help_text=_(
            "An alert is raised when more observations than this on one topic fall into one "
            "calendar week (Monday to Sunday)."
        ),
    )
    climb_stages = whole_number(
        MAX_CLIMB_STAGES,
        label=_("Rapid escalation: number of Glasl stages"),
        help_text=_("An alert is raised when a case climbs at least this many stages …"),
    )
    climb_window_days = whole_number(
        MAX_WINDOW_DAYS,
        label=_("Rapid escalation: within days"),
        help_text=_("… within this many days."),
    )

    def __init__(
        self, *args: Any, current: WarningSettings, topics: list[Term], **kwargs: Any
    ) -> None:
        overrides = {t.topic_id: t.observations_per_week for t in current.topic_thresholds.all()}
        initial = {
            "observations_per_week": current.observations_per_week,
            "climb_stages": current.climb_stages,
            "climb_window_days": current.climb_window_days,
            **{f"topic_{topic.pk}": overrides.get(topic.pk) for topic in topics},
        }
        kwargs["initial"] = initial
        # The general thresholds are guarded against a concurrent change (kokoma.core.guard).
        super().__init__(*args, record=current, **kwargs)
        self.topics = topics
        for topic in topics:
            self.fields[f"topic_{topic.pk}"] = whole_number(
                MAX_PER_WEEK,
                required=False,
                label=_("Topic “%(topic)s”") % {"topic": topic.name},
                help_text=_("Optional. Empty: the general threshold applies."),
            )

    def topic_thresholds(self) -> dict[Term, int | None]:
        return {topic: self.cleaned_data.get(f"topic_{topic.pk}") for topic in self.topics}


def topics_for_settings() -> list[Term]:
    return list(Term.objects.filter(kind=TermKind.TOPIC, active=True).order_by("position", "name"))


class ResponseStepForm(Form):
    # A blank first choice keeps the empty extra form unchanged, so it is ignored on saving.
    responsible = forms.ChoiceField(
        label=_("Who"), choices=[("", "---------"), *ResponderRole.choices]
    )
    member = forms.ModelChoiceField(
        label=_("Member"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Only when “a specific member” is chosen."),
    )
    action = forms.CharField(label=_("What"), max_length=200)
    due_days = whole_number(MAX_DUE_DAYS, label=_("Due within days"), initial=3)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "member",
            User.objects.filter(memberships__municipality=municipality, is_active=True).distinct(),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("responsible") == ResponderRole.MEMBER and not data.get("member"):
            self.add_error("member", _("Please choose the member who does it."))
        return data

    def planned(self) -> PlannedStep:
        data = self.cleaned_data
        return PlannedStep(
            responsible=data["responsible"],
            action=data["action"],
            due_days=data["due_days"],
            member=data.get("member"),
        )


ResponseStepFormSet = forms.formset_factory(ResponseStepForm, extra=1, can_delete=True)


class AcknowledgeForm(Form):
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What has been done or decided."),
        error_messages={
            "required": _("Please write a short comment on what has been done or decided.")
        },
    )


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("open alerts")),
            ("acknowledged", _("acknowledged alerts")),
            ("all", _("all alerts")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("all types")), *AlertKind.choices]
    )


END_BEFORE_START = _("The end date must not be before the start date.")


class PreventionMeasureForm(ModelForm):
    class Meta:
        model = PreventionMeasure
        fields = [
            "title",
            "description",
            "topics",
            "target_group",
            "responsible",
            "organisation",
            "starts_on",
            "ends_on",
            "status",
            "result",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "result": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.CheckboxSelectMultiple(),
        }
        field_classes = {"starts_on": DateField, "ends_on": DateField}
        help_texts = {
            "target_group": _("For example: young people in the district, sports clubs."),
            "responsible": _("A member of the municipality, or name an organisation below."),
            "organisation": _("For example the youth club or an association running the measure."),
            "starts_on": _("For a planned measure, the planned start."),
            "ends_on": _("Optional. Not before the start."),
            "result": _("What came of it: results, evaluation, lessons."),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        set_choices(
            self,
            "responsible",
            (
                User.objects.filter(memberships__municipality=municipality, is_active=True)
                .distinct()
                .order_by("display_name")
            ),
        )
        set_choices(self, "topics", Term.objects.filter(kind=TermKind.TOPIC, active=True))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            # On the field, before the model's check constraint could answer in general terms.
            self.add_error("ends_on", END_BEFORE_START)
        return data
