"""Views of one dialogue or statement: out of reach → 404, in reach but not allowed → 403."""

from __future__ import annotations

from django.http import Http404

from kokoma.core.access import ObjectScope

from .models import Dialogue, Statement

dialogue_permission = ObjectScope(
    "dialogue",
    lambda user: Dialogue.objects.visible_to(user).select_related("municipality__register", "case"),
    pk="dialogue_id",
).permission
"""The view gets the dialogue named by the URL's `dialogue_id`."""

statement_permission = ObjectScope(
    "statement",
    lambda user: Statement.objects.filter(
        dialogue__in=Dialogue.objects.visible_to(user)
    ).select_related("dialogue__municipality__register", "dialogue__case"),
    pk="statement_id",
    dialogue_id="dialogue_id",
).permission
"""The view gets the statement named by `dialogue_id` and `statement_id`."""


def dialogue_by_key(key: str) -> Dialogue:
    """A dialogue reached by its participation link (public, or a case's invitation): whoever
    holds the link may take part; the link alone reveals nothing of the case."""
    found = (
        Dialogue.objects.filter(key=key).select_related("municipality__register").first()
        if len(key) <= 32
        else None
    )
    if found is None:
        raise Http404
    return found
