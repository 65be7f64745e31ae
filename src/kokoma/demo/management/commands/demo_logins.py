from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kokoma.accounts.models import MembershipRole, ProgrammeRole
from kokoma.municipalities.models import RegisterEntry

from .load_demo import DEMO_PASSWORD, USERS


class Command(BaseCommand):
    help = "Print the demo's URL and one login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"KoKoMa läuft gleich auf {url}"))
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD}):")
        names = dict(
            RegisterEntry.objects.filter(ags__in=[u.municipality for u in USERS]).values_list(
                "ags", "name"
            )
        )
        for user in USERS:
            role = (
                ProgrammeRole(user.programme_role).label
                if user.programme_role
                else MembershipRole(user.role).label
            )
            name = names.get(user.municipality, user.municipality)
            where = f" – {name}" if user.municipality else ""
            self.stdout.write(f"  {user.address:<40} {role}{where}")
        self.stdout.write("")
