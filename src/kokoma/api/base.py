"""The REST API's foundation: token authentication, problem documents, pagination, the schema.

Every endpoint module (`kokoma.api.endpoints.*`) builds on these, so that each answers errors in
one shape (RFC 9457), pages its lists in one way and declares both in the OpenAPI schema, which
schemathesis then holds it to (tests/api/test_fuzz.py). See docs/decisions/0037-rest-api.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Generic, TypeVar, cast

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Choices, Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from pydantic import WithJsonSchema

from kokoma.accounts.models import User
from kokoma.core.problems import CONTENT_TYPE, problem

from . import services
from .models import AccessToken

T = TypeVar("T")
M = TypeVar("M", bound=Model)

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class TokenAuth(HttpBearer):
    """`Authorization: Bearer kkm_…` with a personal access token; `write` asks for its scope."""

    def __init__(self, *, write: bool = False) -> None:
        super().__init__()
        self.write = write

    def __call__(self, request: HttpRequest) -> AccessToken | None:
        scheme, _space, text = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, text.strip())

    def authenticate(self, request: HttpRequest, token: str) -> AccessToken | None:
        found = services.authenticate(token)
        if found is None:
            return None
        user = found.user
        roles = settings.KOKOMA_MFA_REQUIRED_ROLES
        # A role that must log in with a second factor reads no data without one, token or not.
        if roles and user.holds_any_role(roles) and not is_mfa_enabled(user):
            raise HttpError(403, _("Your role requires a second factor; set it up first."))
        if self.write and not found.may_write:
            raise HttpError(403, _("This token may only read; create one that may write."))
        request.user = user
        return found


READ = TokenAuth()
WRITE = TokenAuth(write=True)


def inline_enum(choices: type[Choices]) -> WithJsonSchema:
    """Model choices as an enum written out where used: as named components they would collide
    in the schema (several models have a `Status`)."""
    values = list(choices.values)
    kind = "integer" if all(isinstance(value, int) for value in values) else "string"
    return WithJsonSchema({"type": kind, "enum": values})


def acting_user(request: HttpRequest) -> User:
    """The token's user (TokenAuth has let the request through)."""
    return cast(User, request.user)


# --- Problem documents -------------------------------------------------------------------------

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                },
                "required": ["field", "message"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
# Every operation may answer these; an operation behind a token also 401 and 403.
ERROR_STATUSES = {
    400: gettext_noop("Bad request"),
    404: gettext_noop("Not found, or not within your reach"),
    405: gettext_noop("Method not allowed"),
    413: gettext_noop("Request too large"),
    422: gettext_noop("Invalid parameters or body"),
}
AUTH_ERROR_STATUSES = {
    401: gettext_noop("No valid token"),
    403: gettext_noop("Not permitted"),
}


def _field(location: Sequence[Any]) -> str:
    """The field as a client names it: ninja's location starts with the source ("query",
    "path", "body") and, for a body, the view's parameter name, which the client never sees."""
    parts = [str(part) for part in location]
    skip = 2 if parts[:1] == ["body"] and len(parts) > 2 else 1
    return ".".join(parts[skip:] if len(parts) > skip else parts)


def _validation_problem(request: HttpRequest, exc: Any) -> HttpResponse:
    errors = [
        {"field": _field(error.get("loc", ())), "message": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    fields = ", ".join(sorted({error["field"] for error in errors})) or "–"
    detail = _("The request has invalid values (%(fields)s).") % {"fields": fields}
    return problem(request, 422, detail, errors=errors)


def _django_validation_problem(request: HttpRequest, exc: Any) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "message": message} for message in exc.messages]
    return problem(request, 422, " ".join(error["message"] for error in errors), errors=errors)


def _authentication_problem(request: HttpRequest, exc: Any) -> HttpResponse:
    detail = _(
        "Send a valid personal access token in the header “Authorization: Bearer …”. "
        "Tokens are created on the page “API access” of your account."
    )
    return problem(request, 401, detail, headers={"WWW-Authenticate": 'Bearer realm="kokoma"'})


def _http_problem(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(request, exc.status_code, exc.message)


def _not_found_problem(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(request, 404, _("There is no such object, or it is not within your reach."))


def _forbidden_problem(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(request, 403, _("You may not do this."))


class KokomaAPI(NinjaAPI):
    """NinjaAPI answering errors as problem documents and declaring them in the schema."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_exception_handler(ValidationError, _validation_problem)
        self.add_exception_handler(DjangoValidationError, _django_validation_problem)
        self.add_exception_handler(AuthenticationError, _authentication_problem)
        self.add_exception_handler(HttpError, _http_problem)
        self.add_exception_handler(Http404, _not_found_problem)
        self.add_exception_handler(PermissionDenied, _forbidden_problem)

    def set_default_exception_handlers(self) -> None:
        # Only ours (above): anything else is a server error for Django's handler500.
        pass

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        problem_content = {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path_item in schema["paths"].values():
            for operation in path_item.values():
                statuses = dict(ERROR_STATUSES)
                if operation.get("security"):
                    statuses.update(AUTH_ERROR_STATUSES)
                for status, description in statuses.items():
                    operation["responses"][status] = {
                        "description": description,
                        "content": problem_content,
                    }
        return schema


# --- Pages of a list ---------------------------------------------------------------------------


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description=gettext_noop("Page number, from 1"))
    page_size: int = Field(
        PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=gettext_noop("Items per page")
    )


class Page(Schema, Generic[T]):
    count: int = Field(description=gettext_noop("Items on all pages"))
    page: int
    pages: int = Field(description=gettext_noop("Number of pages (at least 1)"))
    items: list[T]


def paginate(queryset: QuerySet[M], query: PageQuery) -> dict[str, Any]:
    """One page of `queryset`; a page past the last is an error (404), not an empty page."""
    count = queryset.count()
    pages = max(1, math.ceil(count / query.page_size))
    if query.page > pages:
        raise HttpError(
            404,
            _("There is no page %(page)s; the last page is %(pages)s.")
            % {"page": query.page, "pages": pages},
        )
    start = (query.page - 1) * query.page_size
    items = list(queryset[start : start + query.page_size]) if count else []
    return {"count": count, "page": query.page, "pages": pages, "items": items}


def reach(queryset: QuerySet[M], user: User, permission: str, **lookups: Any) -> M:
    """The object in `queryset` (already narrowed to the user's reach): missing → 404,
    within reach without `permission` → 403, as on the pages."""
    found = get_object_or_404(queryset, **lookups)
    if not user.has_perm(permission, found):
        raise PermissionDenied
    return found
