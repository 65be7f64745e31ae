#!/usr/bin/env python
"""Benchmark of the early-warning check and the situation-picture indicators.

Standalone (not a test, not run by `make test`): `make bench` or
`.venv/bin/python bench/bench_early_warning.py --help`.

It builds a throwaway database (a temporary SQLite file; a throwaway `test_…` database on
the server when DATABASE_URL is set), onboards three municipalities through the services,
fills two of them with invented cases, Glasl trajectories, observations, overdue steps and
measures (N and FACTOR·N cases), and measures in one process run:

* `run_check` for one municipality: the first run (raises the alerts), then the second,
  idempotent run (raises nothing), and
* each situation-picture indicator function of `kokoma.situation.indicators`.

Results are reported as the ratio between the two sizes (time and queries), as measured in
this one run: absolute times depend on the machine and its load, ratios much less.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Three municipalities from the official register: warm-up, small size, large size.
WARMUP_AGS, SMALL_AGS, LARGE_AGS = "01001000", "12052000", "14625020"
DOMAIN = "bench.example"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200, help="cases at the small size (N)")
    parser.add_argument("--factor", type=int, default=10, help="large size = FACTOR·N cases")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each read-only measurement (best counts)"
    )
    parser.add_argument("--seed", type=int, default=20260101, help="seed of the invented data")
    parser.add_argument(
        "--top", type=int, default=8, help="most frequent query shapes to list (0: none)"
    )
    args = parser.parse_args(argv)
    if args.cases < 1 or args.factor < 2 or args.repeat < 1:
        parser.error("--cases ≥ 1, --factor ≥ 2 and --repeat ≥ 1, please")
    return args


def configure_django(var_dir: str) -> None:
    """Everything the settings write (SQLite file, cache, mail) goes to the temporary dir."""
    os.environ["KOKOMA_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kokoma.settings")
    os.environ["KOKOMA_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.pop("KOKOMA_ENV", None)
    sys.path.insert(0, str(PROJECT_DIR / "src"))
    import django

    django.setup()


def create_database() -> Callable[[], None]:
    """Migrate a fresh database; returns what removes it again."""
    from django.core.management import call_command
    from django.db import connection

    if os.environ.get("DATABASE_URL"):
        # Never the configured database itself: Django's throwaway test database beside it.
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    return lambda: None  # the temporary directory goes with the SQLite file


# --- The invented world -------------------------------------------------------------------------


def import_register_slice() -> None:
    from django.conf import settings

    from kokoma.municipalities.register_import import import_register

    wanted = {WARMUP_AGS, SMALL_AGS, LARGE_AGS}
    with Path(settings.KOKOMA_REGISTER_FILE).open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [])
        writer.writeheader()
        writer.writerows(row for row in reader if row["ags"] in wanted)
    import_register(io.StringIO(out.getvalue()))


@dataclass
class Tenant:
    municipality: Any
    local: Any
    actors: list[Any]
    cases: int = 0
    observations: int = 0


def onboard(ags: str, office: Any, external: Any) -> Tenant:
    """A municipality with its tandem and two actors, through the services (as the office)."""
    from kokoma.accounts.models import Membership, MembershipRole
    from kokoma.municipalities import services
    from kokoma.municipalities.models import RegisterEntry
    from kokoma.prevention.services import settings_for

    municipality = services.onboard_municipality(
        by=office,
        register=RegisterEntry.objects.get(ags=ags),
        joined_on=datetime.date(2024, 1, 15),
        external_companion=external,
        local_companion_email=f"lokal.{ags}@{DOMAIN}",
        local_companion_name=f"Lokale Begleitung {ags}",
    )
    actors = [
        services.add_member(
            municipality,
            by=office,
            email=f"akteur{number}.{ags}@{DOMAIN}",
            display_name=f"Akteur:in {number} ({ags})",
            role=MembershipRole.ACTOR,
        ).user
        for number in (1, 2)
    ]
    local = Membership.objects.get(
        municipality=municipality, role=MembershipRole.LOCAL_COMPANION
    ).user
    settings_for(municipality)  # default thresholds and response plans, as on first use
    return Tenant(municipality, local, actors)


def stage_points(rng: random.Random, today: datetime.date) -> list[tuple[datetime.date, int]]:
    """An invented whole-case Glasl trajectory (date, stage), oldest first.

    About a third of the cases escalate within the last weeks (these raise alerts), the rest
    stay low or calm down again (these raise none).
    """
    count = rng.randint(3, 6)
    if rng.random() < 0.33:
        # rising, the last assessment recent: the climb falls into the look-back window
        days = [*sorted(rng.sample(range(21, 120), count - 1), reverse=True), rng.randint(1, 20)]
        stages = [rng.randint(1, 3)]
        while len(stages) < count:
            stages.append(min(9, stages[-1] + rng.choice((0, 1, 1, 2))))
    else:
        days = sorted(rng.sample(range(1, 120), count), reverse=True)
        stages = [rng.randint(1, 3) for _ in days]
    return [
        (today - datetime.timedelta(days=ago), stage)
        for ago, stage in zip(days, stages, strict=True)
    ]


def fill(tenant: Tenant, size: int, rng: random.Random, topics: list[Any], terms: Any) -> None:
    """`size` invented cases (10 % closed) with trajectories, team, topics, threats, measures,
    a quarter of the open ones overdue in their step; and 2·size observations in 8 weeks."""
    from django.utils import timezone

    from kokoma.cases.models import (
        Case,
        CaseTeamMember,
        EscalationAssessment,
        Measure,
        ThreatAssessment,
        ThreatDimension,
    )
    from kokoma.cases.services import new_reference
    from kokoma.observations.models import Observation, Severity
    from kokoma.taxonomy.models import TermKind
    from kokoma.workflow.models import Step

    municipality = tenant.municipality
    now = timezone.now()
    today = timezone.localdate()
    steps = list(Step.objects.filter(workflow__municipality=municipality).order_by("position"))
    open_steps = [step for step in steps if not step.is_final]
    final = next(step for step in steps if step.is_final)
    cases = []
    for number in range(1, size + 1):
        closed = rng.random() < 0.1
        step = final if closed else rng.choice(open_steps)
        target = step.response_days or 30
        overdue = not closed and rng.random() < 0.25
        ago = rng.randint(target + 1, target + 30) if overdue else rng.randint(0, target - 1)
        cases.append(
            Case(
                municipality=municipality,
                reference=new_reference("F"),
                title=f"Testfall {number} ({municipality.ags})",
                summary="Erfundener Fall für den Benchmark der Frühwarnung.",
                step=step,
                step_since=now - datetime.timedelta(days=ago, hours=rng.randint(0, 23)),
                opened_on=today - datetime.timedelta(days=120 + rng.randint(0, 60)),
                opened_by=tenant.local,
                closed_at=now - datetime.timedelta(days=ago) if closed else None,
            )
        )
    cases = Case.objects.bulk_create(cases, batch_size=500)
    CaseTeamMember.objects.bulk_create(
        (
            CaseTeamMember(case=case, user=rng.choice(tenant.actors), added_by=tenant.local)
            for case in cases
        ),
        batch_size=500,
    )
    Case.topics.through.objects.bulk_create(
        (
            Case.topics.through(case_id=case.pk, term_id=topic.pk)
            for case in cases
            for topic in rng.sample(topics, rng.randint(1, 2))
        ),
        batch_size=500,
    )
    EscalationAssessment.objects.bulk_create(
        (
            EscalationAssessment(
                case=case,
                stage=stage,
                assessed_on=day,
                rationale="Erfundene Einschätzung.",
                assessor=tenant.local,
            )
            for case in cases
            for day, stage in stage_points(rng, today)
        ),
        batch_size=500,
    )
    ThreatAssessment.objects.bulk_create(
        (
            ThreatAssessment(
                case=case,
                dimension=dimension,
                score=rng.randint(0, 3),
                rationale="Erfundene Gefährdungseinschätzung.",
                assessed_on=today - datetime.timedelta(days=rng.randint(1, 90)),
                assessor=tenant.local,
            )
            for case in cases
            for dimension in rng.sample(list(ThreatDimension), 2)
        ),
        batch_size=500,
    )
    Measure.objects.bulk_create(
        (
            Measure(
                case=case,
                title="Erfundene Maßnahme",
                owner=tenant.local,
                due_on=today + datetime.timedelta(days=rng.randint(-30, 30)),
            )
            for case in cases
            if rng.random() < 0.3
        ),
        batch_size=500,
    )
    motives = [term for (kind, _name), term in terms.items() if kind == TermKind.MOTIVE]
    kinds = [term for (kind, _name), term in terms.items() if kind == TermKind.INCIDENT_TYPE]
    observations = []
    for _ in range(2 * size):
        incident = rng.random() < 0.3
        observations.append(
            Observation(
                municipality=municipality,
                reference=new_reference("M"),
                occurred_on=today - datetime.timedelta(days=rng.randint(0, 55)),
                place="Erfundener Ortsteil",
                description="Erfundene Meldung für den Benchmark.",
                source=rng.choice(Observation.Source.values),
                severity=Severity.HIGH if incident else Severity.MEDIUM,
                is_incident=incident,
                motive=rng.choice(motives) if incident else None,
                incident_type=rng.choice(kinds) if incident else None,
                status=rng.choices(Observation.Status.values, weights=(5, 3, 1, 1), k=1)[0],
            )
        )
    observations = Observation.objects.bulk_create(observations, batch_size=500)
    Observation.topics.through.objects.bulk_create(
        (
            Observation.topics.through(observation_id=observation.pk, term_id=topic.pk)
            for observation in observations
            for topic in rng.sample(topics, rng.randint(1, 2))
        ),
        batch_size=500,
    )
    tenant.cases = len(cases)
    tenant.observations = len(observations)


def build_world(args: argparse.Namespace) -> tuple[Tenant, Tenant, Tenant]:
    from django.db import transaction

    from kokoma.accounts.models import ProgrammeRole, User
    from kokoma.demo.cases import ensure_taxonomy
    from kokoma.taxonomy.models import TermKind

    rng = random.Random(args.seed)  # invented data, reproducible on purpose
    with transaction.atomic():
        import_register_slice()
        terms = ensure_taxonomy()
        topics = [term for (kind, _name), term in terms.items() if kind == TermKind.TOPIC]
        office = User.objects.create_user(
            email=f"servicestelle@{DOMAIN}",
            password=None,
            display_name="Servicestelle (Benchmark)",
            programme_role=ProgrammeRole.OFFICE,
        )
        external = User.objects.create_user(
            email=f"extern@{DOMAIN}",
            password=None,
            display_name="Externe Begleitung (Benchmark)",
            programme_role=ProgrammeRole.EXTERNAL_COMPANION,
        )
        warmup, small, large = (
            onboard(ags, office, external) for ags in (WARMUP_AGS, SMALL_AGS, LARGE_AGS)
        )
        fill(warmup, 20, rng, topics, terms)
        fill(small, args.cases, rng, topics, terms)
        fill(large, args.cases * args.factor, rng, topics, terms)
    return warmup, small, large


# --- Measuring ----------------------------------------------------------------------------------


@dataclass
class Measurement:
    seconds: float
    queries: int
    result: Any = None
    shapes: Counter[str] = field(default_factory=Counter)


SHAPE_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b|%s")
SHAPE_LISTS = re.compile(r"\((?:\s*\?\s*,)+\s*\?\s*\)")


def shape(sql: str) -> str:
    """A query without its values, to count which kinds of query a run repeats."""
    text = SHAPE_LISTS.sub("(…)", SHAPE_LITERALS.sub("?", sql))
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= 150 else text[:147] + "…"


def measure(function: Callable[[], Any], repeat: int = 1) -> Measurement:
    """Best of `repeat` runs; every run with the queries captured (same overhead at each size)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Django keeps the last 9000 queries only; a large first run makes more.
    connection.queries_log = deque(maxlen=5_000_000)
    best: Measurement | None = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = function()
            seconds = time.perf_counter() - start
        if best is None or seconds < best.seconds:
            best = Measurement(
                seconds,
                len(captured),
                result,
                Counter(shape(query["sql"]) for query in captured.captured_queries),
            )
        connection.queries_log.clear()
    assert best is not None
    return best


