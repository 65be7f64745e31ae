"""IDOR: every URL that names an object by id, with the id swapped for another municipality's.

For each of our routes with an object parameter, the Bautzen local companion (who may do much in
Bautzen) asks for a Cottbus object: under Bautzen's own address (`/…/kommune/<Bautzen>/…/<id of a
Cottbus object>/`) or, for a case, by the Cottbus case's reference. The form the Cottbus companion
sees at the real address is filled in and sent to the swapped one. Both GET and POST must answer
404 (or 403), never succeed and never fail with a server error.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ..conftest import BAUTZEN, Persona
from ..routes import ROUTES, Route, sample_kwargs, url_for
from .probe import is_html, post_forms, read_page, walk_sample

OWNER = "local_a"  # whose objects the samples are (Cottbus)
INTRUDER = "local_b"  # the Bautzen local companion
TENANCY_KEYS = {"ags"}
# Parameters that are not object ids: the feed token is the secret itself (public, checked by the
# calendar tests), an alert kind is the same word in every municipality, a process step is its
# position (1–7) in every municipality's process, a supervision slot belongs to the programme's
# pool, open to the companions of every municipality (its notes are guarded per person:
# tests/supervision/test_confidentiality.py), and third-party parameters.
NOT_OBJECTS = {
    "token",
    "alert_kind",
    "step",
    "slot_id",
    "key",
    "uidb36",
    "url",
    "path",
    "packages",
    "app_label",
}


# Objects of the whole programme, not of a municipality: a training cohort with its sessions is
# read by everybody signed in (docs/decisions/0028); who may see its participants and materials
# is the permission matrix's to check. A registration (scope "enrolment") is personal and probed.
# The network is inter-municipal by purpose: its directory ("member") and its events ("event") are
# read by everybody in it; who may keep them or see the participants is the matrix's to check.
# So are its transfer models ("transfer_model"); an adoption is its municipality's and probed.
# A peer consultation's network pages (scope "consultation") show only the summary its case team
# approved for the whole network (docs/decisions/0031); that nothing else of the case reaches
# another municipality is tests/consultation/test_leakage.py's role matrix. Its case-side pages
# (under the case's reference) are probed here like every case page.
# The pool's shared summaries ("shared_case") are the network's too (docs/decisions/0034).
# The forum's categories and threads are the network's, read and written by all its members
# (docs/decisions/0030); a post is probed (only its author edits it, the office moderates it).
PROGRAMME_SCOPES = {
    "cohort",
    "member",
    "event",
    "transfer_model",
    "consultation",
    "shared_case",
    "forum_category",
    "forum_thread",
}


def _object_keys(route: Route) -> set[str]:
    return set(route.keys) - TENANCY_KEYS - NOT_OBJECTS


IDOR_ROUTES = walk_sample(
    [
        pytest.param(route, id=route.name)
        for route in ROUTES
        if route.ours
        and _object_keys(route)
        and route.access
        and route.access.scope not in {"public", *PROGRAMME_SCOPES}
    ]
)


def _refused(status: int) -> bool:
    return status in (403, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("route", IDOR_ROUTES)
def test_another_municipalitys_object_is_never_served(
    route: Route, client: Client, persona: Persona
) -> None:
    owner, intruder = persona(OWNER), persona(INTRUDER)
    real = url_for(route, sample_kwargs(route, owner))
    swapped_kwargs = sample_kwargs(route, owner)
    if "ags" in route.keys:
        swapped_kwargs["ags"] = BAUTZEN
    swapped = url_for(route, swapped_kwargs)

    # what the owner's form at the real address sends
    client.force_login(owner)
    own = client.get(real)
    forms = list(post_forms(read_page(real, own.content.decode()))) if is_html(own) else []
    data: dict[str, Any] = next(
        (form.data() for form in forms if form.action == real), {"confirm": "1"}
    )

    client.force_login(intruder)
    answer = client.get(swapped)
    assert answer.status_code < 500, f"GET {swapped}: {answer.status_code}"
    assert _refused(answer.status_code) or answer.status_code == 405, (
        f"GET {swapped} as {INTRUDER}: {answer.status_code}, expected 404/403"
    )
    posted = client.post(swapped, data)
    assert posted.status_code < 500, f"POST {swapped}: {posted.status_code}"
    # a view that only reads (GET refused above) may refuse the method itself
    only_reads = answer.status_code != 405 and posted.status_code == 405
    assert _refused(posted.status_code) or only_reads, (
        f"POST {swapped} as {INTRUDER}: {posted.status_code}, expected 404/403"
    )
