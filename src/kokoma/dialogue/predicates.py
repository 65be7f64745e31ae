"""Who may do what with dialogues. Predicates take the user and a dialogue or a statement."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.cases.predicates import is_case_coordinator, is_on_case_team
from kokoma.municipalities.predicates import is_programme_office, is_tandem, is_working_member


def _dialogue(obj: Any) -> Any:
    return getattr(obj, "dialogue", obj)


@rules.predicate
def facilitates(user: Any, obj: Any) -> bool:
    """A case dialogue: the case team and its coordinators; a public one: the municipality's
    tandem and the programme office."""
    dialogue = _dialogue(obj)
    if dialogue is None or not user.is_authenticated:
        return False
    if dialogue.case_id is not None:
        case = dialogue.case
        return bool(is_case_coordinator(user, case) or is_on_case_team(user, case))
    return bool(is_programme_office(user) or is_tandem(user, dialogue.municipality))


@rules.predicate
def follows_public_dialogue(user: Any, obj: Any) -> bool:
    """A public dialogue's page for the municipality's members (they see who takes part)."""
    dialogue = _dialogue(obj)
    return (
        dialogue is not None
        and dialogue.case_id is None
        and bool(is_working_member(user, dialogue.municipality))
    )


@rules.predicate
def in_open_case(user: Any, obj: Any) -> bool:
    dialogue = _dialogue(obj)
    return dialogue is not None and dialogue.case_id is not None and dialogue.case.closed_at is None
