"""Small helpers every app's views share."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

from kokoma.accounts.models import User


def acting_user(request: HttpRequest) -> User:
    """The logged-in user; the access decorators have already refused anonymous requests."""
    return cast(User, request.user)


def add_validation_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)
