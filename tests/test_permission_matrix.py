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
tests/municipalities/test_rules.py.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kokoma.accounts.models import Membership, MembershipRole
from kokoma.core.access import Access
from kokoma.municipalities.models import Municipality

from .conftest import COTTBUS, PERSONAS, Persona
from .html_forms import page_forms

ROLES = ["anonymous", *PERSONAS]
TESTS_DIR = __import__("pathlib").Path(__file__).parent


def _app_samples() -> dict[str, Callable[..., Any]]:
    """Sample values for URL parameters that the apps' tests provide.

    Each `tests/<app>/matrix_samples*.py` may define SAMPLES = {"parameter": callable}; the callable
    runs inside the test's transaction and returns a value pointing at an object of Cottbus.
    """
    samples: dict[str, Callable[[], Any]] = {}
    for path in sorted(TESTS_DIR.glob("*/matrix_samples*.py")):
        found = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        samples.update(found.SAMPLES)
    return samples


APP_SAMPLES = _app_samples()
OWN_APPS = "kokoma."


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    callback: Any
    keys: tuple[str, ...]

    @property
    def access(self) -> Access | None:
        return getattr(self.callback, "kokoma_access", None)

    @property
    def ours(self) -> bool:
        return self.callback.__module__.startswith(OWN_APPS)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            full = prefix + str(entry.pattern)
            keys = tuple(_keys(full))
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or full
            yield Route(name, full, entry.callback, keys)


def _keys(pattern: str) -> list[str]:
    return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern)]


ROUTES = sorted(_walk(get_resolver().url_patterns), key=lambda route: route.pattern)


def _sample_kwargs(route: Route, user: Any) -> dict[str, Any]:
    """Values for the URL's parameters, all pointing at objects of Cottbus.

    A sample callable that takes a parameter makes an object of the requesting user's own (a
    file made for them); the others point at shared objects.
    """
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    samples: dict[str, Any] = {
        "ags": COTTBUS,
        "membership_id": Membership.objects.get(municipality=cottbus, role=MembershipRole.ACTOR).pk,
        "contact_id": cottbus.contacts.first().pk,  # type: ignore[union-attr]
        "structure_id": cottbus.counselling_structures.first().pk,  # type: ignore[union-attr]
        "entry_id": cottbus.work_log.first().pk,  # type: ignore[union-attr]
        # third-party parameters
        "key": "invalid-key",
        "uidb36": "1",
        "object_id": "1",
        "id": "1",
        "app_label": "accounts",
        "content_type_id": "1",
        "url": "x",
        "packages": "kokoma",
        "path": "x",
    }
    for key in route.keys:
        if key not in samples and key in APP_SAMPLES:
            sample = APP_SAMPLES[key]
            takes_user = bool(inspect.signature(sample).parameters)
            samples[key] = sample(user) if takes_user else sample()
    missing = [key for key in route.keys if key not in samples]
    assert not missing, f"{route.name}: add a sample value for {missing} to the matrix test"
    return {key: samples[key] for key in route.keys}


def _url(route: Route, kwargs: dict[str, Any]) -> str:
    if route.name and not route.name.startswith("^") and "/" not in route.name:
        try:
            return reverse(route.name, kwargs=kwargs)
        except Exception:  # noqa: S110 - fall back to substituting the pattern
            pass
    path = route.pattern
    for key, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{key}>", str(value), path)
        path = re.sub(rf"\(\?P<{key}>[^)]*\)", str(value), path)
    return "/" + path.replace("^", "").replace("$", "")


def _expected(route: Route, user: Any, kwargs: dict[str, Any]) -> str:
    access = route.access
    assert access is not None
    if access.scope == "public":
        return "ok"
    if not user.is_authenticated:
        return "login"
    if access.scope == "login":
        return "ok"
    if access.scope == "programme":
        return "ok" if user.has_perm(access.permission) else "forbidden"
    if access.scope == "case":
        from kokoma.cases.models import Case

        case = Case.objects.get(reference=kwargs["reference"])
        if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
            return "not_found"
        return "ok" if user.has_perm(access.permission, case) else "forbidden"
    assert access.scope == "municipality", access
    municipality = Municipality.objects.get(register__ags=COTTBUS)
    if not Municipality.objects.visible_to(user).filter(pk=municipality.pk).exists():
        return "not_found"
    return "ok" if user.has_perm(access.permission, municipality) else "forbidden"


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
    kwargs = _sample_kwargs(route, user)
    url = _url(route, kwargs)
    response = client.get(url)
    status = response.status_code

    if not route.ours:
        assert status < 500, f"{url} as {role}: {status}"
        if route.name.startswith("admin:") and role != "anonymous":
            assert status in (302, 403, 404), f"{url} must stay closed to {role}: {status}"
        return

    expected = _expected(route, user, kwargs)
    if expected == "ok":
        if status == 405:  # a POST-only action: its POST must go through
            status = client.post(url).status_code
            assert status in (200, 302), f"POST {url} as {role}: {status}"
        else:
            assert status == 200, f"GET {url} as {role}: {status}, expected 200"
            if user.is_authenticated:  # need-to-know data is never kept by a browser or proxy
                assert "no-store" in response["Cache-Control"], f"GET {url} may be cached"
            if route.name not in UNGUARDED_LISTS:
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
# Pages that replace a whole list at once (each row is no record of its own form); sent twice
# they give the same list, but two people saving at once: the later list wins.
UNGUARDED_LISTS: set[str] = set()


def _assert_forms_are_guarded(url: str, response: Any) -> None:
    """Every form of ours that sends typed input with POST carries its guard (kokoma.core.guard):
    the state of the record it edits, or a once token."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    for form in page_forms(response.content.decode()):
        guards = [name for name, _value in form.fields if name.rsplit("-", 1)[-1] in GUARDS]
        if form.method == "post" and form.text_fields and "password" not in form.kinds.values():
            assert guards, f"{url}: a form to {form.action or 'itself'} is unguarded"
