from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from kokoma.accounts.models import User
from kokoma.cases import services as case_services
from kokoma.cases.models import Case
from kokoma.directory import services
from kokoma.directory.models import ContactPerson, Institution, InstitutionKind
from kokoma.municipalities.models import Municipality

from ..cases.matrix_samples import cottbus_case
from ..conftest import COTTBUS, Login, Persona
from ..german import de

pytestmark = pytest.mark.django_db


def ui(message: str) -> str:
    """The text the (German) UI shows for one of this app's messages."""
    with translation.override("de"):
        return translation.gettext(message)


@pytest.fixture
def cottbus() -> Municipality:
    return Municipality.objects.with_register().get(register__ags=COTTBUS)


def _url(name: str, **kwargs: Any) -> str:
    return reverse(f"directory:{name}", kwargs={"ags": COTTBUS, **kwargs})


def _institution(
    cottbus: Municipality, by: User, name: str = "Haus der Vereine", **kw: Any
) -> Institution:
    return services.create_institution(
        municipality=cottbus, by=by, name=name, kind=kw.pop("kind", InstitutionKind.OTHER), **kw
    )


# List, search, filters ---------------------------------------------------------------------


def test_list_search_and_filters(client: Client, login: Login, cottbus: Municipality) -> None:
    tandem = login("local_a")
    school = _institution(cottbus, tandem, "Grundschule Birkenweg", kind=InstitutionKind.SCHOOL)
    club = _institution(
        cottbus,
        tandem,
        "Sportverein Eintracht",
        kind=InstitutionKind.CIVIL_SOCIETY,
        competences="Mediation, Plattdeutsch",
    )
    services.add_contact(school, by=tandem, name="Wiebke Sonnenschein", consent_given=True)

    mine = {school.name, club.name}  # the demo's institutions are in the list too

    def names(**params: str) -> set[str]:
        response = client.get(_url("list"), params)
        assert response.status_code == 200
        return {i.name for i in response.context["page"].object_list} & mine

    assert {"Grundschule Birkenweg", "Sportverein Eintracht"} <= names()
    assert names(q="birken") == {"Grundschule Birkenweg"}
    assert names(q="plattdeutsch") == {"Sportverein Eintracht"}
    assert names(q="sonnenschein") == {"Grundschule Birkenweg"}
    assert names(kind=InstitutionKind.SCHOOL) == {"Grundschule Birkenweg"}
    assert names(competence="Mediation") == {"Sportverein Eintracht"}
    assert names(q="birken", competence="Mediation") == set()
    assert names(q="birken", competence="gibt es nicht") == {"Grundschule Birkenweg"}
    response = client.get(_url("list"), {"q": "nichts passt"})
    assert ui("No institution matches your search.") in response.content.decode()
    assert club.pk


