#!/usr/bin/env python
"""Benchmark of the similar-case finder ("what worked elsewhere") at a pool of shared cases.

Standalone (not a test, not run by `make test`): `make bench-finder` or
`.venv/bin/python bench/bench_finder.py --help`. Goal: ≤ 100 ms per query at 100,000 shared
closed cases on PostgreSQL (`DATABASE_URL=… make bench-finder`).

It builds a throwaway database like `bench_early_warning.py` (whose set-up it reuses), onboards
two municipalities, fills one with N closed cases and their shared anonymised summaries in bulk
(texts drawn from the six demo stories and a vocabulary of a few hundred words, topics, stages,
procedures, outcomes), opens an asking case in the other and measures, in one run:

* `similar_cases(asking case)`, best and median of `--repeat` runs, with its query count, and
* a primary-key lookup of a case, as the floor of the stack,

and reports the time of each and their ratio.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_early_warning import (
    LARGE_AGS,
    SMALL_AGS,
    configure_django,
    create_database,
    import_register_slice,
    onboard,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BATCH = 2000
# Words per invented summary beside its story's topic sentence.
SUMMARY_WORDS = 40


def vocabulary() -> list[str]:
    """The words of the demo's case stories and of the German user guide (a few thousand German
    words of the trade), the most frequent first: invented summaries draw from it with Zipf-like
    weights, so that texts vary as real ones do – a few words everywhere, most in few texts."""
    from collections import Counter

    from kokoma.demo.case_stories import CASES
    from kokoma.outcomes.text import words

    counts: Counter[str] = Counter()
    for spec in CASES:
        texts = [spec.title, spec.summary, spec.dividers, spec.connectors, spec.causes]
        texts += [spec.core_problem, spec.effects, spec.lessons]
        for text in texts:
            counts.update(words(text))
    guide = PROJECT_DIR / "docs" / "benutzerhandbuch.md"
    counts.update(words(guide.read_text(encoding="utf-8")))
    return [word for word, _count in counts.most_common()]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000, help="shared closed cases")
    parser.add_argument("--repeat", type=int, default=20, help="finder queries to time")
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args(argv)
    if args.cases < 10 or args.repeat < 1:
        parser.error("--cases ≥ 10 and --repeat ≥ 1, please")
    return args


def fill_pool(tenant: object, size: int, rng: random.Random) -> None:
    from django.contrib.postgres.search import SearchVector
    from django.db import connection
    from django.utils import timezone

    from kokoma.cases.models import Case, CaseOutcome
    from kokoma.demo.outcomes import STORIES
    from kokoma.outcomes.models import PoolTerm, SharedCase, SharedStatus
    from kokoma.outcomes.text import as_field, stems
    from kokoma.taxonomy.models import Term, TermKind
    from kokoma.workflow.models import Step

    municipality = tenant.municipality  # type: ignore[attr-defined]
    local = tenant.local  # type: ignore[attr-defined]
    final = Step.objects.get(workflow__municipality=municipality, is_final=True)
    topics = {term.name: term for term in Term.objects.filter(kind=TermKind.TOPIC)}
    procedures = list(Term.objects.filter(kind=TermKind.PROCEDURE))
    outcomes = list(CaseOutcome.values)
    vocab = vocabulary()
    weights = [1 / rank for rank in range(1, len(vocab) + 1)]
    now = timezone.now()
    today = timezone.localdate()
    document_counts: Counter[str] = Counter()
    topic_links = SharedCase.topics.through
    procedure_links = SharedCase.procedures.through
    made = 0
    while made < size:
        count = min(BATCH, size - made)
        cases = []
        stories = []
        for number in range(made, made + count):
            story = rng.choice(STORIES)
            stories.append(story)
            opened = today - datetime.timedelta(days=rng.randint(60, 1500))
            cases.append(
                Case(
                    municipality=municipality,
                    reference=f"B-{number:07d}",
                    title=story.title,
                    summary=story.summary,
                    step=final,
                    step_since=now,
                    opened_on=opened,
                    opened_by=local,
                    closed_at=now,
                    outcome=rng.choice(outcomes),
                    lessons_learned=story.lessons,
                )
            )
        Case.objects.bulk_create(cases)
        pool = []
        found: set[str] = set()
        for case, story in zip(cases, stories, strict=True):
            extra = " ".join(rng.choices(vocab, weights, k=SUMMARY_WORDS))
            summary = f"{story.summary.split('.')[0]}. {extra}"
            pool.append(
                SharedCase(
                    case=case,
                    status=SharedStatus.SHARED,
                    title=story.title,
                    summary=summary,
                    lessons_learned=story.lessons,
                    conflict_type=story.conflict_type,
                    threat_dimensions=rng.sample(["enmity", "polarisation", "trust"], 1),
                    peak_stage=rng.randint(1, 9),
                    outcome=case.outcome,
                    duration_days=rng.randint(20, 300),
                    closed_month=today.replace(day=1),
                    land="14",
                    size_class="eine Mittelstadt",
                    stems=as_field(found := stems([story.title, summary, story.lessons])),
                    approved_at=now,
                )
            )
            document_counts.update(found)
        SharedCase.objects.bulk_create(pool)
        if connection.vendor == "postgresql":
            SharedCase.objects.filter(pk__in=[shared.pk for shared in pool]).update(
                search=SearchVector("stems", config="simple")
            )
        topic_links.objects.bulk_create(
            topic_links(sharedcase_id=shared.pk, term_id=topics[story.topic].pk)
            for shared, story in zip(pool, stories, strict=True)
        )
        procedure_links.objects.bulk_create(
            procedure_links(sharedcase_id=shared.pk, term_id=rng.choice(procedures).pk)
            for shared in pool
        )
        made += count
        print(f"\r  {made:,} shared cases", end="", flush=True)
    PoolTerm.objects.bulk_create(
        (PoolTerm(stem=stem, documents=count) for stem, count in document_counts.items()),
        batch_size=BATCH,
    )
    print()


def profile(case: object, repeat: int) -> dict[str, float]:
    """The finder's stages timed one by one, to see which one costs."""
    from kokoma.outcomes import finder
    from kokoma.outcomes.models import SharedCase

    asked = finder.probe(case)  # type: ignore[arg-type]
    pool = SharedCase.objects.shared().exclude(
        case__municipality_id=case.municipality_id  # type: ignore[attr-defined]
    )
    terms = finder._query_terms(asked.stems)
    text_ids = finder._text_candidates(pool, terms)
    topic_ids = list(
        pool.filter(topics__in=asked.topics)
        .order_by("-pk")
        .values_list("pk", flat=True)[: finder.CANDIDATES]
    )
    ids = set(text_ids) | set(topic_ids)
    calls = {
        "probe (the asking case)": lambda: finder.probe(case),  # type: ignore[arg-type]
        "rarest stems (PoolTerm)": lambda: finder._query_terms(asked.stems),
        f"text candidates ({len(text_ids)})": lambda: finder._text_candidates(pool, terms),
        f"topic candidates ({len(topic_ids)})": lambda: list(
            pool.filter(topics__in=asked.topics)
            .order_by("-pk")
            .values_list("pk", flat=True)[: finder.CANDIDATES]
        ),
        f"whole finder ({len(ids)} candidates)": lambda: finder.similar_cases(case),  # type: ignore[arg-type]
    }
    return {name: statistics.median(timed(call, repeat)) for name, call in calls.items()}


