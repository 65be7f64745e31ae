"""Every form of every page, as a person who may use it: bad input through every field.

For each of our pages (the URL registry with the permission matrix's samples), as the first of
the Cottbus local companion, the programme office or — on a public page — an anonymous visitor who
may open it, every form that writes (POST) to one of our views is sent

- with a payload of the corpus in every text field (markup and script, SQL-ish quoting, template
  syntax, right-to-left and zero-width characters, emoji, a very long text): never a server error,
  and the payload never comes back unescaped — not in the answer, not on the page the answer leads
  to, not on the form's page opened again;
- with a NUL in one field at a time, with other control characters in all fields at once, and with
  a control character in a field's name: a 400 or a form error, never a server error and never a
  success.

The payloads run in full on SQLite and for a sample of pages on PostgreSQL; the control
characters run for every page on both (probe.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ..conftest import Persona
from ..routes import ROUTES, Route, sample_kwargs, url_for
from .probe import (
    FULL,
    NOT_WALKED_VIEW,
    SAMPLE_EVERY,
    Form,
    is_html,
    own_route,
    permitted_role,
    writing_forms,
)

ROLES = ["local_a", "office", "anonymous"]
MARKUP = (
    '<script>alert("kk-xss")</script>"><img src=x onerror=alert("kk-attr")> '
    "' OR '1'='1'; DROP TABLE cases_case; -- {{7*7}}kk-tpl {% now 'Y' %}"
)
UNICODE = "\u202eRTL-Text\u200b\u200d\u2066 Zero\ufeffwidth 😀👩🏽‍🚒 Ümläut"
LONG = "Langer Text " * 900
PAYLOADS = [MARKUP, UNICODE, LONG]
# What must never appear in a page: the payload's markup unescaped, or its template evaluated.
UNESCAPED = [b'<script>alert("kk-xss")', b'<img src=x onerror=alert("kk-attr")', b"49kk-tpl"]

FORM_ROUTES = [
    pytest.param(route, index, id=route.name)
    for index, route in enumerate(
        route
        for route in ROUTES
        if route.ours and route.access and not NOT_WALKED_VIEW.search(route.name)
    )
]


def _typed(control_maxlength: int | None, payload: str) -> str:
    return payload[:control_maxlength] if control_maxlength else payload


def _unescaped(content: bytes) -> list[bytes]:
    return [marker for marker in UNESCAPED if marker in content]


def _send_payload(client: Client, url: str, form: Form, payload: str) -> list[str]:
    typed = {c.name: _typed(c.maxlength, payload) for c in form.text_fields}
    answer = client.post(form.action, form.data(**typed))
    problems = []
    if answer.status_code >= 500:
        return [f"POST {form.action} ({payload[:20]!r}…): {answer.status_code}"]
    pages = [(f"answer to POST {form.action}", answer)]
    location = answer.get("Location", "") if answer.status_code in (301, 302, 303) else ""
    if location.startswith("/") and own_route(location.split("?")[0].split("#")[0]):
        pages.append((f"GET {location} after it", client.get(location)))
    for what, page in pages:
        if page.status_code >= 500:
            problems.append(f"{what}: {page.status_code}")
        elif is_html(page) and _unescaped(page.content):
            problems.append(f"{what}: unescaped {_unescaped(page.content)}")
    return problems


def _send_control_characters(client: Client, form: Form) -> list[str]:
    """A NUL in each text field in turn (an invalid choice elsewhere would stop the form before
    the text reaches the database), then in all other fields at once; BEL, ESC and DEL in every
    field; a NUL in a field's name."""
    sent: list[tuple[str, dict[str, Any]]] = [
        (f"NUL in {c.name}", form.data(**{c.name: "a\x00b"})) for c in form.text_fields
    ]
    others = {c.name: "a\x00b" for c in form.controls if c not in form.text_fields}
    sent.append(("NUL in every other field", form.data(**others)))
    everywhere = {c.name: "Text\x07\x1b\x7f" for c in form.controls}
    sent.append(("BEL/ESC/DEL in every field", form.data(**everywhere)))
    sent.append(("NUL in a field name", {**form.data(), "fe\x00ld": "x"}))
    problems = []
    for what, data in sent:
        status = client.post(form.action, data).status_code
        if status >= 500 or status in (301, 302, 303):
            problems.append(f"POST {form.action} with {what}: {status}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "index"), FORM_ROUTES)
def test_every_form_field_takes_bad_input_without_harm(
    route: Route, index: int, client: Client, persona: Persona
) -> None:
    role = permitted_role(route, lambda user: sample_kwargs(route, user), ROLES)
    if role is None:
        return  # a page for other roles only; the permission matrix covers who may open it
    user = persona(role) if role != "anonymous" else None
    if user is not None:
        client.force_login(user)
    url = url_for(route, sample_kwargs(route, user or persona("local_a")))
    page = client.get(url)
    assert page.status_code < 500, f"GET {url} as {role}: {page.status_code}"
    if page.status_code != 200 or not is_html(page):
        return
    problems: list[str] = []
    for form in writing_forms(url, page.content.decode()):
        problems += _send_control_characters(client, form)
        if FULL or index % SAMPLE_EVERY == 0:
            for payload in PAYLOADS if FULL else [MARKUP]:
                problems += _send_payload(client, url, form, payload)
            again = client.get(url)
            if again.status_code >= 500 or _unescaped(again.content):
                found = _unescaped(again.content)
                problems.append(f"GET {url} after the payloads: {again.status_code} {found}")
    assert not problems, f"{url} as {role}:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_the_corpus_is_stored_and_shown_escaped(client: Client, persona: Persona) -> None:
    """The probe's own check: the payload really passes a form, is stored, and comes back
    escaped — so "nothing unescaped" above means something."""
    from django.urls import reverse

    from kokoma.tasks.models import Task

    from ..conftest import COTTBUS

    client.force_login(persona("local_a"))
    url = reverse("tasks:create", kwargs={"ags": COTTBUS})
    (form,) = writing_forms(url, client.get(url).content.decode())
    assert _send_payload(client, url, form, MARKUP) == []
    task = Task.objects.get(title=MARKUP[:200])
    shown = client.get(reverse("tasks:detail", kwargs={"ags": COTTBUS, "task_id": task.pk}))
    assert b"&lt;script&gt;alert(&quot;kk-xss&quot;)" in shown.content
    assert b"{{7*7}}kk-tpl" in shown.content
