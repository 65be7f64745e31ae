"""Notifications: created by other features (mentions, alerts), read in the notification centre."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from kokoma.accounts.models import User

from .models import Notification

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


@transaction.atomic
def notify(recipients: Iterable[User], *, text: str, link: str = "") -> list[Notification]:
    """One notification per distinct recipient."""
    unique = {recipient.pk: recipient for recipient in recipients}
    created = Notification.objects.bulk_create(
        Notification(recipient=recipient, text=text[:300], link=link[:300])
        for recipient in unique.values()
    )
    # Forget now and again after the commit, so that no request caches the count in between.
    _forget_unread_count(unique)
    transaction.on_commit(lambda: _forget_unread_count(unique))
    return created


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
