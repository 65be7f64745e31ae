"""``analyse_polis_export``: the opinion map of an export folder as JSON, without the database.

No test here asks for the ``db`` fixture, so pytest-django fails any query the command makes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

SCOOP = Path(__file__).resolve().parents[2] / "data" / "polis" / "scoop-hivemind.freshwater"


def test_the_command_writes_the_map_as_json(tmp_path: Path) -> None:
    output = tmp_path / "map.json"
    call_command("analyse_polis_export", str(SCOOP), "--output", str(output))
    result = json.loads(output.read_text())
    assert set(result) == {
        "participants",
        "groups",
        "representative",
        "consensus",
        "consensus_disagree",
        "projection",
    }
    assert len(result["participants"]) == 117
    groups = result["groups"]
    assert [g["id"] for g in groups] == list(range(len(groups))) and len(groups) >= 2
    assert sum(g["size"] for g in groups) == len(result["projection"]) == 100
    for group in groups:
        assert {result["participants"][str(p)] for p in group["participants"]} == {group["id"]}
        assert 1 <= len(result["representative"][str(group["id"])]) <= 5
    assert all(isinstance(s, int) for s in result["consensus"])


def test_a_missing_folder_is_a_command_error(tmp_path: Path) -> None:
    with translation.override("en"), pytest.raises(CommandError, match="Cannot read the export"):
        call_command(
            "analyse_polis_export", str(tmp_path / "none"), "--output", str(tmp_path / "x")
        )
