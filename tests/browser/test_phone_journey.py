"""On a phone: a resident reports an incident, the local companion triages it into a case and
escalates it, and the early warning reacts within seconds with only the background worker running.

Issue 9: the case loop works at 390 × 844 (menu button, forms in one column, no sideways
scrolling), and an escalation to stage 7 raises its alert right after the change commits (item 2),
not at the next daily run: no management command runs in between, only `db_worker`.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
import zoneinfo
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import PROJECT_DIR, LiveServer, at, check, de, label, login, main_nav, messages

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
COTTBUS = "12052000"
TODAY = datetime.datetime.now(tz=zoneinfo.ZoneInfo("Europe/Berlin")).date()
PLACE = "Spielplatz Sandower Straße"
DESCRIPTION = "Am Spielplatz wurden Eltern aus einer Gruppe heraus bedroht und fotografiert."
CASE_TITLE = "Bedrohungen am Spielplatz Sandower Straße"


@pytest.fixture
def worker(kokoma_server: LiveServer) -> Iterator[subprocess.Popen[bytes]]:
    """The background worker, as `make run` starts it beside the web server."""
    process = subprocess.Popen(
        [
            sys.executable,
            str(PROJECT_DIR / "manage.py"),
            "db_worker",
            "--interval",
            "1",
            "--no-startup-delay",
            "--no-reload",
            "-v0",
        ],
        cwd=PROJECT_DIR,
        env=kokoma_server.env,
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=15)


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def fits(page: Page) -> None:
    page.wait_for_load_state("load")  # measure the page that arrived, not the one leaving
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a phone"


def open_menu(page: Page) -> None:
    menu = page.get_by_role("button", name=de("Menu"))
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(main_nav(page)).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(main_nav(page)).to_be_visible()


def test_report_triage_and_escalate_on_a_phone(
    page: Page, kokoma_server: LiveServer, worker: subprocess.Popen[bytes]
) -> None:
    page.set_viewport_size(PHONE)

    # --- A resident reports from a phone, anonymously. -------------------------------------------
    page.goto(f"/melden/{COTTBUS}/")
    fits(page)
    check(page, "phone-public-report")
    page.get_by_label(label(de("When did it happen?"))).fill(TODAY.isoformat())
    page.get_by_label(label(de("Place or district"))).fill(PLACE)
    page.locator("#id_description").fill(DESCRIPTION)
    page.get_by_label(de("It was a hostile act (e.g. insult, threat, attack, graffiti)")).check()
    page.get_by_label(label(de("Kind of incident"))).select_option(label="Bedrohung/Beleidigung")
    page.get_by_role("button", name=de("Send report")).click()
    expect(h1(page)).to_have_text(de("Thank you for your report"))
    observation_ref = page.locator("#reference").inner_text().strip()
    fits(page)
    check(page, "phone-public-report-thanks")

    # --- The local companion triages it on the way, through the menu. ----------------------------
    login(page, "lokal.cottbus", shot="phone-local")
    fits(page)
    check(page, "phone-start")
    open_menu(page)
    main_nav(page).get_by_role("link", name=de("My municipalities")).click()
    page.get_by_role("main").get_by_role("link", name=re.compile("Cottbus")).first.click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/"))
    fits(page)
    page.get_by_role("link", name=de("Observations (triage)"), exact=True).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/meldungen/"))
    fits(page)
    check(page, "phone-observation-inbox")
    page.get_by_role("main").get_by_role("link", name=observation_ref).click()
    expect(page.get_by_role("main")).to_contain_text(DESCRIPTION)
    fits(page)
    page.get_by_role("button", name=de("Mark as verified")).click()
    expect(messages(page)).to_contain_text(de("The observation was marked as verified."))
    page.get_by_role("link", name=de("Open a new case")).click()
    expect(h1(page)).to_have_text(de("Open a new case"))
    fits(page)
    check(page, "phone-new-case-form")
    page.get_by_label(label(de("Title of the case"))).fill(CASE_TITLE)
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/fall/F-[A-Z0-9]{4}-[A-Z0-9]{4}/$"))
    case_ref = page.url.rstrip("/").rsplit("/", 1)[-1]
    fits(page)
    check(page, "phone-case-page")

    # --- It escalates to stage 7: the alert follows within seconds, raised by the worker. --------
    page.locator("section[aria-labelledby=escalation-heading]").get_by_role(
        "link", name=de("Add escalation assessment")
    ).click()
    expect(h1(page)).to_have_text(de("Add escalation assessment"))
    fits(page)
    page.get_by_label(label(de("Glasl stage"))).select_option("7")
    page.get_by_label(label(de("Rationale"))).fill("Drohungen gegen Eltern, Fotos im Netz.")
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()
    expect(messages(page)).to_contain_text(de("The escalation assessment was saved."))

    open_menu(page)
    main_nav(page).get_by_role("link", name=de("Start page")).click()
    alerts = page.locator("section[aria-labelledby=open-alerts-heading]")
    for _attempt in range(30):  # the worker polls every second; a page load is the user's retry
        if case_ref in (alerts.all_inner_texts() or [""])[0]:
            break
        page.wait_for_timeout(1000)
        page.reload()
    expect(alerts).to_contain_text(case_ref)
    fits(page)
    check(page, "phone-start-with-alert")
