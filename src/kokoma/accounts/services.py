from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, diff, record, save_audited
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


# --- the handle for @mentions ---------------------------------------------------------------


@transaction.atomic
def change_handle(user: User, *, by: User, handle: str) -> User:
    """Give `user` another handle (validated: format, unique); the old one mentions nobody."""
    # Read afresh by the model, not `stored(user)`: `user` may be the request's lazy user.
    current = User.objects.get(pk=user.pk)
    return save_audited(
        assign(current, {"handle": handle.strip().lower()}), by=by, skip_unchanged=True
    )


# --- changing the e-mail address (the login) ------------------------------------------------
# docs/decisions/0021-email-change-own-flow.md: the new address becomes the login only when the
# link sent to it is opened by the logged-in person; until then the old address stays the login.

EMAIL_CHANGE_SALT = "kokoma.accounts.email-change"
EMAIL_CHANGE_MAX_AGE = datetime.timedelta(days=3)


@dataclass(frozen=True)
class EmailChange:
    """A change of address asked for by `user`, read from a link that is still good."""

    user: User
    old: str
    new: str


def _send(subject: str, template: str, context: dict[str, Any], to: str) -> None:
    """Send a mail about the account; `subject` is marked with gettext_noop and translated here,
    in German, whatever language the person's browser asked for (README)."""
    with translation.override(settings.LANGUAGE_CODE):
        message = render_to_string(template, context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _(subject)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[to])


@transaction.atomic
def request_email_change(user: User, *, by: User, new_email: str, password: str) -> str:
    """Check the password and send a confirmation link to `new_email`; nothing changes yet.

    An address that another account already uses gets a notice instead of a link, and the
    person asking is told the same as always, so the form reveals nobody's account.
    """
    new = new_email.strip().lower()
    # The form has checked the password already, throttled (accounts.forms); this guards any
    # other caller.
    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not correct.")})
    if new == user.email.lower():
        raise ValidationError({"new_email": _("This is already your e-mail address.")})
    record(by=by, action=AuditAction.EMAIL_REQUEST, obj=user, changes={"new_email": new})
    if User.objects.filter(email__iexact=new).exclude(pk=user.pk).exists():
        transaction.on_commit(
            lambda: _send(
                gettext_noop("Your e-mail address was entered on KoKoMa"),
                "accounts/email/email_change_taken.txt",
                {"address": new},
                new,
            )
        )
        return new
    key = signing.dumps({"user": user.pk, "old": user.email, "new": new}, salt=EMAIL_CHANGE_SALT)
    link = absolute_url(reverse("accounts:email_confirm", kwargs={"key": key}))
    days = EMAIL_CHANGE_MAX_AGE.days
    transaction.on_commit(
        lambda: _send(
            gettext_noop("Please confirm your new e-mail address"),
            "accounts/email/email_change_confirm.txt",
            {"user": user, "link": link, "days": days},
            new,
        )
    )
    return new


def read_email_change(key: str, *, user: User) -> EmailChange | None:
    """The change the link `key` stands for, if it is genuine, not expired, made for `user` and
    not used up (the address it changes from is still the login); otherwise None."""
    try:
        data = signing.loads(key, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.BadSignature:  # also an expired link
        return None
    if not isinstance(data, dict) or data.get("user") != user.pk:
        return None
    if data.get("old") != user.email:
        return None
    return EmailChange(user=user, old=str(data["old"]), new=str(data["new"]))


@transaction.atomic
def confirm_email_change(user: User, *, by: User, key: str) -> User:
    """Make the address of the link `key` the login, tell the old address, write the log."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    change = read_email_change(key, user=locked)
    if change is None:
        raise ValidationError(_("This link is no longer valid. Please ask for a new one."))
    if User.objects.filter(email__iexact=change.new).exclude(pk=locked.pk).exists():
        raise ValidationError(_("This e-mail address is already in use by another account."))
    before = {"email": locked.email}
    locked.email = change.new
    locked.full_clean(exclude=["password"])
    locked.save()
    # allauth's own table of addresses (password reset looks there too) knows only the new one.
    EmailAddress.objects.filter(user=locked).delete()
    EmailAddress.objects.create(user=locked, email=change.new, verified=True, primary=True)
    record(
        by=by,
        action=AuditAction.EMAIL_CHANGE,
        obj=locked,
        changes=diff(before, {"email": locked.email}),
    )
    transaction.on_commit(
        lambda: _send(
            gettext_noop("Your e-mail address on KoKoMa was changed"),
            "accounts/email/email_change_notice.txt",
            {
                "user": locked,
                "new": change.new,
                "profile": absolute_url(reverse("accounts:profile")),
            },
            change.old,
        )
    )
    return locked