def timed(call: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kokoma-bench-") as var_dir:
        configure_django(var_dir)
        remove = create_database()
        try:
            return run(args)
        finally:
            remove()


def run(args: argparse.Namespace) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kokoma.accounts.models import ProgrammeRole, User
    from kokoma.cases import services
    from kokoma.cases.models import Case
    from kokoma.demo.cases import ensure_taxonomy
    from kokoma.demo.outcomes import STORIES
    from kokoma.outcomes.finder import similar_cases
    from kokoma.taxonomy.models import Term, TermKind

    rng = random.Random(args.seed)
    import_register_slice()
    ensure_taxonomy()
    office = User.objects.create_user(
        email="servicestelle@bench.example",
        password=None,
        display_name="Servicestelle (Benchmark)",
        programme_role=ProgrammeRole.OFFICE,
    )
    external = User.objects.create_user(
        email="extern@bench.example",
        password=None,
        display_name="Externe Begleitung (Benchmark)",
        programme_role=ProgrammeRole.EXTERNAL_COMPANION,
    )
    holder, asker = onboard(LARGE_AGS, office, external), onboard(SMALL_AGS, office, external)
    print(f"{connection.vendor}: filling the pool …")
    start = time.perf_counter()
    fill_pool(holder, args.cases, rng)
    print(f"  filled in {time.perf_counter() - start:.0f} s")
    story = STORIES[0]
    case = services.open_case(
        municipality=asker.municipality, by=asker.local, title=story.title, summary=story.summary
    )
    services.update_case(
        case,
        by=asker.local,
        version=case.version,
        topics=[Term.objects.get(kind=TermKind.TOPIC, name=story.topic)],
        conflict_type=story.conflict_type,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    similar_cases(case)  # warm-up: imports, caches
    with CaptureQueriesContext(connection) as queries:
        found = similar_cases(case)
    finder = timed(lambda: similar_cases(case), args.repeat)
    some = Case.objects.order_by("pk").values_list("pk", flat=True)[args.cases // 2]
    lookup = timed(lambda: Case.objects.get(pk=some), args.repeat * 10)
    stages = profile(case, args.repeat)
    best, median = min(finder), statistics.median(finder)
    floor = statistics.median(lookup)
    print()
    print("| pool | finder best | finder median | queries | pk lookup | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {args.cases:,} | {best * 1000:.1f} ms | {median * 1000:.1f} ms | {len(queries)} "
        f"| {floor * 1000:.2f} ms | {median / floor:.0f}× |"
    )
    print("\nWhere the time goes (median of the runs):")
    for name, seconds in stages.items():
        print(f"  {name:<34} {seconds * 1000:7.1f} ms")
    print(f"\nfirst match: {found[0].shared.title!r}, score {found[0].score}" if found else "")
    goal = median <= 0.1
    print("goal ≤ 100 ms per query:", "met" if goal else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
