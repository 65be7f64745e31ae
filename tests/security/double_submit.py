"""Where the double-submit probe plugs in (issue 10, items 2 and 8).

`forms_that_write()` walks the URL registry like the rest of the suite and yields every form that
writes, as a person who may send it, with the data the browser would send. `submit_twice()` sends
one of them twice with the same data from two clients of the same person (two tabs, or a double
click) and returns both answers. Today it sends them one after the other; the concurrent version
(two threads against a transactional database, on PostgreSQL) replaces its body without changing
its signature. The test built on it belongs to the work on lost updates and actions that must
happen once (item 2): it asserts that each action has exactly one effect and that the second
sender gets a clear message. The `double_submit` fixture in conftest.py hands these to a test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.test import Client

from ..routes import ROUTES, Route, sample_kwargs, url_for
from .probe import NOT_WALKED_VIEW, Form, is_html, permitted_role, user_of, writing_forms

SENDERS = ["local_a", "office", "anonymous"]


@dataclass(frozen=True)
class WritingForm:
    route: Route  # the page that shows the form
    page_url: str
    role: str  # who sends it
    form: Form

    @property
    def data(self) -> dict[str, list[str]]:
        return self.form.data()


def forms_that_write(
    login: Callable[[Client, str], None], routes: Sequence[Route] = ROUTES
) -> Iterator[WritingForm]:
    """Every form that writes, on every page of `routes`, as the first of SENDERS who may open
    the page. `login(client, role)` logs a client in (nothing for "anonymous")."""
    for route in routes:
        if not route.ours or route.access is None or NOT_WALKED_VIEW.search(route.name):
            continue
        role = permitted_role(route, lambda user, r=route: sample_kwargs(r, user), SENDERS)
        if role is None:
            continue
        user = user_of(role if role != "anonymous" else "local_a")
        url = url_for(route, sample_kwargs(route, user))
        client = Client()
        login(client, role)
        page = client.get(url)
        if page.status_code == 200 and is_html(page):
            for form in writing_forms(url, page.content.decode()):
                yield WritingForm(route, url, role, form)


def submit_twice(first: Client, second: Client, form: WritingForm) -> tuple[Any, Any]:
    """The same form with the same data from two clients of the same person: both answers."""
    data = form.data
    return first.post(form.form.action, data), second.post(form.form.action, data)
