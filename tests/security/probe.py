"""What the security suite shares: how much of the walk runs, reading links and forms out of a
page, and filling a form as a browser would send it.

The walks grow with the number of pages, so they run in full on SQLite and as a deterministic
sample on PostgreSQL (the second database pass of `.ci/run`), as the browser layout walk does.
KOKOMA_SECURITY_FULL=1 runs them in full on PostgreSQL too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import Resolver404, resolve

from ..conftest import PERSONAS, demo_user
from ..routes import Route, expected_answer

ON_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
FULL = ON_SQLITE or os.environ.get("KOKOMA_SECURITY_FULL") == "1"
# In the sample, every SAMPLE_EVERY-th case of a parametrised walk runs (always the same ones).
SAMPLE_EVERY = 5

T = TypeVar("T")


def walk_sample(cases: Sequence[T]) -> list[T]:
    """All `cases` in a full run, every SAMPLE_EVERY-th otherwise (deterministic)."""
    return list(cases) if FULL else list(cases[::SAMPLE_EVERY])


# Not to be fetched by a walk: leaving, switching language, the admin, static files, and PDFs
# (WeasyPrint makes them slowly; their access is the view's, checked by the permission matrix).
NOT_WALKED = re.compile(r"/(logout|abmelden)/|/i18n/|/admin/|/static/|/media/|\.pdf$")
NOT_WALKED_VIEW = re.compile(r"(pdf|logout)", re.IGNORECASE)


def own_route(path: str) -> Route | None:
    """The route of one of our own views that `path` resolves to, or None."""
    if NOT_WALKED.search(path):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if not match.func.__module__.startswith("kokoma.") or NOT_WALKED_VIEW.search(match.view_name):
        return None
    return Route(match.view_name, match.route, match.func, tuple(match.kwargs))


def resolved_kwargs(path: str) -> dict[str, Any]:
    return dict(resolve(path).kwargs)


def user_of(role: str) -> Any:
    return AnonymousUser() if role == "anonymous" else demo_user(PERSONAS[role])


def permitted_role(route: Route, kwargs_for: Any, roles: Sequence[str]) -> str | None:
    """The first of `roles` that may open the route (by its access declaration), or None."""
    for role in roles:
        user = user_of(role)
        if expected_answer(route, user, kwargs_for(user)) == "ok":
            return role
    return None


@dataclass
class Control:
    kind: str  # input type, "textarea" or "select"
    name: str
    value: str | None  # what a browser sends unchanged (None: nothing)
    maxlength: int | None = None
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    controls: list[Control] = field(default_factory=list)

    @property
    def text_fields(self) -> list[Control]:
        """The fields a person types free text into."""
        return [c for c in self.controls if c.kind in ("text", "search", "textarea")]

    def data(self, **overrides: str) -> dict[str, list[str]]:
        """The fields as the browser would send them unchanged, with `overrides` typed in."""
        sent: dict[str, list[str]] = {}
        for control in self.controls:
            if control.kind in ("file", "submit", "button", "reset", "image"):
                continue
            if control.name in overrides:
                sent[control.name] = [overrides[control.name]]
            elif control.value is not None:
                sent.setdefault(control.name, []).append(control.value)
        return sent


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._select_required = False
        self._textarea: Control | None = None
        self._submit_named = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                method=(a.get("method") or "get").lower(),
                action=a.get("action", ""),
                enctype=a.get("enctype", ""),
            )
            self._submit_named = False
        elif tag == "option" and self._select is not None:
            option = a.get("value")
            if option is not None:
                self._select.options.append(option)
                if "selected" in a or (self._select.value is None and option):
                    self._select.value = option
            return
        elif self._form is None or "name" not in a or "disabled" in a:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            value: str | None = a.get("value", "")
            if kind in ("checkbox", "radio"):
                taken = any(c.name == a["name"] for c in self._form.controls if c.kind == kind)
                value = (a.get("value") or "on") if "checked" in a else None
                if kind == "radio" and value is None and not taken:
                    value = a.get("value") or "on"  # one choice of a group, as a person would
            elif kind == "submit":
                if self._submit_named:
                    return
                self._submit_named = True
                kind, value = "hidden", a.get("value", "")  # the first named button is pressed
            maxlength = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
            self._form.controls.append(Control(kind, a["name"], value, maxlength))
        elif tag == "textarea":
            maxlength = int(a["maxlength"]) if a.get("maxlength", "").isdigit() else None
            self._textarea = Control("textarea", a["name"], "", maxlength)
            self._form.controls.append(self._textarea)
        elif tag == "select":
            self._select = Control("select", a["name"], None)
            self._select_required = "required" in a
            self._form.controls.append(self._select)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value = (self._textarea.value or "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select" and self._select is not None:
            if self._select_required and not self._select.value:
                # a person picks one of a required choice
                self._select.value = next((o for o in self._select.options if o), None)
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@dataclass
class Page:
    path: str
    links: list[str]
    forms: list[Form]


def read_page(path: str, html: str) -> Page:
    """Our own links (paths with query) and the forms (with absolute actions) of a page."""
    parser = _PageParser()
    parser.feed(html)
    links = []
    for href in parser.links:
        target = urlsplit(urljoin(path, href))
        if target.scheme in ("", "http") and target.netloc in ("", "testserver"):
            links.append(target.path + (f"?{target.query}" if target.query else ""))
    for form in parser.forms:
        form.action = urlsplit(urljoin(path, form.action or path)).path
    return Page(path, links, parser.forms)


def post_forms(page: Page) -> Iterator[Form]:
    """The forms of the page that write (method POST) to one of our own views."""
    for form in page.forms:
        if form.method == "post" and own_route(form.action) is not None:
            yield form


def writing_forms(url: str, html: str) -> list[Form]:
    """The page's forms that write to our views, one per target view and set of fields (a list
    page repeats the same form for each row)."""
    distinct: dict[tuple[str, tuple[str, ...]], Form] = {}
    for form in post_forms(read_page(url, html)):
        target = own_route(form.action)
        assert target is not None
        key = (target.name, tuple(sorted(c.name for c in form.controls)))
        distinct.setdefault(key, form)
    return list(distinct.values())


def is_html(response: Any) -> bool:
    return "text/html" in response.get("Content-Type", "")
