from __future__ import annotations

from typing import Any

from django import template

from kokoma.cases.forms.comments import CommentForm
from kokoma.cases.models import Case
from kokoma.cases.services.comments import people_who_see
from kokoma.cases.views.comments import take_draft

register = template.Library()


@register.inclusion_tag("cases/_comment_list.html", takes_context=True)
def case_comments(context: template.Context, case: Case) -> dict[str, Any]:
    """`{% case_comments case %}`: the case's comments and, where allowed, the comment form."""
    request = context.get("request")
    user = getattr(request, "user", None)
    can_comment = user is not None and user.has_perm("cases.comment_case", case)
    # A comment the server refused comes back into the form.
    draft = ""
    if can_comment and request is not None and hasattr(request, "session"):
        draft = take_draft(request, case)
    return {
        "case": case,
        "comments": case.comments.select_related("author"),
        "can_comment": can_comment,
        "draft": draft,
        "form": CommentForm(),
        # Whom a mention reaches, with the handle to write after the @.
        "mentionable": sorted(people_who_see(case), key=str) if can_comment else [],
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
