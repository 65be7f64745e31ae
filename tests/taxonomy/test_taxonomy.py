"""The programme office maintains topics, motives and incident types."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.observations.forms import PublicReportForm
from kokoma.observations.models import Observation
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import Login

pytestmark = pytest.mark.django_db


def test_the_office_sees_the_three_kinds(client: Client, login: Login) -> None:
    login("office")
    response = client.get(reverse("taxonomy:list"))
    assert response.status_code == 200
    assert [kind for kind, _, _ in response.context["groups"]] == [
        TermKind.TOPIC,
        TermKind.MOTIVE,
        TermKind.INCIDENT_TYPE,
        TermKind.PROCEDURE,  # the procedure catalogue of conflict processing (issue 4)
    ]
    assert "Flucht/Migration" in response.content.decode()
    assert "Mediation" in response.content.decode()


@pytest.mark.parametrize("role", ["local_a", "external", "actor_a"])
def test_others_may_not_maintain_terms(client: Client, login: Login, role: str) -> None:
    login(role)
    assert client.get(reverse("taxonomy:list")).status_code == 403
    assert (
        client.post(reverse("taxonomy:create"), {"kind": "topic", "name": "X"}).status_code == 403
    )
    assert not Term.objects.filter(name="X").exists()


def test_add_and_edit_a_term(client: Client, login: Login) -> None:
    login("office")
    response = client.post(
        reverse("taxonomy:create"),
        {
            "kind": "topic",
            "name": "Sport",
            "description": "Vereine",
            "active": "on",
            "position": 12,
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(kind=TermKind.TOPIC, name="Sport")
    response = client.post(
        reverse("taxonomy:edit", kwargs={"term_id": term.pk}),
        {"kind": "motive", "name": "Sport und Freizeit", "description": "", "position": 3},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.name == "Sport und Freizeit"
    assert term.kind == TermKind.TOPIC  # the kind cannot change
    assert not term.active


def test_a_duplicate_name_is_refused_with_the_input_kept(client: Client, login: Login) -> None:
    login("office")
    before = Term.objects.count()
    response = client.post(
        reverse("taxonomy:create"),
        {"kind": "topic", "name": "Jugend", "position": 1, "description": "Doppelt"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert b"Doppelt" in response.content
    assert Term.objects.count() == before


def test_a_used_term_is_not_deleted_but_can_be_deactivated(client: Client, login: Login) -> None:
    login("office")
    used = Term.objects.get(kind=TermKind.MOTIVE, name="rassistisch")
    assert Observation.objects.filter(motive=used).exists()
    response = client.post(reverse("taxonomy:delete", kwargs={"term_id": used.pk}))
    assert response.status_code == 302
    assert Term.objects.filter(pk=used.pk).exists()
    edit = client.get(reverse("taxonomy:edit", kwargs={"term_id": used.pk}))
    assert edit.context["in_use"]
    client.post(
        reverse("taxonomy:edit", kwargs={"term_id": used.pk}),
        {"name": used.name, "description": "", "position": used.position},
    )
    used.refresh_from_db()
    assert not used.active
    assert used not in PublicReportForm().fields["motive"].queryset  # type: ignore[attr-defined]


def test_an_unused_term_can_be_deleted(client: Client, login: Login) -> None:
    login("office")
    term = Term.objects.create(kind=TermKind.TOPIC, name="Unbenutzt")
    response = client.post(reverse("taxonomy:delete", kwargs={"term_id": term.pk}))
    assert response.status_code == 302
    assert not Term.objects.filter(pk=term.pk).exists()
