"""The comment form's endpoint; the rules for comments and mentions are in services/comments.py."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokoma.accounts.access import acting_user
from kokoma.accounts.models import User
from kokoma.cases.access import case_permission
from kokoma.core.viewutils import call_service

from ..forms.comments import CommentForm
from ..models import Case
from ..services.comments import PostedComment, case_link, post_comment

logger = logging.getLogger(__name__)


def _draft_key(case: Case) -> str:
    return f"kokoma-comment-draft-{case.pk}"


def keep_draft(request: HttpRequest, case: Case, text: str) -> None:
    """A refused comment waits in the session until the form shows it again: nothing typed
    is lost."""
    request.session[_draft_key(case)] = text


def take_draft(request: HttpRequest, case: Case) -> str:
    return str(request.session.pop(_draft_key(case), ""))


def _report_mentions(request: HttpRequest, case: Case, posted: PostedComment) -> None:
    """Tell the writer whom the comment notified, and why the other mentions notified nobody."""
    if posted.notified:
        messages.info(
            request,
            _("Notified: %(names)s.") % {"names": ", ".join(str(u) for u in posted.notified)},
        )
    may_add = acting_user(request).has_perm("cases.manage_team", case)
    for outsider in posted.outsiders:
        messages.warning(request, _outsider_message(case, outsider, may_add=may_add))
    if posted.unknown:
        messages.warning(
            request,
            _(
                "Not notified: nobody with a role in this municipality goes by %(names)s. "
                "Mention a person with @ and their handle, for example @anna-schmidt; the "
                "handles are listed below the comment field."
            )
            % {"names": ", ".join(f"@{name}" for name in posted.unknown)},
        )


def _outsider_message(case: Case, outsider: User, *, may_add: bool) -> str:
    text = _(
        "%(name)s was not notified: this person is not on the case team and cannot see the case."
    ) % {"name": outsider}
    if not may_add:
        hint = _("The municipality's process-support tandem can add them to the case team.")
        return f"{text} {hint}"
    team = reverse("cases:team", kwargs={"reference": case.reference})
    return format_html(
        '{} <a href="{}">{}</a>',
        text,
        f"{team}?{urlencode({'person': outsider.pk})}",
        _("Add %(name)s to the case team") % {"name": outsider},
    )


@case_permission("cases.comment_case")
@require_POST
def comment_create(request: HttpRequest, case: Case) -> HttpResponse:
    user = acting_user(request)
    form = CommentForm(request.POST)
    form.is_valid()  # the text field takes any text; the service checks it
    text = form.cleaned_data.get("text", "")
    try:
        posted = call_service(form, post_comment, case, by=user, text=text)
    except DatabaseError:
        # e.g. SQLite busy with another write: the text waits in the form to be sent again
        logger.exception("comment on case %s could not be saved", case.pk)
        messages.error(
            request,
            _(
                "Your comment could not be saved just now. It is still in the form: "
                "please send it again."
            ),
        )
        keep_draft(request, case, text)
        return redirect(case_link(case))
    if posted is None:
        for message in form.non_field_errors():
            messages.error(request, str(message))
        # A comment sent twice was saved the first time: its text need not come back.
        if text.strip() and not form.has_error(NON_FIELD_ERRORS, "sent"):
            keep_draft(request, case, text)
    else:
        take_draft(request, case)
        messages.success(request, _("Your comment was added."))
        _report_mentions(request, case, posted)
    return redirect(case_link(case))
