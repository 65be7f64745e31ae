"""The network's events (Netzwerktreffen, Fachtag, online formats) and who registered."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokoma.core.models import StoredDocument

from ..predicates import is_network_member

if TYPE_CHECKING:
    from kokoma.accounts.models import User


class EventKind(models.TextChoices):
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    CONFERENCE = "conference", _("Conference day")
    ONLINE = "online", _("Online format")
    WORKSHOP = "workshop", _("Workshop")


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: User) -> EventQuerySet:
        """The events are open to everybody in the network, and to nobody else."""
        return self.all() if is_network_member(user) else self.none()

    def upcoming(self) -> EventQuerySet:
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")

    def past(self) -> EventQuerySet:
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")

    def with_counts(self) -> EventQuerySet:
        return self.annotate(
            registered_count=models.Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
            ),
            waiting_count=models.Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )


class Event(models.Model):
    """A dated event of the network with its programme, places and, afterwards, its record."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    summary = models.TextField(_("summary"), max_length=2000)
    programme = models.TextField(
        _("programme"), blank=True, max_length=10000, help_text=_("The agenda, in Markdown.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    registration_deadline = models.DateField(_("registration until"), null=True, blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisers"),
    )
    documentation = models.TextField(
        _("documentation"),
        blank=True,
        max_length=20000,
        help_text=_(
            "What came out of the event, in Markdown: for those who were there and those who "
            "were not."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The iCalendar identity: a calendar client updates the entry in place.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("network event")
        verbose_name_plural = _("network events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def accepts_registrations(self) -> bool:
        """Open, not begun and before the deadline (a full event still takes the waiting list)."""
        now = timezone.now()
        if not self.registration_open or self.starts_at <= now:
            return False
        deadline = self.registration_deadline
        return not (deadline and timezone.localdate(now) > deadline)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class EventRegistrationQuerySet(models.QuerySet["EventRegistration"]):
    def registered(self) -> EventRegistrationQuerySet:
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waiting_list(self) -> EventRegistrationQuerySet:
        return self.filter(status=RegistrationStatus.WAITING).order_by("waiting_since", "pk")


class EventRegistration(models.Model):
    """One person's registration: a place, a place on the waiting list, or cancelled."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    note = models.CharField(
        _("note for the organisers"),
        max_length=300,
        blank=True,
        help_text=_("For example what you need to take part without barriers."),
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = EventRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="event_registration_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"


class EventDocument(StoredDocument):
    """A document of the event's record (slides, photo log, results)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to="network/events/%Y/")

    class Meta:
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")
        ordering = ["uploaded_at", "pk"]
