"""The migration-history check: a database from before the migrations were rewritten is named."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.migrations.recorder import MigrationRecorder

from kokoma.core.checks import migration_history, unknown_migrations


@pytest.mark.django_db
def test_a_current_database_passes() -> None:
    assert unknown_migrations("default") == []
    assert migration_history(None, databases=["default"]) == []


@pytest.mark.django_db
def test_a_database_from_before_the_rewrite_gets_a_clear_instruction() -> None:
    recorder = MigrationRecorder.Migration.objects
    recorder.create(app="cases", name="0004_processing")
    recorder.create(app="situation", name="0001_initial")

    assert unknown_migrations("default") == [
        ("cases", "0004_processing"),
        ("situation", "0001_initial"),
    ]
    (error,) = migration_history(None, databases=["default"])
    assert error.id == "kokoma.E001"
    assert "cases.0004_processing" in error.msg
    assert "rm var/kokoma.sqlite3" in (error.hint or "")
    with pytest.raises(SystemCheckError, match="earlier version of KoKoMa"):
        call_command("migrate", "--check", verbosity=0, skip_checks=False)
