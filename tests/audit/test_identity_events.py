"""Identity events and refused requests in the audit log (issue 10, item 5)."""

from __future__ import annotations

import logging
import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from kokoma.accounts.models import User
from kokoma.audit.models import ACCESS, AuditAction, AuditEntry
from kokoma.cases.models import Case
from tests.conftest import BAUTZEN, COTTBUS, DEMO_PASSWORD, Persona

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Spreewald-Gurke-im-Glas-7"


def lines_about(user: User, action: AuditAction) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type="accounts.User", object_id=str(user.pk), action=action
        ).order_by("pk")
    )


def log_in(client: Client, user: User, password: str = DEMO_PASSWORD) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()


def test_a_login_and_a_logout_are_logged_with_the_person(client: Client, persona: Persona) -> None:
    user = persona("local_a")
    log_in(client, user)
    client.post(reverse("account_logout"))
    [login] = lines_about(user, AuditAction.LOGIN)
    [logout] = lines_about(user, AuditAction.LOGOUT)
    assert login.actor == logout.actor == user
    assert logout.pk > login.pk


def test_a_failed_login_names_the_address_but_never_the_password(
    client: Client, persona: Persona
) -> None:
    user = persona("local_a")
    wrong = "Falsches-Passwort-123"
    client.post(reverse("account_login"), {"login": user.email, "password": wrong})
    [line] = lines_about(user, AuditAction.LOGIN_FAILED)
    assert line.actor is None
    assert line.object_repr == user.email
    assert wrong not in str(line.changes)
    assert wrong not in line.object_repr


def test_a_failed_login_under_an_unknown_address_is_logged_too(client: Client) -> None:
    client.post(
        reverse("account_login"), {"login": "niemand@example.org", "password": "irgendwas-123"}
    )
    line = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (line.object_id, line.object_repr) == ("", "niemand@example.org")
    assert "irgendwas" not in str(line.changes)


def test_a_password_change_is_logged(client: Client, persona: Persona) -> None:
    user = persona("actor_a")
    log_in(client, user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": DEMO_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    [line] = lines_about(user, AuditAction.PASSWORD_CHANGE)
    assert line.actor == user
    assert NEW_PASSWORD not in str(line.changes)


def test_a_password_reset_is_logged(
    client: Client, persona: Persona, mailoutbox: list[EmailMessage]
) -> None:
    user = persona("actor_a")
    client.post(reverse("account_reset_password"), {"email": user.email})
    [link] = re.findall(r"https?://[^/\s]+(/konto/password/reset/\S+)", str(mailoutbox[-1].body))
    response = client.get(link)
    response = client.post(
        response["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    [line] = lines_about(user, AuditAction.PASSWORD_RESET)
    assert line.object_repr == str(user)


def _current_code(secret: str) -> str:
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def test_setting_up_and_removing_the_second_factor_is_logged(
    client: Client,
    persona: Persona,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    user = persona("board_a")
    log_in(client, user)
    # allauth asks for the password again before the second factor changes.
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    code = _current_code(client.session[SECRET_SESSION_KEY])
    # allauth announces MFA changes once its transaction is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302, response.content.decode()
    added = lines_about(user, AuditAction.MFA_ADD)
    assert {line.changes["type"] for line in added} == {"totp", "recovery_codes"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_generate_recovery_codes"))
    assert response.status_code == 302
    [reset] = lines_about(user, AuditAction.MFA_RESET)
    assert reset.changes == {"type": "recovery_codes"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    removed = lines_about(user, AuditAction.MFA_REMOVE)
    assert "totp" in {line.changes["type"] for line in removed}
    assert all(line.actor == user for line in [*added, reset, *removed])


# --- refused requests -------------------------------------------------------------------------


def refusals() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=AuditAction.DENIED, object_type=ACCESS))


def test_a_forbidden_page_writes_one_line_with_person_and_page(
    client: Client, persona: Persona, caplog: pytest.LogCaptureFixture
) -> None:
    actor = persona("actor_a")
    client.force_login(actor)
    path = reverse("municipalities:audit_log", kwargs={"ags": COTTBUS})
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(path).status_code == 403
    [line] = refusals()
    assert line.actor == actor
    assert line.changes == {"page": path, "status": 403}
    # The log keeps its one line, without a traceback.
    [logged] = [record for record in caplog.records if record.name == "django.request"]
    assert logged.exc_info is None
    assert "Traceback" not in caplog.text


def test_another_municipalitys_page_writes_one_line_with_a_404(
    client: Client, persona: Persona
) -> None:
    actor = persona("actor_a")
    client.force_login(actor)
    path = reverse("municipalities:detail", kwargs={"ags": BAUTZEN})
    assert client.get(path).status_code == 404
    [line] = refusals()
    assert (line.actor, line.changes) == (actor, {"page": path, "status": 404})


def test_a_case_out_of_reach_writes_one_line(client: Client, persona: Persona) -> None:
    case = Case.objects.filter(municipality__register__ags=BAUTZEN).first()
    assert case is not None
    client.force_login(persona("local_a"))
    assert (
        client.get(reverse("cases:detail", kwargs={"reference": case.reference})).status_code == 404
    )
    assert len(refusals()) == 1


def test_an_unknown_address_or_an_anonymous_visitor_is_no_refusal(
    client: Client, persona: Persona
) -> None:
    assert client.get(reverse("municipalities:detail", kwargs={"ags": COTTBUS})).status_code == 302
    client.force_login(persona("actor_a"))
    assert client.get("/gibt-es-nicht/").status_code == 404
    assert refusals() == []
