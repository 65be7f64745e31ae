"""Run the early-warning check: `manage.py check_alerts [--date YYYY-MM-DD] [--municipality AGS]`."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kokoma.municipalities.models import Municipality
from kokoma.prevention import services
from kokoma.prevention.models import AlertKind


class Command(BaseCommand):
    help = "Raise early-warning alerts, notify the responsible people and create their tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="check as of this day (YYYY-MM-DD); default: today")
        parser.add_argument("--municipality", help="only this municipality (AGS)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(
                    _("“%(value)s” is not a valid date; please use the form YYYY-MM-DD.")
                    % {"value": options["date"]}
                ) from error
        municipality = None
        if options["municipality"]:
            municipality = (
                Municipality.objects.with_register()
                .filter(register__ags=options["municipality"])
                .first()
            )
            if municipality is None:
                raise CommandError(
                    _("No participating municipality has the AGS “%(ags)s”.")
                    % {"ags": options["municipality"]}
                )
        report = services.run_check(today=today, municipality=municipality)
        self.stdout.write(
            _(
                "Early-warning check: %(municipalities)s municipalities checked, "
                "%(alerts)s new alerts, %(notifications)s notifications, %(tasks)s tasks."
            )
            % report.as_dict()
        )
        for kind, label in AlertKind.choices:
            if report.by_kind.get(kind):
                self.stdout.write(f"  {label}: {report.by_kind[kind]}")
