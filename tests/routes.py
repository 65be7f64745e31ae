"""The URL registry as data: every URL pattern as a `Route`, sample values for its parameters and
the answer a user should get (from the view's access declaration, the tenancy scope and the rules).

Shared by the walks over every URL: the permission matrix (tests/test_permission_matrix.py), the
language walk (tests/test_translations.py) and the security suite (tests/security/). A new page is
covered by all of them once its view declares its access and its parameters have a sample
(`tests/<app>/matrix_samples*.py`).
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kokoma.accounts.models import Membership, MembershipRole
from kokoma.core.access import Access
from kokoma.municipalities.models import Municipality

from .conftest import COTTBUS

TESTS_DIR = Path(__file__).parent


# An object scope: (user, the URL's parameters) → the object the view checks the permission on, or
# None when it is out of the user's reach (the view answers 404).
ScopeLookup = Callable[[Any, dict[str, Any]], Any]


def _app_declarations() -> tuple[dict[str, Callable[..., Any]], dict[str, ScopeLookup]]:
    """Sample values for URL parameters, and object scopes, that the apps' tests provide.

    Each `tests/<app>/matrix_samples*.py` may define SAMPLES = {"parameter": callable}; the callable
    runs inside the test's transaction and returns a value pointing at an object of Cottbus. It
    may define SCOPES = {"scope": lookup} for an `Access` scope its views declare beyond the
    common ones (public, login, programme, municipality) that is not an `ObjectScope` (those
    name their object themselves, through `Access.find`).
    """
    samples: dict[str, Callable[[], Any]] = {}
    scopes: dict[str, ScopeLookup] = {}
    for path in sorted(TESTS_DIR.glob("*/matrix_samples*.py")):
        found = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        # one name, one kind of object: a second app's sample would silently replace the first
        taken = set(samples) & set(found.SAMPLES)
        assert not taken, f"{path}: the URL parameters {taken} have a sample elsewhere; rename them"
        samples.update(found.SAMPLES)
        own_scopes = getattr(found, "SCOPES", {})
        taken = set(scopes) & set(own_scopes)
        assert not taken, f"{path}: the scopes {taken} are declared elsewhere; rename them"
        scopes.update(own_scopes)
    return samples, scopes


APP_SAMPLES, APP_SCOPES = _app_declarations()
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


def sample_kwargs(route: Route, user: Any, ags: str = COTTBUS) -> dict[str, Any]:
    """Values for the URL's parameters, all pointing at objects of Cottbus.

    `ags` is the municipality named in the path; with another one than Cottbus the objects of the
    other parameters belong to a municipality the path does not name (an IDOR probe).

    A sample callable that takes a parameter makes an object of the requesting user's own (a
    file made for them); the others point at shared objects.
    """
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    samples: dict[str, Any] = {
        "ags": ags,
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


def url_for(route: Route, kwargs: dict[str, Any]) -> str:
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


def expected_answer(route: Route, user: Any, kwargs: dict[str, Any]) -> str:
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
    find = APP_SCOPES.get(access.scope) or access.find
    if find is not None:
        obj = find(user, kwargs)
        if obj is None:
            return "not_found"
        return "ok" if user.has_perm(access.permission, obj) else "forbidden"
    assert access.scope == "municipality", access
    municipality = Municipality.objects.get(register__ags=kwargs.get("ags", COTTBUS))
    if not Municipality.objects.visible_to(user).filter(pk=municipality.pk).exists():
        return "not_found"
    return "ok" if user.has_perm(access.permission, municipality) else "forbidden"
