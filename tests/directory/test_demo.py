from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.demo.directory import DIRECTORY, load_demo_directory
from kokoma.directory.models import ContactPerson, Institution, InstitutionCase

from ..conftest import COTTBUS, Login

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_visible(client: Client, login: Login) -> None:
    load_demo_directory()
    counts = (
        Institution.objects.count(),
        ContactPerson.objects.count(),
        InstitutionCase.objects.count(),
    )
    load_demo_directory()
    assert counts == (
        Institution.objects.count(),
        ContactPerson.objects.count(),
        InstitutionCase.objects.count(),
    )
    cottbus = Institution.objects.filter(municipality__register__ags=COTTBUS)
    assert 5 <= cottbus.count() <= 8
    assert InstitutionCase.objects.filter(institution__in=cottbus).exists()
    assert all(contact.consent_given for contact in ContactPerson.objects.all())
    for institutions in DIRECTORY.values():
        assert 5 <= len(institutions) <= 8

    login("local_a")
    response = client.get(reverse("directory:list", kwargs={"ags": COTTBUS}))
    assert "Jugendclub Sonnenhof" in response.content.decode()
    response = client.get(reverse("directory:list", kwargs={"ags": COTTBUS}), {"q": "arabisch"})
    assert [i.name for i in response.context["page"].object_list] == ["Jugendclub Sonnenhof"]
