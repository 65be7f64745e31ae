"""The guidance panel of the case page: the checklists of the case's band with this case's ticks.

The inclusion tag (`{% case_guidance case user %}`) and the save view (which answers htmx with the
panel alone) render the same context, so that both show the same thing.
"""

from __future__ import annotations

from typing import Any

from kokoma.accounts.models import User
from kokoma.cases.models import Case

from .models import Band, Checklist, ChecklistTick
from .services import current_band


def guidance_panel(case: Case, *, user: User) -> dict[str, Any]:
    band, assessment = current_band(case)
    checklists = list(
        Checklist.objects.for_municipality(case.municipality_id)
        .filter(band=band, active=True)
        .prefetch_related("items")
    )
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
    }
