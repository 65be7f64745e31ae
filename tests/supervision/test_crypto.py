"""Confidential text at rest (kokoma.core.crypto): ciphertext in the database, plain text through
the ORM, rotation, a wrong key refused clearly, production refusing to start without a key."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from pytest_django import Settings

from kokoma.core import crypto
from kokoma.supervision.models import SessionNote

from ..conftest import Persona
from ..core.test_settings import GOOD_KEY, start
from . import factories

pytestmark = pytest.mark.django_db


def _raw_text(note: SessionNote) -> str:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(SessionNote._meta.db_table)
        cursor.execute(f"SELECT text FROM {table} WHERE id = %s", [note.pk])  # noqa: S608
        (value,) = cursor.fetchone()
    return str(value)


def test_the_database_holds_ciphertext_and_the_orm_the_plain_text() -> None:
    note = factories.note(factories.slot(), "Streng vertraulich: Rollenkonflikt im Tandem")
    raw = _raw_text(note)
    assert raw.startswith(crypto.TOKEN_PREFIX)
    assert "vertraulich" not in raw and "Tandem" not in raw
    assert SessionNote.objects.get(pk=note.pk).text == (
        "Streng vertraulich: Rollenkonflikt im Tandem"
    )


def test_each_encryption_differs_and_round_trips() -> None:
    first, second = crypto.encrypt("Ümläute und 😀"), crypto.encrypt("Ümläute und 😀")
    assert first != second
    assert crypto.decrypt(first) == crypto.decrypt(second) == "Ümläute und 😀"


def test_empty_text_needs_no_key() -> None:
    field = SessionNote._meta.get_field("text")
    assert field.get_prep_value("") == ""


def test_a_wrong_key_is_refused_clearly(settings: Settings) -> None:
    token = crypto.encrypt("Notiz")
    settings.KOKOMA_FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.UndecryptableText, match="KOKOMA_FIELD_ENCRYPTION_KEY"):
        crypto.decrypt(token)


def test_an_invalid_key_is_named(settings: Settings) -> None:
    settings.KOKOMA_FIELD_ENCRYPTION_KEYS = ["kein-schluessel"]
    with pytest.raises(crypto.ImproperlyConfigured, match="key 1 is not a Fernet key"):
        crypto.encrypt("Notiz")


def test_a_new_key_put_first_still_reads_the_old_rows_and_rotates_them(
    settings: Settings, persona: Persona
) -> None:
    note = factories.note(factories.slot(), "Vor dem Schlüsselwechsel")
    old = list(settings.KOKOMA_FIELD_ENCRYPTION_KEYS)
    new = Fernet.generate_key().decode()
    settings.KOKOMA_FIELD_ENCRYPTION_KEYS = [new, *old]
    assert SessionNote.objects.get(pk=note.pk).text == "Vor dem Schlüsselwechsel"
    rotated = crypto.rotate(_raw_text(note))
    settings.KOKOMA_FIELD_ENCRYPTION_KEYS = [new]
    assert crypto.decrypt(rotated) == "Vor dem Schlüsselwechsel"


def test_production_refuses_to_start_without_a_field_key(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_SECRET_KEY=GOOD_KEY, KOKOMA_FIELD_ENCRYPTION_KEY="")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "KOKOMA_FIELD_ENCRYPTION_KEY" in result.stderr
    assert "er ist nicht gesetzt" in result.stderr


def test_production_refuses_an_invalid_field_key(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_SECRET_KEY=GOOD_KEY, KOKOMA_FIELD_ENCRYPTION_KEY="zu-kurz")
    assert result.returncode != 0
    assert "kein Fernet-Schlüssel" in result.stderr


def test_production_refuses_the_demo_field_key(tmp_path: Path, settings: Settings) -> None:
    result = start(
        tmp_path,
        KOKOMA_SECRET_KEY=GOOD_KEY,
        KOKOMA_FIELD_ENCRYPTION_KEY=settings.DEMO_FIELD_ENCRYPTION_KEY,
    )
    assert result.returncode != 0
    assert "öffentlich" in result.stderr


def test_production_starts_with_its_own_field_key(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_SECRET_KEY=GOOD_KEY)  # start() gives it a key of its own
    assert result.returncode == 0, result.stderr


def test_reencrypt_fields_moves_every_row_to_the_first_key(settings: Settings) -> None:
    from django.core.management import call_command

    note = factories.note(factories.slot(), "Nach dem Wechsel lesbar")
    new = Fernet.generate_key().decode()
    settings.KOKOMA_FIELD_ENCRYPTION_KEYS = [new, *settings.KOKOMA_FIELD_ENCRYPTION_KEYS]
    call_command("reencrypt_fields", verbosity=0, stdout=io.StringIO())
    settings.KOKOMA_FIELD_ENCRYPTION_KEYS = [new]
    assert SessionNote.objects.get(pk=note.pk).text == "Nach dem Wechsel lesbar"
