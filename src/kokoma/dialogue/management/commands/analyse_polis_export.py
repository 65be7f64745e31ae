"""Analyse a Pol.is export folder and write the opinion map as JSON, without the database.

Used to compare our groups with Pol.is's own on public conversations, and to try the method on
an export before a dialogue exists in KoKoMa.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from kokoma.dialogue.analysis import Analysis
from kokoma.dialogue.polis_io import analyse_export, read_polis_dir


class Command(BaseCommand):
    help = (
        "Analyse a Pol.is export folder (comments.csv and votes.csv, optionally "
        "participants-votes.csv and summary.csv) and write JSON: participants (id → group or "
        "null), groups (id, size, centre, participants), representative (group → statement "
        "ids), consensus (agree-consensus statement ids), consensus_disagree and projection "
        "(id → [x, y]). Problems in the files are listed on stderr; the database is not used."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        try:
            export = read_polis_dir(folder)
        except OSError as error:
            message = gettext("Cannot read the export folder %(folder)s: %(error)s")
            raise CommandError(message % {"folder": folder, "error": error}) from error
        for problem in export.problems:
            self.stderr.write(f"{problem.file}:{problem.line}: {problem.message}")
        result = map_as_json(analyse_export(export))
        try:
            options["output"].write_text(json.dumps(result, indent=1), encoding="utf-8")
        except OSError as error:
            message = gettext("Cannot write %(file)s: %(error)s")
            raise CommandError(message % {"file": options["output"], "error": error}) from error
        self.stdout.write(
            f"{len(result['participants'])} participants, {len(result['groups'])} groups"
        )


def map_as_json(analysis: Analysis) -> dict[str, Any]:
    """The command's output (documented in docs/dialogue-method.md)."""
    members: dict[int, list[int]] = {g.id: [] for g in analysis.groups}
    for participant, group in analysis.group_of.items():
        if group is not None:
            members[group].append(participant)
    return {
        "participants": {str(p): g for p, g in analysis.group_of.items()},
        "groups": [
            {
                "id": g.id,
                "size": g.size,
                "centre": [round(g.centre[0], 6), round(g.centre[1], 6)],
                "participants": members[g.id],
            }
            for g in analysis.groups
        ],
        "representative": {
            str(g.id): [r.statement_id for r in g.representative] for g in analysis.groups
        },
        "consensus": analysis.consensus_agree,
        "consensus_disagree": analysis.consensus_disagree,
        "projection": {
            str(p): [round(x, 6), round(y, 6)] for p, (x, y) in analysis.projection.items()
        },
    }