def indicator_calls(municipality: Any, user: Any) -> dict[str, Callable[[], Any]]:
    from django.utils import timezone

    from kokoma.situation import indicators

    today = timezone.localdate()
    period = indicators.Period(today - datetime.timedelta(days=83), today)
    return {
        "observations_per_week": lambda: indicators.observations_per_week(municipality, period),
        "incidents_per_motive": lambda: indicators.incidents_per_motive(municipality, period),
        "cases_climbing": lambda: indicators.cases_climbing(municipality, period),
        "open_cases_by_band": lambda: indicators.open_cases_by_band(municipality),
        "open_cases_by_topic": lambda: indicators.open_cases_by_topic(municipality),
        "overdue_measures": lambda: indicators.overdue_measures(municipality, today),
        "overdue_steps": lambda: indicators.overdue_steps(municipality),
        "threat_dimensions": lambda: indicators.threat_dimensions(municipality),
        "visible_case_ids": lambda: indicators.visible_case_ids(user, municipality),
    }


def run_all(tenant: Tenant, repeat: int) -> dict[str, Measurement]:
    from django.utils import timezone

    from kokoma.prevention.services import run_check

    today = timezone.localdate()

    def check() -> Any:
        return run_check(today=today, municipality=tenant.municipality)

    results = {"run_check, first run": measure(check)}
    results["run_check, second run"] = measure(check, repeat)
    if results["run_check, second run"].result.alerts:
        raise SystemExit("The second run raised alerts: run_check is not idempotent.")
    calls = indicator_calls(tenant.municipality, tenant.local)
    for name, call in calls.items():
        results[name] = measure(call, repeat)
    results["all indicators"] = Measurement(
        sum(results[name].seconds for name in calls), sum(results[name].queries for name in calls)
    )
    return results


