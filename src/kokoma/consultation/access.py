"""Views of one shared consultation on the network's side: out of reach → 404, in reach but not
allowed → 403. Drafts are never in reach there (`shared()`)."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import Consultation

consultation_permission = ObjectScope(
    "consultation",
    lambda user: Consultation.objects.visible_to(user).shared().select_related("case"),
    pk="consultation_id",
).permission
"""The view gets the consultation named by the URL's `consultation_id`."""
