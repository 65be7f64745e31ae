"""What worked elsewhere: the shared closed cases of other municipalities most like a case.

Candidates come from two directions, each bounded: the shared cases whose texts share the most
specific stems of the asking case – a GIN-indexed full-text match on PostgreSQL, a substring
match elsewhere – and the most recent ones that share one of its topics. Each candidate is then
scored in Python:

    score = 0.45 · text + 0.55 · attributes
    text        = |common stems| / sqrt(|stems of the case| · |stems of the candidate|)
    attributes  = 0.45 · Jaccard(topics) + 0.2 · same stage band (0.1 for a neighbouring band)
                  + 0.15 · same conflict type + 0.2 · Jaccard(threat dimensions)

and the ten best are returned with the reasons they were chosen (shared topics, stage band,
conflict type, threat dimensions, the terms both texts use). Only shared summaries are searched,
never a case: nothing else of another municipality is read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F, Max, Q

from kokoma.cases.models import Case, EscalationAssessment, ThreatAssessment

from .models import SharedCase, SharedCaseQuerySet
from .services import THREAT_FEATURE_SCORE
from .text import from_field, stems, word_forms

RESULTS = 10
# How many stems of the asking case look for texts, and how many candidates each direction brings.
QUERY_TERMS = 12
CANDIDATES = 300


@dataclass(frozen=True)
class Probe:
    """What is compared of the asking case."""

    stems: set[str]
    forms: dict[str, str]
    topics: set[int]
    conflict_type: str
    band: int | None
    threats: set[str]


@dataclass
class Match:
    shared: SharedCase
    score: float
    topics: list[str] = field(default_factory=list)
    same_band: bool = False
    same_type: bool = False
    threats: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def probe(case: Case) -> Probe:
    texts = [case.title, case.summary, case.tree_core_problem, case.tree_causes, case.tree_effects]
    peak = EscalationAssessment.objects.filter(case=case, actor__isnull=True).aggregate(
        peak=Max("stage")
    )["peak"]
    latest: dict[str, int] = {}
    for dimension, score in (
        ThreatAssessment.objects.filter(case=case)
        .order_by("assessed_on", "pk")
        .values_list("dimension", "score")
    ):
        latest[dimension] = score
    return Probe(
        stems=stems(texts),
        forms=word_forms(texts),
        topics=set(case.topics.values_list("pk", flat=True)),
        conflict_type=case.conflict_type,
        band=None if peak is None else (peak - 1) // 3 + 1,
        threats={d for d, s in latest.items() if s >= THREAT_FEATURE_SCORE},
    )


def _query_terms(found: set[str]) -> list[str]:
    # The longest stems are the most specific words of a German text; a stable order.
    return sorted(found, key=lambda stem: (-len(stem), stem))[:QUERY_TERMS]


def _text_candidates(pool: SharedCaseQuerySet, terms: list[str]) -> list[int]:
    if not terms:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = SearchQuery(" | ".join(terms), config="simple", search_type="raw")
        ranked = (
            pool.filter(search=query)  # the GIN index (migration 0002)
            .annotate(rank=SearchRank(F("search"), query))
            .order_by("-rank", "-pk")
            .values_list("pk", flat=True)[:CANDIDATES]
        )
        return list(ranked)
    condition = Q()
    for term in terms:
        condition |= Q(stems__contains=f" {term} ")
    found = pool.filter(condition).order_by("-closed_month", "-pk")
    return list(found.values_list("pk", flat=True)[:CANDIDATES])


def similar_cases(case: Case, *, limit: int = RESULTS) -> list[Match]:
    """The `limit` shared cases of other municipalities most like `case`, best first."""
    asked = probe(case)
    pool = SharedCase.objects.shared().exclude(case__municipality_id=case.municipality_id)
    ids = set(_text_candidates(pool, _query_terms(asked.stems)))
    if asked.topics:
        ids |= set(
            pool.filter(topics__in=asked.topics)
            .order_by("-closed_month", "-pk")
            .values_list("pk", flat=True)[:CANDIDATES]
        )
    candidates = SharedCase.objects.filter(pk__in=ids).prefetch_related("topics", "procedures")
    matches = [_score(asked, shared) for shared in candidates]
    matches.sort(key=lambda match: (-match.score, -match.shared.pk))
    return matches[:limit]


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _score(asked: Probe, shared: SharedCase) -> Match:
    theirs = from_field(shared.stems)
    common = asked.stems & theirs
    text = len(common) / math.sqrt(len(asked.stems) * len(theirs)) if common else 0.0
    topics = {topic.pk: topic.name for topic in shared.topics.all()}
    shared_topics = sorted(topics[pk] for pk in asked.topics & set(topics))
    band = shared.stage_band
    band_score = 0.0
    if asked.band is not None and band is not None:
        band_score = 1.0 if band == asked.band else 0.5 if abs(band - asked.band) == 1 else 0.0
    same_type = bool(asked.conflict_type) and asked.conflict_type == shared.conflict_type
    threats = asked.threats & set(shared.threat_dimensions)
    attributes = (
        0.45 * _jaccard(asked.topics, set(topics))
        + 0.2 * band_score
        + 0.15 * same_type
        + 0.2 * _jaccard(asked.threats, set(shared.threat_dimensions))
    )
    terms = sorted(common, key=lambda stem: (-len(stem), stem))[:6]
    return Match(
        shared=shared,
        score=round(0.45 * text + 0.55 * attributes, 4),
        topics=shared_topics,
        same_band=band_score == 1.0,
        same_type=same_type,
        threats=sorted(threats),
        terms=[asked.forms.get(stem, stem) for stem in terms],
    )
