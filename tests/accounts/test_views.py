from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from kokoma.accounts.services import invite_user
from tests.conftest import DEMO_PASSWORD, Login, Persona

if TYPE_CHECKING:
    from tests.conftest import ClientResponse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lausitz-Frühling-2025"


@pytest.fixture
def invitation_link(
    persona: Persona,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        invite_user(by=persona("office"), email="neu@example.org", display_name="Nora Neu")
    (link,) = re.findall(r"https?://\S+", str(mailoutbox[0].body))
    return re.sub(r"^https?://[^/]+", "", link)


def set_password(client: Client, link: str, password: str = NEW_PASSWORD) -> ClientResponse:
    response = client.get(link)
    assert response.status_code == 302  # allauth moves the key out of the URL into the session
    return client.post(response["Location"], {"password1": password, "password2": password})


def test_the_invitation_link_opens_the_set_password_form(
    client: Client, invitation_link: str
) -> None:
    response = client.get(invitation_link, follow=True)
    assert response.status_code == 200
    assert 'name="password1"' in response.content.decode()


def test_an_invited_person_sets_a_password_and_logs_in(
    client: Client, invitation_link: str
) -> None:
    response = set_password(client, invitation_link)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    response = client.post(
        reverse("account_login"), {"login": "neu@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("start:home")).context["user"].email == "neu@example.org"


def test_the_invitation_link_works_only_once(client: Client, invitation_link: str) -> None:
    set_password(client, invitation_link)
    client.logout()
    response = client.get(invitation_link)
    assert response.status_code == 200
    assert response.context["token_fail"]


def test_a_too_short_password_is_refused(client: Client, invitation_link: str) -> None:
    response = set_password(client, invitation_link, password="kurz")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_tampered_invitation_link_is_refused(client: Client, invitation_link: str) -> None:
    response = client.get(invitation_link[:-3] + "xyz/")
    assert response.status_code == 200
    assert response.context["token_fail"]


def test_nobody_can_sign_up_by_themselves(client: Client) -> None:
    response = client.get(reverse("account_signup"))
    assert "password1" not in response.content.decode()


def test_the_profile_lists_the_roles_in_municipalities(client: Client, login: Login) -> None:
    login("local_a")
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cottbus" in content
    assert "Koordinierungsstelle Integration" in content


def test_the_profile_requires_login(client: Client) -> None:
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_demo_persona_logs_in_with_the_demo_password(client: Client, persona: Persona) -> None:
    response = client.post(
        reverse("account_login"), {"login": persona("local_a").email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
