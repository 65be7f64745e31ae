"""The forum's writes: categories, threads, posts, moderation and subscriptions.

Who is notified of a post:
* the people it @mentions (`accounts.handles.mentions_in`) who belong to the network — a mention
  of anybody else reaches nobody, and is reported back to the writer like an unknown handle, so
  that a mention reveals no account;
* for a reply, everybody who follows the thread (its author and whoever replied are subscribed
  on writing; anybody may follow or stop following), except the writer and those the post
  mentions (they get the mention), and only while they belong to the network.
Each person gets the notification as they chose: at once by e-mail or in the daily digest
(`notifications.notify`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kokoma.accounts.handles import mentions_in
from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.core.messages import message
from kokoma.core.moments import backdate, moment
from kokoma.network.audience import network_members
from kokoma.notifications.services import notify

from . import texts
from .models import POST_MAX_LENGTH, TITLE_MAX_LENGTH, Category, Post, Subscription, Thread

HIDE_REASON_MAX_LENGTH = 300


@dataclass
class Posted:
    """A saved post, and whom its mentions reached."""

    post: Post
    # mentioned members of the network, notified
    mentioned: list[User] = field(default_factory=list)
    # mentioned handles that reach nobody in the network, as written (lower case)
    not_reached: list[str] = field(default_factory=list)

    @property
    def thread(self) -> Thread:
        return self.post.thread


# --- categories ------------------------------------------------------------------------------


@transaction.atomic
def add_category(*, by: User, name: str, description: str = "", position: int = 1) -> Category:
    category = Category(name=name.strip(), description=description.strip(), position=position)
    return save_audited(category, by=by)


class CategoryFields(TypedDict, total=False):
    name: str
    description: str
    position: int


@transaction.atomic
def change_category(category: Category, *, by: User, **changes: Unpack[CategoryFields]) -> Category:
    return save_audited(assign(stored(category), changes), by=by)


@transaction.atomic
def delete_category(category: Category, *, by: User) -> None:
    """Delete an empty category; one that holds threads is refused (they would be lost)."""
    if category.threads.exists():
        raise ValidationError(
            _(
                "This category holds threads and cannot be deleted. Rename it, or ask the "
                "programme office to move its threads first."
            )
        )
    record(by=by, action=AuditAction.DELETE, obj=category)
    category.delete()


# --- posts -----------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    # Browsers send line breaks as CR LF but count them as one character for `maxlength`.
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": _("Please write your post; it is empty.")})
    if len(text) > POST_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("A post can have at most %(max)d characters; yours has %(length)d.")
                % {"max": POST_MAX_LENGTH, "length": len(text)}
            }
        )
    return text


def _clean_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Please give the thread a title.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": _("A title can have at most %(max)d characters; yours has %(length)d.")
                % {"max": TITLE_MAX_LENGTH, "length": len(title)}
            }
        )
    return title


def _check_may(by: User, permission: str, obj: object, refusal: str) -> None:
    if not rules.has_perm(permission, by, obj):
        raise ValidationError(refusal, code="not_allowed")


def post_link(post: Post) -> str:
    """Where a post is read: its page of the thread, at the post."""
    before = Post.objects.filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, id__lt=post.pk),
        thread_id=post.thread_id,
    ).count()
    url = reverse("forum:thread", kwargs={"thread_id": post.thread_id})
    number = before // settings.KOKOMA_PAGE_SIZE + 1
    if number > 1:
        url += f"?seite={number}"
    return f"{url}#beitrag-{post.pk}"


def _write(thread: Thread, *, by: User, text: str, at: datetime.datetime | None) -> Posted:
    """Save a post of `thread`, follow the thread for its writer, and resolve its mentions."""
    post = save_audited(Post(thread=thread, author=by, text=text), by=by)
    backdate(post, "created_at", at)
    Thread.objects.filter(pk=thread.pk).update(last_post_at=post.created_at)
    thread.last_post_at = post.created_at
    Subscription.objects.get_or_create(thread=thread, user=by)
    posted = Posted(post=post)
    names = mentions_in(text)
    if names:
        found = {
            user.handle: user
            for user in network_members(User.objects.filter(handle__in=names)).exclude(pk=by.pk)
        }
        posted.mentioned = [found[name] for name in names if name in found]
        posted.not_reached = [
            name for name in names if name not in found and name != by.handle.lower()
        ]
        if posted.mentioned:
            notify(
                posted.mentioned,
                message=message(texts.MENTIONED, author=str(by), title=thread.title),
                link=post_link(post),
            )
    return posted


@transaction.atomic
def start_thread(
    category: Category,
    *,
    by: User,
    title: str,
    text: str,
    at: datetime.datetime | None = None,
) -> Posted:
    """Open a thread with its first post; its author follows it from now on."""
    _check_may(
        by,
        "forum.start_thread",
        None,
        _("The forum is open to the members of the network only."),
    )
    errors: dict[str, list[str]] = {}
    for check, value in ((_clean_title, title), (_clean_text, text)):
        try:
            check(value)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    thread = Thread(
        category=category, title=_clean_title(title), author=by, last_post_at=moment(at)
    )
    save_audited(thread, by=by)
    backdate(thread, "created_at", at)
    return _write(thread, by=by, text=_clean_text(text), at=at)


@transaction.atomic
def reply(thread: Thread, *, by: User, text: str, at: datetime.datetime | None = None) -> Posted:
    """Add a reply; the thread's followers are notified, and whoever the reply mentions."""
    _check_may(
        by,
        "forum.reply",
        thread,
        _(
            "You cannot see this thread, so you cannot reply to it. The forum is open to the "
            "members of the network only."
        ),
    )
    text = _clean_text(text)
    # Followers read the thread's newest state: lock it so that two replies keep their order.
    Thread.objects.select_for_update().filter(pk=thread.pk).first()
    posted = _write(thread, by=by, text=text, at=at)
    followers = network_members(
        User.objects.filter(forum_subscriptions__thread=thread)
        .exclude(pk=by.pk)
        .exclude(pk__in=[user.pk for user in posted.mentioned])
    )
    notify(
        list(followers),
        message=message(texts.REPLIED, author=str(by), title=thread.title),
        link=post_link(posted.post),
    )
    return posted


