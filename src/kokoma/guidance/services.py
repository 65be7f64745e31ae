"""Writes and reads of the guidance checklists; ticks are stored per case and audited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict, Unpack

from django.db import transaction

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored
from kokoma.cases.models import Case, EscalationAssessment
from kokoma.municipalities.models import Municipality

from .models import Band, Checklist, ChecklistItem, ChecklistTick, band_for_stage


@dataclass(frozen=True)
class ItemData:
    """One item as entered: `item_id` names an existing item of the checklist, None a new one."""

    item_id: int | None
    text: str
    position: int


def latest_assessment(case: Case) -> EscalationAssessment | None:
    """The latest assessment of the case as a whole (per-actor assessments do not count)."""
    return (
        EscalationAssessment.objects.filter(case=case, actor__isnull=True)
        .order_by("-assessed_on", "-id")
        .first()
    )


def current_band(case: Case) -> tuple[Band, EscalationAssessment | None]:
    """The case's band from its latest whole-case assessment; without one, band 1."""
    assessment = latest_assessment(case)
    if assessment is None:
        return Band.SELF_HELP, None
    return band_for_stage(assessment.stage), assessment


class ChecklistFields(TypedDict, total=False):
    band: int
    title: str
    introduction: str
    position: int
    active: bool


@transaction.atomic
def create_checklist(
    *,
    by: User,
    band: int,
    title: str,
    items: list[ItemData],
    introduction: str = "",
    position: int = 0,
    active: bool = True,
    municipality: Municipality | None = None,
) -> Checklist:
    """Add a checklist for an escalation band, with its items in the order given: the
    programme's, or with `municipality` that municipality's own."""
    checklist = Checklist(
        municipality=municipality,
        band=band,
        title=title,
        introduction=introduction,
        position=position,
        active=active,
    )
    save_audited(checklist, by=by, municipality=municipality)
    _set_items(checklist, items, by=by)
    return checklist


@transaction.atomic
def update_checklist(
    checklist: Checklist,
    *,
    by: User,
    items: list[ItemData] | None = None,
    **changes: Unpack[ChecklistFields],
) -> Checklist:
    """Change the given fields of a checklist; `items` replaces its items (existing ones not
    listed are removed), None leaves them as they are."""
    checklist = save_audited(
        assign(stored(checklist), changes), by=by, municipality=checklist.municipality
    )
    if items is not None:
        _set_items(checklist, items, by=by)
    return checklist


def _set_items(checklist: Checklist, items: list[ItemData], *, by: User) -> None:
    existing = {item.pk: item for item in checklist.items.all()}
    kept: set[int] = set()
    for data in items:
        item = existing.get(data.item_id) if data.item_id is not None else None
        if item is None:
            item = ChecklistItem(checklist=checklist)
        item.text, item.position = data.text, data.position
        # An item is logged when it is new or has changed.
        save_audited(item, by=by, skip_unchanged=True)
        kept.add(item.pk)
    for item in checklist.items.exclude(pk__in=kept):
        record(by=by, action=AuditAction.DELETE, obj=item)
        item.delete()


@transaction.atomic
def set_active(checklist: Checklist, *, active: bool, by: User) -> Checklist:
    """Deactivate (or reactivate) a checklist; its items and the ticks stay."""
    if checklist.active != active:
        checklist.active = active
        checklist.save(update_fields=["active"])
        record(
            by=by,
            action=AuditAction.UPDATE,
            obj=checklist,
            municipality=checklist.municipality,
            changes={"active": [not active, active]},
        )
    return checklist


@transaction.atomic
def set_tick(case: Case, item: ChecklistItem, *, done: bool, by: User) -> ChecklistTick | None:
    """Tick (done=True) or untick an item for one case; repeating either is harmless, also when
    two requests do it at the same moment (the second finds the first one's tick)."""
    if done:
        tick, created = ChecklistTick.objects.get_or_create(
            case=case, item=item, defaults={"ticked_by": by}
        )
        if created:
            record(
                by=by,
                action=AuditAction.CREATE,
                obj=tick,
                municipality=case.municipality,
                changes={"item": [None, item.text]},
            )
        return tick
    existing = ChecklistTick.objects.filter(case=case, item=item).first()
    if existing is not None:
        record(
            by=by,
            action=AuditAction.DELETE,
            obj=existing,
            municipality=case.municipality,
            changes={"item": [item.text, None]},
        )
        existing.delete()
    return None


@dataclass(frozen=True)
class SavedTicks:
    ticked: int
    unticked: int


@transaction.atomic
def save_ticks(case: Case, *, by: User, changes: Mapping[ChecklistItem, bool]) -> SavedTicks:
    """Save the boxes a person changed on the case's checklists: item → ticked or not.

    Only changed items are given, never the whole list, so that saving in a second tab that
    still shows an older state cannot undo a tick it did not touch; each item is set, not
    toggled, so saving the same change twice is harmless.
    """
    for item, done in changes.items():
        set_tick(case, item, done=done, by=by)
    ticked = sum(1 for done in changes.values() if done)
    return SavedTicks(ticked=ticked, unticked=len(changes) - ticked)
