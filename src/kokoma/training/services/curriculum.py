"""The curriculum: its modules, kept by the programme office."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict, Unpack

from django.db import transaction

from kokoma.accounts.models import User
from kokoma.audit.models import AuditAction
from kokoma.audit.services import assign, record, save_audited, stored

from ..models import CurriculumModule


@transaction.atomic
def add_module(
    *,
    by: User,
    title: str,
    learning_goals: str,
    hours: Decimal,
    methods: str = "",
    position: int = 1,
) -> CurriculumModule:
    module = CurriculumModule(
        title=title,
        learning_goals=learning_goals,
        hours=hours,
        methods=methods,
        position=position,
    )
    return save_audited(module, by=by)


class ModuleFields(TypedDict, total=False):
    title: str
    learning_goals: str
    hours: Decimal
    methods: str
    position: int


@transaction.atomic
def change_module(
    module: CurriculumModule, *, by: User, **changes: Unpack[ModuleFields]
) -> CurriculumModule:
    return save_audited(assign(stored(module), changes), by=by)


@transaction.atomic
def delete_module(module: CurriculumModule, *, by: User) -> None:
    record(by=by, action=AuditAction.DELETE, obj=module)
    module.delete()
