import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.audit.services import diff, record
from kokoma.municipalities.models import Municipality
from tests.accounts.factories import UserFactory
from tests.conftest import COTTBUS, Persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(persona: Persona) -> AuditEntry:
    cottbus = Municipality.objects.get(register__ags=COTTBUS)
    return record(by=persona("office"), action=AuditAction.VIEW, obj=cottbus, municipality=cottbus)


def test_record_stores_who_did_what_to_which_object(entry: AuditEntry, persona: Persona) -> None:
    entry.refresh_from_db()
    assert entry.actor == persona("office")
    assert entry.action == AuditAction.VIEW
    assert entry.object_type == "municipalities.Municipality"
    assert entry.object_repr == "Cottbus/Chóśebuz, Stadt"
    assert entry.at is not None


def test_an_entry_cannot_be_saved_again(entry: AuditEntry) -> None:
    entry.object_repr = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    entry.refresh_from_db()
    assert entry.object_repr == "Cottbus/Chóśebuz, Stadt"


def test_an_entry_cannot_be_deleted(entry: AuditEntry) -> None:
    with pytest.raises(PermissionError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_cannot_be_updated_through_a_queryset(entry: AuditEntry) -> None:
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(object_repr="rewritten")


def test_the_log_cannot_be_deleted_through_a_queryset(entry: AuditEntry) -> None:
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_person_keeps_their_audit_entries() -> None:
    person = UserFactory.create()
    entry = record(by=person, action=AuditAction.CREATE, obj=person)
    person.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.object_repr == str(person)


def test_an_anonymous_actor_is_stored_as_nobody(persona: Persona) -> None:
    # `record` declares `by` as a user or None, yet it also handles an anonymous user (whose
    # `is_authenticated` is false); this test checks exactly that, outside the declared type.
    entry = record(
        by=AnonymousUser(),
        action=AuditAction.VIEW,
        obj=persona("office"),
    )
    assert entry.actor is None


def test_diff_lists_only_changed_fields_as_old_and_new() -> None:
    assert diff({"a": 1, "b": "x"}, {"a": 1, "b": "y"}) == {"b": ["x", "y"]}


def test_diff_turns_values_into_json_friendly_text() -> None:
    changes = diff({"date": datetime.date(2025, 1, 1)}, {"date": datetime.date(2025, 2, 1)})
    assert changes == {"date": ["2025-01-01", "2025-02-01"]}


def test_diff_of_a_new_field_has_no_old_value() -> None:
    assert diff({}, {"name": "neu"}) == {"name": [None, "neu"]}
