from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form, ModelForm, set_choices
from kokoma.municipalities.models import Land
from kokoma.taxonomy.models import Term, TermKind

from ..models import Member, MemberKind, Sector

PROFILE_FIELDS = [
    "organisation",
    "sector",
    "about",
    "offer",
    "contact_preference",
    "contact_email",
    "contact_phone",
]


def _topics_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MemberForm(ModelForm):
    topics = _topics_field()

    class Meta:
        model = Member
        fields = PROFILE_FIELDS
        widgets = {
            "about": forms.Textarea(attrs={"rows": 4}),
            "offer": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = list(self.instance.topics.all()) if self.instance.pk else []
        set_choices(self, "topics", Term.objects.choices_for(TermKind.TOPIC, include=chosen))
        if self.instance.pk:
            self.initial["topics"] = chosen
        if self.instance.kind == MemberKind.MUNICIPALITY:
            # a municipality is its own organisation, in the public administration
            del self.fields["organisation"], self.fields["sector"]


class ExpertInviteForm(Form):
    display_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[("", "—"), *Sector.choices], required=False
    )
    topics = _topics_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "topics", Term.objects.choices_for(TermKind.TOPIC))


class MemberFilter(forms.Form):
    """The directory's filter (sent with GET)."""

    q = forms.CharField(label=_("Name or organisation"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all")), *MemberKind.choices], required=False
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"), queryset=Term.objects.none(), required=False, empty_label=_("all")
    )
    land = forms.ChoiceField(
        label=_("Land"), choices=[("", _("all")), *Land.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "topic", Term.objects.choices_for(TermKind.TOPIC))
