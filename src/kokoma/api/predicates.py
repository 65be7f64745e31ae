from __future__ import annotations

import rules

from kokoma.accounts.models import User

from .models import AccessToken


@rules.predicate
def owns_token(user: User, token: AccessToken | None) -> bool:
    return token is not None and token.user_id == user.pk
