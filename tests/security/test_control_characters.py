"""NUL and other control characters in every path segment and in the query of every URL.

Every URL of the registry (ours and third-party) with its sample values, each parameter in turn
carrying a NUL, and the query carrying NUL, BEL and ESC in common parameters: 404 for a path, 400
for a query, never a server error — on SQLite and on
PostgreSQL, where a NUL that reached the database was a 500 (issue 10, item 1). Form fields are
probed in test_forms.py. The probe runs in full on both databases: the answers come from the door
(core.middleware.RefuseControlCharactersMiddleware) and cost little.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from ..conftest import COTTBUS, Persona
from ..routes import ROUTES, Route, sample_kwargs, url_for

QUERY_PARAMETERS = ["q", "fall", "next", "page", "status", "start"]
CONTROL = "a\x00b\x07c\x1bd"

PATH_ROUTES = [pytest.param(route, id=route.name) for route in ROUTES]


def _with_control_character(route: Route, kwargs: dict[str, Any]) -> list[str]:
    """The URL once per parameter, that parameter's value carrying a NUL in its middle (a literal
    segment with one only fails to resolve; the values are what reaches the views)."""
    probes = []
    for key, value in kwargs.items():
        text = str(value)
        cut = max(1, len(text) // 2)
        marked = url_for(route, {**kwargs, key: text[:cut] + "NULHERE" + text[cut:]})
        probes.append(marked.replace("NULHERE", "%00"))
    return probes


@pytest.mark.django_db
@pytest.mark.parametrize("route", PATH_ROUTES)
def test_control_characters_in_path_and_query_are_refused(
    route: Route, client: Client, persona: Persona
) -> None:
    local = persona("local_a")
    client.force_login(local)
    kwargs = sample_kwargs(route, local)
    url = url_for(route, kwargs)
    problems = []
    for probe in _with_control_character(route, kwargs):
        status = client.get(probe).status_code
        if status not in (400, 404):
            problems.append(f"GET {probe}: {status}, expected 404")
    query = "&".join(f"{name}={quote(CONTROL)}" for name in QUERY_PARAMETERS)
    status = client.get(f"{url}?{query}").status_code
    if status != 400:
        problems.append(f"GET {url}?{query}: {status}, expected 400")
    assert not problems, "\n".join(problems)


# The answers the probe of the demo found to be 500 on PostgreSQL (issue 10).
ISSUE_URLS = [
    "/melden/12052%00000/",
    "/chronik/1205%002000/",
    "/kalender/abc%00def.ics",
    "/fall/F-%00AAAA-BBBB/",
    f"/aufgaben/kommune/{COTTBUS}/neu/?fall=%00",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ISSUE_URLS)
@pytest.mark.parametrize("role", ["anonymous", "local_a"])
def test_the_urls_of_the_probe_are_refused(
    path: str, role: str, client: Client, persona: Persona
) -> None:
    if role != "anonymous":
        client.force_login(persona(role))
    assert client.get(path).status_code in (400, 404)