@transaction.atomic
def edit_post(post: Post, *, by: User, text: str) -> Post:
    """The author changes their post (the page's form guards against a lost update)."""
    post = stored(post)
    _check_may(
        by,
        "forum.edit_post",
        post,
        _("Only the author can edit a post, and only while the moderation has not hidden it."),
    )
    text = _clean_text(text)
    if text == post.text:
        return post
    post.text = text
    post.edited_at = timezone.now()
    return save_audited(post, by=by)


@transaction.atomic
def hide_post(post: Post, *, by: User, reason: str) -> Post:
    """The moderation takes a post out of view, with a reason; its author is told."""
    _check_may(by, "forum.moderate", post, _("Only the programme office moderates the forum."))
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Please give a reason for hiding the post.")})
    if len(reason) > HIDE_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("The reason can have at most %(max)d characters.")
                % {"max": HIDE_REASON_MAX_LENGTH}
            }
        )
    post = stored(post)
    if post.hidden_at is not None:
        return post  # hidden already: the same click twice changes nothing
    post.hidden_at = timezone.now()
    post.hidden_by = by
    post.hidden_reason = reason
    save_audited(post, by=by)
    if post.author is not None and post.author_id != by.pk:
        notify(
            [post.author],
            message=message(texts.HIDDEN, title=post.thread.title, reason=reason),
            link=post_link(post),
        )
    return post


@transaction.atomic
def show_post(post: Post, *, by: User) -> Post:
    """The moderation shows a hidden post again."""
    _check_may(by, "forum.moderate", post, _("Only the programme office moderates the forum."))
    post = stored(post)
    if post.hidden_at is None:
        return post
    post.hidden_at = None
    post.hidden_by = None
    post.hidden_reason = ""
    return save_audited(post, by=by)


# --- subscriptions ---------------------------------------------------------------------------


@transaction.atomic
def set_subscription(thread: Thread, *, by: User, subscribed: bool) -> bool:
    """Follow the thread or stop following it; the same choice twice changes nothing."""
    _check_may(
        by, "forum.subscribe", thread, _("The forum is open to the members of the network only.")
    )
    if subscribed:
        _subscription, created = Subscription.objects.get_or_create(thread=thread, user=by)
        if created:
            record(by=by, action=AuditAction.CREATE, obj=_subscription)
    else:
        for subscription in Subscription.objects.filter(thread=thread, user=by):
            record(by=by, action=AuditAction.DELETE, obj=subscription)
            subscription.delete()
    return subscribed
