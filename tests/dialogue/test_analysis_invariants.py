"""Invariants of the analysis over random dialogues (hypothesis): ids are only names, and a
vote sent twice is still one vote."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from kokoma.dialogue.analysis import Analysis, analyse, build_matrix

Votes = tuple[list[int], list[int], list[int]]


@st.composite
def dialogues(draw: st.DrawFn) -> Votes:
    """A random dialogue with two or three camps, gaps and noise, in chronological order."""
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    n_participants = draw(st.integers(2, 40))
    n_statements = draw(st.integers(1, 12))
    camps = rng.integers(0, draw(st.integers(1, 3)), n_participants)
    leaning = rng.choice([-1, 0, 1], size=(3, n_statements))
    participants, statements, values = [], [], []
    for p in rng.permutation(n_participants):
        for s in range(n_statements):
            if rng.random() < 0.3:
                continue
            noisy = rng.random() < 0.15
            vote = int(rng.integers(-1, 2)) if noisy else int(leaning[camps[p], s])
            participants.append(int(p))
            statements.append(s)
            values.append(vote)
    return participants, statements, values


def partition(result: Analysis, rename: dict[int, int] | None = None) -> set[frozenset[int]]:
    back = {new: old for old, new in (rename or {}).items()}
    groups: dict[int, set[int]] = {}
    for participant, group in result.group_of.items():
        if group is not None:
            groups.setdefault(group, set()).add(back.get(participant, participant))
    return {frozenset(members) for members in groups.values()}


def renaming(ids: list[int], seed: int) -> dict[int, int]:
    distinct = sorted(set(ids))
    shuffled = np.random.default_rng(seed).permutation(len(distinct)) * 7 + 1000
    return {old: int(new) for old, new in zip(distinct, shuffled, strict=True)}


@hypothesis_settings(max_examples=60, database=None, deadline=None)
@given(dialogues(), st.integers(0, 1000))
def test_renaming_participants_does_not_change_the_groups(votes: Votes, seed: int) -> None:
    participants, statements, values = votes
    rename = renaming(participants, seed)
    original = analyse(build_matrix(participants, statements, values))
    renamed = analyse(build_matrix([rename[p] for p in participants], statements, values))
    assert partition(renamed, rename) == partition(original)


@hypothesis_settings(max_examples=60, database=None, deadline=None)
@given(dialogues(), st.integers(0, 1000))
def test_renaming_statements_does_not_change_the_groups(votes: Votes, seed: int) -> None:
    participants, statements, values = votes
    rename = renaming(statements, seed)
    original = analyse(build_matrix(participants, statements, values))
    renamed = analyse(build_matrix(participants, [rename[s] for s in statements], values))
    assert partition(renamed) == partition(original)
    assert {rename[s] for s in original.consensus_agree} == set(renamed.consensus_agree)


@hypothesis_settings(max_examples=60, database=None, deadline=None)
@given(dialogues(), st.integers(0, 1000))
def test_a_vote_sent_twice_changes_nothing(votes: Votes, seed: int) -> None:
    participants, statements, values = votes
    repeat = np.random.default_rng(seed).random(len(values)) < 0.3
    doubled: Votes = ([], [], [])
    for i, again in enumerate(repeat):
        for _ in range(2 if again else 1):
            doubled[0].append(participants[i])
            doubled[1].append(statements[i])
            doubled[2].append(values[i])
    original = analyse(build_matrix(participants, statements, values))
    assert analyse(build_matrix(*doubled)).to_json() == original.to_json()
