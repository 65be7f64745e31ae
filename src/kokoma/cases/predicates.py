from __future__ import annotations

from typing import Any

import rules

from kokoma.municipalities.predicates import is_tandem


@rules.predicate
def is_case_coordinator(user: Any, case: Any) -> bool:
    """The municipality's tandem coordinates all its cases."""
    return case is not None and is_tandem(user, case.municipality)


@rules.predicate
def is_on_case_team(user: Any, case: Any) -> bool:
    if case is None or not user.is_authenticated or not user.is_active:
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_kokoma_case_team", {})
    if case.pk not in cache:
        cache[case.pk] = case.team.filter(user=user).exists()
    return cache[case.pk]


@rules.predicate
def is_open(user: Any, case: Any) -> bool:
    return case is not None and case.closed_at is None
