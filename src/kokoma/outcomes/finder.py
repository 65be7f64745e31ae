"""What worked elsewhere: the shared closed cases of other municipalities most like a case.

Candidates come from two directions, each bounded: the latest shared cases whose texts share
the rarest stems of the asking case (`PoolTerm` counts how many shared cases use each; the terms
together reach at most TERM_BUDGET cases) – a GIN-indexed full-text match on PostgreSQL, a
substring match elsewhere – and the latest ones that share one of its topics. Each candidate is then
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
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from kokoma.cases.models import Case

from .models import PoolTerm, SharedCase, SharedCaseQuerySet
from .services import peak_stage, threat_features
from .text import from_field, stems, word_forms

RESULTS = 10
# How many stems of the asking case look for texts, and how many candidates each direction brings.
QUERY_TERMS = 12
CANDIDATES = 300
# How many shared cases the query terms may reach together (by their document counts).
TERM_BUDGET = 3000


@dataclass(frozen=True)
class Probe:
    """What is compared of the asking case."""

    stems: set[str]
    forms: dict[str, str]
    topics: set[int]
    topic_names: dict[int, str]
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

    def reasons(self) -> list[str]:
        """Why the case was chosen, each reason as a phrase."""
        found = []
        if self.topics:
            found.append(_("same topics (%(topics)s)") % {"topics": ", ".join(self.topics)})
        if self.same_band:
            found.append(_("same escalation band"))
        if self.same_type:
            found.append(_("same conflict type"))
        if self.threats:
            found.append(_("same threat dimensions"))
        if self.terms:
            found.append(_("terms in common: %(terms)s") % {"terms": ", ".join(self.terms)})
        return found


def probe(case: Case) -> Probe:
    texts = [case.title, case.summary, case.tree_core_problem, case.tree_causes, case.tree_effects]
    peak = peak_stage(case)
    names = list(case.topics.values_list("pk", "name"))
    return Probe(
        stems=stems(texts),
        forms=word_forms(texts),
        topics={pk for pk, _name in names},
        topic_names=dict(names),
        conflict_type=case.conflict_type,
        band=None if peak is None else (peak - 1) // 3 + 1,
        threats=threat_features(case),
    )


def _query_terms(found: set[str]) -> list[str]:
    """The case's stems that the fewest shared cases use (at least one): the most specific,
    and the cheapest to look up; ties go to the longer stem. At most QUERY_TERMS, and no more
    than keep the shared cases they reach within TERM_BUDGET (the rarest one always counts)."""
    counts = dict(PoolTerm.objects.filter(stem__in=found).values_list("stem", "documents"))
    used = sorted(
        (stem for stem in found if counts.get(stem, 0) > 0),
        key=lambda stem: (counts[stem], -len(stem), stem),
    )
    chosen: list[str] = []
    reached = 0
    for stem in used[:QUERY_TERMS]:
        if chosen and reached + counts[stem] > TERM_BUDGET:
            break
        chosen.append(stem)
        reached += counts[stem]
    return chosen


def _text_candidates(pool: SharedCaseQuerySet, terms: list[str]) -> list[int]:
    if not terms:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(" | ".join(terms), config="simple", search_type="raw")
        matching = pool.filter(search=query)  # the GIN index (migration 0002)
    else:
        condition = Q()
        for term in terms:
            condition |= Q(stems__contains=f" {term} ")
        matching = pool.filter(condition)
    # The latest of the matches: how alike they are is the score's to say, not the database's.
    return list(matching.order_by("-pk").values_list("pk", flat=True)[:CANDIDATES])


def similar_cases(case: Case, *, limit: int = RESULTS) -> list[Match]:
    """The `limit` shared cases of other municipalities most like `case`, best first.

    The candidates are scored from their plain values (no model objects: a few hundred of them
    would cost more than the search); only the best `limit` are loaded as shared cases."""
    asked = probe(case)
    pool = SharedCase.objects.shared().exclude(case__municipality_id=case.municipality_id)
    ids = set(_text_candidates(pool, _query_terms(asked.stems)))
    if asked.topics:
        ids |= set(
            pool.filter(topics__in=asked.topics)
            .order_by("-pk")
            .values_list("pk", flat=True)[:CANDIDATES]
        )
    topics: dict[int, set[int]] = defaultdict(set)
    links = SharedCase.topics.through.objects.filter(sharedcase_id__in=ids)
    for shared_id, term_id in links.values_list("sharedcase_id", "term_id"):
        topics[shared_id].add(term_id)
    rows = SharedCase.objects.filter(pk__in=ids).values_list(
        "pk", "stems", "conflict_type", "threat_dimensions", "peak_stage"
    )
    scored = [
        _score(asked, Candidate(pk, from_field(stems), kind, set(threats), stage, topics[pk]))
        for pk, stems, kind, threats, stage in rows
    ]
    scored.sort(key=lambda found: (-found["score"], -found["pk"]))
    best = scored[:limit]
    loaded = SharedCase.objects.filter(pk__in=[found["pk"] for found in best]).prefetch_related(
        "topics", "procedures"
    )
    by_pk = {shared.pk: shared for shared in loaded}
    return [Match(shared=by_pk[found.pop("pk")], **found) for found in best]


@dataclass(frozen=True)
class Candidate:
    """What is compared of a shared case."""

    pk: int
    stems: set[str]
    conflict_type: str
    threats: set[str]
    peak_stage: int | None
    topics: set[int]


def _jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _score(asked: Probe, candidate: Candidate) -> dict[str, Any]:
    """The candidate's score and the reasons, as the fields of its `Match` (and its pk)."""
    common = asked.stems & candidate.stems
    text = len(common) / math.sqrt(len(asked.stems) * len(candidate.stems)) if common else 0.0
    stage = candidate.peak_stage
    band = None if stage is None else (stage - 1) // 3 + 1
    band_score = 0.0
    if asked.band is not None and band is not None:
        band_score = 1.0 if band == asked.band else 0.5 if abs(band - asked.band) == 1 else 0.0
    same_type = bool(asked.conflict_type) and asked.conflict_type == candidate.conflict_type
    threats = asked.threats & candidate.threats
    attributes = (
        0.45 * _jaccard(asked.topics, candidate.topics)
        + 0.2 * band_score
        + 0.15 * same_type
        + 0.2 * _jaccard(asked.threats, candidate.threats)
    )
    terms = sorted(common, key=lambda stem: (-len(stem), stem))[:6]
    return {
        "pk": candidate.pk,
        "score": round(0.45 * text + 0.55 * attributes, 4),
        "topics": sorted(asked.topic_names[pk] for pk in asked.topics & candidate.topics),
        "same_band": band_score == 1.0,
        "same_type": same_type,
        "threats": sorted(threats),
        "terms": [asked.forms.get(stem, stem) for stem in terms],
    }
