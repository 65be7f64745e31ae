"""Notifications by e-mail: one mail per notification, or one digest a day (per person's choice).

The mails go out from background jobs (`kokoma.notifications.jobs`), never in a request. They carry
the notification's short text and a link; the details stay behind the login.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kokoma.accounts.models import User
from kokoma.core.links import absolute_url

from .models import EmailFrequency, EmailPreference, Notification

DIGEST_LIMIT = 50


def frequency_of(user: User) -> str:
    preference = EmailPreference.objects.filter(user=user).first()
    return preference.frequency if preference else EmailPreference.DEFAULT


# user id → chosen frequency, while `preferences_remembered()` is active (else None).
_remembered: ContextVar[dict[int, str] | None] = ContextVar(
    "kokoma_email_preferences", default=None
)


@contextmanager
def preferences_remembered() -> Iterator[None]:
    """Inside this block each person's e-mail choice is read from the database once only.

    For batches that notify the same few people many times within seconds (the early-warning
    check): without it, every `notify` call reads the choices again. A choice changed while the
    block runs applies from the next block on.
    """
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def immediate_recipients(user_ids: Iterable[int]) -> set[int]:
    """Of these people, those who want one e-mail per notification."""
    wanted = set(user_ids)
    remembered = _remembered.get()
    if remembered is None:
        return set(
            EmailPreference.objects.filter(
                user_id__in=wanted, frequency=EmailFrequency.IMMEDIATE
            ).values_list("user_id", flat=True)
        )
    unknown = wanted.difference(remembered)
    if unknown:
        chosen = dict(
            EmailPreference.objects.filter(user_id__in=unknown).values_list("user_id", "frequency")
        )
        for user_id in unknown:
            remembered[user_id] = chosen.get(user_id, EmailPreference.DEFAULT)
    return {user_id for user_id in wanted if remembered[user_id] == EmailFrequency.IMMEDIATE}


def _absolute(link: str) -> str:
    return absolute_url(link or reverse("notifications:list"))


def _context(user: User) -> dict[str, object]:
    return {
        "user": user,
        "centre_url": _absolute(reverse("notifications:list")),
        "settings_url": _absolute(reverse("notifications:settings")),
    }


def _send(user: User, template: str, context: dict[str, object]) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(render_to_string(f"notifications/email/{template}_subject.txt", context))
        body = render_to_string(f"notifications/email/{template}.txt", context)
    send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body, None, [user.email]
    )


def send_notification_email(notification_id: int) -> bool:
    """Send one notification by e-mail, once; False when there is nothing (more) to send."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True, read_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        recipient = notification.recipient
        if not recipient.is_active or not recipient.email:
            return False
        context = _context(recipient)
        context.update(notification=notification, url=_absolute(notification.link))
        _send(recipient, "notification", context)
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def digest_recipients(now: datetime.datetime) -> list[User]:
    """Active people on the daily digest (the default) with unread notifications not yet mailed."""
    pending = Notification.objects.filter(
        emailed_at__isnull=True, read_at__isnull=True, created_at__lte=now
    )
    return list(
        User.objects.filter(is_active=True, pk__in=pending.values("recipient_id"))
        .filter(
            Q(email_preference__isnull=True) | Q(email_preference__frequency=EmailFrequency.DAILY)
        )
        .exclude(email="")
        .order_by("pk")
    )


def send_digest(user: User, now: datetime.datetime) -> int:
    """One mail with the person's pending notifications; returns how many it covered."""
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update()
            .filter(recipient=user, emailed_at__isnull=True, read_at__isnull=True)
            .filter(created_at__lte=now)
            .order_by("created_at", "pk")
        )
        if not pending:
            return 0
        shown = pending[-DIGEST_LIMIT:]
        context = _context(user)
        context.update(
            notifications=[(item, _absolute(item.link)) for item in shown],
            total=len(pending),
            more=len(pending) - len(shown),
        )
        _send(user, "digest", context)
        Notification.objects.filter(pk__in=[item.pk for item in pending]).update(emailed_at=now)
    return len(pending)


def send_digests(now: datetime.datetime | None = None) -> int:
    """The daily digest for everybody who chose it; returns the number of mails sent."""
    now = now or timezone.now()
    return sum(1 for user in digest_recipients(now) if send_digest(user, now))
