"""Role matrix per dialogue permission, written out by hand from the programme's rules.

Demo dialogues (src/kokoma/demo/dialogue.py): the public dialogue of Cottbus and the dialogue in
the Cottbus case on the Stadthalle forecourt, whose team includes the Cottbus actor. `external`
is in the tandem of Cottbus and Bautzen; a trainee is a working member of Cottbus, a board member
alone is not (decision 0026).
"""

import pytest

from kokoma.demo.dialogue import CASE_TITLE, PUBLIC_QUESTION
from kokoma.dialogue.models import Dialogue
from tests.conftest import Persona

pytestmark = pytest.mark.django_db

Y, N = True, False

#                  public, in the case
VIEW = {
    "office": (Y, N),
    "external": (Y, Y),
    "external_other": (N, N),
    "supervisor": (N, N),
    "local_a": (Y, Y),
    "actor_a": (Y, Y),
    "board_a": (N, N),
    "trainee_a": (Y, N),
    "local_b": (N, N),
    "actor_b": (N, N),
}
FACILITATE = {**VIEW, "actor_a": (N, Y), "trainee_a": (N, N)}
DRAFT_AGREEMENT = {role: (N, in_case) for role, (_public, in_case) in FACILITATE.items()}
VISIBLE = {**VIEW, "trainee_a": (Y, N), "board_a": (Y, N)}  # board_a: in reach, 403 on the page

TABLES = {
    "dialogue.view_dialogue": VIEW,
    "dialogue.facilitate": FACILITATE,
    "dialogue.draft_agreement": DRAFT_AGREEMENT,
}


def _dialogues() -> tuple[Dialogue, Dialogue]:
    return (
        Dialogue.objects.get(question=PUBLIC_QUESTION),
        Dialogue.objects.get(case__title=CASE_TITLE),
    )


@pytest.mark.parametrize("permission", list(TABLES))
@pytest.mark.parametrize("role", list(VIEW))
def test_permission_matrix(permission: str, role: str, persona: Persona) -> None:
    user = persona(role)
    found = tuple(user.has_perm(permission, dialogue) for dialogue in _dialogues())
    assert found == TABLES[permission][role], f"{permission} for {role}"


@pytest.mark.parametrize("role", list(VIEW))
def test_who_reaches_which_dialogue(role: str, persona: Persona) -> None:
    user = persona(role)
    reachable = Dialogue.objects.visible_to(user)
    assert tuple(reachable.filter(pk=d.pk).exists() for d in _dialogues()) == VISIBLE[role]
