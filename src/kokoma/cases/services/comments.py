"""Comments on a case, with @mentions that notify the people mentioned.

Mention syntax: `@` followed by the person's handle (accounts.handles), for example
`@svenja-krautmann`. A handle is unique across the platform, so a mention means one person; the
part of an e-mail address before the @ would not (anna@a.example, anna@b.example). Only people
who can see the case (its team and the municipality's tandem) are notified. The comment is saved
whatever it mentions; the other mentions are reported back: members of the municipality who
cannot see the case by name (so the writer can add them to the case team), any other name as
unknown. Nobody outside the municipality is named, so a mention reveals no one's account.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kokoma.accounts.handles import mentions_in
from kokoma.accounts.models import COMPANION_ROLES, User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import record
from kokoma.core.messages import message
from kokoma.core.moments import backdate
from kokoma.notifications.services import notify

from .. import texts
from ..models import Case, Comment

MAX_COMMENT_LENGTH = 5000


@dataclass
class PostedComment:
    comment: Comment
    notified: list[User] = field(default_factory=list)
    # mentioned members of the municipality who cannot see the case (not notified)
    outsiders: list[User] = field(default_factory=list)
    # mentioned names of nobody with a role in the municipality, as written (lower case)
    unknown: list[str] = field(default_factory=list)


def people_who_see(case: Case) -> list[User]:
    """The case team and the municipality's tandem: everyone who may read the case."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            Q(
                memberships__municipality_id=case.municipality_id,
                memberships__role__in=COMPANION_ROLES,
            )
            | Q(pk__in=case.team.values("user_id"))
        )
        .distinct()
    )


def _by_mention_name(users: list[User]) -> dict[str, User]:
    return {user.handle: user for user in users}


def case_link(case: Case) -> str:
    try:
        return reverse("cases:detail", kwargs={"reference": case.reference}) + "#kommentare"
    except NoReverseMatch:
        return reverse("caselist:municipality", kwargs={"ags": case.municipality.ags})


@transaction.atomic
def post_comment(
    case: Case, *, by: User, text: str, at: datetime.datetime | None = None
) -> PostedComment:
    """Add a comment; each person mentioned who can see the case gets a notification, the
    other mentions are reported back in the result. `at` is when it was written, if not now."""
    # Browsers send line breaks as CR LF but count them as one character for `maxlength`.
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("Please write a comment."))
    if len(text) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            _("A comment can have at most %(max)d characters.") % {"max": MAX_COMMENT_LENGTH}
        )
    comment = Comment.objects.create(case=case, author=by, text=text)
    backdate(comment, "created_at", at)
    record(by=by, action=AuditAction.CREATE, obj=comment, municipality=case.municipality)
    readers = _by_mention_name(people_who_see(case))
    result = PostedComment(comment=comment)
    unresolved = []
    for name in mentions_in(text):
        if name in readers:
            if readers[name].pk != by.pk:
                result.notified.append(readers[name])
        else:
            unresolved.append(name)
    if unresolved:
        members = _by_mention_name(
            list(
                User.objects.filter(
                    is_active=True, memberships__municipality_id=case.municipality_id
                ).distinct()
            )
        )
        for name in unresolved:
            if name in members:
                result.outsiders.append(members[name])
            else:
                result.unknown.append(name)
    if result.notified:
        notify(
            result.notified,
            message=message(texts.MENTIONED, author=str(by), reference=case.reference),
            link=case_link(case),
        )
    return result
