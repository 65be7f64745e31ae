"""Identity events written to the audit log: logins, failed logins, logouts, password changes and
resets, changes of the second factor. (E-mail changes are written by accounts.services.)

A failed login names the address that was tried, never the password."""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver
from django.http import HttpRequest

from kokoma.audit.models import AuditAction
from kokoma.audit.services import record, record_event

from .models import User


def _record_for(user: Any, action: AuditAction, changes: dict[str, Any] | None = None) -> None:
    if isinstance(user, User):
        record(by=user, action=action, obj=user, changes=changes)


@receiver(auth_signals.user_logged_in, dispatch_uid="kokoma-audit-login")
def _logged_in(sender: object, user: Any, **kwargs: Any) -> None:
    _record_for(user, AuditAction.LOGIN)


@receiver(auth_signals.user_logged_out, dispatch_uid="kokoma-audit-logout")
def _logged_out(sender: object, user: Any = None, **kwargs: Any) -> None:
    _record_for(user, AuditAction.LOGOUT)


@receiver(auth_signals.user_login_failed, dispatch_uid="kokoma-audit-login-failed")
def _login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Only the address: Django masks the password in `credentials`, and we do not even keep that.
    tried = str(credentials.get("email") or credentials.get("username") or "")
    user = User.objects.filter(email__iexact=tried).first() if tried else None
    record_event(
        by=None,
        action=AuditAction.LOGIN_FAILED,
        object_type=User._meta.label,
        object_id=str(user.pk) if user else "",
        object_repr=tried,
        changes={"email": tried},
    )


@receiver(account_signals.password_changed, dispatch_uid="kokoma-audit-password-changed")
@receiver(account_signals.password_set, dispatch_uid="kokoma-audit-password-set")
def _password_changed(sender: object, user: Any, **kwargs: Any) -> None:
    _record_for(user, AuditAction.PASSWORD_CHANGE)


@receiver(account_signals.password_reset, dispatch_uid="kokoma-audit-password-reset")
def _password_reset(sender: object, user: Any, **kwargs: Any) -> None:
    _record_for(user, AuditAction.PASSWORD_RESET)


def _kind(authenticator: Authenticator) -> dict[str, Any]:
    return {"type": authenticator.type}


@receiver(mfa_signals.authenticator_added, dispatch_uid="kokoma-audit-mfa-added")
def _mfa_added(sender: object, user: Any, authenticator: Authenticator, **kwargs: Any) -> None:
    _record_for(user, AuditAction.MFA_ADD, _kind(authenticator))


@receiver(mfa_signals.authenticator_removed, dispatch_uid="kokoma-audit-mfa-removed")
def _mfa_removed(sender: object, user: Any, authenticator: Authenticator, **kwargs: Any) -> None:
    _record_for(user, AuditAction.MFA_REMOVE, _kind(authenticator))


@receiver(mfa_signals.authenticator_reset, dispatch_uid="kokoma-audit-mfa-reset")
def _mfa_reset(sender: object, user: Any, authenticator: Authenticator, **kwargs: Any) -> None:
    _record_for(user, AuditAction.MFA_RESET, _kind(authenticator))
