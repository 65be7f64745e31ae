"""Personal access tokens: shown once, stored as a digest, scoped, revocable, refused when
revoked, expired or malformed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kokoma.api import services
from kokoma.api.models import AccessToken
from kokoma.audit.models import AuditEntry

from ..conftest import Login, Persona

pytestmark = pytest.mark.django_db


def test_only_the_digest_is_stored(persona: Persona) -> None:
    token, text = services.create_token(by=persona("local_a"), name="script", scope="read")
    assert text.startswith("kkm_") and len(text) == 47
    stored = AccessToken.objects.get(pk=token.pk)
    assert text not in (stored.digest, stored.prefix, stored.name)
    assert stored.digest == services.digest_of(text)
    assert services.authenticate(text) == token
    assert AuditEntry.objects.filter(object_type="api.AccessToken", object_id=str(token.pk))


def test_a_revoked_or_expired_token_or_inactive_user_is_refused(persona: Persona) -> None:
    user = persona("local_a")
    token, text = services.create_token(by=user, name="script", scope="read")
    services.revoke_token(token, by=user)
    services.revoke_token(token, by=user)  # twice changes nothing
    assert services.authenticate(text) is None

    token, text = services.create_token(
        by=user, name="until today", scope="read", expires_on=timezone.localdate()
    )
    assert services.authenticate(text) is not None
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert services.authenticate(text, now=tomorrow) is None

    user.is_active = False
    user.save(update_fields=["is_active"])
    assert services.authenticate(text) is None


@pytest.mark.parametrize("text", ["", "kkm_", "kkm_short", "x" * 47, "kkm_" + "!" * 43])
def test_malformed_text_is_not_looked_up(text: str, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        assert services.authenticate(text) is None


def test_nobody_revokes_another_persons_token(persona: Persona) -> None:
    token, _text = services.create_token(by=persona("local_a"), name="script", scope="read")
    with pytest.raises(ValidationError):
        services.revoke_token(token, by=persona("local_b"))


def test_a_past_expiry_date_is_refused(persona: Persona) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.create_token(by=persona("local_a"), name="x", scope="read", expires_on=yesterday)
    assert "expires_on" in error.value.message_dict


def test_a_read_token_may_not_write(client: Client, persona: Persona) -> None:
    _token, text = services.create_token(by=persona("local_a"), name="reader", scope="read")
    response = client.post(
        "/api/v1/observations/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {text}",
    )
    assert response.status_code == 403
    assert "read" in response.json()["detail"] or "lesen" in response.json()["detail"]


def test_the_page_shows_a_new_token_once_and_revokes_it(client: Client, login: Login) -> None:
    user = login("local_a")
    url = reverse("api_pages:tokens")
    page = client.get(url)
    once = page.context["form"]["once"].value()
    response = client.post(url, {"name": "Auswertung", "scope": "read", "once": once})
    assert response.status_code == 200
    token, text = response.context["created"]
    assert text in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    # shown once: the list shows only its first characters from now on
    again = client.get(url).content.decode()
    assert text not in again and token.prefix in again
    # a second send of the same form creates nothing
    client.post(url, {"name": "Auswertung", "scope": "read", "once": once})
    assert AccessToken.objects.filter(user=user).count() == 1

    client.post(reverse("api_pages:revoke", kwargs={"token_id": token.pk}))
    assert services.authenticate(text) is None
    answer = client.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Bearer {text}")
    assert answer.status_code == 401


def test_an_empty_name_is_a_form_error_and_nothing_is_created(client: Client, login: Login) -> None:
    user = login("local_a")
    response = client.post(reverse("api_pages:tokens"), {"name": " ", "scope": "read"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert response.context["created"] is None
    assert not AccessToken.objects.filter(user=user).exists()
