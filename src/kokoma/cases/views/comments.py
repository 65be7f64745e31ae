"""The comment form's endpoint; the rules for comments and mentions are in services/comments.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokoma.accounts.access import acting_user
from kokoma.cases.access import case_permission

from ..models import Case
from ..services.comments import case_link, post_comment


@case_permission("cases.comment_case")
@require_POST
def comment_create(request: HttpRequest, case: Case) -> HttpResponse:
    user = acting_user(request)
    try:
        posted = post_comment(case, by=user, text=request.POST.get("text", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your comment was added."))
        if posted.notified:
            messages.info(
                request,
                _("Notified: %(names)s.") % {"names": ", ".join(str(u) for u in posted.notified)},
            )
        if posted.ignored:
            messages.warning(
                request,
                _("Not notified, because nobody of that name can see this case: %(names)s.")
                % {"names": ", ".join(f"@{name}" for name in posted.ignored)},
            )
    return redirect(case_link(case))
