"""A GIN index for the German full-text search over the library's titles and descriptions
(PostgreSQL only; SQLite searches substrings, so this migration does nothing there)."""

from typing import Any

from django.db import migrations

INDEX_NAME = "library_resource_german_gin"


def _index() -> Any:
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector("title", "description", config="german"), name=INDEX_NAME)


def create_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("library", "Resource"), _index())


def drop_index(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("library", "Resource"), _index())


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
