"""Dialogues (Meinungslandkarte): a question, statements to vote on, participants and their votes,
and the opinion map computed from them (kokoma.dialogue.analysis, cached in `MapResult`).

A dialogue either belongs to a municipality's public (listed on its public page) or to a case
(reached through its invitation link, seen by the case team). Participants are anonymous – a
random token kept in a cookie, stored only as a keyed hash – or logged in; no personal data and
no IP address is stored about them.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.cases.models import Case
from kokoma.municipalities.models import Municipality

if TYPE_CHECKING:
    from kokoma.accounts.models import User

STATEMENT_MAX_LENGTH = 300
# Statements imported from Pol.is may be longer than the ones written here.
IMPORTED_MAX_LENGTH = 1000


def new_key() -> str:
    """The unguessable part of a dialogue's participation link."""
    return secrets.token_urlsafe(12)


class DialogueQuerySet(models.QuerySet["Dialogue"]):
    def visible_to(self, user: User) -> DialogueQuerySet:
        """Public dialogues of the user's municipalities (all for the programme office) and the
        dialogues of the cases the user may see (need-to-know, as the case)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        cases = Case.objects.visible_to(user).values("pk")
        public = Q(case__isnull=True) & (
            Q() if user.is_programme_office else Q(municipality__in=_municipalities_of(user))
        )
        return self.filter(public | Q(case__in=cases))

    def listed(self) -> DialogueQuerySet:
        """Public dialogues that have opened: shown on the municipality's public page."""
        return self.filter(case__isnull=True, opens_at__lte=timezone.now())


def _municipalities_of(user: User) -> models.QuerySet[Municipality]:
    return Municipality.objects.visible_to(user).values("pk")  # type: ignore[return-value]


class Dialogue(models.Model):
    class State(models.TextChoices):
        UPCOMING = "upcoming", _("not yet open")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="dialogues"
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="dialogues"
    )
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    question = models.CharField(_("question"), max_length=300)
    introduction = models.TextField(
        _("introduction"),
        max_length=3000,
        blank=True,
        help_text=_("What the dialogue is about and what happens with the result."),
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    allow_submissions = models.BooleanField(
        _("participants may submit statements"),
        default=True,
        help_text=_("Submitted statements appear only after moderation."),
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DialogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="dialogue_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def is_public(self) -> bool:
        return self.case_id is None

    @property
    def state(self) -> str:
        now = timezone.now()
        if self.closed_at is not None or (self.closes_at is not None and self.closes_at <= now):
            return self.State.CLOSED
        if self.opens_at > now:
            return self.State.UPCOMING
        return self.State.OPEN

    def get_state_display(self) -> str:
        return str(self.State(self.state).label)

    @property
    def accepts_votes(self) -> bool:
        return self.state == self.State.OPEN


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("waiting for moderation")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Statement(models.Model):
    """One statement to vote on: seeded by a facilitator, or submitted and moderated."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="statements")
    # The statement's id within its dialogue, as the Pol.is exchange format numbers comments.
    number = models.PositiveIntegerField(editable=False)
    text = models.CharField(_("statement"), max_length=IMPORTED_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=16, choices=StatementStatus.choices, default=StatementStatus.PENDING
    )
    is_meta = models.BooleanField(
        _("meta statement"),
        default=False,
        help_text=_("About the dialogue itself, not the question: shown, but left out of the map."),
    )
    rejection_reason = models.CharField(_("reason"), max_length=300, blank=True)
    seed = models.BooleanField(default=False, editable=False)
    submitted_by = models.ForeignKey(
        "Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "number"], name="statement_number_unique")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def votable(self) -> bool:
        return self.status == StatementStatus.ACCEPTED


class Participant(models.Model):
    """Someone taking part: a logged-in user, or an anonymous browser known by its token's hash."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="participants")
    # The participant's id within its dialogue (the Pol.is exchange format's voter id).
    number = models.PositiveIntegerField(editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    token_hash = models.CharField(  # noqa: DJ001 - NULL for users: unique only among browsers
        max_length=64, null=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "number"], name="participant_number_unique"
            ),
            models.UniqueConstraint(
                fields=["dialogue", "user"],
                condition=Q(user__isnull=False),
                name="participant_user_unique",
            ),
            models.UniqueConstraint(
                fields=["dialogue", "token_hash"],
                condition=Q(token_hash__isnull=False),
                name="participant_token_unique",
            ),
        ]

    def __str__(self) -> str:
        return _("Participant %(number)s") % {"number": self.number}


class VoteValue(models.IntegerChoices):
    AGREE = 1, _("agree")
    DISAGREE = -1, _("disagree")
    PASS = 0, _("pass / unsure")


class Vote(models.Model):
    """One participant's vote on one statement; a changed vote replaces it (one row each)."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=VoteValue.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["participant", "statement"], name="vote_unique"),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="vote_value_valid"),
        ]
        indexes = [models.Index(fields=["dialogue", "id"], name="vote_dialogue_order")]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.statement_id}: {self.value}"


class MapResult(models.Model):
    """The last computed opinion map of a dialogue, kept until new votes arrive."""

    dialogue = models.OneToOneField(
        Dialogue, on_delete=models.CASCADE, primary_key=True, related_name="map_result"
    )
    result = models.JSONField(default=dict)
    # Each statement's priority for being shown next, apart from the (large) result: read on
    # every vote page.
    priorities = models.JSONField(default=dict)
    # What the next computation starts from (warm starts, the k smoother, the placed set).
    state = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)
    # What it was computed from: the number of votes, and a fingerprint of the votes and the
    # moderation (nothing is recomputed while it stays the same).
    votes_counted = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.dialogue_id} @ {self.computed_at:%Y-%m-%d %H:%M}"
