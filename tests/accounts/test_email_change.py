"""Changing the e-mail address, which is the login (issue 10, item 3)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction, AuditEntry
from tests.conftest import DEMO_PASSWORD, Login, Persona

if TYPE_CHECKING:
    from tests.conftest import ClientResponse

pytestmark = pytest.mark.django_db

NEW = "svenja.k@neu.example"


def ask(client: Client, new: str = NEW, password: str = DEMO_PASSWORD) -> ClientResponse:
    return client.post(reverse("accounts:email_change"), {"new_email": new, "password": password})


def confirmation_link(mail: EmailMessage) -> str:
    [path] = re.findall(r"https?://[^/\s]+(/konto/profil/e-mail/bestaetigen/\S+/)", str(mail.body))
    return path


def can_log_in(email: str, password: str = DEMO_PASSWORD) -> bool:
    response = Client().post(reverse("account_login"), {"login": email, "password": password})
    return response.status_code == 302


@pytest.fixture
def asked(
    client: Client,
    login: Login,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> str:
    """local_a asked for NEW; the link from the mail to NEW."""
    login("local_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client)
    assert response.status_code == 302
    [mail] = mailoutbox
    assert mail.to == [NEW]
    mailoutbox.clear()
    return confirmation_link(mail)


def test_the_profile_leads_to_the_change(client: Client, login: Login) -> None:
    login("local_a")
    page = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("accounts:email_change") in page
    # allauth's own page of several addresses is not in use
    response = client.get("/konto/email/")
    assert response["Location"] == reverse("accounts:email_change")


def test_a_wrong_password_changes_nothing_and_keeps_the_new_address(
    client: Client, login: Login, mailoutbox: list[EmailMessage]
) -> None:
    login("local_a")
    response = ask(client, password="nicht-das-passwort")
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert f'value="{NEW}"' in response.content.decode()  # the address typed is kept
    assert mailoutbox == []
    assert not AuditEntry.objects.filter(action=AuditAction.EMAIL_REQUEST).exists()


def test_until_the_link_is_opened_the_old_address_stays_the_login(
    asked: str, persona: Persona
) -> None:
    user = persona("local_a")
    assert user.email == "lokal.cottbus@kokoma.example"
    assert can_log_in(user.email)
    assert not can_log_in(NEW)
    request = AuditEntry.objects.get(action=AuditAction.EMAIL_REQUEST)
    assert (request.actor, request.changes) == (user, {"new_email": NEW})


def test_opening_the_link_changes_the_login_and_tells_the_old_address(
    client: Client,
    asked: str,
    persona: Persona,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    user = persona("local_a")
    old = user.email
    page = client.get(asked)
    assert page.status_code == 200
    assert NEW in page.content.decode()
    assert User.objects.get(pk=user.pk).email == old  # opening alone changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(asked)
    assert response["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert (user.email, user.username) == (NEW, NEW)
    assert can_log_in(NEW)
    assert not can_log_in(old)
    [notice] = mailoutbox
    assert notice.to == [old]
    assert NEW in str(notice.body)
    line = AuditEntry.objects.get(action=AuditAction.EMAIL_CHANGE)
    assert (line.actor, line.changes) == (user, {"email": [old, NEW]})
    # allauth's password reset finds the account under the new address only
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [NEW]


def test_the_link_works_once(client: Client, asked: str) -> None:
    client.post(asked)
    page = client.get(asked)
    assert page.status_code == 200
    assert page.context["change"] is None
    assert client.post(asked).context["change"] is None


def test_the_link_is_of_no_use_to_another_account(
    client: Client, asked: str, login: Login, persona: Persona
) -> None:
    login("actor_a")
    assert client.post(asked).context["change"] is None
    assert User.objects.get(pk=persona("actor_a").pk).email != NEW
    assert User.objects.get(pk=persona("local_a").pk).email != NEW


def test_a_tampered_link_is_refused(client: Client, asked: str, persona: Persona) -> None:
    tampered = asked.replace("/bestaetigen/", "/bestaetigen/x")
    assert client.post(tampered).context["change"] is None
    assert persona("local_a").email != NEW


def test_the_link_asks_a_logged_out_person_to_log_in_with_the_old_address(
    asked: str,
) -> None:
    response = Client().get(asked)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_address_of_another_account_is_not_revealed_and_not_taken(
    client: Client,
    login: Login,
    persona: Persona,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    login("local_a")
    taken = persona("actor_a").email
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, new=taken)
    assert response.status_code == 302  # the same answer as for a free address
    [mail] = mailoutbox
    assert mail.to == [taken]
    assert "/bestaetigen/" not in str(mail.body)
    assert persona("local_a").email == "lokal.cottbus@kokoma.example"


def test_the_current_address_is_no_change(client: Client, login: Login) -> None:
    user = login("local_a")
    response = ask(client, new=user.email.upper())
    assert "new_email" in response.context["form"].errors


@pytest.fixture
def fresh_counts() -> Iterator[None]:
    """The in-memory cache outlives a test: start clean, and leave no lock for the next test."""
    cache.clear()
    yield
    cache.clear()


@pytest.mark.usefixtures("fresh_counts")
def test_guessing_the_password_in_the_form_is_throttled_like_a_login(
    client: Client, login: Login
) -> None:
    user = login("local_a")
    for attempt in range(5):
        response = ask(client, password=f"geraten-{attempt}-xyz")
        assert "password" in response.context["form"].errors
    response = ask(client, password=DEMO_PASSWORD)  # right, but too late
    assert response.status_code == 200
    assert "Zu viele" in response.content.decode()
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, object_id=str(user.pk))
    assert failed.count() == 5
