"""The token pages' object scope: a person reaches only their own tokens."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import AccessToken

token_scope = ObjectScope("access_token", lambda user: AccessToken.objects.of(user), pk="token_id")
