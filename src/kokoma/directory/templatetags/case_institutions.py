"""`{% case_institutions case %}`: the "Institutions working on the case" panel of the case page."""

from __future__ import annotations

from typing import Any

from django import template

from kokoma.cases.models import Case

from ..services import institutions_for_case

register = template.Library()


@register.inclusion_tag("directory/_case_institutions.html", takes_context=True)
def case_institutions(context: template.Context, case: Case) -> dict[str, Any]:
    """The institutions linked to the case (one query); nothing for who may not see the directory."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("directory.view_directory", case.municipality):
        return {"case": case, "show": False, "institution_links": []}
    return {"case": case, "show": True, "institution_links": list(institutions_for_case(case))}
