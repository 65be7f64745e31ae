"""Opening and moderating dialogues, taking part in them, and turning a bridging statement into a
draft agreement of the case."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.cases.models import Agreement, Case, CaseTeamMember
from kokoma.cases.services.processing import add_agreement
from kokoma.core.messages import message
from kokoma.municipalities.models import Municipality
from kokoma.notifications.services import notify

from . import texts
from .analysis import choose_next
from .models import (
    STATEMENT_MAX_LENGTH,
    Dialogue,
    MapResult,
    Participant,
    Statement,
    StatementStatus,
    Vote,
    VoteValue,
    new_key,
)

N = TypeVar("N", Statement, Participant)


def manage_url(dialogue: Dialogue) -> str:
    return reverse("dialogue:manage", kwargs={"dialogue_id": dialogue.pk})


def facilitators(dialogue: Dialogue) -> list[User]:
    """Who moderates: the municipality's tandem, and for a case dialogue the case team too."""
    tandem = Membership.objects.companions().filter(municipality=dialogue.municipality_id)
    people = Q(pk__in=tandem.values("user"))
    if dialogue.case_id is not None:
        people |= Q(pk__in=CaseTeamMember.objects.filter(case=dialogue.case_id).values("user"))
    return list(User.objects.filter(people, is_active=True))


def _check_text(text: str, dialogue: Dialogue, field: str = "text") -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError({field: _("Please write a statement.")})
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            {
                field: _("A statement may have at most %(limit)d characters; this one has %(n)d.")
                % {"limit": STATEMENT_MAX_LENGTH, "n": len(text)}
            }
        )
    if (
        dialogue.statements.filter(text__iexact=text)
        .exclude(status=StatementStatus.REJECTED)
        .exists()
    ):
        raise ValidationError({field: _("This statement is already part of the dialogue.")})
    return text


def _numbered(dialogue: Dialogue, model: type[N], build: Callable[[int], N]) -> N:
    """Save `build(number)` with the dialogue's next number for `model` (0, 1, 2 …); a number
    taken by a concurrent request meanwhile is retried with the next one."""
    for _attempt in range(5):
        highest = model.objects.filter(dialogue=dialogue).aggregate(top=Max("number"))["top"]
        obj = build(0 if highest is None else highest + 1)
        try:
            with transaction.atomic():
                obj.save()
            return obj
        except IntegrityError:
            continue
    raise IntegrityError(f"no free number for a {model.__name__} of dialogue {dialogue.pk}")


@transaction.atomic
def open_dialogue(
    *,
    municipality: Municipality,
    by: User,
    case: Case | None = None,
    seeds: Iterable[str] = (),
    **fields: Any,
) -> Dialogue:
    """Open a dialogue (public, or inside `case`) with its first statements."""
    if case is not None and case.municipality_id != municipality.pk:
        raise ValidationError(_("The case belongs to another municipality."))
    dialogue = Dialogue(municipality=municipality, case=case, created_by=by, **fields)
    _check_dates(dialogue)
    save_audited(dialogue, by=by, municipality=municipality)
    for text in seeds:
        if text.strip():
            add_statement(dialogue, by=by, text=text)
    return dialogue


def _check_dates(dialogue: Dialogue) -> None:
    if dialogue.closes_at is not None and dialogue.closes_at <= dialogue.opens_at:
        raise ValidationError({"closes_at": _("The dialogue must close after it opens.")})


@transaction.atomic
def change_dialogue(dialogue: Dialogue, *, by: User, **changes: Any) -> Dialogue:
    locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    changed = assign(stored(locked), changes)
    _check_dates(changed)
    return save_audited(changed, by=by, municipality=dialogue.municipality)


@transaction.atomic
def close_dialogue(dialogue: Dialogue, *, by: User) -> Dialogue:
    locked = stored(Dialogue.objects.select_for_update().get(pk=dialogue.pk))
    if locked.closed_at is not None:
        return locked
    locked.closed_at = timezone.now()
    return save_audited(locked, by=by, municipality=dialogue.municipality)


