"""Writes and reads of the guidance checklists; ticks are stored per case and audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.forms.models import model_to_dict

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import diff, record
from kokoma.cases.models import Case, EscalationAssessment

from .models import Band, Checklist, ChecklistItem, ChecklistTick, band_for_stage


@dataclass(frozen=True)
class ItemData:
    """One item as entered: `item` is the existing item or None for a new one."""

    item: ChecklistItem | None
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


@transaction.atomic
def save_checklist(checklist: Checklist, *, items: list[ItemData], by: User) -> Checklist:
    """Create or change a checklist with its items; existing items not listed are removed."""
    creating = checklist.pk is None
    before = {} if creating else model_to_dict(Checklist.objects.get(pk=checklist.pk))
    checklist.full_clean()
    checklist.save()
    record(
        by=by,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=checklist,
        changes={} if creating else diff(before, model_to_dict(checklist)),
    )
    kept: set[int] = set()
    for data in items:
        if data.item is not None and data.item.pk and data.item.checklist_id == checklist.pk:
            item = data.item
            item_before = model_to_dict(ChecklistItem.objects.get(pk=item.pk))
            item.text, item.position = data.text, data.position
            item.full_clean()
            item.save()
            changes = diff(item_before, model_to_dict(item))
            if changes:
                record(by=by, action=AuditAction.UPDATE, obj=item, changes=changes)
        else:
            item = ChecklistItem(checklist=checklist, text=data.text, position=data.position)
            item.full_clean()
            item.save()
            record(by=by, action=AuditAction.CREATE, obj=item)
        kept.add(item.pk)
    for item in checklist.items.exclude(pk__in=kept):
        record(by=by, action=AuditAction.DELETE, obj=item)
        item.delete()
    return checklist


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
            changes={"active": [not active, active]},
        )
    return checklist


@transaction.atomic
def set_tick(case: Case, item: ChecklistItem, *, done: bool, by: User) -> ChecklistTick | None:
    """Tick (done=True) or untick an item for one case; repeating either is harmless."""
    existing = ChecklistTick.objects.filter(case=case, item=item).first()
    if done:
        if existing is not None:
            return existing
        tick = ChecklistTick.objects.create(case=case, item=item, ticked_by=by)
        record(
            by=by,
            action=AuditAction.CREATE,
            obj=tick,
            municipality=case.municipality,
            changes={"item": [None, item.text]},
        )
        return tick
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
