"""What an analysis returns and what it carries to the next run, with their JSON forms.

JSON objects need string keys, so ids used as keys become strings in ``to_json`` and ints again in
``from_json``; floats are rounded to six decimals, which is far below what the map can show.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, cast

from .statistics import Repness

Point = tuple[float, float]
DECIMALS = 6


def _round(value: float) -> float:
    return round(float(value), DECIMALS)


def _point(value: Any) -> Point:
    return (float(value[0]), float(value[1]))


def _points_to_json(points: list[Point]) -> list[list[float]]:
    return [[_round(x), _round(y)] for x, y in points]


@dataclass(frozen=True)
class Group:
    """An opinion group: its size, where it sits, its outline and what sets it apart."""

    id: int
    size: int
    centre: Point
    hull: list[Point]
    representative: list[Repness]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "size": self.size,
            "centre": [_round(self.centre[0]), _round(self.centre[1])],
            "hull": _points_to_json(self.hull),
            "representative": [_repness_to_json(r) for r in self.representative],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Group:
        return cls(
            id=int(data["id"]),
            size=int(data["size"]),
            centre=_point(data["centre"]),
            hull=[_point(p) for p in data["hull"]],
            representative=[Repness(**r) for r in data["representative"]],
        )


def _repness_to_json(item: Repness) -> dict[str, Any]:
    return {
        key: _round(value) if isinstance(value, float) else value
        for key, value in asdict(item).items()
    }


@dataclass(frozen=True)
class State:
    """Everything the next run of the same dialogue starts from.

    Components are keyed by statement id so that new statements extend them; the base centres,
    the group clusterings per k and the k smoother make the next run a continuation rather
    than a fresh start; the in-conv set only grows; ``group_of`` lets the next run keep group ids.
    """

    components: dict[int, Point] = field(default_factory=dict)
    base_centres: list[Point] = field(default_factory=list)
    group_centres: dict[int, list[Point]] = field(default_factory=dict)
    k_shown: int | None = None
    k_candidate: int | None = None
    k_streak: int = 0
    in_conv: list[int] = field(default_factory=list)
    group_of: dict[int, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "components": {
                str(k): [_round(v[0]), _round(v[1])] for k, v in self.components.items()
            },
            "base_centres": _points_to_json(self.base_centres),
            "group_centres": {str(k): _points_to_json(v) for k, v in self.group_centres.items()},
            "k_shown": self.k_shown,
            "k_candidate": self.k_candidate,
            "k_streak": self.k_streak,
            "in_conv": list(self.in_conv),
            "group_of": {str(k): v for k, v in self.group_of.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        return cls(
            components={int(k): _point(v) for k, v in data["components"].items()},
            base_centres=[_point(p) for p in data["base_centres"]],
            group_centres={
                int(k): [_point(p) for p in v] for k, v in data["group_centres"].items()
            },
            k_shown=data["k_shown"],
            k_candidate=data["k_candidate"],
            k_streak=int(data["k_streak"]),
            in_conv=[int(p) for p in data["in_conv"]],
            group_of={int(k): int(v) for k, v in data["group_of"].items()},
        )


@dataclass(frozen=True)
class Analysis:
    """The opinion map of one dialogue at one moment (see docs/dialogue-method.md)."""

    participants: list[int]
    placed: list[int]
    projection: dict[int, Point]
    group_of: dict[int, int | None]
    groups: list[Group]
    votes_by_group: dict[int, list[tuple[int, int, int]]]
    consensus_agree: list[int]
    consensus_disagree: list[int]
    bridging: list[tuple[int, float]]
    priorities: dict[int, float]
    k: int
    n_votes: int
    state: State

    def to_json(self) -> dict[str, Any]:
        return {
            "participants": list(self.participants),
            "placed": list(self.placed),
            "projection": {str(p): [_round(x), _round(y)] for p, (x, y) in self.projection.items()},
            "group_of": {str(p): g for p, g in self.group_of.items()},
            "groups": [g.to_json() for g in self.groups],
            "votes_by_group": {
                str(s): [list(c) for c in counts] for s, counts in self.votes_by_group.items()
            },
            "consensus_agree": list(self.consensus_agree),
            "consensus_disagree": list(self.consensus_disagree),
            "bridging": [[s, _round(v)] for s, v in self.bridging],
            "priorities": {str(s): _round(v) for s, v in self.priorities.items()},
            "k": self.k,
            "n_votes": self.n_votes,
            "state": self.state.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            participants=[int(p) for p in data["participants"]],
            placed=[int(p) for p in data["placed"]],
            projection={int(p): _point(v) for p, v in data["projection"].items()},
            group_of={int(p): None if g is None else int(g) for p, g in data["group_of"].items()},
            groups=[Group.from_json(g) for g in data["groups"]],
            votes_by_group={
                int(s): [cast(tuple[int, int, int], tuple(int(n) for n in c)) for c in counts]
                for s, counts in data["votes_by_group"].items()
            },
            consensus_agree=[int(s) for s in data["consensus_agree"]],
            consensus_disagree=[int(s) for s in data["consensus_disagree"]],
            bridging=[(int(s), float(v)) for s, v in data["bridging"]],
            priorities={int(s): float(v) for s, v in data["priorities"].items()},
            k=int(data["k"]),
            n_votes=int(data["n_votes"]),
            state=State.from_json(data["state"]),
        )
