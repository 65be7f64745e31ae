"""Notifications keep their text as a message, shown in the reader's language."""

from django.db import migrations, models

from kokoma.notifications import legacy_texts


def read_back(apps, schema_editor):
    """Existing notifications whose words are one of the system's texts get their message."""
    Notification = apps.get_model("notifications", "Notification")
    changed = []
    for notification in Notification.objects.filter(message={}).only("pk", "text").iterator():
        found = legacy_texts.notification(notification.text)
        if found is not None:
            notification.message = found
            changed.append(notification)
    Notification.objects.bulk_update(changed, ["message"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="message",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="message"),
        ),
        migrations.RunPython(read_back, migrations.RunPython.noop, elidable=True),
    ]
