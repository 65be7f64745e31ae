"""The objects the forum's views are about: out of reach (not in the network, or missing) → 404,
in reach without the permission → 403."""

from __future__ import annotations

from kokoma.core.access import ObjectScope

from .models import Category, Post, Thread

category_permission = ObjectScope(
    "forum_category", lambda user: Category.objects.visible_to(user), pk="category_id"
).permission

thread_permission = ObjectScope(
    "forum_thread",
    lambda user: Thread.objects.visible_to(user).select_related("category", "author"),
    pk="thread_id",
).permission

post_permission = ObjectScope(
    "forum_post",
    lambda user: Post.objects.visible_to(user).select_related("thread__category", "author"),
    pk="post_id",
).permission
