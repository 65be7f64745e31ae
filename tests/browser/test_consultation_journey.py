"""Peer consultation in the browser (issue 13, item 2).

The Cottbus tandem shares a demo case: the platform drafts the anonymised summary, the tandem
types a pseudonym back into it — refused in German, the place marked, the input kept —, takes
the district's name out of the title and approves the draft. A colleague from Bautzen finds it
in the network on the phone (390 × 844) and answers with a hypothesis; the tandem reads the
answer back on the case, under its phase. Every page is checked with axe-core.

Names here differ from the other journeys.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import (
    LiveServer,
    at,
    check,
    de,
    de_label,
    label,
    login,
    logout,
    main_nav,
    messages,
)

pytestmark = pytest.mark.browser

CASE = "Proteste gegen Gemeinschaftsunterkunft Sachsendorf"  # a Cottbus demo case
PSEUDONYM = "Bürgerinitiative „Sachsendorf fragt“"
TITLE = "Proteste gegen eine neue Gemeinschaftsunterkunft (Journey)"
QUESTION = "Wie halten wir die Dialogabende offen, ohne extrem Rechten eine Bühne zu geben?"
HYPOTHESIS = "Vielleicht fühlen sich die Anwohner:innen erst gehört, wenn sie mitentscheiden."
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 768}


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def field(page: Page, text: str) -> Locator:
    return page.get_by_role("main").get_by_label(label(text))


def button(page: Page, msgid: str) -> Locator:
    return page.get_by_role("main").get_by_role("button", name=de(msgid), exact=True)


def test_a_case_is_shared_answered_and_read_back(page: Page, kokoma_server: LiveServer) -> None:
    # --- the tandem drafts the summary from the case --------------------------------------------
    page.set_viewport_size(DESKTOP)
    login(page, "lokal.cottbus", shot="consultation-tandem")
    main_nav(page).get_by_role("link", name=de("Cases"), exact=True).click()
    expect(page).to_have_url(at("/faelle/"))
    page.goto("/faelle/?q=Sachsendorf")
    page.get_by_role("row").filter(has_text=CASE).get_by_role("link").first.click()
    case_url = page.url
    page.get_by_role("main").get_by_role("link", name=de("Peer consultation")).click()
    expect(h1(page)).to_have_text(de("Peer consultation"))
    check(page, "consultation-case-page")
    page.get_by_role("main").get_by_role("link", name=de("Share for peer consultation")).click()
    check(page, "consultation-share")
    field(page, de("Your question to the network")).fill(QUESTION)
    button(page, "Draft the summary").click()
    expect(h1(page)).to_have_text(de("Edit the draft"))
    expect(messages(page)).to_contain_text(
        de(
            "The anonymised draft is ready. Please read it carefully and edit it: nothing is "
            "shared before a coordinator approves it."
        )
    )
    situation = field(page, de_label("situation"))
    drafted = situation.input_value()
    assert PSEUDONYM not in drafted and "Wertekonflikt" in drafted
    expect(field(page, de_label("what was tried"))).to_have_value(re.compile("Akteur:in A"))
    check(page, "consultation-draft")

    # --- a pseudonym typed back in is refused, the place marked, the input kept ----------------
    typed = f"Die {PSEUDONYM} lädt zu Kundgebungen ein. {drafted}"
    situation.fill(typed)
    field(page, de_label("title")).fill(TITLE)
    button(page, "Save draft").click()
    main = page.get_by_role("main")
    expect(main.locator("section[aria-labelledby=leaks-heading]")).to_contain_text(
        de("The draft still names actors or people of the case")
    )
    expect(main.locator("mark")).to_have_text(PSEUDONYM)
    expect(field(page, de_label("situation"))).to_have_value(typed)
    check(page, "consultation-draft-refused")
    field(page, de_label("situation")).fill(drafted)
    button(page, "Save draft").click()
    expect(messages(page)).to_contain_text(de("The draft was saved. It is not shared yet."))

    # --- the tandem approves it ---------------------------------------------------------------
    expect(page.get_by_role("main")).to_contain_text(TITLE)
    button(page, "Approve and share (Freigeben)").click()
    expect(messages(page)).to_contain_text(de("The summary is now shared with the network."))
    check(page, "consultation-shared")
    logout(page)

    # --- a colleague from Bautzen answers on the phone ------------------------------------------
    page.set_viewport_size(PHONE)
    login(page, "lokal.bautzen", shot="consultation-colleague")
    page.goto("/netzwerk/")
    page.get_by_role("main").get_by_role("link", name=de("Peer consultation")).click()
    check(page, "consultation-network-list")
    page.get_by_role("main").get_by_role("link", name=TITLE).click()
    expect(h1(page)).to_have_text(TITLE)
    main = page.get_by_role("main")
    expect(main).not_to_contain_text(PSEUDONYM)
    expect(main).not_to_contain_text("Cottbus")
    expect(main).to_contain_text(QUESTION)
    check(page, "consultation-network-detail")
    field(page, de("Phase")).select_option("hypothesis")
    field(page, de("Your answer")).fill(HYPOTHESIS)
    button(page, "Send answer").click()
    expect(messages(page)).to_contain_text(de("Thank you – your answer was sent to the case team."))
    expect(page.locator("section[aria-labelledby=phase-hypothesis]")).to_contain_text(HYPOTHESIS)
    check(page, "consultation-network-answered")
    page.set_viewport_size(DESKTOP)
    logout(page)

    # --- the tandem reads the answer back on the case --------------------------------------------
    page.set_viewport_size(DESKTOP)
    login(page, "lokal.cottbus", shot="consultation-read-back")
    page.goto(case_url)
    page.get_by_role("main").get_by_role("link", name=de("Peer consultation")).click()
    hypotheses = page.locator("section[aria-labelledby=phase-hypothesis]")
    expect(hypotheses).to_contain_text(HYPOTHESIS)
    expect(hypotheses).to_contain_text("Friedrich Lenzner")
    check(page, "consultation-answers-on-the-case")
    assert re.search(r"/fall/[^/]+/fallberatung/$", page.url)
