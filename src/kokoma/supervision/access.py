"""Views of one slot: out of the user's reach → 404, in reach but not allowed → 403."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import Slot

slot_permission = ObjectScope(
    "slot", lambda user: Slot.objects.visible_to(user).select_related("supervisor"), pk="slot_id"
).permission
"""The view gets the slot named by the URL's `slot_id`, checked against the permission."""
