"""Tasks the early warning created keep their title and description as messages."""

from django.db import migrations, models

from kokoma.notifications import legacy_texts


def read_back(apps, schema_editor):
    """Tasks created by the system (no creator) whose words are the system's get messages."""
    Task = apps.get_model("tasks", "Task")
    changed = []
    for task in Task.objects.filter(created_by__isnull=True).only("pk", "title", "description"):
        title = legacy_texts.preset(task.title)
        description = legacy_texts.response_task_description(task.description)
        if title is not None or description is not None:
            task.title_message = title or {}
            task.description_message = description or {}
            changed.append(task)
    Task.objects.bulk_update(changed, ["title_message", "description_message"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="description_message",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.AddField(
            model_name="task",
            name="title_message",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(read_back, migrations.RunPython.noop, elidable=True),
    ]
