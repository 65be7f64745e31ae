"""`{% case_guidance case user %}`: the checklists of the case's current escalation band."""

from __future__ import annotations

from typing import Any

from django import template

from kokoma.cases.models import Case

from ..models import Band, Checklist, ChecklistTick
from ..services import current_band

register = template.Library()


@register.inclusion_tag("guidance/_case_guidance.html", takes_context=True)
def case_guidance(context: template.Context, case: Case, user: Any) -> dict[str, Any]:
    band, assessment = current_band(case)
    checklists = list(Checklist.objects.filter(band=band, active=True).prefetch_related("items"))
    ticks = {
        tick.item_id: tick
        for tick in ChecklistTick.objects.filter(
            case=case, item__checklist__in=checklists
        ).select_related("ticked_by")
    }
    return {
        "case": case,
        "band": band,
        "band_label": Band(band).label,
        "assessment": assessment,
        "checklists": [
            (checklist, [(item, ticks.get(item.pk)) for item in checklist.items.all()])
            for checklist in checklists
        ],
        "can_tick": user.has_perm("guidance.tick", case),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
