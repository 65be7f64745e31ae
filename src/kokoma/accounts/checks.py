"""System checks for the accounts settings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from .models import ROLE_NAMES


@register()
def mfa_roles(app_configs: Sequence[Any] | None, **kwargs: Any) -> list[CheckMessage]:
    """A mistyped role in KOKOMA_MFA_REQUIRED_ROLES would silently leave its holders without MFA."""
    unknown = sorted(set(settings.KOKOMA_MFA_REQUIRED_ROLES) - ROLE_NAMES)
    if not unknown:
        return []
    return [
        Error(
            f"KOKOMA_MFA_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}.",
            hint=f"Known roles: {', '.join(sorted(ROLE_NAMES))}.",
            id="kokoma.E101",
        )
    ]
