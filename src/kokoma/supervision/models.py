"""Supervision: a pool of supervisors offers slots (individual or group sessions), process
companions book them, and the supervisor keeps notes of each session that only the session's
people read (docs/decisions/0027-supervision.md)."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.core.crypto import EncryptedTextField

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class PoolRules(models.Model):
    """The pool's rules, one row kept by the programme office."""

    cancellation_hours = models.PositiveSmallIntegerField(
        _("cancellation deadline (hours before the session)"),
        default=48,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("Until this many hours before a session, a booking can be cancelled."),
    )
    note_for_supervisees = models.TextField(
        _("note for people booking"),
        blank=True,
        help_text=_("Shown above the open slots, e.g. whom to ask or how many sessions a year."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rules of the supervision pool")
        verbose_name_plural = _("rules of the supervision pool")

    def __str__(self) -> str:
        return str(_("Rules of the supervision pool"))

    @classmethod
    def current(cls) -> PoolRules:
        rules, _created = cls.objects.get_or_create(pk=1)
        return rules


def new_uid() -> str:
    return f"supervision-{uuid.uuid4()}"


class SlotQuerySet(models.QuerySet["Slot"]):
    def visible_to(self, user: User) -> SlotQuerySet:
        """A supervisor sees their own slots; a person who may book sees the open slots to come
        and the slots they are booked into. The programme office sees none: it reads counts
        (`statistics.py`), never who met whom."""
        from .predicates import may_book

        if not user.is_authenticated or not user.is_active:
            return self.none()
        mine = Q(supervisor=user) | Q(
            bookings__supervisee=user, bookings__status=Booking.Status.BOOKED
        )
        if may_book(user):
            mine |= Q(cancelled_at__isnull=True, starts_at__gt=timezone.now())
        return self.filter(pk__in=Slot.objects.filter(mine).values("pk"))

    def upcoming(self) -> SlotQuerySet:
        return self.filter(ends_at__gte=timezone.now())

    def past(self) -> SlotQuerySet:
        return self.filter(ends_at__lt=timezone.now())

    def active(self) -> SlotQuerySet:
        return self.filter(cancelled_at__isnull=True)

    def with_booked(self) -> SlotQuerySet:
        return self.annotate(
            booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED))
        )

    def open_for_booking(self) -> SlotQuerySet:
        """Slots to come, not cancelled, with a place left."""
        return (
            self.active()
            .filter(starts_at__gt=timezone.now())
            .with_booked()
            .filter(booked__lt=models.F("capacity"))  # type: ignore[misc]
        )


class Slot(models.Model):
    """A time a supervisor offers: an individual session (one place) or a group session."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("individual supervision")
        GROUP = "group", _("group supervision")

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_slots",
        verbose_name=_("supervisor"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INDIVIDUAL)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("An individual session has one place."),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    topic = models.CharField(
        _("topic or focus"),
        max_length=200,
        blank=True,
        help_text=_("Optional, e.g. “case consultation” or “role clarity in the tandem”."),
    )
    # A series (weekly or fortnightly) made in one go shares this id.
    series = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    # iCalendar (RFC 5546): the UID stays, SEQUENCE grows with every change sent.
    uid = models.CharField(max_length=80, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision slot")
        verbose_name_plural = _("supervision slots")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["supervisor", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(kind="individual") | Q(capacity=1), name="slot_individual_one_place"
            ),
        ]

    def __str__(self) -> str:
        # No person's name: this is what the audit log and the admin show.
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    def cancellation_deadline(self, rules: PoolRules | None = None) -> datetime.datetime:
        rules = rules or PoolRules.current()
        return self.starts_at - datetime.timedelta(hours=rules.cancellation_hours)


class BookingQuerySet(models.QuerySet["Booking"]):
    def active(self) -> BookingQuerySet:
        return self.filter(status=Booking.Status.BOOKED)


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings")
    supervisee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervision_bookings",
        verbose_name=_("booked by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    booked_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # The supervisee's own calendar entry of the session (RFC 5546): SEQUENCE of its updates.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision booking")
        verbose_name_plural = _("supervision bookings")
        ordering = ["booked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "supervisee"],
                condition=Q(status="booked"),
                name="booking_once_per_person_and_slot",
            )
        ]

    def __str__(self) -> str:
        # No person's name (see Slot.__str__).
        return str(_("Booking %(number)s") % {"number": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.BOOKED


class SessionNote(models.Model):
    """What the supervisor notes about a session, encrypted at rest. Read only by the supervisor
    and the session's supervisees; not in the admin, the audit log or any export."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session note")
        verbose_name_plural = _("session notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(_("Note %(number)s") % {"number": self.pk})
