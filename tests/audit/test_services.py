"""The one audited save every service uses: validate, save, one line in the log."""

import pytest
from django.core.exceptions import FieldDoesNotExist, ValidationError

from kokoma.audit.models import AuditAction, AuditEntry
from kokoma.audit.services import assign, save_audited, stored
from kokoma.taxonomy.models import Term, TermKind
from tests.conftest import Persona

pytestmark = pytest.mark.django_db


def lines(term: Term) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_type="taxonomy.Term", object_id=str(term.pk)).order_by(
            "pk"
        )
    )


def test_a_new_record_is_logged_as_created_without_changes(persona: Persona) -> None:
    term = save_audited(Term(kind=TermKind.TOPIC, name="Wasser"), by=persona("office"))
    [line] = lines(term)
    assert (line.action, line.changes, line.actor) == (AuditAction.CREATE, {}, persona("office"))


def test_a_change_is_logged_with_the_fields_that_changed_only(persona: Persona) -> None:
    term = save_audited(Term(kind=TermKind.TOPIC, name="Wasser"), by=persona("office"))
    save_audited(assign(stored(term), {"name": "Wasser und Boden"}), by=persona("office"))
    assert lines(term)[-1].action == AuditAction.UPDATE
    assert lines(term)[-1].changes == {"name": ["Wasser", "Wasser und Boden"]}


def test_an_invalid_record_is_neither_saved_nor_logged(persona: Persona) -> None:
    terms, logged = Term.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        save_audited(Term(kind="nonsense", name=""), by=persona("office"))
    assert {"kind", "name"} <= set(refused.value.message_dict)
    assert (Term.objects.count(), AuditEntry.objects.count()) == (terms, logged)


def test_an_unchanged_record_is_logged_unless_asked_not_to(persona: Persona) -> None:
    term = save_audited(Term(kind=TermKind.TOPIC, name="Wasser"), by=persona("office"))
    save_audited(stored(term), by=persona("office"), skip_unchanged=True)
    assert len(lines(term)) == 1
    save_audited(stored(term), by=persona("office"))
    assert [line.changes for line in lines(term)] == [{}, {}]


def test_a_snapshot_and_extra_changes_shape_the_line(persona: Persona) -> None:
    term = save_audited(Term(kind=TermKind.TOPIC, name="Wasser"), by=persona("office"))
    save_audited(
        assign(stored(term), {"name": "Boden", "position": 3}),
        by=persona("office"),
        snapshot=lambda t: {"name": t.name},
        changes={"note": [None, "renamed"]},
    )
    assert lines(term)[-1].changes == {"name": ["Wasser", "Boden"], "note": [None, "renamed"]}


def test_assign_refuses_a_name_that_is_not_a_field() -> None:
    with pytest.raises(FieldDoesNotExist):
        assign(Term(), {"titel": "x"})


def test_stored_forgets_what_the_instance_holds_in_memory(persona: Persona) -> None:
    term = save_audited(Term(kind=TermKind.TOPIC, name="Wasser"), by=persona("office"))
    term.name = "nicht gespeichert"
    assert stored(term).name == "Wasser"