# --- Reporting ----------------------------------------------------------------------------------


def ratio(large: float, small: float) -> str:
    if small == 0:
        return "–" if large == 0 else "∞"
    return f"{large / small:.1f}×"


def duration(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def report(
    args: argparse.Namespace,
    small: Tenant,
    large: Tenant,
    measured: tuple[dict[str, Measurement], dict[str, Measurement]],
    setup_seconds: float,
) -> None:
    from django.db import connection

    few, many = measured
    first_few, first_many = few["run_check, first run"], many["run_check, first run"]
    print(
        f"\nEarly-warning benchmark · {connection.vendor} · {os.cpu_count()} CPUs · "
        f"setup {setup_seconds:.1f} s · best of {args.repeat} for repeated rows"
    )
    print(
        f"small: {small.cases} cases, {small.observations} observations · "
        f"large: {large.cases} cases, {large.observations} observations "
        f"({ratio(large.cases, small.cases)} cases)"
    )
    print(
        f"first run raised: small {first_few.result.alerts} alerts / {first_few.result.tasks} "
        f"tasks · large {first_many.result.alerts} alerts / {first_many.result.tasks} tasks "
        f"({ratio(first_many.result.alerts, first_few.result.alerts)} alerts)"
    )
    header = (
        f"{'measurement':<24} {'time small':>11} {'time large':>11} {'queries':>15} "
        f"{'time ratio':>10} {'query ratio':>11}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for name, small_run in few.items():
        large_run = many[name]
        queries = f"{small_run.queries} → {large_run.queries}"
        print(
            f"{name:<24} {duration(small_run.seconds):>11} {duration(large_run.seconds):>11} "
            f"{queries:>15} {ratio(large_run.seconds, small_run.seconds):>10} "
            f"{ratio(large_run.queries, small_run.queries):>11}"
        )
    if first_few.result.alerts and first_many.result.alerts:
        print(
            f"\nfirst run per alert: small {first_few.queries / first_few.result.alerts:.1f} "
            f"queries, {first_few.seconds / first_few.result.alerts * 1000:.2f} ms · large "
            f"{first_many.queries / first_many.result.alerts:.1f} queries, "
            f"{first_many.seconds / first_many.result.alerts * 1000:.2f} ms"
        )
    print(
        f"\nIn words: {ratio(large.cases, small.cases)} cases → "
        f"{ratio(first_many.seconds, first_few.seconds)} time and "
        f"{ratio(first_many.queries, first_few.queries)} queries for the first check, "
        f"{ratio(many['run_check, second run'].seconds, few['run_check, second run'].seconds)} "
        f"time and "
        f"{ratio(many['run_check, second run'].queries, few['run_check, second run'].queries)} "
        f"queries for the idempotent second check, "
        f"{ratio(many['all indicators'].seconds, few['all indicators'].seconds)} time and "
        f"{ratio(many['all indicators'].queries, few['all indicators'].queries)} queries for "
        f"the indicators."
    )
    if args.top:
        print(f"\nMost frequent queries of the first check (large size, {first_many.queries}):")
        for text, count in first_many.shapes.most_common(args.top):
            print(f"{count:>7}  {text}")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kokoma-bench-") as var_dir:
        configure_django(var_dir)
        drop = create_database()
        try:
            warmup, small, large = build_world(args)
            setup_seconds = time.perf_counter() - started
            run_all(warmup, 1)  # imports, translations, URL resolver, caches: not measured
            measured = (run_all(small, args.repeat), run_all(large, args.repeat))
            report(args, small, large, measured, setup_seconds)
        finally:
            from django.db import connection

            connection.close()
            drop()
    print(f"\ntotal {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
