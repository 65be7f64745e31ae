"""The dialogue's map: computed from its votes in the background, kept until they change."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from kokoma.dialogue import jobs, services
from kokoma.dialogue.models import Dialogue, MapResult
from kokoma.dialogue.opinion_map import current_map, refresh_map

from ..conftest import Persona
from . import factories

pytestmark = pytest.mark.django_db

# Two camps over eight statements: the first two bridge (everyone agrees).
CAMP_A = [1, 1, 1, 1, 1, -1, -1, -1]
CAMP_B = [1, 1, -1, -1, -1, 1, 1, 1]
SEEDS = [f"Aussage Nummer {n}." for n in range(8)]


def _two_camps(size: int = 12) -> tuple[Dialogue, list[int]]:
    made = factories.dialogue(seeds=SEEDS)
    camps = []
    for n in range(2 * size):
        participant = factories.anonymous(made, f"camp-browser-{n}")
        camp = n % 2
        factories.vote_all(made, participant, CAMP_A if camp == 0 else CAMP_B)
        camps.append(camp)
    return made, camps


def test_the_map_finds_the_camps_and_the_bridging_statements() -> None:
    made, camps = _two_camps()
    assert refresh_map(made.pk) is not None
    analysis = current_map(made)
    assert analysis is not None
    assert len(analysis.groups) == 2
    participants = list(made.participants.order_by("number"))
    groups = [analysis.group_of[p.pk] for p in participants]
    # members of one camp share a group, and the camps differ
    assert len({g for g, c in zip(groups, camps, strict=True) if c == 0}) == 1
    assert len({g for g, c in zip(groups, camps, strict=True) if c == 1}) == 1
    assert groups[0] != groups[1]
    bridging_ids = [sid for sid, _score in analysis.bridging[:2]]
    first_two = list(made.statements.order_by("number").values_list("pk", flat=True)[:2])
    assert sorted(bridging_ids) == sorted(first_two)


def test_nothing_is_recomputed_until_votes_or_moderation_change(persona: Persona) -> None:
    made, _camps = _two_camps(size=5)
    first = refresh_map(made.pk)
    assert first is not None
    assert refresh_map(made.pk) is None
    late = factories.anonymous(made, "late-browser")
    factories.vote_all(made, late, CAMP_A)
    again = refresh_map(made.pk)
    assert again is not None and again.votes_counted == first.votes_counted + 8
    statement = made.statements.order_by("number").last()
    assert statement is not None
    services.moderate(statement, by=persona("local_a"), status="rejected", reason="Doppelt.")
    moderated = refresh_map(made.pk)
    assert moderated is not None
    analysis = current_map(made)
    assert analysis is not None
    representative = {r.statement_id for g in analysis.groups for r in g.representative}
    assert statement.pk not in representative
    assert statement.pk not in dict(analysis.bridging)
    # the next computation starts from the carried state
    assert MapResult.objects.get(dialogue=made).state


@override_settings(KOKOMA_DIALOGUE_MAP_DELAY=30)
def test_votes_queue_one_computation_per_delay() -> None:
    made = factories.dialogue()
    before = DBTaskResult.objects.filter(task_path="kokoma.dialogue.jobs.compute_map").count()
    for _vote in range(3):
        jobs.schedule_map(made.pk)
    queued = DBTaskResult.objects.filter(task_path="kokoma.dialogue.jobs.compute_map")
    assert queued.count() == before + 1
    job = queued.order_by("-enqueued_at").first()
    assert job is not None and job.run_after is not None and job.args_kwargs["args"] == [made.pk]


def test_the_job_computes_the_map() -> None:
    made, _camps = _two_camps(size=4)
    assert jobs.compute_map.call(made.pk) is True
    assert jobs.compute_map.call(made.pk) is False
    assert jobs.compute_map.call(987654) is False
