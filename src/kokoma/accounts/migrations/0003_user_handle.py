"""Every user gets a handle for @mentions, made from their name (issue 10, item 3)."""

import django.core.validators
from django.db import migrations, models

from kokoma.accounts.handles import handle_base, unique_handle


def fill_handles(apps, schema_editor):  # type: ignore[no-untyped-def]
    User = apps.get_model("accounts", "User")
    taken: set[str] = set()
    for user in User.objects.order_by("pk"):
        user.handle = unique_handle(handle_base(user.display_name, user.email), taken.__contains__)
        taken.add(user.handle)
        user.save(update_fields=["handle"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="handle",
            field=models.CharField(default="", max_length=40, verbose_name="handle"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_handles, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="handle",
            field=models.CharField(
                error_messages={"unique": "This handle is already taken. Please choose another."},
                help_text=(
                    "The name by which others mention you in comments with @, for example "
                    "@anna-schmidt. Lower-case letters, digits and hyphens."
                ),
                max_length=40,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[a-z0-9]+(?:-[a-z0-9]+)*\\Z",
                        code="invalid_handle",
                        message=(
                            "Use only lower-case letters (a–z), digits and single hyphens "
                            "between them, for example anna-schmidt."
                        ),
                    )
                ],
                verbose_name="handle",
            ),
        ),
    ]
