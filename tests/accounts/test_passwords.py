"""A password like the person's address, name or handle is refused (issue 10, item 3)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kokoma.accounts.models import User
from tests.conftest import DEMO_PASSWORD, Persona

pytestmark = pytest.mark.django_db


def change_password(client: Client, user: User, new: str) -> list[str]:
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": DEMO_PASSWORD, "password1": new, "password2": new},
    )
    if response.status_code == 302:
        return []
    return list(response.context["form"].errors.get("password1", []))


@pytest.mark.parametrize(
    "weak",
    ["Krautmann2025!", "svenja-krautmann1", "cottbus1234", "lokal.cottbus@kokoma"],
    ids=["name", "handle", "address part", "address"],
)
def test_a_password_like_the_persons_own_data_is_refused(
    client: Client, persona: Persona, weak: str
) -> None:
    user = persona("local_a")  # Svenja Krautmann, lokal.cottbus@kokoma.example
    errors = change_password(client, user, weak)
    assert any("zu ähnlich" in error for error in errors), errors
    assert User.objects.get(pk=user.pk).check_password(DEMO_PASSWORD)


def test_an_unrelated_strong_password_is_taken(client: Client, persona: Persona) -> None:
    user = persona("local_a")
    assert change_password(client, user, "Heide-Fluss-Brücke-42") == []
    assert User.objects.get(pk=user.pk).check_password("Heide-Fluss-Brücke-42")


def test_the_demo_password_would_be_refused_and_is_only_set_by_the_demo_loader(
    persona: Persona,
) -> None:
    user = persona("local_a")
    assert user.check_password(DEMO_PASSWORD)  # the demo loader set it, without validators
    with pytest.raises(ValidationError):
        validate_password(DEMO_PASSWORD, user)
