"""Who may do what in a peer consultation.

On the case's side (the object is the case): its team and coordinators draft, edit and read the
answers; only the coordinators (the municipality's tandem, who also see the real identities
behind the pseudonyms) approve a draft for the network and close a consultation. On the
network's side (the object is the consultation): every network member reads a shared
consultation, and answers it while it is open – unless they may see its case."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.cases.predicates import is_case_coordinator, is_on_case_team
from kokoma.network.predicates import is_network_member

__all__ = [
    "is_case_coordinator",
    "is_network_member",
    "is_on_case_team",
    "is_on_its_case",
    "is_open_consultation",
    "is_shared_consultation",
]


@rules.predicate
def is_shared_consultation(user: Any, consultation: Any) -> bool:
    return consultation is not None and consultation.is_shared


@rules.predicate
def is_open_consultation(user: Any, consultation: Any) -> bool:
    return consultation is not None and consultation.is_shared and consultation.is_open


@rules.predicate
def is_on_its_case(user: Any, consultation: Any) -> bool:
    """The case's team and coordinators: they answer the network on the case, not here."""
    if consultation is None:
        return False
    case = consultation.case
    return bool(is_case_coordinator(user, case) or is_on_case_team(user, case))
