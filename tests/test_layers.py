"""The layer contract (.importlinter) holds, and it would catch an import that points up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint(source_root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(source_root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / ".importlinter")],
        cwd=source_root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_house_keeps_its_layers() -> None:
    result = lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_core_importing_a_domain_app_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src" / "kokoma", tmp_path / "kokoma")
    helpers = tmp_path / "kokoma" / "core" / "viewutils.py"
    helpers.write_text(helpers.read_text() + "\nfrom kokoma.cases.models import Case  # noqa\n")

    result = lint(tmp_path)

    assert result.returncode != 0
    assert "kokoma.core is not allowed to import kokoma.cases" in result.stdout


def test_a_cycle_inside_an_app_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "src" / "kokoma", tmp_path / "kokoma")
    team = tmp_path / "kokoma" / "cases" / "services" / "team.py"
    team.write_text(team.read_text() + "\nfrom kokoma.cases.services import case  # noqa\n")

    result = lint(tmp_path)

    assert result.returncode != 0
    assert "No cycles are allowed in kokoma.cases.services" in result.stdout
