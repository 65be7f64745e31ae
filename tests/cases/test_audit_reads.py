"""Every page that shows a case's details writes a read to the audit log."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kokoma.audit.models import AuditAction, AuditEntry
from tests.conftest import Login

from .matrix_samples import cottbus_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["cases:detail", "cases:actor_map", "cases:edit"])
def test_reading_a_case_page_is_audited_with_the_page(
    name: str, login: Login, client: Client
) -> None:
    case = cottbus_case()
    user = login("local_a")
    url = reverse(name, kwargs={"reference": case.reference})
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_id=str(case.pk), actor=user
    ).first()
    assert entry is not None
    assert entry.changes == {"page": url}


def test_a_refused_read_is_not_logged_as_a_read(login: Login, client: Client) -> None:
    case = cottbus_case()
    login("board_a")
    assert (
        client.get(reverse("cases:detail", kwargs={"reference": case.reference})).status_code == 404
    )
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(case.pk)).exists()
