#!/usr/bin/env python
"""Benchmark of the opinion map's analysis (``kokoma.dialogue.analysis``).

Standalone (not a test, not run by `make test`): `make bench-dialogue` or
`.venv/bin/python bench/bench_dialogue.py --help`. In one run it measures

* ``build_matrix`` + ``analyse`` against red-dwarf's ``run_pipeline`` on the two real Pol.is
  conversations in data/polis (median of ``--repeat`` runs; goal: ours ≥ 3× faster);
* ours on a synthetic dialogue (default 100,000 participants × 1,000 statements, 10,000,000
  votes, three planted groups; goal: analyse ≤ 5 s, peak memory ≤ 2 GB), run in a fresh
  subprocess so that its peak resident memory is its own: the time of ``build_matrix`` and of
  ``analyse``, the adjusted Rand index of the groups found against the planted ones, and a warm
  recompute with the carried state after 1 % more votes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "src"))

from kokoma.dialogue.analysis import Analysis, analyse, build_matrix  # noqa: E402

POLIS = Path(__file__).resolve().parents[1] / "data" / "polis"
CONVERSATIONS = ["austria-climate.5twd2jsnkf.2022-08-08", "scoop-hivemind.freshwater"]
Ints = npt.NDArray[np.int64]


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def real_conversations(repeat: int) -> None:
    """Ours against red-dwarf on each real export, from the same parsed votes."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kokoma.settings")
    import django

    django.setup()  # polis_io translates its problem messages
    print("Real conversations (median of", repeat, "runs)")
    print(f"{'conversation':<42}{'votes':>8}{'ours':>10}{'red-dwarf':>12}{'ratio':>8}")
    for name in CONVERSATIONS:
        compare_with_reddwarf(name, repeat)


def compare_with_reddwarf(name: str, repeat: int) -> None:
    """One line of the table: our median time, red-dwarf's and how many times faster we are.

    red-dwarf gets the latest vote per pair ready-made (its matrix refuses repeats); our time
    includes building the matrix from every vote.
    """
    from kokoma.dialogue.polis_io import read_polis_dir

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic warns about red-dwarf's models on import
        from reddwarf.implementations.polis import run_pipeline

    export = read_polis_dir(POLIS / name)
    rejected = [c.id for c in export.comments if c.moderated == -1]
    participants = [v.participant_id for v in export.votes]
    statements = [v.statement_id for v in export.votes]
    values = [v.value for v in export.votes]
    latest = {(v.participant_id, v.statement_id): v for v in export.votes}
    votes = [
        {
            "participant_id": v.participant_id,
            "statement_id": v.statement_id,
            "vote": v.value,
            "modified": v.timestamp,
        }
        for v in latest.values()
    ]

    def ours() -> Analysis:
        return analyse(build_matrix(participants, statements, values), moderated_out=rejected)

    def reddwarf() -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return run_pipeline(votes=votes, mod_out_statement_ids=rejected, random_state=0)

    ours_s, theirs_s = median_seconds(ours, repeat), median_seconds(reddwarf, repeat)
    print(
        f"{name:<42}{len(export.votes):>8}{ours_s * 1000:>8.0f}ms"
        f"{theirs_s * 1000:>10.0f}ms{theirs_s / ours_s:>7.1f}×"
    )


def synthetic_votes(
    participants: int, statements: int, votes: int, seed: int
) -> tuple[Ints, Ints, Ints, Ints]:
    """Distinct (participant, statement) votes in random order from three planted groups.

    Each group has an opinion per statement; a member votes it with probability 0.7, the
    opposite with 0.15 and passes with 0.15.
    """
    rng = np.random.default_rng(seed)
    slots = participants * statements
    votes = min(votes, slots)
    # enough draws that, after dropping repeats, at least ``votes`` distinct pairs remain
    draws = int(-np.log1p(-votes / slots) * slots * 1.05) + 100 if votes < slots else 0
    keys = np.unique(rng.integers(0, slots, draws)) if draws else np.arange(slots)
    keys = keys[rng.permutation(keys.size)[:votes]]
    who, what = keys // statements, keys % statements
    planted = rng.integers(0, 3, participants)
    opinion = rng.choice(np.array([-1, 1]), size=(3, statements))
    draw = rng.random(keys.size)
    value = opinion[planted[who], what]
    value = np.where(draw < 0.7, value, np.where(draw < 0.85, -value, 0))
    return who, what, value.astype(np.int64), planted


def ari(found: Analysis, planted: Ints) -> float:
    from sklearn.metrics import adjusted_rand_score

    placed = [p for p, g in found.group_of.items() if g is not None]
    return float(adjusted_rand_score(planted[placed], [found.group_of[p] for p in placed]))


def synthetic(participants: int, statements: int, votes: int, seed: int) -> dict[str, Any]:
    """The synthetic run (in its own process): times, groups and peak resident memory."""
    who, what, value, planted = synthetic_votes(participants, statements, votes, seed)
    new = int(votes * 0.01)
    cut = who.size - new
    result: dict[str, Any] = {"votes": int(cut)}
    start = time.perf_counter()
    matrix = build_matrix(who[:cut], what[:cut], value[:cut])
    result["build_s"] = time.perf_counter() - start
    start = time.perf_counter()
    first = analyse(matrix)
    result["analyse_s"] = time.perf_counter() - start
    result["k"] = first.k
    result["placed"] = len(first.placed)
    result["ari"] = ari(first, planted)
    del matrix
    start = time.perf_counter()
    matrix = build_matrix(who, what, value)
    result["warm_build_s"] = time.perf_counter() - start
    start = time.perf_counter()
    second = analyse(matrix, state=first.state)
    result["warm_analyse_s"] = time.perf_counter() - start
    result["warm_ari"] = ari(second, planted)
    moved = [p for p, g in first.group_of.items() if g is not None and second.group_of[p] != g]
    result["warm_changed_group"] = len(moved)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def run_synthetic_in_subprocess(args: argparse.Namespace) -> None:
    command = [
        sys.executable,
        __file__,
        "--synthetic-only",
        "--participants",
        str(args.participants),
        "--statements",
        str(args.statements),
        "--votes",
        str(args.votes),
        "--seed",
        str(args.seed),
    ]
    # our own interpreter running this very file with numeric arguments
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    r = json.loads(output.strip().splitlines()[-1])
    print(
        f"\nSynthetic: {args.participants:,} participants × {args.statements:,} statements, "
        f"{r['votes']:,} votes, 3 planted groups"
    )
    print(f"  build_matrix       {r['build_s']:6.2f} s")
    print(f"  analyse            {r['analyse_s']:6.2f} s   (goal ≤ 5 s)")
    print(f"  groups found       {r['k']}, placed {r['placed']:,}, ARI vs planted {r['ari']:.3f}")
    print(
        f"  warm: +1 % votes   build {r['warm_build_s']:.2f} s, analyse {r['warm_analyse_s']:.2f} s,"
        f" ARI {r['warm_ari']:.3f}, {r['warm_changed_group']} changed group"
    )
    print(f"  peak memory        {r['peak_rss_mb']:,.0f} MB (resident, whole process; goal ≤ 2 GB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--statements", type=int, default=1_000)
    parser.add_argument("--votes", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per real conversation")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--skip-real", action="store_true", help="only the synthetic dialogue")
    parser.add_argument("--synthetic-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.synthetic_only:
        print(json.dumps(synthetic(args.participants, args.statements, args.votes, args.seed)))
        return
    if not args.skip_real:
        real_conversations(args.repeat)
    run_synthetic_in_subprocess(args)


if __name__ == "__main__":
    main()
