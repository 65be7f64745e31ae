"""Reading and writing Pol.is exports (comments.csv, votes.csv, participants-votes.csv, summary.csv).

The reader is forgiving by design: an export from elsewhere is imported for what it holds, so a bad
row becomes a ``Problem`` naming its file and line, and every good row is kept. Only a missing
required column costs a whole file.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from django.utils.translation import gettext

from kokoma.core.spreadsheet import neutralise, restore
from kokoma.dialogue.analysis import Analysis, State, analyse, build_matrix

COMMENTS = "comments.csv"
VOTES = "votes.csv"
PARTICIPANTS = "participants-votes.csv"
SUMMARY = "summary.csv"
FILES = (COMMENTS, VOTES, PARTICIPANTS, SUMMARY)

COMMENT_COLUMNS = [
    "timestamp",
    "datetime",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
]
VOTE_COLUMNS = ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
PARTICIPANT_COLUMNS = [
    "participant",
    "xid",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
]
REQUIRED = {
    COMMENTS: ("comment-id", "author-id", "moderated", "comment-body"),
    VOTES: ("timestamp", "comment-id", "voter-id", "vote"),
    PARTICIPANTS: ("participant", "group-id"),
}


@dataclass(frozen=True)
class Comment:
    id: int
    text: str
    author_id: int
    moderated: int
    is_meta: bool | None = None
    created: int | None = None


@dataclass(frozen=True)
class Vote:
    timestamp: int
    participant_id: int
    statement_id: int
    value: int


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str


@dataclass
class PolisExport:
    comments: list[Comment] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    groups: dict[int, int | None] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _RowError(ValueError):
    """A row that cannot be read; the message is already translated."""


# --- reading ------------------------------------------------------------------------------


def read_polis_dir(path: str | Path) -> PolisExport:
    """Read an export folder; raises ``FileNotFoundError`` if ``path`` is not a folder."""
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(path)
    files = {name: (folder / name).read_bytes() for name in FILES if (folder / name).is_file()}
    return read_polis_export(files)


def read_polis_export(files: Mapping[str, bytes | str]) -> PolisExport:
    """Read an export from its files' contents keyed by file name (see the module docstring)."""
    export = PolisExport()
    for name in (COMMENTS, VOTES):
        if name not in files:
            export.problems.append(Problem(name, 0, gettext("The file is missing.")))
    texts = {name: _decode(name, files[name], export.problems) for name in FILES if name in files}
    comments = texts.get(COMMENTS)
    if comments is not None:
        export.comments = _read_rows(COMMENTS, comments, _comment_reader(), export.problems)
    known = {c.id for c in export.comments} if COMMENTS in files else None
    if (votes := texts.get(VOTES)) is not None:
        export.votes = _read_rows(VOTES, votes, _vote_reader(known), export.problems)
        export.votes.sort(key=lambda v: v.timestamp)
    if (participants := texts.get(PARTICIPANTS)) is not None:
        people = {v.participant_id for v in export.votes} | {c.author_id for c in export.comments}
        reader = _group_reader(people if VOTES in files else None)
        export.groups = dict(_read_rows(PARTICIPANTS, participants, reader, export.problems))
    if (summary := texts.get(SUMMARY)) is not None:
        export.summary = _read_summary(summary, export.problems)
    return export


def _decode(name: str, content: bytes | str, problems: list[Problem]) -> str | None:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(name, 0, gettext("The file is not UTF-8 text.")))
        return None


Row = TypeVar("Row")


