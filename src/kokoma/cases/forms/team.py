"""Adding a member of the municipality to the case team."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import User
from kokoma.core.forms import Form, set_choices

from ..models import Case


class TeamMemberForm(Form):
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
