"""Every municipality already in the programme gets its (empty) profile in the directory; new
ones get theirs when they are created (`kokoma.network.signals`)."""

from typing import Any

from django.db import migrations


def give_profiles(apps: Any, schema_editor: Any) -> None:
    Municipality = apps.get_model("municipalities", "Municipality")
    Member = apps.get_model("network", "Member")
    have = set(Member.objects.filter(municipality__isnull=False).values_list("municipality_id", flat=True))
    Member.objects.bulk_create(
        Member(kind="municipality", municipality_id=pk)
        for pk in Municipality.objects.exclude(pk__in=have).values_list("pk", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial"), ("municipalities", "0002_accompaniment_process")]

    operations = [migrations.RunPython(give_profiles, migrations.RunPython.noop)]
