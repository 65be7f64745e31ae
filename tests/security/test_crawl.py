"""The cross-role crawl: what a Cottbus companion can reach, replayed as everybody else.

The Cottbus local companion (who sees the most of Cottbus) starts at the start page and follows
every link and GET form of our own pages, a few pages per view (bounded). Cottbus holds a case, a
task and a comment carrying a canary word. Every page reached is then requested as users of other
municipalities, as Cottbus roles without the permission, as the programme office and anonymously:

- the answer follows the view's access declaration (tests/routes.py): 404 outside the tenancy,
  403 inside it without the permission, the login page for anonymous visitors;
- no answer is a server error;
- no page another role gets with 200 contains the canary (no Cottbus case data reaches anyone
  outside the case's need-to-know).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.cases import services as case_services
from kokoma.cases.services.comments import post_comment
from kokoma.municipalities.models import Municipality
from kokoma.tasks import services as task_services

from ..conftest import COTTBUS, Persona
from ..routes import expected_answer
from .probe import FULL, is_html, own_route, read_page, resolved_kwargs, user_of

CANARY = "Kanarienvogel7f3a"
CRAWLER = "local_a"
MAX_PAGES = 160 if FULL else 25
PER_VIEW = 2
# The replaying roles, in two groups so that xdist spreads them over its workers; the sample
# (PostgreSQL) replays as the first two of each.
REPLAY_GROUPS = {
    "outside-cottbus": ["local_b", "anonymous", "actor_b", "external_other"],
    "without-need-to-know": ["office", "board_a", "trainee_a", "supervisor"],
}


def plant_canary(persona: Persona) -> None:
    """A Cottbus case (team: the actor), a task on it and a comment, all naming the canary."""
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    local = persona("local_a")
    case = case_services.open_case(
        municipality=cottbus, by=local, title=f"Fall {CANARY}", team=[persona("actor_a")]
    )
    post_comment(case, by=local, text=f"Notiz {CANARY}")
    task_services.create_task(
        municipality=cottbus, by=local, title=f"Aufgabe {CANARY}", assignee=local, case=case
    )


def crawl(client: Client) -> dict[str, str]:
    """path → HTML of every page reached (200, HTML), bounded per view and in total."""
    seen: dict[str, str] = {}
    per_view: Counter[str] = Counter()
    queue = [reverse("start:home")]
    queued = set(queue)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        route = own_route(path.split("?")[0])
        if route is None or per_view[route.name] >= PER_VIEW:
            continue
        response = client.get(path)
        assert response.status_code < 500, f"crawl: GET {path}: {response.status_code}"
        if response.status_code != 200:
            continue
        per_view[route.name] += 1
        html = response.content.decode() if is_html(response) else ""
        seen[path] = html
        page = read_page(path, html)
        targets = page.links + [f.action for f in page.forms if f.method == "get"]
        for target in targets:
            if target not in queued:
                queued.add(target)
                queue.append(target)
    return seen


def _check(path: str, role: str, response: Any) -> str | None:
    status = response.status_code
    if status >= 500:
        return f"GET {path} as {role}: {status}"
    bare = path.split("?")[0]
    route = own_route(bare)
    assert route is not None
    expected = expected_answer(route, user_of(role), resolved_kwargs(bare))
    # a download is streamed (the person's own file, e.g. a participant's practice project)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if status == 200 and CANARY.encode() in body:
        return f"GET {path} as {role}: 200 with Cottbus case data (expected {expected})"
    wanted = {"not_found": (404,), "forbidden": (403,), "login": (302,)}.get(expected)
    if wanted and status not in wanted:
        return f"GET {path} as {role}: {status}, expected {expected}"
    if expected == "login" and not response["Location"].startswith(reverse("account_login")):
        return f"GET {path} as {role}: redirected to {response['Location']}, not to the login"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("group", list(REPLAY_GROUPS))
def test_what_cottbus_reaches_is_closed_to_everybody_else(
    group: str, client: Client, persona: Persona
) -> None:
    plant_canary(persona)
    client.force_login(persona(CRAWLER))
    pages = crawl(client)
    # The crawl really reached Cottbus's case data: otherwise the replay proves nothing.
    assert len(pages) >= (60 if FULL else MAX_PAGES), sorted(pages)
    assert any(CANARY in html for html in pages.values()), "the crawl never saw the canary"

    problems = []
    for role in REPLAY_GROUPS[group] if FULL else REPLAY_GROUPS[group][:2]:
        replay = Client()
        if role != "anonymous":
            replay.force_login(persona(role))
        for path in pages:
            problem = _check(path, role, replay.get(path))
            if problem:
                problems.append(problem)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
