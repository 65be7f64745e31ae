"""Queue the next run of every periodic job that has none waiting (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kokoma.core import jobs


class Command(BaseCommand):
    help = "Queue the periodic background jobs (daily check, digest) for `db_worker`."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--run-now", metavar="NAME", help="Run one periodic task at once, in this process."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["run_now"]:
            name = options["run_now"]
            if name not in jobs.schedule():
                known = ", ".join(sorted(jobs.schedule()))
                raise CommandError(
                    _("Unknown periodic task “%(name)s”. Known: %(known)s")
                    % {"name": name, "known": known}
                )
            result = jobs.call(name)
            self.stdout.write(f"{name}: {result}")
            return
        if not jobs.uses_database_backend():
            self.stdout.write(_("No database backend for background tasks: nothing queued."))
            return
        queued = jobs.ensure_scheduled()
        for name, when in queued.items():
            local = formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")
            self.stdout.write(_("%(name)s: next run %(when)s") % {"name": name, "when": local})
        if options["verbosity"] and not queued:
            self.stdout.write(_("Every periodic task is already queued."))
