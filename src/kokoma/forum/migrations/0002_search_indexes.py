"""GIN indexes for the German full-text search over thread titles and posts (PostgreSQL only).

They are expression indexes, which SQLite cannot hold; there the forum's search falls back to a
substring search, so this migration does nothing on other databases.
"""

from typing import Any

from django.db import migrations

INDEXES = [
    ("Thread", "forum_thread_title_german_gin", ("title",)),
    ("Post", "forum_post_text_german_gin", ("text",)),
]


def _index(name: str, fields: tuple[str, ...]) -> Any:
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector(*fields, config="german"), name=name)


def create_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for model, name, fields in INDEXES:
            schema_editor.add_index(apps.get_model("forum", model), _index(name, fields))


def drop_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for model, name, fields in INDEXES:
            schema_editor.remove_index(apps.get_model("forum", model), _index(name, fields))


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
