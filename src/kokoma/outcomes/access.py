"""Views of one shared case in the network: out of reach → 404."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import SharedCase

shared_case_permission = ObjectScope(
    "shared_case",
    lambda user: SharedCase.objects.visible_to(user).prefetch_related("topics", "procedures"),
    pk="shared_case_id",
).permission
"""The view gets the shared summary named by `shared_case_id` (never a draft)."""
