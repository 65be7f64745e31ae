"""The German catalog is complete, the English one too, and allauth speaks to users as "Sie"."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

CATALOGS = [
    settings.PROJECT_DIR / "locale" / "de" / "LC_MESSAGES" / "django.po",
    settings.PROJECT_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po",
    settings.PROJECT_DIR / "locale-overrides" / "de" / "LC_MESSAGES" / "django.po",
]


def _entries(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [
        block for block in text.split("\n\n") if "msgid" in block and not block.startswith("#~")
    ]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: "/".join(path.parts[-4:]))
def test_catalog_compiles(path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", CATALOGS[:2], ids=["de", "en"])
def test_catalog_is_complete(path: Path) -> None:
    incomplete = []
    for block in _entries(path)[1:]:  # the first block is the header
        if "#, fuzzy" in block or re.search(r'msgstr(\[\d\])? ""\n?$', block.strip() + "\n"):
            incomplete.append(block.splitlines()[-2] if len(block.splitlines()) > 1 else block)
    assert not incomplete, f"{len(incomplete)} untranslated or fuzzy entries: {incomplete[:5]}"


def test_the_ui_speaks_german_by_default_and_english_on_request() -> None:
    with translation.override("de"):
        assert translation.gettext("Log in") == "Anmelden"
    with translation.override("en"):
        assert translation.gettext("Log in") == "Log in"


def test_allauth_addresses_users_formally() -> None:
    with translation.override("de"):
        text = translation.gettext("Please type your current password.")
    assert "Sie" in text
    assert not re.search(r"\b(du|dein\w*)\b", text, flags=re.IGNORECASE)
