"""Who is acting in a request that the access declarations have let through."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from .models import User


def acting_user(request: HttpRequest) -> User:
    """The logged-in user; the access decorators have already refused anonymous requests."""
    return cast(User, request.user)
