"""URL parameter samples for the permission matrix (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from kokoma.directory import services
from kokoma.directory.models import ContactPerson, Institution, InstitutionKind
from kokoma.municipalities.models import Municipality

from ..cases.matrix_samples import cottbus_case
from ..conftest import COTTBUS, demo_user


def cottbus_institution() -> Institution:
    """A Cottbus institution with one contact, linked to the matrix case (the `reference` sample)."""
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    institution = Institution.objects.filter(
        municipality=municipality, name="Matrix-Institution"
    ).first()
    tandem = demo_user("lokal.cottbus")
    if institution is None:
        institution = services.create_institution(
            municipality=municipality,
            by=tandem,
            name="Matrix-Institution",
            kind=InstitutionKind.SCHOOL,
            competences="Mediation",
        )
        services.add_contact(institution, by=tandem, name="Erika Matrixfrau", consent_given=True)
    case = cottbus_case()
    if not institution.case_links.filter(case=case).exists():
        services.link_case(institution, by=tandem, case=case, role="Matrix-Rolle")
    return institution


def cottbus_contact_person() -> ContactPerson:
    contact = cottbus_institution().contacts.first()
    assert contact is not None
    return contact


SAMPLES: dict[str, Any] = {
    "institution_id": lambda: cottbus_institution().pk,
    "contact_person_id": lambda: cottbus_contact_person().pk,
}
