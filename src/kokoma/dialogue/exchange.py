"""The Pol.is exchange format: a dialogue exported as Pol.is exports a conversation, and a Pol.is
export imported as a new dialogue (kokoma.dialogue.polis_io reads and writes the files).

Statement and participant ids in the files are the dialogue's own numbers (`number`); statements
written by a facilitator carry the author id -1 (no participant).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import record
from kokoma.municipalities.models import Municipality

from . import polis_io, services
from .models import (
    IMPORTED_MAX_LENGTH,
    Dialogue,
    Participant,
    Statement,
    StatementStatus,
    Vote,
)
from .opinion_map import current_map

FACILITATOR = -1


def _millis(moment: datetime.datetime) -> int:
    return int(moment.timestamp() * 1000)


def _moment(millis: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(millis / 1000, tz=datetime.UTC)


def _moderated(statement: Statement) -> int:
    if statement.status == StatementStatus.REJECTED:
        return -1
    return 1 if statement.status == StatementStatus.ACCEPTED else 0


def export_files(dialogue: Dialogue) -> dict[str, str]:
    """The dialogue's four files in Pol.is's format, with the groups of its current map."""
    numbers = dict(dialogue.participants.values_list("pk", "number"))
    comments = [
        polis_io.Comment(
            id=statement.number,
            text=statement.text,
            author_id=numbers.get(statement.submitted_by_id or 0, FACILITATOR),
            moderated=_moderated(statement),
            is_meta=statement.is_meta,
            created=_millis(statement.created_at),
        )
        for statement in dialogue.statements.order_by("number")
    ]
    votes = [
        polis_io.Vote(
            timestamp=_millis(changed),
            participant_id=numbers[participant],
            statement_id=number,
            value=value,
        )
        for participant, number, value, changed in Vote.objects.filter(dialogue=dialogue)
        .order_by("updated_at", "id")
        .values_list("participant_id", "statement__number", "value", "updated_at")
    ]
    analysis = current_map(dialogue)
    if analysis is not None:
        analysis = replace(
            analysis,
            group_of={numbers[pk]: g for pk, g in analysis.group_of.items() if pk in numbers},
        )
    summary = {"topic": dialogue.question, "conversation-description": dialogue.introduction}
    return polis_io.write_polis_export(comments, votes, analysis, summary=summary)


def export_zip(dialogue: Dialogue, *, by: User) -> bytes:
    """The four files in one ZIP archive; the export is audited."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in export_files(dialogue).items():
            archive.writestr(name, text)
    record(
        by=by,
        action=AuditAction.VIEW,
        obj=dialogue,
        municipality=dialogue.municipality,
        changes={"export": "polis"},
    )
    return buffer.getvalue()


@dataclass
class ImportReport:
    dialogue: Dialogue
    statements: int = 0
    participants: int = 0
    votes: int = 0
    problems: list[polis_io.Problem] = field(default_factory=list)


def read_files(files: Mapping[str, bytes]) -> polis_io.PolisExport:
    return polis_io.read_polis_export(files)


@transaction.atomic
def import_export(
    export: polis_io.PolisExport,
    *,
    municipality: Municipality,
    by: User,
    question: str,
) -> ImportReport:
    """A new public dialogue holding the export's statements, participants and votes; rows the
    reader refused are in the report, every good row is kept."""
    problems = list(export.problems)
    comments = []
    for comment in export.comments:
        if not comment.text.strip() or len(comment.text) > IMPORTED_MAX_LENGTH:
            problems.append(
                polis_io.Problem(
                    polis_io.COMMENTS,
                    0,
                    _("Statement %(id)s is empty or longer than %(limit)d characters; left out.")
                    % {"id": comment.id, "limit": IMPORTED_MAX_LENGTH},
                )
            )
            continue
        comments.append(comment)
    if not comments:
        raise ValidationError(
            _("The export holds no statement that could be read; nothing was imported.")
        )
    stamps = [c.created for c in comments if c.created] + [v.timestamp for v in export.votes]
    opened = _moment(min(stamps)) if stamps else timezone.now()
    dialogue = services.open_dialogue(
        municipality=municipality,
        by=by,
        question=question,
        opens_at=min(opened, timezone.now()),
        allow_submissions=False,
    )
    report = ImportReport(dialogue=dialogue, problems=problems)
    _import_rows(dialogue, comments, export.votes, report)
    return report


def _import_rows(
    dialogue: Dialogue,
    comments: list[polis_io.Comment],
    votes: list[polis_io.Vote],
    report: ImportReport,
) -> None:
    authors = sorted({c.author_id for c in comments if c.author_id >= 0})
    participants = _participants(dialogue, authors)
    statements = Statement.objects.bulk_create(
        Statement(
            dialogue=dialogue,
            number=c.id,
            text=" ".join(c.text.split()),
            status=StatementStatus.REJECTED if c.moderated == -1 else StatementStatus.ACCEPTED,
            rejection_reason=_("hidden in Pol.is") if c.moderated == -1 else "",
            is_meta=bool(c.is_meta),
            submitted_by=participants.get(c.author_id),
            created_at=_moment(c.created) if c.created else dialogue.opens_at,
        )
        for c in comments
    )
    report.statements = len(statements)
    report.votes = import_votes(dialogue, votes)
    report.participants = dialogue.participants.count()


def _participants(dialogue: Dialogue, numbers: list[int]) -> dict[int, Participant]:
    """The dialogue's participants with these numbers, the missing ones created (without a
    browser token or account: they took part elsewhere)."""
    known = {p.number: p for p in dialogue.participants.filter(number__in=numbers)}
    Participant.objects.bulk_create(
        Participant(dialogue=dialogue, number=n) for n in numbers if n not in known
    )
    return {p.number: p for p in dialogue.participants.filter(number__in=numbers)}


@transaction.atomic
def import_votes(dialogue: Dialogue, votes: list[polis_io.Vote]) -> int:
    """Votes cast elsewhere (participant and statement by their numbers, time in milliseconds,
    chronological), written in bulk: per participant and statement the latest counts, the first
    fixes its place in the order. Votes on statements the dialogue does not have are left out.
    Returns the number of votes written."""
    statements = {s.number: s for s in dialogue.statements.all()}
    first: dict[tuple[int, int], int] = {}
    latest: dict[tuple[int, int], polis_io.Vote] = {}
    for vote in votes:
        if vote.statement_id not in statements:
            continue
        key = (vote.participant_id, vote.statement_id)
        first.setdefault(key, vote.timestamp)
        latest[key] = vote
    participants = _participants(dialogue, sorted({pid for pid, _sid in latest}))
    rows = [
        Vote(
            dialogue=dialogue,
            participant=participants[pid],
            statement=statements[sid],
            value=vote.value,
            created_at=_moment(first[(pid, sid)]),
            updated_at=_moment(vote.timestamp),
        )
        for (pid, sid), vote in sorted(latest.items(), key=lambda item: first[item[0]])
    ]
    Vote.objects.bulk_create(
        rows,
        batch_size=5000,
        update_conflicts=True,
        unique_fields=["participant", "statement"],
        update_fields=["value", "updated_at"],
    )
    transaction.on_commit(lambda: services.schedule_map(dialogue.pk))
    return len(rows)
