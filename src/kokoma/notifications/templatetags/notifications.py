from __future__ import annotations

from typing import Any

from django import template

from kokoma.notifications.services import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: dict[str, Any]) -> int:
    """`{% unread_notifications as count %}`: the signed-in user's unread notifications."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user)
