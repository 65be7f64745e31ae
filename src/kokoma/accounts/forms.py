from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form

from .handles import HANDLE_MAX_LENGTH
from .models import User


class HandleForm(Form):
    """The person's handle; given `record=` the user, it is guarded like every edit."""

    handle = forms.CharField(
        label=_("handle"),
        max_length=HANDLE_MAX_LENGTH,
        help_text=_(
            "Others mention you in comments with @ and this handle. Lower-case letters (a–z), "
            "digits and single hyphens, for example anna-schmidt."
        ),
    )


class EmailChangeForm(Form):
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

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        """The password is checked the way allauth checks a login, so that guessing it here is
        throttled with the failed logins (decision 0022) and written to the audit log as one."""
        password = str(self.cleaned_data["password"])
        # allauth raises its own "too many attempts" error once the limit is reached.
        if not get_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError(_("The password is not correct."), code="password")
        return password
