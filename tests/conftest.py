"""Shared fixtures: every test database holds the demo (on a small slice of the register).

The personas are the demo's own logins, one per role, in two municipalities with their own
tandems (Cottbus, Bautzen), so every test can check that one municipality cannot see the other.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from pytest_django import DjangoDbBlocker, Settings

from kokoma.accounts.models import User
from kokoma.demo.management.commands.load_demo import DEMO_PASSWORD, DOMAIN, MUNICIPALITIES
from kokoma.municipalities.register_import import import_register

if TYPE_CHECKING:
    # django-stubs declares it for type checking only, so it cannot be imported at run time.
    from django.test.client import _MonkeyPatchedWSGIResponse

    # What the test client returns: the response with the test's request, context and templates.
    ClientResponse: TypeAlias = _MonkeyPatchedWSGIResponse

REGISTER_FILE = Path(settings.KOKOMA_REGISTER_FILE)

# Demo municipalities plus a few more, among them Görlitz to onboard in tests.
EXTRA_AGS = {"14626110", "16055000", "09162000", "05315000", "01001000", "11000000"}


def register_slice() -> str:
    """The header and the rows of the register the tests need, as CSV text."""
    wanted = {spec["ags"] for spec in MUNICIPALITIES} | EXTRA_AGS
    with REGISTER_FILE.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [])
        writer.writeheader()
        for row in reader:
            if row["ags"] in wanted:
                writer.writerow(row)
    return out.getvalue()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> None:
    with django_db_blocker.unblock():
        import_register(io.StringIO(register_slice()))
        call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: Settings) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    """A request in English (language cookie) leaves English active in the thread: the next test
    starts in the default language again."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _mail_and_cache_in_memory(settings: Settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The memory cache outlives a test (a rate-limit count, a cached unread count): start empty.
    caches["default"].clear()


def demo_user(key: str) -> User:
    return User.objects.get(email=f"{key}@{DOMAIN}")


PERSONAS = {
    "office": "servicestelle",
    "external": "extern",
    "external_other": "extern2",
    "supervisor": "supervision",
    "trainer": "trainer",
    "expert": "expertin",
    "local_a": "lokal.cottbus",
    "actor_a": "akteur.cottbus",
    "board_a": "gremium.cottbus",
    "trainee_a": "weiterbildung.cottbus",
    "local_b": "lokal.bautzen",
    "actor_b": "akteur.bautzen",
}
COTTBUS = "12052000"
BAUTZEN = "14625020"

# The types of the `persona` and `login` fixtures: a role name in, the demo user of that role out.
Persona: TypeAlias = Callable[[str], User]
Login: TypeAlias = Callable[[str], User]


@pytest.fixture
def persona(db: None) -> Persona:
    """persona("local_a") → the demo user of that role."""
    return lambda name: demo_user(PERSONAS[name])


@pytest.fixture
def login(client: Client, persona: Persona) -> Login:
    """login("office") logs the test client in as that persona and returns the user."""

    def do_login(name: str) -> User:
        user = persona(name)
        client.force_login(user)
        return user

    return do_login


__all__ = [
    "BAUTZEN",
    "COTTBUS",
    "DEMO_PASSWORD",
    "PERSONAS",
    "Login",
    "Persona",
    "demo_user",
]
