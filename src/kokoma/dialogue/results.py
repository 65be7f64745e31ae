"""What the results page shows: the map, each group with its representative statements and the
statements that bridge the groups, in words and figures (the table alternative of the map)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokoma.core.spreadsheet import neutralise

from .analysis import Analysis
from .map_svg import SHAPES, group_colour, group_label, opinion_map_svg
from .models import Dialogue, Statement, Vote, VoteValue

BRIDGING_SHOWN = 5
SHAPE_LABELS = {
    "circle": gettext_lazy("circle"),
    "square": gettext_lazy("square"),
    "triangle": gettext_lazy("triangle"),
    "diamond": gettext_lazy("diamond"),
    "cross": gettext_lazy("cross"),
}


@dataclass(frozen=True)
class Bar:
    """Agree / disagree / pass of one group (or everyone) on one statement."""

    label: str
    agree: int
    disagree: int
    passed: int

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passed

    def _share(self, count: int) -> int:
        return round(100 * count / self.total) if self.total else 0

    @property
    def agree_pct(self) -> int:
        return self._share(self.agree)

    @property
    def disagree_pct(self) -> int:
        return self._share(self.disagree)

    @property
    def pass_pct(self) -> int:
        return max(0, 100 - self.agree_pct - self.disagree_pct) if self.total else 0


@dataclass(frozen=True)
class Representative:
    statement: Statement
    side: str
    bar: Bar


@dataclass
class GroupView:
    index: int
    label: str
    colour: str
    shape: str
    size: int
    representative: list[Representative] = field(default_factory=list)


@dataclass(frozen=True)
class Bridge:
    statement: Statement
    score: float
    bars: list[Bar]


@dataclass
class Results:
    svg: str
    groups: list[GroupView]
    bridging: list[Bridge]
    consensus_agree: list[Statement]
    consensus_disagree: list[Statement]
    n_participants: int
    n_placed: int
    n_votes: int
    my_group: str | None


def _bars(analysis: Analysis, statement_id: int, labels: Sequence[str]) -> list[Bar]:
    counts = analysis.votes_by_group.get(statement_id, [])
    return [Bar(label, *count) for label, count in zip(labels, counts, strict=False)]


def _bridges(bars: Sequence[Bar]) -> bool:
    """Every group leans towards agreeing (its estimated agree probability is over one half, as
    in the group-informed consensus) – a high product alone can come from one keen group."""
    return bool(bars) and all((bar.agree + 1) / (bar.total + 2) > 0.5 for bar in bars)


def build_results(dialogue: Dialogue, analysis: Analysis, *, me: int | None) -> Results:
    statements = {s.pk: s for s in dialogue.statements.all()}
    labels = [_("Group %(label)s") % {"label": group_label(i)} for i in range(len(analysis.groups))]
    groups: list[GroupView] = []
    for index, group in enumerate(analysis.groups):
        view = GroupView(
            index=index,
            label=labels[index],
            colour=group_colour(index),
            shape=str(SHAPE_LABELS[SHAPES[index % len(SHAPES)]]),
            size=group.size,
        )
        for rep in group.representative:
            if rep.statement_id in statements:
                bars = _bars(analysis, rep.statement_id, labels)
                bar = bars[index] if index < len(bars) else Bar(labels[index], 0, 0, 0)
                view.representative.append(
                    Representative(statements[rep.statement_id], rep.side, bar)
                )
        groups.append(view)
    bridging = [
        Bridge(statements[sid], score, bars)
        for sid, score in analysis.bridging
        if sid in statements
        and not statements[sid].is_meta
        and _bridges(bars := _bars(analysis, sid, labels))
    ][:BRIDGING_SHOWN]
    my_group = analysis.group_of.get(me) if me is not None else None
    index_of = {group.id: i for i, group in enumerate(analysis.groups)}
    title = _("Opinion map: %(question)s") % {"question": dialogue.question}
    description = _(
        "%(placed)d participants placed by how they voted, in %(groups)d groups; people who "
        "voted alike are close to each other. The groups and their statements follow as text."
    ) % {"placed": len(analysis.projection), "groups": len(analysis.groups)}
    return Results(
        svg=opinion_map_svg(analysis, title=title, description=description, me=me),
        groups=groups,
        bridging=bridging,
        consensus_agree=[statements[s] for s in analysis.consensus_agree if s in statements],
        consensus_disagree=[statements[s] for s in analysis.consensus_disagree if s in statements],
        n_participants=len(analysis.participants),
        n_placed=len(analysis.placed),
        n_votes=analysis.n_votes,
        my_group=labels[index_of[my_group]] if my_group in index_of else None,
    )


def result_rows(dialogue: Dialogue, analysis: Analysis | None) -> Iterator[list[object]]:
    """The results as table rows (the CSV): a header, then every statement with its votes overall
    and per group, the group it sets apart and its bridging score; text cells that look like a
    formula are neutralised."""
    labels = (
        [_("Group %(label)s") % {"label": group_label(i)} for i in range(len(analysis.groups))]
        if analysis
        else []
    )
    apart = (
        {
            r.statement_id: (labels[i], r.side)
            for i, g in enumerate(analysis.groups)
            for r in g.representative
        }
        if analysis
        else {}
    )
    bridging = dict(analysis.bridging) if analysis else {}
    choices = [_("Agree"), _("Disagree"), _("Pass / unsure")]
    yield [
        _("No."),
        _("Statement"),
        _("Status"),
        _("Meta statement"),
        *choices,
        *(f"{label}: {choice}" for label in labels for choice in choices),
        _("Sets apart"),
        _("Bridging score"),
    ]
    tallies = _tallies(dialogue)
    for statement in dialogue.statements.order_by("number"):
        counts = analysis.votes_by_group.get(statement.pk, []) if analysis else []
        per_group = [n for count in counts for n in count]
        group, side = apart.get(statement.pk, ("", ""))
        yield [
            statement.number,
            neutralise(statement.text),
            statement.get_status_display(),
            _("yes") if statement.is_meta else _("no"),
            *tallies.get(statement.pk, (0, 0, 0)),
            *per_group,
            *[""] * (3 * len(labels) - len(per_group)),
            f"{group} ({_('agree') if side == 'agree' else _('disagree')})" if group else "",
            f"{bridging[statement.pk]:.3f}".replace(".", ",") if statement.pk in bridging else "",
        ]


def _tallies(dialogue: Dialogue) -> dict[int, tuple[int, int, int]]:
    """Agree, disagree and pass votes per statement, all participants (placed or not)."""
    rows = (
        Vote.objects.filter(dialogue=dialogue)
        .values("statement_id")
        .annotate(
            agree=Count("id", filter=Q(value=VoteValue.AGREE)),
            disagree=Count("id", filter=Q(value=VoteValue.DISAGREE)),
            passed=Count("id", filter=Q(value=VoteValue.PASS)),
        )
    )
    return {r["statement_id"]: (r["agree"], r["disagree"], r["passed"]) for r in rows}
