"""Alerts keep their summary as a message, shown in the reader's language."""

from django.db import migrations, models

from kokoma.notifications import legacy_texts


def read_back(apps, schema_editor):
    """Existing alerts whose summary is one of the check's texts get their message."""
    Alert = apps.get_model("prevention", "Alert")
    changed = []
    for alert in Alert.objects.filter(summary_message={}).only("pk", "summary").iterator():
        found = legacy_texts.alert_summary(alert.summary)
        if found is not None:
            alert.summary_message = found
            changed.append(alert)
    Alert.objects.bulk_update(changed, ["summary_message"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("prevention", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="alert",
            name="summary_message",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(read_back, migrations.RunPython.noop, elidable=True),
    ]
