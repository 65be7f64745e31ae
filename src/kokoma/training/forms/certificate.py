from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.core.forms import Form


class RevokeForm(Form):
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("For the record; the verification page shows only that it is revoked."),
    )


class VerifyForm(forms.Form):
    """The public lookup (GET, no guard): the code as printed on the certificate."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("As printed on the certificate, e.g. ABCD-EFGH-IJKL-MNOP."),
    )
