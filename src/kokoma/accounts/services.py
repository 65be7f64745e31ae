from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from kokoma.audit.models import AuditAction
from kokoma.audit.services import record, save_audited
from kokoma.core.links import absolute_url

from .models import User


def invitation_path(user: User) -> str:
    return reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )


@transaction.atomic
def invite_user(*, by: User | None, email: str, display_name: str) -> User:
    """Create an account without a password and send a link to set one."""
    user = User.objects.create_user(email=email.lower(), password=None, display_name=display_name)
    record(by=by, action=AuditAction.CREATE, obj=user)
    link = absolute_url(invitation_path(user))
    transaction.on_commit(
        lambda: send_mail(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("Your access to KoKoMa"),
            message=render_to_string(
                "accounts/email/invitation.txt",
                {"user": user, "link": link, "invited_by": by},
            ),
            from_email=None,
            recipient_list=[user.email],
        )
    )
    return user


@transaction.atomic
def create_account(
    *,
    by: User | None,
    email: str,
    display_name: str,
    password: str,
    programme_role: str = "",
) -> User:
    """Create an account with a password that whoever sets it up already knows (the demo's
    logins); a person joining the platform gets `invite_user` and chooses their own.

    The password is taken as given: Django's password validators judge a password a person
    chooses (allauth runs them), not a set-up password that is handed out with the account.
    """
    user = User(
        email=email.lower(),
        username=email.lower(),
        display_name=display_name,
        programme_role=programme_role,
    )
    user.set_password(password)
    # The log says which programme role the account got, never anything of the password.
    return save_audited(
        user,
        by=by,
        changes={"programme_role": [None, programme_role]} if programme_role else None,
    )
