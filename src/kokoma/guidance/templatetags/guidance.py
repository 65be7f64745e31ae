"""`{% case_guidance case user %}`: the checklists of the case's current escalation band."""

from __future__ import annotations

from typing import Any

from django import template

from kokoma.cases.models import Case

from ..panel import guidance_panel

register = template.Library()


@register.inclusion_tag("guidance/_case_guidance.html", takes_context=True)
def case_guidance(context: template.Context, case: Case, user: Any) -> dict[str, Any]:
    return {
        **guidance_panel(case, user=user),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
