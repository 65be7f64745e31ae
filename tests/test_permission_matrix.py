"""The permission matrix: every URL pattern × every demo role (and anonymous).

URL patterns are discovered from the resolver, so a URL added later is covered without editing
this test. Each of our views declares its access (`kokoma.core.access`); the expected answer
follows from that declaration, the tenancy scope (`visible_to`) and the rules:

    public                    → 200 for everybody
    anonymous, otherwise      → redirect to the login page
    out of the user's tenancy → 404 (the same answer as for an object that does not exist)
    in it, not permitted      → 403
    permitted                 → 200 (or 405 for a POST-only view, whose POST then succeeds)

Third-party views (allauth, the admin, Django's i18n) must never fail with a server error, and the
admin stays closed to every demo role. The independent truth table of who may do what is in
tests/municipalities/test_rules.py. The walk over the URL registry lives in tests/routes.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from kokoma.municipalities.models import Municipality

from .conftest import PERSONAS, Persona
from .html_forms import page_forms
from .routes import ROUTES, Route, expected_answer, sample_kwargs, url_for

ROLES = ["anonymous", *PERSONAS]


def test_every_own_view_declares_its_access() -> None:
    undeclared = [route.name for route in ROUTES if route.ours and route.access is None]
    assert not undeclared, f"views without an access declaration: {undeclared}"


# Third-party views are checked as anonymous and two roles; ours as every role.
CASES = [
    pytest.param(route, role, id=f"{route.name}-{role}")
    for route in ROUTES
    for role in (ROLES if route.ours else ["anonymous", "office", "local_a"])
]


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "role"), CASES)
def test_matrix(route: Route, role: str, client: Client, persona: Persona) -> None:
    user = AnonymousUser() if role == "anonymous" else persona(role)
    if user.is_authenticated:
        client.force_login(user)
    kwargs = sample_kwargs(route, user)
    url = url_for(route, kwargs)
    response = client.get(url)
    status = response.status_code

    if not route.ours:
        assert status < 500, f"{url} as {role}: {status}"
        if route.name.startswith("admin:") and role != "anonymous":
            assert status in (302, 403, 404), f"{url} must stay closed to {role}: {status}"
        return

    expected = expected_answer(route, user, kwargs)
    if expected == "ok":
        if status == 405:  # a POST-only action: its POST must go through
            status = client.post(url).status_code
            assert status in (200, 302), f"POST {url} as {role}: {status}"
        else:
            assert status == 200, f"GET {url} as {role}: {status}, expected 200"
            if user.is_authenticated:  # need-to-know data is never kept by a browser or proxy
                assert "no-store" in response["Cache-Control"], f"GET {url} may be cached"
            _assert_forms_are_guarded(url, response)
    elif expected == "login":
        assert status == 302, f"GET {url} as {role}: {status}, expected login redirect"
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == "forbidden":
        assert status == 403, f"GET {url} as {role}: {status}, expected 403"
    else:
        assert status == 404, f"GET {url} as {role}: {status}, expected 404"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [role for role in PERSONAS if role != "office"])
def test_a_foreign_municipality_looks_like_a_missing_one(
    role: str, client: Client, persona: Persona
) -> None:
    """A municipality out of reach answers like one that does not exist: nothing is revealed."""
    client.force_login(persona(role))
    missing = client.get(reverse("municipalities:detail", kwargs={"ags": "99999999"}))
    foreign = client.get(reverse("municipalities:detail", kwargs={"ags": "14625020"}))
    assert missing.status_code == 404
    user = persona(role)
    if not Municipality.objects.visible_to(user).filter(register__ags="14625020").exists():
        assert foreign.status_code == 404
        assert _without_request_details(foreign.content) == (
            _without_request_details(missing.content)
        )


def _without_request_details(content: bytes) -> bytes:
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'name="next" type="hidden" value="[^"]+"', b"", content)


GUARDS = ("state", "once")


def _assert_forms_are_guarded(url: str, response: Any) -> None:
    """Every form of ours that sends typed input with POST carries its guard (kokoma.core.guard):
    the state of the record it edits, or a once token."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    for form in page_forms(response.content.decode()):
        guards = [name for name, _value in form.fields if name.rsplit("-", 1)[-1] in GUARDS]
        if form.method == "post" and form.text_fields and "password" not in form.kinds.values():
            assert guards, f"{url}: a form to {form.action or 'itself'} is unguarded"