@transaction.atomic
def renew_link(dialogue: Dialogue, *, by: User) -> Dialogue:
    """A new participation link; the old one stops working (e.g. it reached the wrong people)."""
    locked = stored(Dialogue.objects.select_for_update().get(pk=dialogue.pk))
    locked.key = new_key()
    return save_audited(locked, by=by, municipality=dialogue.municipality)


@transaction.atomic
def add_statement(dialogue: Dialogue, *, by: User, text: str, is_meta: bool = False) -> Statement:
    """A facilitator's statement: accepted at once (a seed statement)."""
    text = _check_text(text, dialogue)
    statement = _numbered(
        dialogue,
        Statement,
        lambda number: Statement(
            dialogue=dialogue,
            number=number,
            text=text,
            is_meta=is_meta,
            status=StatementStatus.ACCEPTED,
            seed=True,
            created_by=by,
            moderated_by=by,
            moderated_at=timezone.now(),
        ),
    )
    record(by=by, action=AuditAction.CREATE, obj=statement, municipality=dialogue.municipality)
    return statement


def _check_open(dialogue: Dialogue) -> None:
    if dialogue.state == Dialogue.State.UPCOMING:
        raise ValidationError(_("This dialogue has not opened yet."))
    if dialogue.state == Dialogue.State.CLOSED:
        raise ValidationError(_("This dialogue is closed; no more votes or statements are taken."))


@transaction.atomic
def submit_statement(dialogue: Dialogue, participant: Participant, *, text: str) -> Statement:
    """A participant's statement: it waits for moderation; the facilitators are told."""
    _check_open(dialogue)
    if not dialogue.allow_submissions:
        raise ValidationError(_("In this dialogue, only the facilitators add statements."))
    text = _check_text(text, dialogue)
    statement = _numbered(
        dialogue,
        Statement,
        lambda number: Statement(
            dialogue=dialogue,
            number=number,
            text=text,
            submitted_by=participant,
            created_by=participant.user,
        ),
    )
    notify(
        facilitators(dialogue),
        message=message(texts.SUBMITTED, dialogue=dialogue.question[:80]),
        link=manage_url(dialogue),
    )
    return statement


@transaction.atomic
def moderate(
    statement: Statement,
    *,
    by: User,
    status: str | None = None,
    reason: str = "",
    is_meta: bool | None = None,
) -> Statement:
    """Accept or reject (with a reason) a statement, or mark it as a meta statement."""
    changes: dict[str, Any] = {"moderated_by": by, "moderated_at": timezone.now()}
    if status is not None:
        if status not in StatementStatus.values or status == StatementStatus.PENDING:
            raise ValidationError(_("Unknown moderation decision."))
        reason = " ".join(reason.split())
        if status == StatementStatus.REJECTED and not reason:
            raise ValidationError({"reason": _("Please give a reason for rejecting it.")})
        changes["status"] = status
        changes["rejection_reason"] = reason if status == StatementStatus.REJECTED else ""
    if is_meta is not None:
        changes["is_meta"] = is_meta
    locked = Statement.objects.select_for_update().get(pk=statement.pk)
    saved = save_audited(
        assign(stored(locked), changes), by=by, municipality=statement.dialogue.municipality
    )
    schedule_map(statement.dialogue_id)
    return saved


def token_hash(dialogue: Dialogue, token: str) -> str:
    """The stored form of an anonymous participant's cookie token: keyed per dialogue, so the
    same browser's participations in two dialogues cannot be linked in the database."""
    return salted_hmac(
        "kokoma.dialogue.participant", f"{dialogue.pk}:{token}", algorithm="sha256"
    ).hexdigest()


def find_participant(
    dialogue: Dialogue, *, user: User | None = None, token: str = ""
) -> Participant | None:
    if user is not None and user.is_authenticated:
        return Participant.objects.filter(dialogue=dialogue, user=user).first()
    if token:
        return Participant.objects.filter(
            dialogue=dialogue, token_hash=token_hash(dialogue, token)
        ).first()
    return None


