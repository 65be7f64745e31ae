"""The network's forum: categories kept by the programme office, threads in them, posts in
Markdown, and who follows a thread.

Everybody in the network (`network.use_network`) reads and writes in every category; nothing in
the forum belongs to one municipality. A hidden post stays in its thread as a note of the
moderation; its text is out of every list and search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection, models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from kokoma.network.predicates import is_network_member

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kokoma.accounts.models import User

TITLE_MAX_LENGTH = 200
POST_MAX_LENGTH = 20000


class CategoryQuerySet(models.QuerySet["Category"]):
    def visible_to(self, user: User | AnonymousUser) -> CategoryQuerySet:
        """The whole forum for the network's members, nothing for anybody else."""
        return self.all() if is_network_member(user) else self.none()

    def with_activity(self) -> CategoryQuerySet:
        """Annotate `thread_count` and `last_post_at` (None for a category without threads)."""
        return self.annotate(
            thread_count=Count("threads", distinct=True),
            last_post_at=models.Max("threads__last_post_at"),
        ).order_by("position", "name")  # a grouped query does not take Meta.ordering


class Category(models.Model):
    """A section of the forum (e.g. "Methods", "Events"), kept by the programme office."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("Where the category stands in the list.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ThreadQuerySet(models.QuerySet["Thread"]):
    def visible_to(self, user: User | AnonymousUser) -> ThreadQuerySet:
        return self.all() if is_network_member(user) else self.none()

    def for_list(self) -> ThreadQuerySet:
        """With category, author and `reply_count` (the posts after the first), newest activity
        first: one query for a page of threads, whatever their number of posts."""
        return (
            self.select_related("category", "author")
            .annotate(reply_count=Count("posts") - 1)
            .order_by("-last_post_at", "-id")
        )

    def with_subscription(self, user: User) -> ThreadQuerySet:
        """Annotate `subscribed`: whether `user` follows the thread."""
        return self.annotate(
            subscribed=Exists(Subscription.objects.filter(thread=OuterRef("pk"), user=user))
        )

    def search(self, text: str) -> ThreadQuerySet:
        """German full-text search over the titles and the visible posts on PostgreSQL
        (GIN-indexed), a substring search elsewhere. Hidden posts are never found."""
        text = text.strip()
        if not text:
            return self
        posts = Post.objects.filter(hidden_at__isnull=True)
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            query = SearchQuery(text, config="german", search_type="websearch")
            # A union of ids rather than OR, so that each GIN index can be used.
            matching = (
                Thread.objects.annotate(search=SearchVector("title", config="german"))
                .filter(search=query)
                .values("pk")
                .union(
                    posts.annotate(search=SearchVector("text", config="german"))
                    .filter(search=query)
                    .values("thread_id")
                )
            )
            return self.filter(pk__in=matching)
        found = posts.filter(thread=OuterRef("pk"), text__icontains=text)
        return self.filter(Q(title__icontains=text) | Exists(found))


class Thread(models.Model):
    """A topic of conversation in a category: its title, and its posts (the first one opens it)."""

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="threads", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    # The moment of the latest post: the lists sort by it without reading the posts.
    last_post_at = models.DateTimeField(_("last post"), db_index=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_post_at", "-id"]
        indexes = [models.Index(fields=["category", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title


class PostQuerySet(models.QuerySet["Post"]):
    def visible_to(self, user: User | AnonymousUser) -> PostQuerySet:
        return self.all() if is_network_member(user) else self.none()

    def for_thread(self) -> PostQuerySet:
        return self.select_related("author", "hidden_by").order_by("created_at", "id")


class Post(models.Model):
    """One contribution to a thread, in Markdown (shown sanitised, `core.markdown`)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_posts",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"), max_length=POST_MAX_LENGTH)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"{self.thread} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Subscription(models.Model):
    """A person follows a thread: new replies notify them (immediately or in the digest)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: models.Manager[Subscription] = models.Manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="forum_subscription_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.thread}"
