import re
from collections.abc import Callable
from typing import TypeAlias

import pytest
from allauth.account.forms import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from kokoma.accounts.models import ProgrammeRole, User
from kokoma.accounts.services import create_account, invitation_path, invite_user
from kokoma.audit.models import AuditAction, AuditEntry
from tests.conftest import Persona

pytestmark = pytest.mark.django_db

# The type of the `invite` fixture: invites a person (by default Nora Neu) as the office.
Invite: TypeAlias = Callable[..., User]


@pytest.fixture
def invite(
    persona: Persona, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> Invite:
    def do_invite(email: str = "Neu.Person@Example.org", name: str = "Nora Neu") -> User:
        with django_capture_on_commit_callbacks(execute=True):
            return invite_user(by=persona("office"), email=email, display_name=name)

    return do_invite


def test_an_invited_person_gets_an_account_without_a_usable_password(invite: Invite) -> None:
    user = invite()
    assert user.email == "neu.person@example.org"
    assert user.display_name == "Nora Neu"
    assert user.is_active
    assert not user.has_usable_password()


def test_the_invitation_is_audited_with_the_inviter(invite: Invite, persona: Persona) -> None:
    user = invite()
    entry = AuditEntry.objects.get(object_type="accounts.User", object_id=str(user.pk))
    assert (entry.action, entry.actor) == (AuditAction.CREATE, persona("office"))


def test_the_invitation_mail_carries_the_set_password_link(
    invite: Invite, mailoutbox: list[EmailMessage], settings: Settings
) -> None:
    user = invite()
    (mail,) = mailoutbox
    assert mail.to == [user.email]
    (link,) = re.findall(r"https?://\S+", str(mail.body))
    # The token carries the second it was made in, so compare its parts, not the whole link.
    prefix = settings.KOKOMA_BASE_URL.rstrip("/") + invitation_path(user).split("-")[0] + "-"
    assert link.startswith(prefix)
    key = link.removeprefix(prefix).rstrip("/")
    assert default_token_generator.check_token(user, key)
    assert "Nora Neu" in mail.body
    assert "Henrike Albers" in mail.body  # who invited


def test_no_mail_is_sent_when_the_transaction_is_rolled_back(
    persona: Persona, mailoutbox: list[EmailMessage]
) -> None:
    invite_user(by=persona("office"), email="neu@example.org", display_name="Nora Neu")
    assert mailoutbox == []


def test_the_username_mirrors_the_email(invite: Invite) -> None:
    user = invite()
    assert user.username == user.email
    user.email = "anders@example.org"
    user.save()
    assert User.objects.get(pk=user.pk).username == "anders@example.org"


def test_role_labels_list_programme_role_and_membership_roles_once(persona: Persona) -> None:
    membership = persona("external").memberships.first()
    assert membership is not None
    assert persona("external").role_labels() == [
        str(persona("external").get_programme_role_display()),
        str(membership.get_role_display()),
    ]


def test_an_account_with_a_password_logs_in_and_is_audited_without_it(
    persona: Persona, mailoutbox: list[EmailMessage]
) -> None:
    user = create_account(
        by=persona("office"),
        email="Neu.Aufsicht@Example.org",
        display_name="Nora Neu",
        password="ein-langes-passwort",
        programme_role=ProgrammeRole.SUPERVISOR,
    )
    assert (user.email, user.username) == ("neu.aufsicht@example.org", "neu.aufsicht@example.org")
    assert user.check_password("ein-langes-passwort")
    assert user.programme_role == ProgrammeRole.SUPERVISOR
    entry = AuditEntry.objects.get(object_type="accounts.User", object_id=str(user.pk))
    assert (entry.action, entry.actor) == (AuditAction.CREATE, persona("office"))
    assert entry.changes == {"programme_role": [None, "supervisor"]}
    assert mailoutbox == []


def test_an_account_for_a_taken_address_or_an_unknown_role_is_refused(persona: Persona) -> None:
    for email, role in ((persona("actor_a").email.upper(), ""), ("neu@example.org", "mayor")):
        with pytest.raises(ValidationError):
            create_account(
                by=None, email=email, display_name="X", password="x", programme_role=role
            )
    assert not User.objects.filter(email="neu@example.org").exists()