def join(dialogue: Dialogue, *, user: User | None = None, token: str = "") -> Participant:
    """The participant for this user or browser token, created on their first vote."""
    found = find_participant(dialogue, user=user, token=token)
    if found is not None:
        return found
    known = user is not None and user.is_authenticated
    if not known and not token:
        raise ValueError("an anonymous participant needs a token")
    try:
        return _numbered(
            dialogue,
            Participant,
            lambda number: Participant(
                dialogue=dialogue,
                number=number,
                user=user if known else None,
                token_hash=None if known else token_hash(dialogue, token),
            ),
        )
    except IntegrityError:
        # the same browser's concurrent first vote created it meanwhile
        again = find_participant(dialogue, user=user, token=token)
        if again is None:
            raise
        return again


def cast_vote(
    dialogue: Dialogue, participant: Participant, *, statement_id: int, value: int
) -> Vote:
    """Store (or change) one vote: one row per participant and statement, one small write."""
    _check_open(dialogue)
    if value not in VoteValue.values:
        raise ValidationError(_("A vote is agree, disagree or pass."))
    statement = dialogue.statements.filter(pk=statement_id).first()
    if statement is None or not statement.votable:
        raise ValidationError(_("This statement is not open for votes."))
    now = timezone.now()
    Vote.objects.bulk_create(
        [
            Vote(
                dialogue=dialogue,
                participant=participant,
                statement=statement,
                value=value,
                created_at=now,
                updated_at=now,
            )
        ],
        update_conflicts=True,
        unique_fields=["participant", "statement"],
        update_fields=["value", "updated_at"],
    )
    transaction.on_commit(lambda: schedule_map(dialogue.pk))
    return Vote.objects.get(participant=participant, statement=statement)


@transaction.atomic
def vote_as(
    dialogue: Dialogue,
    *,
    user: User | None = None,
    token: str = "",
    statement_id: int,
    value: int,
) -> Vote:
    """A vote of a user or a browser (its token), who joins with their first vote; a refused
    vote stores nothing, not even the participant."""
    participant = join(dialogue, user=user, token=token)
    return cast_vote(dialogue, participant, statement_id=statement_id, value=value)


@transaction.atomic
def submit_as(
    dialogue: Dialogue, *, user: User | None = None, token: str = "", text: str
) -> Statement:
    """`submit_statement` for a user or a browser, who joins with it (nothing stored if refused)."""
    return submit_statement(dialogue, join(dialogue, user=user, token=token), text=text)


def votable(dialogue: Dialogue) -> models.QuerySet[Statement]:
    return dialogue.statements.filter(status=StatementStatus.ACCEPTED)


def next_statement(
    dialogue: Dialogue, participant: Participant | None, rng: random.Random | None = None
) -> Statement | None:
    """The statement to show next: unseen by the participant, drawn by the map's priorities
    (few votes and much information first, as Pol.is does)."""
    candidates = votable(dialogue)
    if participant is not None:
        candidates = candidates.exclude(votes__participant=participant)
    ids: Sequence[int] = list(candidates.values_list("pk", flat=True))
    stored = MapResult.objects.filter(dialogue=dialogue).values_list("priorities", flat=True)
    priorities = {int(k): float(v) for k, v in (stored.first() or {}).items()}
    chosen = choose_next(priorities, ids, rng or random.Random())  # noqa: S311 - not a secret
    return None if chosen is None else Statement.objects.get(pk=chosen)


@transaction.atomic
def draft_agreement(statement: Statement, *, by: User) -> Agreement:
    """Turn a bridging statement of a case dialogue into a draft agreement of the case."""
    case = statement.dialogue.case
    if case is None:
        raise ValidationError(_("Only a dialogue inside a case leads to an agreement."))
    if not statement.votable or statement.is_meta:
        raise ValidationError(_("Only an accepted statement can become an agreement."))
    return add_agreement(case, by=by, text=statement.text, status=Agreement.Status.DRAFT)


def schedule_map(dialogue_id: int) -> None:
    from .jobs import schedule_map as schedule

    schedule(dialogue_id)
