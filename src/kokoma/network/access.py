"""Views of one member profile or one event: out of reach → 404, in reach but not allowed → 403."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import Event, Member

member_permission = ObjectScope(
    "member", lambda user: Member.objects.visible_to(user).listed(), pk="network_member_id"
).permission
"""The view gets the profile named by the URL's `network_member_id`, checked against the permission."""

event_permission = ObjectScope(
    "event", lambda user: Event.objects.visible_to(user), pk="event_id"
).permission
"""The view gets the event named by the URL's `event_id`, checked against the permission."""
