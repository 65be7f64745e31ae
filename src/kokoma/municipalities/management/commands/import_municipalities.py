from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from kokoma.municipalities.register_import import RegisterFormatError, import_register


class Command(BaseCommand):
    help = "Import the municipality register (Destatis Gemeindeverzeichnis as CSV, see data/)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV file with one municipality per line")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args: Any, file: Path, no_progress: bool, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with file.open(encoding="utf-8", newline="") as stream:
            try:
                total = max(sum(1 for _ in stream) - 1, 0)
            except UnicodeDecodeError as error:
                raise CommandError("The file is not UTF-8 encoded.") from error
            stream.seek(0)

            def progress(rows: Any) -> Any:
                return tqdm(
                    rows,
                    total=total,
                    unit=" lines",
                    desc="Gemeindeverzeichnis",
                    disable=no_progress or options["verbosity"] == 0,
                    file=self.stderr._out,
                )

            try:
                report = import_register(stream, progress=progress)
            except RegisterFormatError as error:
                raise CommandError(str(error)) from error
        for line_error in report.errors:
            self.stderr.write(str(line_error))
        summary = (
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.errors)} lines rejected"
        )
        if report.errors:
            self.stderr.write(self.style.WARNING(summary))
        elif options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(summary))
