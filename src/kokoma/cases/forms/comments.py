from __future__ import annotations

from django import forms

from kokoma.core.forms import Form


class CommentForm(Form):
    """A new comment; the service checks its text (length, mentions), so the field takes any."""

    text = forms.CharField(required=False, strip=False)
