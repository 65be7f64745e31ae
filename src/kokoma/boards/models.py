"""Advisory boards (Beratungsgremien): members, meetings with agenda, minutes and resolutions."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.accounts.models import Membership
from kokoma.core.models import StoredDocument

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class BoardQuerySet(models.QuerySet["Board"]):
    def visible_to(self, user: User) -> BoardQuerySet:
        """The office sees every board; a tandem its municipality's local boards; a person the
        boards they are an active member of (with their account)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_programme_office:
            return self.all()
        tandem_of = Membership.objects.tandem_municipalities(user)
        member_of = BoardMember.objects.active().filter(user=user).values("board_id")
        return self.filter(
            Q(kind=Board.Kind.LOCAL, municipality_id__in=tandem_of) | Q(pk__in=member_of)
        )


class Board(models.Model):
    """A local board of one municipality, or the programme's inter-municipal board."""

    class Kind(models.TextChoices):
        LOCAL = "local", _("local board")
        INTER_MUNICIPAL = "inter_municipal", _("inter-municipal board")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LOCAL)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="boards",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BoardQuerySet.as_manager()

    class Meta:
        verbose_name = _("advisory board")
        verbose_name_plural = _("advisory boards")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="local", municipality__isnull=False)
                    | Q(kind="inter_municipal", municipality__isnull=True)
                ),
                name="board_municipality_by_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local(self) -> bool:
        return self.kind == self.Kind.LOCAL


class BoardMemberQuerySet(models.QuerySet["BoardMember"]):
    def active(self) -> BoardMemberQuerySet:
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=timezone.localdate()))


class BoardMember(models.Model):
    """A member of a board: a person with an account, or an external member (name,
    organisation, function and e-mail kept for a stated purpose)."""

    class Function(models.TextChoices):
        CHAIR = "chair", _("chair")
        DEPUTY = "deputy", _("deputy chair")
        MEMBER = "member", _("member")
        GUEST = "guest", _("guest")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_memberships",
        verbose_name=_("platform user"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role_title = models.CharField(_("function in the organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    purpose = models.TextField(
        _("purpose of storing the personal data"),
        blank=True,
        help_text=_("Required for external members: why their data is kept here."),
    )
    function = models.CharField(
        _("function in the board"), max_length=10, choices=Function.choices, default="member"
    )
    joined_on = models.DateField(_("member since"), default=timezone.localdate)
    left_on = models.DateField(_("member until"), null=True, blank=True)

    objects = BoardMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["function", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "user"],
                condition=Q(user__isnull=False),
                name="board_member_once_per_board",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="board_member_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return str(self.user) if self.user_id and self.user else self.name

    @property
    def contact_email(self) -> str:
        if self.user_id and self.user:
            return self.user.email if self.user.is_active else ""
        return self.email

    @property
    def is_lead(self) -> bool:
        return self.function in (self.Function.CHAIR, self.Function.DEPUTY)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self) -> MeetingQuerySet:
        return self.filter(ends_at__gte=timezone.now(), status=Meeting.Status.PLANNED)

    def past(self) -> MeetingQuerySet:
        return self.filter(ends_at__lt=timezone.now())


def new_uid() -> str:
    return f"meeting-{uuid.uuid4()}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", _("cancelled")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    # iCalendar (RFC 5546): the UID stays, SEQUENCE grows with every update sent.
    uid = models.CharField(max_length=80, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    invitations_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    approved_in = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
        verbose_name=_("minutes approved in the meeting"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "id"]
        indexes = [models.Index(fields=["board", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    presenter = models.CharField(_("presented by"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the board's members, its organisers and the programme office see it."),
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


def agenda_document_path(document: AgendaDocument, filename: str) -> str:
    return f"boards/{document.item.meeting.board_id}/{filename}"


class AgendaDocument(StoredDocument):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=agenda_document_path)

    class Meta:
        verbose_name = _("agenda document")
        verbose_name_plural = _("agenda documents")
        ordering = ["uploaded_at", "id"]


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        EXCUSED = "excused", _("excused (apologies)")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(BoardMember, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_status_display()}"


class ResolutionQuerySet(models.QuerySet["Resolution"]):
    def pending(self) -> ResolutionQuerySet:
        return self.filter(status__in=[Resolution.Status.OPEN, Resolution.Status.IN_PROGRESS])

    def not_confidential(self) -> ResolutionQuerySet:
        return self.filter(item__confidential=False)


class Resolution(models.Model):
    """A decision or recommendation taken under an agenda item, followed up over time."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("decision")
        RECOMMENDATION = "recommendation", _("recommendation")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        IMPLEMENTED = "implemented", _("implemented")
        DROPPED = "dropped", _("dropped")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="resolutions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="board_resolutions",
        verbose_name=_("responsible person"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="open")
    task = models.ForeignKey(
        "tasks.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up task"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    # A local board's recommendation on the municipality's accompaniment process.
    step = models.ForeignKey(
        "municipalities.ProcessStep",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolutions",
        verbose_name=_("process step"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)


class ResolutionStatusChange(models.Model):
    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=12, choices=Resolution.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Resolution.Status.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
