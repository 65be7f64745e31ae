"""Helpers for the browser journeys: axe checks, screenshots, logging in, German UI strings."""

from __future__ import annotations

import datetime
import email
import email.policy
import gettext as gettext_module
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import Locator, Page, expect

PROJECT_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_DIR / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_FILE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """
() => axe.run(document, {runOnly: {type: 'tag', values: AXE_TAGS}}).then(result =>
  result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
  })))
""".replace("AXE_TAGS", json.dumps(AXE_TAGS))

DEMO_PASSWORD = "kokoma-demo"
DOMAIN = "kokoma.example"
MAIL_SEPARATOR = "-" * 79


# --- live server and what the browser did --------------------------------------------------------


@dataclass(frozen=True)
class LiveServer:
    url: str
    host: str
    var_dir: Path
    env: dict[str, str] = field(default_factory=dict)

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database (as cron or the worker would)."""
        result = subprocess.run(
            [sys.executable, str(PROJECT_DIR / "manage.py"), *args],
            cwd=PROJECT_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, f"manage.py {args}: {result.stdout}\n{result.stderr}"
        return result.stdout

    def mails(self) -> list[email.message.EmailMessage]:
        """Every mail the server wrote with the file backend, oldest file first."""
        folder = self.var_dir / "mail"
        if not folder.exists():
            return []
        messages = []
        for path in sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime):
            for chunk in path.read_bytes().split(MAIL_SEPARATOR.encode()):
                if chunk.strip():
                    messages.append(
                        email.message_from_bytes(chunk.strip() + b"\n", policy=email.policy.default)
                    )
        return messages

    def mails_to(self, address: str) -> list[tuple[str, str]]:
        """(subject, plain-text body) of the mails sent to `address`."""
        found = []
        for message in self.mails():
            if address in str(message.get("To", "")):
                body = message.get_body(preferencelist=("plain",))
                found.append((str(message["Subject"]), body.get_content() if body else ""))
        return found


@dataclass
class Watch:
    """What a browser context did: requests, CSP violations, JavaScript errors, failed resources."""

    requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_resources: list[str] = field(default_factory=list)

    def on_console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{message.text} (at {message.location.get('url', '?')})")


WATCHES: dict[int, Watch] = {}


def watch(page: Page) -> Watch:
    return WATCHES[id(page.context)]


# --- German UI strings ---------------------------------------------------------------------------

_MISSING: set[str] = set()
_PROJECT_CATALOG: dict[str, str] | None = None


def reload_translations() -> None:
    """Forget cached catalogs, so that freshly compiled .mo files are read."""
    global _PROJECT_CATALOG
    from django.utils.translation import trans_real

    # private caches of gettext and Django, which no stub declares
    gettext_module._translations = {}  # type: ignore[attr-defined]
    trans_real._translations = {}  # type: ignore[attr-defined]
    trans_real._default = None  # type: ignore[attr-defined]
    _PROJECT_CATALOG = None


def _project_catalog() -> dict[str, str]:
    global _PROJECT_CATALOG
    if _PROJECT_CATALOG is None:
        mo = PROJECT_DIR / "locale" / "de" / "LC_MESSAGES" / "django.mo"
        catalog: dict[str, str] = {}
        if mo.exists():
            with mo.open("rb") as stream:
                catalog = dict(gettext_module.GNUTranslations(stream)._catalog)  # type: ignore[attr-defined]
        _PROJECT_CATALOG = catalog
    return _PROJECT_CATALOG


def de(msgid: str, **params: Any) -> str:
    """The German text the UI shows for `msgid` (Django's own lookup, same catalogs as the server).

    While the German catalog lacks a string, the UI shows the English msgid, and so does this;
    such strings are collected and listed at the end of the run (see `missing_german`).
    """
    with translation.override("de"):
        text = translation.gettext(msgid)
    if text == msgid and msgid not in _project_catalog():
        _MISSING.add(msgid)
    return text % params if params else text


def de_plural(singular: str, plural: str, count: int, **params: Any) -> str:
    with translation.override("de"):
        text = translation.ngettext(singular, plural, count)
    if (
        text in (singular, plural)
        and singular not in _project_catalog()
        and ((singular, 0) not in _project_catalog())
    ):
        _MISSING.add(singular)
    return text % {"counter": count, **params}


def de_label(verbose_name: str) -> str:
    """A model field's form label: the translated verbose name with a capital first letter."""
    return str(capfirst(de(verbose_name)))


def missing_german() -> list[str]:
    return sorted(_MISSING)


def label(text: str) -> re.Pattern[str]:
    """Matches a form label exactly, with or without Django's trailing colon."""
    return re.compile(rf"^\s*{re.escape(text)}\s*:?\s*$")


def german_date(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


# --- navigation ----------------------------------------------------------------------------------


def at(path: str, *, query: bool = False) -> re.Pattern[str]:
    """A URL pattern for expect(page).to_have_url(): this path on the live server."""
    tail = r"(\?[^#]*)?(#.*)?" if query else r"(#.*)?"
    return re.compile(rf"^http://127\.0\.0\.1:\d+{re.escape(path)}{tail}$")


def address(who: str) -> str:
    return who if "@" in who else f"{who}@{DOMAIN}"


def check(page: Page, name: str) -> None:
    """Run axe-core (WCAG 2.1 A/AA) on the page, save a full-page screenshot, fail on findings.

    axe is evaluated through the DevTools protocol, so the app's Content Security Policy stays
    active (a <script> tag added by the test would itself be a CSP violation).
    """
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_FILE.read_text(encoding="utf-8"))
    violations = page.evaluate(AXE_RUN)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
    page.screenshot(path=str(SCREENSHOTS / f"{safe}.png"), full_page=True)
    seen = watch(page)
    assert not seen.csp_violations, f"CSP violations on {name} ({page.url}):\n" + "\n".join(
        seen.csp_violations
    )
    assert not seen.page_errors, f"JavaScript errors on {name}:\n" + "\n".join(seen.page_errors)
    assert not seen.failed_resources, f"Resources failed on {name}:\n" + "\n".join(
        seen.failed_resources
    )
    if violations:
        lines = [f"axe: {len(violations)} WCAG violation(s) on {name} ({page.url}):"]
        for violation in violations:
            lines.append(
                f"- {violation['id']} [{violation['impact']}]: {violation['help']} "
                f"<{violation['helpUrl']}>"
            )
            for node in violation["nodes"][:8]:
                target = " ".join(str(part) for part in node["target"])
                summary = " ".join((node["summary"] or "").split())
                lines.append(f"    at {target}: {summary[:300]}")
        raise AssertionError("\n".join(lines))


def main_nav(page: Page) -> Locator:
    return page.get_by_role("navigation", name=de("Main navigation"))


def login(
    page: Page, who: str, password: str = DEMO_PASSWORD, *, shot: str, home: bool = True
) -> None:
    """Log in through the real login form; `shot` names the screenshot of the login page."""
    page.goto("/konto/login/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text(de("Log in"))
    check(page, f"{shot}-login")
    page.get_by_label(label(de("Email"))).fill(address(who))
    page.get_by_label(label(de("Password"))).fill(password)
    page.get_by_role("main").get_by_role("button", name=de("Log in")).click()
    if home:
        expect(page).to_have_url(at("/"))


def logout(page: Page) -> None:
    main_nav(page).get_by_role("button", name=de("Log out")).click()
    expect(page).to_have_url(at("/konto/login/"))
    expect(main_nav(page)).to_have_count(0)


def messages(page: Page) -> Locator:
    return page.locator(".messages")


def table_column(page: Page, table: Locator, column: int) -> list[str]:
    """The texts of one column of a table's body, once the page has loaded."""
    page.wait_for_load_state("domcontentloaded")
    cells = table.locator("tbody tr").locator(f"td:nth-child({column})")
    return [text.strip() for text in cells.all_inner_texts()]
