from __future__ import annotations

from typing import Any

from django import template

from kokoma.cases.models import Case

register = template.Library()


@register.inclusion_tag("cases/_comment_list.html", takes_context=True)
def case_comments(context: template.Context, case: Case) -> dict[str, Any]:
    """`{% case_comments case %}`: the case's comments and, where allowed, the comment form."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "case": case,
        "comments": case.comments.select_related("author"),
        "can_comment": user is not None and user.has_perm("cases.comment_case", case),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
