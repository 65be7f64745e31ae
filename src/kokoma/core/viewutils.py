"""Small helpers every app's views share."""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest

from kokoma.accounts.models import User

P = ParamSpec("P")
T = TypeVar("T")


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


def call_service(
    form: BaseForm, service: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """Call `service(*args, **kwargs)` for a valid form and return its result.

    When the service refuses with a ValidationError, its errors go onto the form and the answer
    is None; so use this only with services that return what they wrote.
    """
    try:
        return service(*args, **kwargs)
    except ValidationError as error:
        add_validation_errors(form, error)
        return None
