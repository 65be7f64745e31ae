"""Every absolute link in every kind of e-mail starts with KOKOMA_BASE_URL (core.links).

The requests in these tests come through another host than the configured site (as behind a
proxy, or with `make run` on another port), so a link built from the request would show up.
"""

from __future__ import annotations

import re

import pytest
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from kokoma.accounts.services import invite_user
from kokoma.cases import services as case_services
from kokoma.cases.services.comments import post_comment
from kokoma.core.links import absolute_url, on_site
from kokoma.municipalities.models import Municipality
from kokoma.notifications.jobs import send_daily_digests, send_notification_email
from kokoma.notifications.models import Notification
from tests.conftest import COTTBUS, Persona

pytestmark = pytest.mark.django_db

SITE = "https://kokoma.example.de"
REQUEST_HOST = "intern.example.org:8101"


@pytest.fixture(autouse=True)
def _site(settings: Settings) -> None:
    settings.KOKOMA_BASE_URL = SITE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "intern.example.org"]


def links_in(message: EmailMessage) -> list[str]:
    links = re.findall(r"https?://\S+", str(message.body))
    assert links, message.body
    return links


def assert_all_on_site(message: EmailMessage) -> None:
    for link in links_in(message):
        assert link.startswith(SITE + "/"), link


def test_the_helper_puts_a_path_on_the_configured_site(settings: Settings) -> None:
    assert absolute_url("/fall/K-1/") == SITE + "/fall/K-1/"
    settings.KOKOMA_BASE_URL = "http://127.0.0.1:8101/"
    assert absolute_url("/aufgaben/?offen=1") == "http://127.0.0.1:8101/aufgaben/?offen=1"
    assert on_site("http://testserver/konto/x/?a=1#b") == "http://127.0.0.1:8101/konto/x/?a=1#b"
    with pytest.raises(ValueError, match="path"):
        absolute_url("https://elsewhere.example/")


def test_the_invitation_links_to_the_site(
    persona: Persona,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite_user(by=persona("office"), email="neu@example.org", display_name="Nora Neu")
    (message,) = mailoutbox
    (link,) = links_in(message)
    assert link.startswith(SITE + "/konto/")  # the set-password link


def test_the_password_reset_mail_links_to_the_site(
    client: Client, persona: Persona, mailoutbox: list[EmailMessage]
) -> None:
    response = client.post(
        reverse("account_reset_password"),
        {"email": persona("actor_a").email},
        headers={"host": REQUEST_HOST},
    )
    assert response.status_code == 302
    (message,) = mailoutbox
    assert_all_on_site(message)
    assert "intern.example.org" not in str(message.body)  # neither as link nor as the site's name
    assert "kokoma.example.de" in str(message.body)


def test_the_mail_to_an_unknown_address_links_to_the_site(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    client.post(
        reverse("account_reset_password"),
        {"email": "niemand@example.org"},
        headers={"host": REQUEST_HOST},
    )
    (message,) = mailoutbox
    assert_all_on_site(message)


@pytest.fixture
def mention(persona: Persona) -> Notification:
    Notification.objects.all().delete()  # the demo's notifications would join the digest
    case = case_services.open_case(
        municipality=Municipality.objects.get(register__ags=COTTBUS),
        by=persona("local_a"),
        title="Fall mit Erwähnung",
        team=[persona("actor_a")],
    )
    post_comment(case, by=persona("local_a"), text="@tobias-brandhorst, bitte ansehen.")
    return Notification.objects.get(recipient=persona("actor_a"))


def test_the_mail_for_a_mention_links_to_the_site(
    mention: Notification, mailoutbox: list[EmailMessage]
) -> None:
    assert send_notification_email.call(mention.pk) is True
    (message,) = mailoutbox
    assert_all_on_site(message)
    assert SITE + mention.link in links_in(message)


def test_the_daily_digest_links_to_the_site(
    mention: Notification, mailoutbox: list[EmailMessage]
) -> None:
    assert send_daily_digests.call() == 1
    (message,) = mailoutbox
    assert_all_on_site(message)
    assert SITE + mention.link in links_in(message)
    assert SITE + reverse("notifications:settings") in links_in(message)
