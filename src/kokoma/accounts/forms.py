from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .handles import HANDLE_MAX_LENGTH


class HandleForm(forms.Form):
    handle = forms.CharField(
        label=_("handle"),
        max_length=HANDLE_MAX_LENGTH,
        help_text=_(
            "Others mention you in comments with @ and this handle. Lower-case letters (a–z), "
            "digits and single hyphens, for example anna-schmidt."
        ),
    )


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=_("new e-mail address"),
        help_text=_(
            "We send a link to this address. It becomes your login only when you open the link; "
            "until then you log in with your current address."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("current password"),
        help_text=_("To protect your account, please enter your password again."),
        # A password is never sent back into a page, also not after an error elsewhere.
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )
