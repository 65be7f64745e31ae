"""Every page, for one role of each kind, on a phone and on a laptop: no sideways scrolling, axe clean.

The walk starts at the start page and the pages every user can reach without parameters, then
follows the links each page offers, visiting each URL pattern (resolved by Django's URL resolver)
once per role and window size — the pages a user of that role can actually reach. On each page:

- the page is not wider than the window (`document.documentElement.scrollWidth`); wide tables
  scroll inside their own region instead (issue 9, item 1);
- axe-core finds no WCAG 2.1 A/AA violation;
- no Content-Security-Policy violation, JavaScript error or failed resource;
- at phone size a screenshot goes to test-artifacts/screenshots/walk-<role>-<page>.png.

The walk grows with the number of pages, so it runs in full in one database pass (SQLite) and as a
sample of the first pages per role in the other (PostgreSQL, KOKOMA_BROWSER_DATABASE_URL set).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from playwright.sync_api import Page, ViewportSize

from .support import ARTIFACTS, AXE_FILE, AXE_RUN, SCREENSHOTS, LiveServer, login, watch

PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
FULL_WALK = not os.environ.get("KOKOMA_BROWSER_DATABASE_URL")
SAMPLE_PAGES = 8
MAX_PAGES = 90
# One role of each kind (PRODUCT.md): anonymous resident, programme office, external and local
# process companion, municipal actor, board member, trainer (the training's pages; a
# participant's are an actor's plus their own registration), supervisor, network expert.
ROLES = [
    "anonymous",
    "servicestelle",
    "extern",
    "lokal.cottbus",
    "akteur.cottbus",
    "gremium.cottbus",
    "trainer",
    "supervision",
    "expertin",
]
# Not pages: leaving, switching language, files and feeds, the admin.
NOT_A_PAGE = re.compile(
    r"/(logout|abmelden)/|/i18n/|/admin/|/static/|/media/|\.(ics|pdf|csv|xlsx|json|md)$"
)
NOT_A_PAGE_VIEW = re.compile(r"(download|pdf|feed|export|calendar_feed)", re.IGNORECASE)


@dataclass
class Walk:
    role: str
    size: ViewportSize
    visited: dict[str, str] = field(default_factory=dict)  # view name → path
    problems: list[str] = field(default_factory=list)


def _view_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    if NOT_A_PAGE_VIEW.search(name) or NOT_A_PAGE_VIEW.search(match.func.__name__):
        return None
    return name


def _own_pages_without_parameters(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _own_pages_without_parameters(
                entry.url_patterns, prefix + str(entry.pattern)
            )
        elif isinstance(entry, URLPattern):
            path = "/" + prefix + str(entry.pattern)
            if (
                entry.callback.__module__.startswith("kokoma.")
                and "<" not in path
                and "(" not in path
            ):
                path = path.replace("^", "").replace("$", "")
                if not NOT_A_PAGE.search(path) and _view_name(path):
                    yield path


def _goto(page: Page, path: str) -> int | None:
    """Open `path` if it is a page: its HTTP status, or None for a file, feed or download.

    The answer is first fetched with the context's cookies, so that an error answer or a download
    never leaves the browser on Chromium's error page.
    """
    answer = page.request.get(path)
    if answer.status != 200:
        return answer.status
    if "text/html" not in (answer.headers.get("content-type") or ""):
        return None
    if "<html" not in answer.text()[:500]:
        return None  # a fragment that htmx puts into a page, not a page of its own
    page.goto(path)
    return 200


def _inspect(page: Page, walk: Walk, name: str, path: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > walk.size["width"]:
        walk.problems.append(
            f"{path} ({name}): {width} px wide in a {walk.size['width']} px window"
        )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_FILE.read_text(encoding="utf-8"))
    for violation in page.evaluate(AXE_RUN):
        targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:3])
        walk.problems.append(
            f"{path} ({name}): axe {violation['id']}: {violation['help']} at {targets}"
        )
    if walk.size is PHONE:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"walk-{walk.role}-{name}").strip("-")
        page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"))


def _walk(page: Page, walk: Walk, base: str) -> None:
    limit = MAX_PAGES if FULL_WALK else SAMPLE_PAGES
    queue = list(dict.fromkeys(["/", *_own_pages_without_parameters(get_resolver().url_patterns)]))
    while queue and len(walk.visited) < limit:
        path = queue.pop(0)
        name = _view_name(path)
        if name is None or name in walk.visited:
            continue
        status = _goto(page, path)
        if status is None or status in (403, 404, 405):
            continue  # not a page, or not this role's (the permission matrix checks who sees what)
        walk.visited[name] = path
        if status >= 500:
            walk.problems.append(f"{path} ({name}): HTTP {status}")
            continue
        _inspect(page, walk, name, path)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
            if not href.startswith(base + "/"):
                continue
            link = urlsplit(href)
            target = link.path + (f"?{link.query}" if link.query else "")
            if not NOT_A_PAGE.search(link.path) and _view_name(link.path) not in walk.visited:
                queue.append(target)


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_the_window_and_passes_axe(
    page: Page, kokoma_server: LiveServer, role: str, size: ViewportSize
) -> None:
    page.set_viewport_size(size)
    if role != "anonymous":
        login(page, role, shot=f"walk-{role}-{size['width']}")
    walk = Walk(role, size)
    _walk(page, walk, kokoma_server.url)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / f"layout-walk-{role}-{size['width']}.txt"
    report.write_text("".join(f"{name}\t{path}\n" for name, path in walk.visited.items()))

    seen = watch(page)
    walk.problems += [f"CSP: {line}" for line in seen.csp_violations]
    walk.problems += [f"JavaScript: {line}" for line in seen.page_errors]
    walk.problems += [f"failed resource: {line}" for line in seen.failed_resources]
    assert not walk.problems, f"{role} at {size['width']} px:\n" + "\n".join(walk.problems)
    # The walk really walked: the start page, and for staff the pages behind their links.
    minimum = 3 if role == "anonymous" or not FULL_WALK else 8
    assert len(walk.visited) >= minimum, f"{role}: only {sorted(walk.visited)}"
