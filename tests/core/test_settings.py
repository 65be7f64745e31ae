"""Production settings refuse to start with demo values (checked in a fresh interpreter)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from kokoma.training.credentials import create_key

CHECK = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.KOKOMA_MFA_REQUIRED_ROLES)"
)
GOOD_KEY = "x7$Kq9!vR2@mN5^pL8&wT3*zB6(hJ1)cF4-gD0_sA9+eY2=uI7"
# A Fernet key of production's own for the confidential fields (tests/supervision/test_crypto.py
# checks the refusal without one).
FIELD_KEY = "cHJvZHVjdGlvbi1maWVsZC1rZXktZm9yLXRlc3RzLTE="
SITE = "https://kokoma.example.de"


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("KOKOMA_", "DJANGO"))
    }
    key_file = tmp_path / "credential-ed25519.pem"
    create_key(key_file)
    environment.update(
        DJANGO_SETTINGS_MODULE="kokoma.settings",
        PYTHONPATH=str(settings.PROJECT_DIR / "src"),
        KOKOMA_VAR_DIR=str(tmp_path),
        KOKOMA_ENV="production",
        KOKOMA_BASE_URL=SITE,
        KOKOMA_CREDENTIAL_KEY_FILE=str(key_file),
        KOKOMA_FIELD_ENCRYPTION_KEY=FIELD_KEY,
    )
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", CHECK],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_with_debug_on(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_DEBUG="1", KOKOMA_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "KOKOMA_DEBUG" in result.stderr


def test_production_refuses_to_start_with_the_demo_secret_key(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_SECRET_KEY=settings.DEMO_SECRET_KEY)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "KOKOMA_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = start(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_SECRET_KEY="too-short-a-key")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_refuses_a_key_just_under_fifty_characters(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_SECRET_KEY=GOOD_KEY[:49])
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_refuses_a_long_key_with_little_variety(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_SECRET_KEY="abcd" * 20)
    assert result.returncode != 0
    assert "at least 5 different" in result.stderr


def test_production_starts_with_its_own_key_and_is_strict(tmp_path: Path) -> None:
    assert len(GOOD_KEY) == 50
    result = start(tmp_path, KOKOMA_SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr
    debug, secure_cookie, mfa_roles = result.stdout.split(maxsplit=2)
    assert (debug, secure_cookie) == ("False", "True")
    # Everyone who sees case data must set up a second factor: the office and both tandem roles.
    assert mfa_roles.strip() == "['office', 'external_companion', 'local_companion']"


def test_production_refuses_to_start_without_the_base_url(tmp_path: Path) -> None:
    for missing in ("", "  "):
        result = start(tmp_path, KOKOMA_SECRET_KEY=GOOD_KEY, KOKOMA_BASE_URL=missing)
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "KOKOMA_ENV=production needs KOKOMA_BASE_URL" in result.stderr


def test_a_base_url_with_a_path_or_without_a_scheme_is_refused(tmp_path: Path) -> None:
    for wrong in ("kokoma.example.de", "https://kokoma.example.de/app", "ftp://kokoma.example.de"):
        result = start(tmp_path, KOKOMA_SECRET_KEY=GOOD_KEY, KOKOMA_BASE_URL=wrong)
        assert result.returncode != 0
        assert "KOKOMA_BASE_URL must be the site's scheme and host only" in result.stderr


def test_a_proxy_count_that_is_not_a_whole_number_is_refused(tmp_path: Path) -> None:
    result = start(tmp_path, KOKOMA_SECRET_KEY=GOOD_KEY, KOKOMA_TRUSTED_PROXY_COUNT="zwei")
    assert result.returncode != 0
    assert "KOKOMA_TRUSTED_PROXY_COUNT" in result.stderr


def test_production_refuses_to_start_without_the_key_that_signs_certificates(
    tmp_path: Path,
) -> None:
    result = start(
        tmp_path,
        KOKOMA_SECRET_KEY=GOOD_KEY,
        KOKOMA_CREDENTIAL_KEY_FILE=str(tmp_path / "missing.pem"),
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "create_credential_key" in result.stderr
