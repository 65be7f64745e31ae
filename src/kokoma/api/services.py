"""Creating, revoking and checking personal access tokens (docs/decisions/0037-rest-api.md).

A token is 256 random bits; only its SHA-256 digest is stored, so a copy of the database does
not hand out working tokens. (A slow hash would add nothing against guessing 256 bits and would
cost every API request its time.)
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import record

from .models import AccessToken

PREFIX = "kkm_"
TOKEN_FORMAT = re.compile(r"^kkm_[A-Za-z0-9_-]{43}$")
MAX_ACTIVE_TOKENS = 20
# The last use is written at most this often per token, not on every request.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(
    *, by: User, name: str, scope: str, expires_on: datetime.date | None = None
) -> tuple[AccessToken, str]:
    """Create a token for `by` and return it with its text, which is shown this once only."""
    today = timezone.localdate()
    if expires_on is not None and expires_on < today:
        raise ValidationError({"expires_on": _("The date lies in the past.")})
    if AccessToken.objects.of(by).usable(today).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(count)s valid tokens; revoke one before creating another.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    text = PREFIX + secrets.token_urlsafe(32)
    token = AccessToken(
        user=by,
        name=name.strip(),
        scope=scope,
        prefix=text[:8],
        digest=digest_of(text),
        expires_on=expires_on,
    )
    token.full_clean()
    token.save()
    record(by=by, action=AuditAction.CREATE, obj=token, changes={"scope": scope})
    return token, text


@transaction.atomic
def revoke_token(token: AccessToken, *, by: User) -> None:
    """Revoke one's own token; revoking twice changes nothing."""
    locked = AccessToken.objects.select_for_update().get(pk=token.pk)
    if locked.user_id != by.pk:
        raise ValidationError(_("This is not your token."))
    if locked.revoked_at is not None:
        return
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    record(by=by, action=AuditAction.DELETE, obj=locked, changes={"revoked": True})


def authenticate(text: str, *, now: datetime.datetime | None = None) -> AccessToken | None:
    """The usable token with this text, or None (malformed, unknown, revoked, expired, or its
    user deactivated: the API does not say which)."""
    if not TOKEN_FORMAT.fullmatch(text):
        return None
    now = now or timezone.now()
    token = AccessToken.objects.select_related("user").filter(digest=digest_of(text)).first()
    if token is None or not token.is_usable(timezone.localdate(now)):
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
