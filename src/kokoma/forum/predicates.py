"""Who may do what in the forum."""

from __future__ import annotations

from typing import Any

import rules

from kokoma.network.predicates import is_network_member, is_programme_office

__all__ = ["is_network_member", "is_programme_office", "wrote_post"]


@rules.predicate
def wrote_post(user: Any, post: Any) -> bool:
    """The author of a post that the moderation has not hidden."""
    return bool(
        post is not None
        and user.is_authenticated
        and post.author_id == user.pk
        and post.hidden_at is None
    )
