"""Handles for @mentions: derived, unique, editable (issue 10, item 3)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.accounts.handles import handle_base
from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction, AuditEntry
from tests.accounts.factories import UserFactory
from tests.conftest import Login, Persona


@pytest.mark.parametrize(
    ("name", "email", "handle"),
    [
        ("Svenja Krautmann", "", "svenja-krautmann"),
        ("Ole Brüggemann", "", "ole-brueggemann"),
        ("Aylin Demirtaş-Voigt", "", "aylin-demirtas-voigt"),
        ("Dr. Ruth Neumeier", "", "ruth-neumeier"),
        ("  ", "anna.schmidt@example.org", "anna-schmidt"),
        ("!!!", "", "person"),
    ],
)
def test_a_handle_is_made_from_the_name(name: str, email: str, handle: str) -> None:
    assert handle_base(name, email) == handle


@pytest.mark.django_db
def test_the_demo_people_have_readable_handles(persona: Persona) -> None:
    assert persona("local_a").handle == "svenja-krautmann"
    assert persona("supervisor").handle == "ruth-neumeier"
    assert persona("board_a").handle == "aylin-demirtas-voigt"


@pytest.mark.django_db
def test_the_same_name_gets_a_number() -> None:
    first = UserFactory.create(display_name="Max Muster")
    second = UserFactory.create(display_name="Max Muster")
    assert (first.handle, second.handle) == ("max-muster", "max-muster-2")
    second.display_name = "Maximilian Muster"
    second.save()
    assert User.objects.get(pk=second.pk).handle == "max-muster-2"  # a handle stays put


@pytest.mark.django_db
def test_a_person_changes_their_handle(client: Client, login: Login) -> None:
    user = login("local_a")
    assert "@svenja-krautmann" in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(reverse("accounts:handle"), {"handle": " Svenja-K "})
    assert response["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.handle == "svenja-k"
    line = AuditEntry.objects.get(
        object_type="accounts.User", object_id=str(user.pk), action=AuditAction.UPDATE
    )
    assert line.changes == {"handle": ["svenja-krautmann", "svenja-k"]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("tobias-brandhorst", "bereits vergeben"),
        ("svenja.krautmann", "Kleinbuchstaben"),
        ("svenja--k", "Kleinbuchstaben"),
        ("-svenja", "Kleinbuchstaben"),
        ("svenja krautmann", "Kleinbuchstaben"),
    ],
)
def test_a_taken_or_malformed_handle_is_refused_and_kept_in_the_form(
    client: Client, login: Login, typed: str, error: str
) -> None:
    user = login("local_a")
    response = client.post(reverse("accounts:handle"), {"handle": typed})
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content
    assert f'value="{typed.strip().lower()}"' in content or f'value="{typed}"' in content
    user.refresh_from_db()
    assert user.handle == "svenja-krautmann"


@pytest.mark.django_db
def test_the_readme_names_the_demo_handles() -> None:
    from django.conf import settings

    readme = (settings.PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\S+@kokoma\.example) \|.*\| `@([a-z0-9-]+)` \|$", readme, re.M)
    assert len(rows) == 12
    for email, handle in rows:
        assert User.objects.get(email=email).handle == handle
