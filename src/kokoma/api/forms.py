from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import DateField, ModelForm

from .models import AccessToken


class AccessTokenForm(ModelForm):
    class Meta:
        model = AccessToken
        fields = ["name", "scope", "expires_on"]
        widgets = {"scope": forms.RadioSelect}
        field_classes = {"expires_on": DateField}
        help_texts = {
            "name": _("What the token is for, e.g. “evaluation script of the district”."),
            "scope": _("Grant writing only when a program must record something."),
            "expires_on": _("Optional; the token stops working after this day."),
        }
