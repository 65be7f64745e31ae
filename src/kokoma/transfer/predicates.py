"""Who may do what with transfer models. Predicates take the user and a model or an adoption."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.accounts.models import COMPANION_ROLES
from kokoma.municipalities.predicates import is_programme_office, roles_by_municipality
from kokoma.network.predicates import is_network_member

__all__ = ["is_network_member", "is_programme_office"]


def _tandem_of(user: Any, municipality_id: int | None) -> bool:
    if municipality_id is None or not user.is_authenticated:
        return False
    return bool(roles_by_municipality(user).get(municipality_id, set()) & set(COMPANION_ROLES))


@rules.predicate
def is_in_a_tandem(user: Any) -> bool:
    """A companion of some municipality's tandem (they speak for a municipality's practice)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return any(roles & set(COMPANION_ROLES) for roles in roles_by_municipality(user).values())


@rules.predicate
def keeps_model(user: Any, model: Any) -> bool:
    """The model's author, or the tandem of the municipality it was developed in."""
    if model is None or not user.is_authenticated:
        return False
    return model.created_by_id == user.pk or _tandem_of(user, model.source_municipality_id)


@rules.predicate
def is_published(user: Any, model: Any) -> bool:
    return model is not None and bool(model.published)


@rules.predicate
def reports_on(user: Any, adoption: Any) -> bool:
    """The tandem of the municipality that adopted the model."""
    return adoption is not None and _tandem_of(user, adoption.municipality_id)
