"""Notifications: created by other features (mentions, alerts), read in the notification centre."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import record
from kokoma.core.messages import Message, in_default_language

from .emails import immediate_recipients
from .jobs import send_notification_email
from .models import EmailFrequency, EmailPreference, Notification

UNREAD_CACHE_KEY = "notifications:unread:{user_id}"
UNREAD_CACHE_SECONDS = 60


def _forget_unread_count(user_ids: Iterable[int]) -> None:
    cache.delete_many([UNREAD_CACHE_KEY.format(user_id=user_id) for user_id in user_ids])


def unread_count(user: User) -> int:
    """The number of unread notifications, cached so that the header costs no query per page."""
    key = UNREAD_CACHE_KEY.format(user_id=user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user).unread().count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return int(count)


# Without a savepoint of its own: inside a caller's transaction (task creation, the
# early-warning check) it would cost two extra queries per call, and a failed insert here
# fails the caller's transaction anyway. On its own it is one transaction, as before.
@transaction.atomic(savepoint=False)
def notify(recipients: Iterable[User], *, message: Message, link: str = "") -> list[Notification]:
    """One notification per distinct recipient; each reads `message` in their own language."""
    unique = {recipient.pk: recipient for recipient in recipients}
    if not unique:
        return []
    text = in_default_language(message)[:300]
    created = Notification.objects.bulk_create(
        Notification(recipient=recipient, message=message, text=text, link=link[:300])
        for recipient in unique.values()
    )
    # Forget now and again after the commit, so that no request caches the count in between.
    _forget_unread_count(unique)
    transaction.on_commit(lambda: _forget_unread_count(unique))
    _mail_immediately(created)
    return created


def _mail_immediately(created: list[Notification]) -> None:
    """Queue one e-mail per notification for those who want it at once (after the commit)."""
    wanted = immediate_recipients([notification.recipient_id for notification in created])
    for notification in created:
        if notification.recipient_id in wanted:
            transaction.on_commit(
                partial(send_notification_email.enqueue, notification.pk), robust=True
            )


@transaction.atomic
def set_email_frequency(*, by: User, frequency: str) -> EmailPreference:
    if frequency not in EmailFrequency.values:
        raise ValidationError({"frequency": _("Please choose one of the offered options.")})
    preference, _created = EmailPreference.objects.update_or_create(
        user=by, defaults={"frequency": frequency}
    )
    record(by=by, action=AuditAction.UPDATE, obj=preference, changes={"frequency": frequency})
    return preference


@transaction.atomic
def mark_read(*, by: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications (or, without an id, all of them) as read."""
    unread = Notification.objects.filter(recipient=by).unread()
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    changed = unread.update(read_at=timezone.now())
    _forget_unread_count([by.pk])
    transaction.on_commit(lambda: _forget_unread_count([by.pk]))
    return changed