def _read_rows(
    name: str,
    text: str,
    parse: Callable[[dict[str, str]], Row],
    problems: list[Problem],
) -> list[Row]:
    """Parse every data row; a bad row becomes a problem on its line and the rest is kept."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error:
        problems.append(Problem(name, 1, gettext("The file is not a CSV table.")))
        return []
    missing = [c for c in REQUIRED.get(name, ()) if c not in header]
    if missing:
        message = gettext("Required column missing: %(columns)s") % {"columns": ", ".join(missing)}
        problems.append(Problem(name, 1, message))
        return []
    rows: list[Row] = []
    for line, row in _numbered(reader, name, problems):
        try:
            rows.append(parse(row))
        except _RowError as error:
            problems.append(Problem(name, line, str(error)))
    return rows


def _numbered(
    reader: csv.DictReader[str], name: str, problems: list[Problem]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with the line each starts on (a comment's text may span several lines); a line the
    CSV reader refuses (a NUL byte, say) is a problem and reading goes on after it."""
    lines = reader.reader  # DictReader's own line_num lags behind after an error
    start = lines.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            problems.append(Problem(name, start, gettext("The line is not valid CSV.")))
            if lines.line_num < start:
                return
            start = lines.line_num + 1
            continue
        yield start, row
        start = lines.line_num + 1


def _integer(row: Mapping[str, str | None], column: str) -> int:
    value = (row.get(column) or "").strip()
    try:
        return int(value)
    except ValueError:
        message = gettext("“%(value)s” in column %(column)s is not a whole number.")
        raise _RowError(message % {"value": value, "column": column}) from None


def _optional_integer(row: Mapping[str, str | None], column: str) -> int | None:
    return _integer(row, column) if (row.get(column) or "").strip() else None


def _comment_reader() -> Callable[[dict[str, str]], Comment]:
    seen: set[int] = set()

    def parse(row: dict[str, str]) -> Comment:
        moderated = _integer(row, "moderated")
        if moderated not in (-1, 0, 1):
            raise _RowError(gettext("Moderation must be -1, 0 or 1."))
        meta = (row.get("is-meta") or "").strip().lower()
        comment = Comment(
            id=_integer(row, "comment-id"),
            text=restore(row.get("comment-body") or ""),
            author_id=_integer(row, "author-id"),
            moderated=moderated,
            is_meta=None if not meta else meta in ("1", "true", "t", "yes"),
            created=_optional_integer(row, "timestamp"),
        )
        if comment.id in seen:
            message = gettext("Statement %(id)s appears a second time; the first is kept.")
            raise _RowError(message % {"id": comment.id})
        seen.add(comment.id)
        return comment

    return parse


def _vote_reader(known: set[int] | None) -> Callable[[dict[str, str]], Vote]:
    def parse(row: dict[str, str]) -> Vote:
        vote = Vote(
            timestamp=_integer(row, "timestamp"),
            participant_id=_integer(row, "voter-id"),
            statement_id=_integer(row, "comment-id"),
            value=_integer(row, "vote"),
        )
        if vote.value not in (-1, 0, 1):
            raise _RowError(gettext("A vote must be -1, 0 or 1."))
        if known is not None and vote.statement_id not in known:
            message = gettext("Statement %(id)s is not in comments.csv.")
            raise _RowError(message % {"id": vote.statement_id})
        return vote

    return parse


def _group_reader(known: set[int] | None) -> Callable[[dict[str, str]], tuple[int, int | None]]:
    def parse(row: dict[str, str]) -> tuple[int, int | None]:
        participant = _integer(row, "participant")
        if known is not None and participant not in known:
            message = gettext("Participant %(id)s has no vote in votes.csv and wrote no statement.")
            raise _RowError(message % {"id": participant})
        return participant, _optional_integer(row, "group-id")

    return parse


def _read_summary(text: str, problems: list[Problem]) -> dict[str, str]:
    """summary.csv has no header: each row is a key and its value."""
    summary = {}
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            if len(row) >= 2:
                summary[row[0]] = row[1]
    except csv.Error:
        problems.append(Problem(SUMMARY, 0, gettext("The file is not a CSV table.")))
    return summary


# --- analysing ----------------------------------------------------------------------------


def analyse_export(export: PolisExport, *, state: State | None = None) -> Analysis:
    """The opinion map of an export: rejected (-1) and meta statements are moderated out."""
    meta = [c.id for c in export.comments if c.is_meta]
    rejected = [c.id for c in export.comments if c.moderated == -1]
    matrix = build_matrix(
        [v.participant_id for v in export.votes],
        [v.statement_id for v in export.votes],
        [v.value for v in export.votes],
        statements=[c.id for c in export.comments],
    )
    return analyse(matrix, moderated_out=rejected + meta, meta=meta, state=state)


