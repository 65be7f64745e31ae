"""Who may do what with a case: the truth table, written out by hand.

The case belongs to Cottbus; its team is the Cottbus actor. Coordinators are the municipality's
tandem (the external companion `external` and the local companion `local_a`).
"""

from __future__ import annotations

import pytest

from tests.conftest import Persona

from .matrix_samples import cottbus_case

pytestmark = pytest.mark.django_db

Y, N = True, False
PERSONAS = ["office", "external", "external_other", "supervisor", "local_a", "actor_a",
            "board_a", "trainee_a", "local_b", "actor_b"]  # fmt: skip
TABLE = {
    #                      off ext ext2 sup loc act brd trn locB actB
    "cases.view_case":      (N, Y, N, N, Y, Y, N, N, N, N),
    "cases.change_case":    (N, Y, N, N, Y, Y, N, N, N, N),
    "cases.transition_case": (N, Y, N, N, Y, Y, N, N, N, N),
    "cases.comment_case":   (N, Y, N, N, Y, Y, N, N, N, N),
    "cases.manage_team":    (N, Y, N, N, Y, N, N, N, N, N),
    "cases.view_identity":  (N, Y, N, N, Y, N, N, N, N, N),
}  # fmt: skip


@pytest.mark.parametrize("permission", TABLE)
def test_case_permissions(permission: str, persona: Persona) -> None:
    case = cottbus_case()
    got = tuple(persona(name).has_perm(permission, case) for name in PERSONAS)
    assert got == TABLE[permission], dict(zip(PERSONAS, got, strict=True))


@pytest.mark.parametrize(
    ("permission", "expected"),
    [
        ("cases.report_observation", (N, Y, N, N, Y, Y, Y, Y, N, N)),
        ("cases.triage_observations", (N, Y, N, N, Y, N, N, N, N, N)),
        ("cases.publish_chronicle", (N, Y, N, N, Y, N, N, N, N, N)),
        # a board member alone sees the boards only (docs/decisions/0026)
        ("cases.list_cases", (N, Y, N, N, Y, Y, N, Y, N, N)),
        ("cases.view_case_counts", (Y, Y, N, N, Y, Y, N, Y, N, N)),
        ("cases.view_audit_log", (N, Y, N, N, Y, N, N, N, N, N)),
    ],
)
def test_municipality_level_case_permissions(
    permission: str, expected: tuple[bool, ...], persona: Persona
) -> None:
    municipality = cottbus_case().municipality
    got = tuple(persona(name).has_perm(permission, municipality) for name in PERSONAS)
    assert got == expected, dict(zip(PERSONAS, got, strict=True))


def test_only_the_programme_office_maintains_taxonomies(persona: Persona) -> None:
    assert [name for name in PERSONAS if persona(name).has_perm("cases.manage_taxonomy")] == [
        "office"
    ]
