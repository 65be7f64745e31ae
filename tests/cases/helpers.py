"""Helpers the case tests share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.messages import get_messages
from django.db.models import Model
from django.urls import reverse

from kokoma.audit.models import AuditEntry
from kokoma.cases.models import Case

if TYPE_CHECKING:
    from ..conftest import ClientResponse


def url(name: str, case: Case, **kwargs: Any) -> str:
    return reverse(f"cases:{name}", kwargs={"reference": case.reference, **kwargs})


def error_messages(response: ClientResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]


def audited(obj: Model, action: str) -> bool:
    return AuditEntry.objects.filter(
        object_type=obj._meta.label, object_id=str(obj.pk), action=action
    ).exists()