# --- writing ------------------------------------------------------------------------------


def write_polis_export(
    comments: Sequence[Comment],
    votes: Sequence[Vote],
    analysis: Analysis | None,
    *,
    summary: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The four files of an export in Pol.is's column format; group-id comes from ``analysis``.

    ``votes`` are written as given (every vote, chronologically); the counts and the
    participants' table use the latest vote per participant and statement, as Pol.is does.
    """
    ordered = sorted(votes, key=lambda v: v.timestamp)
    latest = {(v.participant_id, v.statement_id): v.value for v in ordered}
    return {
        COMMENTS: _comments_csv(comments, latest),
        VOTES: _table(
            VOTE_COLUMNS,
            (
                [v.timestamp, _when(v.timestamp), v.statement_id, v.participant_id, v.value]
                for v in ordered
            ),
        ),
        PARTICIPANTS: _participants_csv(comments, latest, analysis),
        SUMMARY: _summary_csv(comments, latest, analysis, summary or {}),
    }


def _when(timestamp: int | None) -> str:
    if timestamp is None:
        return ""
    moment = datetime.fromtimestamp(timestamp / 1000, tz=UTC)
    return moment.strftime("%a %b %d %H:%M:%S UTC %Y")


def _table(header: Sequence[str], rows: Iterator[Sequence[object]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return out.getvalue()


def _comments_csv(comments: Sequence[Comment], latest: Mapping[tuple[int, int], int]) -> str:
    tally = Counter((s, value) for (_, s), value in latest.items())
    with_meta = any(c.is_meta is not None for c in comments)
    header = COMMENT_COLUMNS + (["is-meta"] if with_meta else [])
    rows = (
        [
            c.created,
            _when(c.created),
            c.id,
            c.author_id,
            tally[(c.id, 1)],
            tally[(c.id, -1)],
            c.moderated,
            neutralise(c.text),
            *([] if not with_meta else ["" if c.is_meta is None else str(c.is_meta).lower()]),
        ]
        for c in comments
    )
    return _table(header, rows)


def _participants_csv(
    comments: Sequence[Comment], latest: Mapping[tuple[int, int], int], analysis: Analysis | None
) -> str:
    statements = sorted({c.id for c in comments} | {s for _, s in latest})
    # a negative author is no participant (KoKoMa's facilitators write seed statements as -1)
    authored = Counter(c.author_id for c in comments if c.author_id >= 0)
    by_participant: dict[int, dict[int, int]] = {}
    for (participant, statement), value in latest.items():
        by_participant.setdefault(participant, {})[statement] = value
    groups = analysis.group_of if analysis else {}
    rows = []
    for participant in sorted(set(by_participant) | set(authored)):
        own = by_participant.get(participant, {})
        values = list(own.values())
        rows.append(
            [
                participant,
                "",
                groups.get(participant),
                authored[participant],
                len(values),
                values.count(1),
                values.count(-1),
                *(own.get(s) for s in statements),
            ]
        )
    return _table(PARTICIPANT_COLUMNS + [str(s) for s in statements], iter(rows))


def _summary_csv(
    comments: Sequence[Comment],
    latest: Mapping[tuple[int, int], int],
    analysis: Analysis | None,
    given: Mapping[str, str],
) -> str:
    """Given values win; the counts Pol.is reports are filled in where none were given."""
    counted = {
        "voters": str(len({p for p, _ in latest})),
        "voters-in-conv": str(len(analysis.placed)) if analysis else "",
        "commenters": str(len({c.author_id for c in comments if c.author_id >= 0})),
        "comments": str(len(comments)),
        "groups": str(analysis.k) if analysis else "",
    }
    rows = dict(given)
    for key, value in counted.items():
        if key not in rows and value:
            rows[key] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows.items())
    return out.getvalue()
