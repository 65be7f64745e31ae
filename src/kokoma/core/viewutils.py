"""Small helpers every app's views share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .guard import EditConflict, ListConflict, guard

if TYPE_CHECKING:
    from django.core.paginator import _SupportsPagination

P = ParamSpec("P")
T = TypeVar("T")


def add_validation_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where it names one.

    A refused edit (`EditConflict`) also shows both versions on a form that can.
    """
    if isinstance(error, EditConflict | ListConflict) and hasattr(form, "show_conflict"):
        form.show_conflict(error.current)
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def call_service(
    form: BaseForm, service: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """Call `service(*args, **kwargs)` for a valid form and return its result.

    The form's guard runs in the same transaction (`kokoma.core.guard`): an edit of a record
    someone else saved meanwhile, or a form sent a second time, is refused. When the guard or the
    service refuses with a ValidationError, its errors go onto the form and the answer is None;
    so use this only with services that return what they wrote.
    """
    try:
        with transaction.atomic():
            guard(form)
            return service(*args, **kwargs)
    except ValidationError as error:
        add_validation_errors(form, error)
        return None


def paginate(request: HttpRequest, items: _SupportsPagination[T]) -> tuple[Page[T], str]:
    """The page of `items` that `?seite=` asks for, and the request's query string without it.

    A missing, non-numeric or too large page number gives the first or the last page, as
    `Paginator.get_page` does; the query string is what `pagination.html` puts before `seite=`.
    Views that build that query string from their form use only the page: `paginate(...)[0]`.
    """
    page = Paginator(items, settings.KOKOMA_PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return page, query.urlencode()


def form_page(
    request: HttpRequest,
    form: BaseForm,
    *,
    title: str,
    back_url: str,
    breadcrumbs: str = "",
    subject: object = None,
    intro: str = "",
    multipart: bool = False,
    delete_url: str = "",
    submit_label: str = "",
    **context: object,
) -> HttpResponse:
    """The page of one form: its title, the fields, Save and Cancel (back to `back_url`).

    `breadcrumbs` names the app's breadcrumb template (it gets `current=title` and `context`),
    `subject` the record the form is about (in the window title).
    """
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "back_url": back_url,
            "breadcrumbs": breadcrumbs,
            "subject": subject,
            "intro": intro,
            "multipart": multipart,
            "delete_url": delete_url,
            "submit_label": submit_label,
            **context,
        },
    )
