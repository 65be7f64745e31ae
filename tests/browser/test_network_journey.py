"""The network in the browser (modules 10 and 11).

On a phone, an external process companion finds the network from the menu, reads the directory,
joins the waiting list of the full conference day with a note (the page says which place she
has) and registers for the online consultation hour, which his start page then lists. The
programme office sees him on the conference's participant list, third on the waiting list. The
Bautzen companion adopts the round-table model: the page shows what changes before anything
does, the adoption lands in one step with the checklists as Bautzen's own, and a second attempt
is refused, pointing at the first. Every page is checked with axe-core.

Names here differ from the other journeys (whose password changes must not matter here).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import check, de, label, login, logout, main_nav, messages

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 768}
CONFERENCE = "Fachtag: Polarisierung vor Ort begegnen"
CONSULTATION = "Online-Sprechstunde: Fragen an die Servicestelle"
MODEL = "Runder Tisch für umstrittene öffentliche Räume"


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def fits(page: Page) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_companion_joins_the_waiting_list_and_registers_on_a_phone(page: Page) -> None:
    page.set_viewport_size(PHONE)
    login(page, "extern", shot="network-companion")
    page.get_by_role("button", name=de("Menu")).click()
    main_nav(page).get_by_role("link", name=de("Network"), exact=True).click()
    expect(h1(page)).to_have_text(de("Network"))
    check(page, "network-home-phone")
    fits(page)

    page.get_by_role("main").get_by_role("link", name=de("Members"), exact=True).click()
    expect(h1(page)).to_have_text(de("Members of the network"))
    expect(page.get_by_role("main")).to_contain_text("Prof. Dr. Leonie Harthausen")
    check(page, "network-members-phone")
    fits(page)

    page.goto("/netzwerk/veranstaltungen/")
    page.get_by_role("link", name=CONFERENCE).click()
    expect(h1(page)).to_have_text(CONFERENCE)
    expect(page.get_by_role("main")).to_contain_text(
        de(
            "The event is full. You can join the waiting list: if a place becomes free, the "
            "first on the list move up and are notified."
        )
    )
    page.get_by_label(label(de("note for the organisers"))).fill("Ich komme mit dem Zug.")
    check(page, "network-event-full-phone")
    fits(page)
    page.get_by_role("button", name=de("Join the waiting list")).click()
    expect(messages(page)).to_contain_text(
        de(
            "The event is full: you are number %(position)s on the waiting list. If a place "
            "becomes free, you move up and are notified.",
            position=3,
        )
    )
    expect(page.get_by_role("button", name=de("Leave the waiting list"))).to_be_visible()

    page.goto("/netzwerk/veranstaltungen/")
    page.get_by_role("link", name=CONSULTATION).click()
    page.get_by_role("button", name=de("Register"), exact=True).click()
    expect(messages(page)).to_contain_text(de("You are registered. The event is in your calendar."))
    expect(page.get_by_role("link", name=de("online link"))).to_have_attribute(
        "href", "https://konferenz.kokoma.example/sprechstunde"
    )

    page.goto("/")
    panel = page.locator("section[aria-labelledby=network-heading]")
    expect(panel).to_contain_text(CONSULTATION)
    expect(panel).to_contain_text(CONFERENCE)
    expect(panel).to_contain_text(de("waiting list"))
    check(page, "network-start-phone")
    page.get_by_role("button", name=de("Menu")).click()
    logout(page)

    page.set_viewport_size(DESKTOP)
    login(page, "servicestelle", shot="network-office")
    page.goto("/netzwerk/veranstaltungen/")
    page.get_by_role("link", name=CONFERENCE).click()
    page.get_by_role("link", name=de("Participant list")).click()
    waiting = page.get_by_role("table").filter(has_text=de("Waiting since"))
    expect(waiting.get_by_role("row").nth(3)).to_contain_text("Jonas Weidmann")
    expect(waiting).to_contain_text("Ich komme mit dem Zug.")
    check(page, "network-participants-desktop")


def test_a_tandem_adopts_a_model_after_seeing_what_changes(page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    login(page, "lokal.bautzen", shot="transfer-companion")
    page.goto("/netzwerk/praxismodelle/")
    expect(h1(page)).to_have_text(de("Transfer models"))
    check(page, "transfer-list")
    page.get_by_role("link", name=MODEL).click()
    expect(page.get_by_role("main")).to_contain_text("Greifswald")  # adopted there, with a report
    check(page, "transfer-model")
    page.get_by_role("link", name=de("Adopt this model")).click()
    page.get_by_role("button", name=de("Show what changes")).click()
    preview = page.get_by_role(
        "region", name=de("What changes in %(place)s", place="Bautzen / Budyšin, Stadt")
    )
    expect(preview).to_contain_text("Runden Tisch vorbereiten")
    check(page, "transfer-adopt-preview")
    preview.get_by_role(
        "button", name=de("Adopt for %(place)s", place="Bautzen / Budyšin, Stadt")
    ).click()
    expect(messages(page)).to_contain_text(MODEL)
    expect(page.locator("#adoptions")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Bautzen / Budyšin, Stadt")

    page.goto("/kommunen/14625020/leitfaeden/")
    expect(h1(page)).to_have_text(de("Own checklists"))
    expect(page.get_by_role("main")).to_contain_text("Runden Tisch vorbereiten")
    check(page, "own-checklists")

    # a second adoption is refused, pointing at the first
    page.goto("/netzwerk/praxismodelle/")
    page.get_by_role("link", name=MODEL).click()
    page.get_by_role("link", name=de("Adopt this model")).click()
    page.get_by_role("button", name=de("Show what changes")).click()
    expect(page.get_by_role("main")).to_contain_text(de("See the adoption"))
    expect(
        page.get_by_role("button", name=de("Adopt for %(place)s", place="Bautzen / Budyšin, Stadt"))
    ).to_have_count(0)
