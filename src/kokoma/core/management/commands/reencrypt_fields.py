"""Write every encrypted field again under the first key of KOKOMA_FIELD_ENCRYPTION_KEY (after a
new key was put first), so that the old key can then be removed."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from kokoma.core.crypto import EncryptedTextField


class Command(BaseCommand):
    help = "Encrypt every confidential field again with the first configured key."

    def handle(self, *args: Any, **options: Any) -> None:
        for model in apps.get_models():
            names = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            if not names:
                continue
            table = model._meta.db_table
            count = 0
            with transaction.atomic():
                # Read through the field (any configured key opens it), written through it
                # again (the first key encrypts).
                for row in model._default_manager.values("pk", *names).iterator():
                    values = {name: row[name] for name in names if row[name]}
                    if values:
                        model._default_manager.filter(pk=row["pk"]).update(**values)
                        count += 1
            self.stdout.write(f"{table}: {count} rows encrypted again")
