"""Our opinion map against Pol.is's own groups and against red-dwarf, on two real conversations.

Measures (docs/dialogue-method.md explains the choice):
- groups: adjusted Rand index (ARI) against Pol.is's ``group-id``, over the participants Pol.is
  grouped and we placed; ours must be at least red-dwarf's;
- representative statements: groups are matched by their members, then the statement sets of
  matched groups are compared by overlap |A ∩ B| / min(|A|, |B|);
- consensus: the same overlap for the agree and the disagree list;
- stability: 99 % of the votes, then all of them with the carried state.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score

from kokoma.dialogue.analysis import Analysis
from kokoma.dialogue.polis_io import PolisExport, analyse_export, read_polis_dir

POLIS = Path(__file__).resolve().parents[2] / "data" / "polis"
CONVERSATIONS = ["austria-climate.5twd2jsnkf.2022-08-08", "scoop-hivemind.freshwater"]


@dataclass(frozen=True)
class Reference:
    """One conversation: the export, our analysis and red-dwarf's result in plain terms."""

    export: PolisExport
    ours: Analysis
    reddwarf_groups: dict[int, int]
    reddwarf_representative: dict[int, list[int]]
    reddwarf_consensus: dict[str, list[int]]


def run_reddwarf(export: PolisExport) -> Any:
    """red-dwarf on the export's latest vote per participant and statement."""
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
    rejected = [c.id for c in export.comments if c.moderated == -1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydantic warns about red-dwarf's models on import
        from reddwarf.implementations.polis import run_pipeline

        return run_pipeline(votes=votes, mod_out_statement_ids=rejected, random_state=0)


def reference(name: str) -> Reference:
    export = read_polis_dir(POLIS / name)
    result = run_reddwarf(export)
    frame = result.participants_df
    clustered = frame[frame["to_cluster"] & frame["cluster_id"].notna()]
    return Reference(
        export=export,
        ours=analyse_export(export),
        reddwarf_groups={int(p): int(g) for p, g in clustered["cluster_id"].items()},
        reddwarf_representative={
            int(g): [int(item["tid"]) for item in items] for g, items in result.repness.items()
        },
        reddwarf_consensus={
            side: [int(item["tid"]) for item in result.consensus[side]]
            for side in ("agree", "disagree")
        },
    )


@pytest.fixture(scope="module")
def references() -> dict[str, Reference]:
    return {name: reference(name) for name in CONVERSATIONS}


def ari_against_polis(export: PolisExport, groups: dict[int, int | None]) -> float:
    common = [p for p, g in export.groups.items() if g is not None and groups.get(p) is not None]
    return float(
        adjusted_rand_score([export.groups[p] for p in common], [groups[p] for p in common])
    )


def overlap(first: list[int], second: list[int]) -> float:
    if not first or not second:
        return float(first == second)
    return len(set(first) & set(second)) / min(len(first), len(second))


def matched_groups(ours: dict[int, int | None], theirs: dict[int, int]) -> dict[int, int]:
    """Our group id → their group id, matched by the most shared members."""
    placed = {p: g for p, g in ours.items() if g is not None and p in theirs}
    our_ids = sorted(set(placed.values()))
    their_ids = sorted({theirs[p] for p in placed})
    shared = np.zeros((len(our_ids), len(their_ids)))
    for p, group in placed.items():
        shared[our_ids.index(group), their_ids.index(theirs[p])] += 1
    rows, cols = linear_sum_assignment(-shared)
    return {our_ids[r]: their_ids[c] for r, c in zip(rows, cols, strict=True)}


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_our_groups_match_polis_at_least_as_well_as_reddwarf(
    references: dict[str, Reference], name: str
) -> None:
    ref = references[name]
    ours = ari_against_polis(ref.export, ref.ours.group_of)
    reddwarf = ari_against_polis(ref.export, dict(ref.reddwarf_groups))
    assert ours >= reddwarf - 1e-9, (ours, reddwarf)


def test_on_austria_we_find_polis_groups(references: dict[str, Reference]) -> None:
    ref = references[CONVERSATIONS[0]]
    assert ari_against_polis(ref.export, ref.ours.group_of) >= 0.95
    assert sorted(g.size for g in ref.ours.groups) == [139, 761]  # as Pol.is found


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_representative_statements_largely_agree_with_reddwarf(
    references: dict[str, Reference], name: str
) -> None:
    ref = references[name]
    matching = matched_groups(ref.ours.group_of, ref.reddwarf_groups)
    scores = [
        overlap(
            [r.statement_id for r in ref.ours.groups[ours].representative],
            ref.reddwarf_representative[theirs],
        )
        for ours, theirs in matching.items()
    ]
    assert min(scores) >= 0.8, scores


@pytest.mark.parametrize("name", CONVERSATIONS)
def test_consensus_largely_agrees_with_reddwarf(
    references: dict[str, Reference], name: str
) -> None:
    ref = references[name]
    assert overlap(ref.ours.consensus_agree, ref.reddwarf_consensus["agree"]) >= 0.8
    assert overlap(ref.ours.consensus_disagree, ref.reddwarf_consensus["disagree"]) >= 0.8


def test_one_percent_more_votes_keeps_groups_and_their_ids(
    references: dict[str, Reference],
) -> None:
    export = references[CONVERSATIONS[0]].export
    cut = int(len(export.votes) * 0.99)
    earlier = PolisExport(comments=export.comments, votes=export.votes[:cut])
    before = analyse_export(earlier)
    after = analyse_export(export, state=before.state)
    common = [p for p, g in before.group_of.items() if g is not None]
    old = [before.group_of[p] for p in common]
    new = [after.group_of[p] for p in common]
    assert adjusted_rand_score(old, new) >= 0.95
    assert np.mean(np.array(old) == np.array(new)) >= 0.99  # the same ids, not just the same split
    assert set(before.placed) <= set(after.placed)
