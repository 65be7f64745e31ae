from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form

from .models import EmailFrequency


class EmailPreferenceForm(Form):
    frequency = forms.ChoiceField(
        label=_("notifications by e-mail"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The e-mail names what happened and links to KoKoMa; the details stay behind the login."
        ),
    )
