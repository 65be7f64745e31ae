"""System checks that run before `migrate` (and every other command that touches the database)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import apps
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import connections
from django.db.migrations.loader import MigrationLoader

OWN_APPS = "kokoma."


def unknown_migrations(alias: str) -> list[tuple[str, str]]:
    """Migrations of our apps that the database has applied but that no longer exist on disk."""
    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    own = {config.label for config in apps.get_app_configs() if config.name.startswith(OWN_APPS)}
    applied = set(loader.applied_migrations)
    # An app that held models in an earlier version may no longer be installed at all.
    own |= {label for label, _name in applied if label not in apps.app_configs}
    return sorted(
        (label, name)
        for label, name in applied
        if label in own and (label, name) not in loader.disk_migrations
    )


@register(Tags.database)
def migration_history(
    app_configs: Sequence[Any] | None, databases: Iterable[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """A database from before the migrations were rewritten cannot be migrated: say what to do."""
    errors: list[CheckMessage] = []
    for alias in databases or []:
        unknown = unknown_migrations(alias)
        if unknown:
            listed = ", ".join(f"{label}.{name}" for label, name in unknown[:5])
            errors.append(
                Error(
                    f"The database '{alias}' was set up by an earlier version of KoKoMa whose "
                    f"migrations have since been rewritten ({listed}"
                    f"{', …' if len(unknown) > 5 else ''}).",
                    hint=(
                        "Such a database holds demo data only. Remove it and set it up again: "
                        "`rm var/kokoma.sqlite3*` and `make run` for the embedded default, or "
                        "drop and re-create the PostgreSQL database named in DATABASE_URL. "
                        "See CHANGELOG.md."
                    ),
                    id="kokoma.E001",
                )
            )
    return errors
