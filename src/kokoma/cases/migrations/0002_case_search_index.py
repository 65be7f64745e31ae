"""A GIN index for the German full-text search over case title and summary (PostgreSQL only).

The index is an expression index, which SQLite cannot hold; there the case list falls back to a
substring search, so this migration does nothing on other databases.
"""

from typing import Any

from django.db import migrations

INDEX_NAME = "case_search_german_gin"


def _index() -> Any:
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector("title", "summary", config="german"), name=INDEX_NAME)


def create_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("cases", "Case"), _index())


def drop_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("cases", "Case"), _index())


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
