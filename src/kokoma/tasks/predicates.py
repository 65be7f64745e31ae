from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from kokoma.municipalities.predicates import is_member


@rules.predicate
def has_a_task_in(user: Any, municipality: Any) -> bool:
    """Was given, or set, a task in the municipality (a board member alone: their follow-ups)."""
    from .models import Task

    return bool(
        municipality is not None
        and is_member(user, municipality)
        and Task.objects.filter(municipality=municipality)
        .filter(Q(assignee=user) | Q(created_by=user))
        .exists()
    )
