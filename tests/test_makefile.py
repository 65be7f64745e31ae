"""`make run` tells the server and the worker where it runs, so that mailed links point there."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")

# An extra makefile whose recipe prints the variable as the started commands see it.
PROBE = 'probe:\n\t@printf "%s\\n" "$$KOKOMA_BASE_URL"\n'


def make(*args: str, **env: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "KOKOMA_BASE_URL"}
    environment.update(env)
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=Path(settings.PROJECT_DIR),
        env=environment,
        input=PROBE,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def exported_base_url(*args: str, **env: str) -> str:
    return make("-s", "-f", "Makefile", "-f", "-", "probe", *args, **env).strip()


def test_the_base_url_follows_host_and_port() -> None:
    assert exported_base_url() == "http://127.0.0.1:8000"
    assert exported_base_url("PORT=8101") == "http://127.0.0.1:8101"
    assert exported_base_url("HOST=localhost", "PORT=8101") == "http://localhost:8101"


def test_a_base_url_from_the_environment_wins() -> None:
    site = "https://kokoma.example.de"
    assert exported_base_url("PORT=8101", KOKOMA_BASE_URL=site) == site


def test_make_run_announces_the_same_address() -> None:
    dry_run = make("-n", "run", "PORT=8101")
    assert "demo_logins --url http://127.0.0.1:8101/" in dry_run
    assert "--bind 127.0.0.1:8101" in dry_run
