"""Create the Ed25519 key that signs certificates (once per installation; keep it backed up)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kokoma.training.credentials import create_key


class Command(BaseCommand):
    help = "Create the key that signs the training's certificates, unless it exists."

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.KOKOMA_CREDENTIAL_KEY_FILE)
        if create_key(path):
            self.stdout.write(self.style.SUCCESS(f"Created {path}. Keep it with the backups."))
        elif path.is_file():
            self.stdout.write(f"{path} exists; it is kept (credentials already issued need it).")
        else:
            raise CommandError(f"Could not create {path}.")