def test_list_query_count_does_not_grow(
    client: Client,
    login: Login,
    cottbus: Municipality,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    tandem = login("local_a")
    for number in range(30):
        institution = _institution(
            cottbus,
            tandem,
            f"Einrichtung {number:02}",
            competences=f"Thema {number % 4}, Mediation",
        )
        services.add_contact(institution, by=tandem, name=f"Person {number}", consent_given=True)
    with django_assert_max_num_queries(12):
        response = client.get(_url("list"), {"q": "Einrichtung", "competence": "Mediation"})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 25


def test_list_shows_new_button_only_to_tandem(client: Client, login: Login) -> None:
    login("actor_a")
    assert _url("create") not in client.get(_url("list")).content.decode()
    login("local_a")
    assert _url("create") in client.get(_url("list")).content.decode()


# Create, edit, delete -----------------------------------------------------------------------


def test_create_institution(client: Client, login: Login) -> None:
    login("local_a")
    response = client.post(
        _url("create"),
        {
            "name": "Familienzentrum Regenbogen",
            "kind": InstitutionKind.SOCIAL_WORK,
            "competences": "Familienberatung, Mediation",
            "website": "https://regenbogen.example",
            "active": "on",
        },
    )
    institution = Institution.objects.get(name="Familienzentrum Regenbogen")
    assert response.status_code == 302
    assert response["Location"] == _url("detail", institution_id=institution.pk)
    assert services.competence_text(institution) == "Familienberatung, Mediation"
    assert institution.created_by is not None


def test_bad_input_shows_german_errors_and_saves_nothing(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    tandem = login("local_a")
    _institution(cottbus, tandem, "Haus der Vereine")
    before = Institution.objects.count()
    response = client.post(
        _url("create"),
        {
            "name": "haus der vereine",
            "kind": InstitutionKind.OTHER,
            "website": "kein link",
            "email": "nicht-gueltig",
            "competences": "Mediation, " + "x" * 70,
        },
    )
    assert response.status_code == 200
    assert Institution.objects.count() == before
    form = response.context["form"]
    assert set(form.errors) >= {"website", "email"}
    content = response.content.decode()
    assert de("Enter a valid URL.") in content
    assert de("Enter a valid email address.") in content
    assert 'value="kein link"' in content  # the input is kept
    # The service's checks come once the form's own are satisfied.
    response = client.post(
        _url("create"),
        {"name": "haus der vereine", "kind": "other", "competences": "x" * 70},
    )
    assert set(response.context["form"].errors) == {"name", "competences"}
    assert ui("An institution with this name is already in the directory.") in (
        response.content.decode()
    )
    assert Institution.objects.count() == before


def test_edit_institution(client: Client, login: Login, cottbus: Municipality) -> None:
    tandem = login("local_a")
    institution = _institution(cottbus, tandem, competences="Mediation")
    response = client.get(_url("edit", institution_id=institution.pk))
    assert 'value="Mediation"' in response.content.decode()
    response = client.post(
        _url("edit", institution_id=institution.pk),
        {"name": "Haus der Vereine", "kind": "school", "competences": "Jugendarbeit"},
    )
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.kind == "school"
    assert institution.active is False  # unchecked box
    assert services.competence_text(institution) == "Jugendarbeit"


def test_delete_institution_needs_confirmation(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    tandem = login("local_a")
    institution = _institution(cottbus, tandem)
    url = _url("delete", institution_id=institution.pk)
    response = client.get(url)
    assert response.status_code == 200
    assert Institution.objects.filter(pk=institution.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == _url("list")
    assert not Institution.objects.filter(pk=institution.pk).exists()


def test_actor_may_not_change(client: Client, login: Login, cottbus: Municipality) -> None:
    institution = _institution(cottbus, login("local_a"))
    login("actor_a")
    assert client.post(_url("delete", institution_id=institution.pk)).status_code == 403
    assert client.post(_url("create"), {"name": "X", "kind": "other"}).status_code == 403
    assert Institution.objects.filter(pk=institution.pk).exists()


def test_foreign_institution_is_not_found(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    institution = _institution(cottbus, login("local_a"))
    login("local_b")
    bautzen_url = reverse(
        "directory:detail", kwargs={"ags": "14625020", "institution_id": institution.pk}
    )
    assert client.get(bautzen_url).status_code == 404
    assert client.get(_url("detail", institution_id=institution.pk)).status_code == 404


# Contacts -----------------------------------------------------------------------------------


def test_contact_needs_consent(client: Client, login: Login, cottbus: Municipality) -> None:
    institution = _institution(cottbus, login("local_a"))
    url = _url("contact_add", institution_id=institution.pk)
    page = client.get(url).content.decode()
    assert ui("The person has agreed to be listed here.") in page
    response = client.post(url, {"name": "Jana Probst", "email": "kaputt"})
    assert response.status_code == 200
    assert not institution.contacts.exists()
    assert de("Enter a valid email address.") in response.content.decode()
    response = client.post(url, {"name": "Jana Probst"})
    assert not institution.contacts.exists()
    message = ui(
        "Contact persons may only be recorded with their consent. "
        "Please confirm that the person has agreed."
    )
    assert message in response.content.decode()
    response = client.post(url, {"name": "Jana Probst", "consent_given": "on"})
    assert response.status_code == 302
    assert institution.contacts.get().name == "Jana Probst"


def test_edit_and_delete_contact(client: Client, login: Login, cottbus: Municipality) -> None:
    tandem = login("local_a")
    institution = _institution(cottbus, tandem)
    contact = services.add_contact(institution, by=tandem, name="Jana Probst", consent_given=True)
    url = _url("contact_edit", institution_id=institution.pk, contact_person_id=contact.pk)
    response = client.post(url, {"name": "Jana Probst-Meier", "consent_given": "on"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.name == "Jana Probst-Meier"
    # Unticking consent does not save: the entry has to be deleted instead.
    response = client.post(url, {"name": "Jana Probst-Meier"})
    assert response.status_code == 200
    delete_url = _url("contact_delete", institution_id=institution.pk, contact_person_id=contact.pk)
    assert client.get(delete_url).status_code == 200
    assert client.post(delete_url).status_code == 302
    assert not ContactPerson.objects.filter(pk=contact.pk).exists()


def test_contact_of_another_institution_is_not_found(
    client: Client, login: Login, cottbus: Municipality
) -> None:
    tandem = login("local_a")
    one = _institution(cottbus, tandem, "Eins")
    two = _institution(cottbus, tandem, "Zwei")
    contact = services.add_contact(one, by=tandem, name="Jana Probst", consent_given=True)
    url = _url("contact_edit", institution_id=two.pk, contact_person_id=contact.pk)
    assert client.get(url).status_code == 404


# Cases: need-to-know ------------------------------------------------------------------------


@pytest.fixture
def linked(cottbus: Municipality, persona: Persona) -> Institution:
    """An institution linked to the matrix case (actor on the team) and to a tandem-only case."""
    tandem = persona("local_a")
    institution = _institution(cottbus, tandem, "Verknüpfte Einrichtung")
    services.link_case(institution, by=tandem, case=cottbus_case(), role="berät")
    secret = case_services.open_case(municipality=cottbus, by=tandem, title="Geheimer Fall")
    services.link_case(institution, by=tandem, case=secret, role="geheim")
    return institution


def test_detail_shows_only_visible_cases(client: Client, login: Login, linked: Institution) -> None:
    url = _url("detail", institution_id=linked.pk)
    login("local_a")
    content = client.get(url).content.decode()
    assert "Geheimer Fall" in content and "Matrix-Fall" in content

    login("actor_a")
    response = client.get(url)
    content = response.content.decode()
    assert "Matrix-Fall" in content
    assert "Geheimer Fall" not in content and "geheim" not in content
    assert response.context["hidden_cases"] == 1
    with translation.override("de"):
        hint = translation.ngettext(
            "+ %(counter)s more case, not visible to you",
            "+ %(counter)s more cases, not visible to you",
            1,
        ) % {"counter": 1}
    assert hint in content

    login("trainee_a")
    response = client.get(url)
    content = response.content.decode()
    assert response.context["links"] == []
    assert response.context["hidden_cases"] == 2
    assert "Matrix-Fall" not in content and "Geheimer Fall" not in content


def test_detail_never_shows_case_actors(client: Client, login: Login, linked: Institution) -> None:
    login("local_a")
    content = client.get(_url("detail", institution_id=linked.pk)).content.decode()
    for actor in cottbus_case().actors.all():
        assert actor.pseudonym not in content


def test_link_case_offers_only_changeable_cases(
    client: Client, login: Login, cottbus: Municipality, persona: Persona
) -> None:
    tandem = persona("local_a")
    institution = _institution(cottbus, tandem)
    hidden = case_services.open_case(municipality=cottbus, by=tandem, title="Geheimer Fall")
    cottbus_case()
    login("actor_a")
    url = _url("case_link", institution_id=institution.pk)
    offered = set(client.get(url).context["form"].fields["case"].queryset)
    assert offered == set(Case.objects.visible_to(persona("actor_a")).filter(municipality=cottbus))
    assert cottbus_case() in offered
    assert hidden not in offered
    response = client.post(url, {"case": hidden.pk, "role": "x"})
    assert response.status_code == 200
    assert not institution.case_links.exists()
    response = client.post(url, {"case": cottbus_case().pk, "role": "moderiert den Runden Tisch"})
    assert response.status_code == 302
    assert institution.case_links.get().role == "moderiert den Runden Tisch"


def test_unlink_case(client: Client, login: Login, linked: Institution) -> None:
    case = cottbus_case()
    url = _url("case_unlink", institution_id=linked.pk, reference=case.reference)
    login("board_a")
    assert client.post(url).status_code == 404  # the case is out of their reach
    login("actor_a")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not linked.case_links.filter(case=case).exists()
    assert linked.case_links.count() == 1


def test_unlink_case_checks_the_municipality(
    client: Client, login: Login, linked: Institution
) -> None:
    login("local_a")
    url = reverse(
        "directory:case_unlink",
        kwargs={
            "ags": "14625020",
            "institution_id": linked.pk,
            "reference": cottbus_case().reference,
        },
    )
    assert client.post(url).status_code == 404


def test_case_panel_snippet(client: Client, login: Login, linked: Institution) -> None:
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = login("actor_a")
    html = Template("{% load case_institutions %}{% case_institutions case %}").render(
        Context({"case": cottbus_case(), "request": request})
    )
    assert "Verknüpfte Einrichtung" in html and "berät" in html
    request.user = login("actor_b")
    html = Template("{% load case_institutions %}{% case_institutions case %}").render(
        Context({"case": cottbus_case(), "request": request})
    )
    assert "Verknüpfte Einrichtung" not in html


def test_detail_query_count(
    client: Client,
    login: Login,
    linked: Institution,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    tandem = login("local_a")
    for number in range(10):
        services.add_contact(linked, by=tandem, name=f"Person {number}", consent_given=True)
    with django_assert_max_num_queries(12):
        response = client.get(_url("detail", institution_id=linked.pk))
    assert response.status_code == 200
