"""Role matrix per permission: the expected answer for every persona in Cottbus and in Bautzen.

The tables are written out by hand from the programme's rules, not derived from rules.py.
Demo memberships: `external` is the external companion of both Cottbus and Bautzen,
`external_other` of neither (Greifswald, Hameln); `supervisor` has no membership at all.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from kokoma.municipalities.models import Municipality
from tests.conftest import BAUTZEN, COTTBUS, Persona

pytestmark = pytest.mark.django_db

Y, N = True, False

#                     Cottbus, Bautzen
OFFICE_ONLY = {
    "office": (Y, Y),
    "external": (N, N),
    "external_other": (N, N),
    "supervisor": (N, N),
    "local_a": (N, N),
    "actor_a": (N, N),
    "board_a": (N, N),
    "trainee_a": (N, N),
    "local_b": (N, N),
    "actor_b": (N, N),
}
# A board member who holds no other role sees their boards only (docs/decisions/0026).
OFFICE_AND_MEMBERS = {
    "office": (Y, Y),
    "external": (Y, Y),
    "external_other": (N, N),
    "supervisor": (N, N),
    "local_a": (Y, N),
    "actor_a": (Y, N),
    "board_a": (N, N),
    "trainee_a": (Y, N),
    "local_b": (N, Y),
    "actor_b": (N, Y),
}
OFFICE_AND_TANDEM = {
    "office": (Y, Y),
    "external": (Y, Y),
    "external_other": (N, N),
    "supervisor": (N, N),
    "local_a": (Y, N),
    "actor_a": (N, N),
    "board_a": (N, N),
    "trainee_a": (N, N),
    "local_b": (N, Y),
    "actor_b": (N, N),
}
TANDEM_ONLY = {  # the work log is the tandem's own: not even the programme office reads it
    "office": (N, N),
    "external": (Y, Y),
    "external_other": (N, N),
    "supervisor": (N, N),
    "local_a": (Y, N),
    "actor_a": (N, N),
    "board_a": (N, N),
    "trainee_a": (N, N),
    "local_b": (N, Y),
    "actor_b": (N, N),
}

MATRIX = {
    "municipalities.onboard_municipality": OFFICE_ONLY,
    "municipalities.search_register": OFFICE_ONLY,
    "municipalities.change_phase": OFFICE_ONLY,
    "municipalities.assign_tandem": OFFICE_ONLY,
    "municipalities.view_municipality": OFFICE_AND_MEMBERS,
    "municipalities.view_members": OFFICE_AND_MEMBERS,
    "municipalities.change_profile": OFFICE_AND_TANDEM,
    "municipalities.manage_members": OFFICE_AND_TANDEM,
    "municipalities.view_work_log": TANDEM_ONLY,
    "municipalities.change_work_log": TANDEM_ONLY,
    # the accompaniment process: where it stands for every member, its details for the tandem
    # and the programme office, which follows each municipality through it
    "municipalities.view_process": OFFICE_AND_MEMBERS,
    "municipalities.view_process_details": OFFICE_AND_TANDEM,
    "municipalities.change_process": TANDEM_ONLY,
    "municipalities.view_process_matrix": OFFICE_ONLY,
}

CASES = [
    pytest.param(permission, name, ags, expected[column], id=f"{permission}-{name}-{town}")
    for permission, table in MATRIX.items()
    for name, expected in table.items()
    for column, (town, ags) in enumerate((("Cottbus", COTTBUS), ("Bautzen", BAUTZEN)))
]


@pytest.mark.parametrize(("permission", "name", "ags", "expected"), CASES)
def test_role_matrix(
    persona: Persona, permission: str, name: str, ags: str, expected: bool
) -> None:
    municipality = Municipality.objects.get(register__ags=ags)
    assert persona(name).has_perm(permission, municipality) is expected


@pytest.mark.parametrize("permission", sorted(p for p, t in MATRIX.items() if t is OFFICE_ONLY))
def test_programme_wide_permissions_need_no_municipality(persona: Persona, permission: str) -> None:
    allowed = {name for name in OFFICE_ONLY if persona(name).has_perm(permission)}
    assert allowed == {"office"}


def test_every_municipality_permission_has_a_matrix() -> None:
    declared = {
        name for name in rules.permissions.permissions if name.startswith("municipalities.")
    }
    assert declared == set(MATRIX)


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_an_anonymous_visitor_has_no_permission(permission: str) -> None:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    assert not AnonymousUser().has_perm(permission, cottbus)


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_a_deactivated_account_loses_every_permission(persona: Persona, permission: str) -> None:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    for name in ("office", "external", "local_a"):
        user = persona(name)
        user.is_active = False
        user.save()
        assert not user.has_perm(permission, cottbus), name
