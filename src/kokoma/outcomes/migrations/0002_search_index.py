"""A GIN index over the shared cases' full-text vector, for the similar-case finder (PostgreSQL
only).

The vector holds the stems, already reduced (`kokoma.outcomes.text`), in the `simple`
configuration, which keeps them as they are. SQLite has no such index; there the finder falls
back to a substring match on the stems, and this migration does nothing.
"""

from typing import Any

from django.db import migrations

INDEX_NAME = "shared_case_search_gin"


def _index() -> Any:
    from django.contrib.postgres.indexes import GinIndex

    return GinIndex(fields=["search"], name=INDEX_NAME)


def create_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("outcomes", "SharedCase"), _index())


def drop_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("outcomes", "SharedCase"), _index())


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
