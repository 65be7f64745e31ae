"""Failed logins stop the one guessing, not the owner (issue 10, item 3; decision 0022)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse

from kokoma.accounts.models import User
from tests.conftest import DEMO_PASSWORD, Persona

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.5"
OWNER = "198.51.100.7"
NEW_PASSWORD = "Spreewald-Kahn-im-Nebel-4"


@pytest.fixture(autouse=True)
def _fresh_counts() -> Iterator[None]:
    """The in-memory cache outlives a test: start clean, and leave no lock for the next test."""
    cache.clear()
    yield
    cache.clear()


def try_login(client: Client, user: User, password: str) -> bool:
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    return response.status_code == 302


def hammer(client: Client, user: User, times: int = 5) -> None:
    for attempt in range(times):
        assert not try_login(client, user, f"geraten-{attempt}-xyz")


def test_an_attacker_hammering_an_account_is_stopped_even_with_the_right_password(
    persona: Persona,
) -> None:
    user = persona("local_a")
    attacker = Client(REMOTE_ADDR=ATTACKER)
    hammer(attacker, user)
    response = attacker.post(
        reverse("account_login"), {"login": user.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    assert "Zu viele" in response.content.decode()


def test_the_owner_on_another_client_still_gets_in(persona: Persona) -> None:
    user = persona("local_a")
    hammer(Client(REMOTE_ADDR=ATTACKER), user)
    assert try_login(Client(REMOTE_ADDR=OWNER), user, DEMO_PASSWORD)


def test_a_limit_reached_on_one_account_leaves_other_accounts_of_the_client_alone(
    persona: Persona,
) -> None:
    client = Client(REMOTE_ADDR=ATTACKER)
    hammer(client, persona("local_a"))
    assert try_login(client, persona("actor_a"), DEMO_PASSWORD)


def test_on_a_shared_client_the_password_reset_link_is_the_way_back(
    persona: Persona, mailoutbox: list[EmailMessage]
) -> None:
    user = persona("local_a")
    shared = Client(REMOTE_ADDR=ATTACKER)  # e.g. the same office network
    hammer(shared, user)
    assert not try_login(shared, user, DEMO_PASSWORD)

    shared.post(reverse("account_reset_password"), {"email": user.email})
    [link] = re.findall(r"https?://[^/\s]+(/konto/password/reset/\S+)", str(mailoutbox[-1].body))
    form = shared.get(link)
    response = shared.post(form["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert try_login(shared, user, NEW_PASSWORD)
