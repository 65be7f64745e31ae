import re

import pytest

from kokoma.accounts.models import User
from kokoma.accounts.services import invitation_path, invite_user
from kokoma.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(persona, django_capture_on_commit_callbacks):
    def do_invite(email="Neu.Person@Example.org", name="Nora Neu"):
        with django_capture_on_commit_callbacks(execute=True):
            return invite_user(by=persona("office"), email=email, display_name=name)

    return do_invite


def test_an_invited_person_gets_an_account_without_a_usable_password(invite):
    user = invite()
    assert user.email == "neu.person@example.org"
    assert user.display_name == "Nora Neu"
    assert user.is_active
    assert not user.has_usable_password()


def test_the_invitation_is_audited_with_the_inviter(invite, persona):
    user = invite()
    entry = AuditEntry.objects.get(object_type="accounts.User", object_id=str(user.pk))
    assert (entry.action, entry.actor) == (AuditAction.CREATE, persona("office"))


def test_the_invitation_mail_carries_the_set_password_link(invite, mailoutbox, settings):
    user = invite()
    (mail,) = mailoutbox
    assert mail.to == [user.email]
    links = re.findall(r"https?://\S+", mail.body)
    assert links == [settings.KOKOMA_BASE_URL.rstrip("/") + invitation_path(user)]
    assert "Nora Neu" in mail.body
    assert "Henrike Albers" in mail.body  # who invited


def test_no_mail_is_sent_when_the_transaction_is_rolled_back(persona, mailoutbox):
    invite_user(by=persona("office"), email="neu@example.org", display_name="Nora Neu")
    assert mailoutbox == []


def test_the_username_mirrors_the_email(invite):
    user = invite()
    assert user.username == user.email
    user.email = "anders@example.org"
    user.save()
    assert User.objects.get(pk=user.pk).username == "anders@example.org"


def test_role_labels_list_programme_role_and_membership_roles_once(persona):
    assert persona("external").role_labels() == [
        str(persona("external").get_programme_role_display()),
        str(persona("external").memberships.first().get_role_display()),
    ]
