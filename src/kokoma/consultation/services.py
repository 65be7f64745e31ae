"""Business operations of peer consultation. Each takes the acting user, runs atomically, audits,
and notifies after the commit (kokoma.notifications)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import Membership, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.cases.models import Case
from kokoma.core.messages import message
from kokoma.notifications.services import notify

from . import texts
from .anonymise import AnonymisationContext, Leak, find_leaks
from .drafting import context_for_case, draft_from_case
from .models import Answer, Consultation, Phase, Status

DRAFT_FIELDS = ("title", "situation", "tried", "question")


def leaks_in(
    texts_by_field: dict[str, str], context: AnonymisationContext
) -> dict[str, list[Leak]]:
    """The leaks of each text, for the fields that have any."""
    found = {name: find_leaks(text, context) for name, text in texts_by_field.items()}
    return {name: leaks for name, leaks in found.items() if leaks}


def leak_message() -> str:
    return _(
        "This text still names an actor or a person of the case (marked below). Please replace "
        "the marked places before saving: nothing that names them may leave the municipality."
    )


def check_no_leaks(case: Case, texts_by_field: dict[str, str]) -> None:
    """Refuse texts that still name one of the case's actors or people (ValidationError per
    field)."""
    leaks = leaks_in(texts_by_field, context_for_case(case))
    if leaks:
        raise ValidationError({name: [leak_message()] for name in leaks})


def _running(case: Case) -> Consultation | None:
    return case.consultations.filter(status__in=[Status.DRAFT, Status.OPEN]).first()


@transaction.atomic
def draft_consultation(case: Case, *, by: User, question: str) -> Consultation:
    """Draft the anonymised summary of `case` for the network. Nothing leaves the municipality:
    the draft is seen by the case team only, until a coordinator approves it."""
    case = Case.objects.select_for_update().select_related("municipality__register").get(pk=case.pk)
    running = _running(case)
    if running is not None:
        raise ValidationError(
            _("This case already has a peer consultation (%(status)s). Please continue there.")
            % {"status": running.get_status_display()}
        )
    if not question.strip():
        raise ValidationError({"question": [_("Please ask the network a question.")]})
    draft = draft_from_case(case, question=question)
    consultation = Consultation(
        case=case,
        municipality=case.municipality,
        title=draft.title,
        situation=draft.situation or "–",
        tried=draft.tried,
        question=draft.question,
        created_by=by,
    )
    return save_audited(
        consultation,
        by=by,
        municipality=case.municipality,
        exclude=["created_by", "approved_by"],
        snapshot=lambda _c: {},
    )


@transaction.atomic
def change_draft(
    consultation: Consultation,
    *,
    by: User,
    title: str,
    situation: str,
    tried: str = "",
    question: str,
) -> Consultation:
    """Save the team's edit of a draft; refused while a text still names an actor or person."""
    consultation = stored(consultation)
    if not consultation.is_draft:
        raise ValidationError(
            _("This summary was already shared with the network and can no longer be changed.")
        )
    values = {"title": title, "situation": situation, "tried": tried, "question": question}
    check_no_leaks(consultation.case, values)
    assign(consultation, values)
    return save_audited(
        consultation,
        by=by,
        municipality=consultation.municipality,
        exclude=["created_by", "approved_by"],
        # The log says that the draft changed; the texts themselves stay in the consultation.
        snapshot=lambda _c: {},
        changes={"changed": list(values)},
    )


@transaction.atomic
def approve_consultation(consultation: Consultation, *, by: User) -> Consultation:
    """Share the draft with the network, exactly as it stands ("Freigeben")."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_draft:
        raise ValidationError(_("This summary has already been shared or closed."))
    texts_now = {name: getattr(consultation, name) for name in DRAFT_FIELDS}
    leaks = leaks_in(texts_now, context_for_case(consultation.case))
    if leaks:
        raise ValidationError(
            _(
                "The draft still names an actor or a person of the case. Please edit it before "
                "sharing it."
            )
        )
    consultation.status = Status.OPEN
    consultation.approved_at = timezone.now()
    consultation.approved_by = by
    consultation.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=consultation,
        municipality=consultation.municipality,
        changes={"status": [Status.DRAFT, Status.OPEN]},
    )
    return consultation


@transaction.atomic
def close_consultation(consultation: Consultation, *, by: User) -> Consultation:
    """Close a consultation (a draft is discarded: it was never shared). Who answered is told,
    with the approved title only."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status == Status.CLOSED:
        return consultation
    before = consultation.status
    consultation.status = Status.CLOSED
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["status", "closed_at", "updated_at"])
    record(
        by=by,
        action=AuditAction.UPDATE,
        obj=consultation,
        municipality=consultation.municipality,
        changes={"status": [before, Status.CLOSED]},
    )
    if consultation.is_shared:
        answerers = User.objects.filter(
            pk__in=consultation.answers.values("author_id"), is_active=True
        ).exclude(pk=by.pk)
        notify(
            answerers,
            message=message(texts.CLOSED, title=consultation.title),
            link=reverse("consultation:detail", kwargs={"consultation_id": consultation.pk}),
        )
    return consultation


def case_people(consultation: Consultation) -> list[User]:
    """The case team and the municipality's tandem: who is told of a new answer."""
    case = consultation.case
    team = case.team.values("user_id")
    tandem = (
        Membership.objects.companions()
        .filter(municipality_id=consultation.municipality_id)
        .values("user_id")
    )
    return list(User.objects.filter(Q(pk__in=team) | Q(pk__in=tandem), is_active=True))


@transaction.atomic
def answer_consultation(consultation: Consultation, *, by: User, phase: str, text: str) -> Answer:
    """A colleague's answer in one phase of the method; the case team is told.

    The answer is not checked for the case's names: a refusal would tell a guesser that a name
    belongs to the case."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not (consultation.is_shared and consultation.is_open):
        raise ValidationError(_("This peer consultation is closed and takes no more answers."))
    if phase not in Phase.values:
        raise ValidationError({"phase": [_("Please choose a phase.")]})
    answer = Answer(consultation=consultation, phase=phase, text=text.strip(), author=by)
    save_audited(answer, by=by, municipality=consultation.municipality)
    recipients = [user for user in case_people(consultation) if user.pk != by.pk]
    notify(
        recipients,
        message=message(texts.ANSWERED, title=consultation.title),
        link=reverse("case_consultation:list", kwargs={"reference": consultation.case.reference}),
    )
    return answer
