"""The German catalog is complete, the English one too, allauth speaks to users as "Sie", and
every page speaks one language.

The walk (at the end) reads every page of the permission-matrix walk in each language. It reuses the matrix's routes, sample values and expected answers
(`tests/test_permission_matrix.py`) and renders each page that answers 200 once, as the first of a
few roles that may see it. The visible text (without scripts and styles, with the texts of
`title`, `aria-label`, `placeholder`, `alt` and button values) must not hold a word of the other
language's UI. The words are chosen so that they cannot come from the German demo content or from
German proper names, and so that they are not the same in both languages ("Status", "Filter").
Dates must be in the page's language's format.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation

from .conftest import Persona
from .routes import ROUTES, Route, expected_answer, sample_kwargs, url_for

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


# --- The walk: every page in German and in English ---------------------------------------------

# English UI words that a German page never shows.
ENGLISH_WORDS = [
    *("Legend", "Save", "Cancel", "Delete", "Edit", "Search", "Back", "Show", "Yes", "None"),
    *("Overdue", "overdue", "Due", "Description", "Settings", "Notifications", "Log in"),
    *("Log out", "Cases", "Tasks", "Observations", "Alerts", "Early warning", "stage"),
    *("the", "and", "of", "with", "is"),
]
# German UI words that an English page never shows. The demo's own content is German: these
# words appear in none of it (nor do its names).
GERMAN_WORDS = [
    *("Speichern", "Abbrechen", "Löschen", "Bearbeiten", "Suche", "Suchen", "Zurück"),
    *("überfällig", "Überfällig", "fällig", "Fällig", "Beschreibung", "Fälle", "Keine"),
    *("Frühwarnung", "Glasl-Stufe", "Benachrichtigungen", "Einstellungen", "Anmelden"),
    *("Abmelden", "zugewiesen", "innerhalb"),
]
# Dates in the other language's format (German 30.11.2026, English 11/30/2026).
FOREIGN_DATE = {"de": r"\b\d{1,2}/\d{1,2}/\d{4}\b", "en": r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"}

# Each page once, as the first of these roles that may see it (the tandem sees the most).
ROLES = ["local_a", "office", "anonymous"]
# The walk reads HTML: the PDFs (slow to render) and the calendar feed are left out.
PAGES = [
    route
    for route in ROUTES
    if route.ours and route.access is not None and not route.name.endswith(("pdf", "feed"))
]
# The audit log quotes each object's name as it was when it changed, in the words and the date
# format of that moment (an alert's summary in the default language): a record, not UI text.
# There, the words of the alert summaries and German dates are let through. The curriculum is the
# programme's own text, written in German by the programme office (its learning goals name the
# early warning): content, not UI text.
RECORDED_WORDS = {
    "municipalities:audit_log": {"Glasl-Stufe", "innerhalb"},
    "training:curriculum": {"Frühwarnung"},
}


class _VisibleText(HTMLParser):
    """The text a person reads or hears; an element marked as another language (`lang="de"`
    on the page in easy German) is left out with everything in it."""

    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.parts: list[str] = []
        self._hidden: list[str] = []  # the open elements whose content is left out

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        other_language = values.get("lang") not in (None, self.language) and tag != "html"
        if self._hidden or tag in ("script", "style") or other_language:
            if tag not in self.VOID:
                self._hidden.append(tag)
            return
        self.parts += [values[name] or "" for name in self.ATTRIBUTES if name in values]
        if tag == "input" and values.get("type") in ("submit", "button"):
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._hidden:  # also closes what was left open inside (<p>, <li>)
            while self._hidden.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


def visible_text(html: str, language: str) -> str:
    parser = _VisibleText(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def words_of(text: str, words: list[str]) -> list[str]:
    """The words found, each with a little of its context."""
    found = []
    for word in words:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text):
            found.append(f"{word!r} in …{text[max(0, match.start() - 40) : match.end() + 40]}…")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("route", PAGES, ids=lambda route: route.name)
def test_page_speaks_one_language(
    route: Route, language: str, client: Client, persona: Persona
) -> None:
    for role in ROLES:
        user = AnonymousUser() if role == "anonymous" else persona(role)
        kwargs = sample_kwargs(route, user)  # a file made for a person is their own
        if expected_answer(route, user, kwargs) == "ok":
            break
    else:
        pytest.skip("none of the walk's roles may see this page")
    if user.is_authenticated:
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url_for(route, kwargs))
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        pytest.skip(f"{response.status_code} {response.get('Content-Type')}")
    text = visible_text(response.content.decode(), language)
    words = ENGLISH_WORDS if language == "de" else GERMAN_WORDS
    recorded = RECORDED_WORDS.get(route.name, set())
    leaks = words_of(text, [word for word in words if word not in recorded])
    if route.name not in RECORDED_WORDS:
        leaks += [f"date {date!r}" for date in re.findall(FOREIGN_DATE[language], text)]
    assert not leaks, "\n".join(leaks)


def test_the_walk_reads_what_people_read() -> None:
    html = (
        '<p title="Hinweis">Text<script>var Save;</script><style>.Edit{}</style></p>'
        '<div lang="de"><p>Leichte Sprache<p>noch deutsch</div><p>danach</p>'
        '<input type="submit" value="Speichern"><img alt="Bild">'
    )
    assert visible_text(html, "en") == "Hinweis Text danach Speichern Bild"
    assert "Leichte Sprache" in visible_text(html, "de")
    assert words_of("Save the day; unsaved", ["Save", "saved"]) == [
        "'Save' in …Save the day; unsaved…"
    ]
