"""The accompaniment process in the browser: the tandem moves a municipality through two steps.

The external companion of Greifswald (extern2) finds the process on the municipality's page,
tries to finish the step "concept agreed" without its milestone (refused in German, the notes
stay), uploads the minutes of the district conference, records the milestone with it, finishes
the step and starts the implementation with planned dates and participants; on a phone the step
page fits the screen. The programme office then finds Greifswald one step further in its matrix.
Names here differ from the other journeys, which share the server's database.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import at, check, de, de_label, german_date, label, login, logout, messages

pytestmark = pytest.mark.browser

GREIFSWALD = "13075039"
TODAY = datetime.datetime.now(tz=zoneinfo.ZoneInfo("Europe/Berlin")).date()
PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
MINUTES = "Protokoll der Stadtteilkonferenz Schönwalde"
NOTES = "Stadtteilkonferenz mit 60 Teilnehmenden; breite Zustimmung zum Konzept."


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def save(page: Page) -> None:
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()


def status_badge(page: Page) -> Locator:
    return h1(page).locator(".kern-badge")


def test_the_tandem_moves_a_municipality_through_two_steps_with_a_document(page: Page) -> None:
    login(page, "extern2", shot="process-external")
    page.goto(f"/kommunen/{GREIFSWALD}/")
    process = page.locator("section[aria-labelledby=process-heading]")
    expect(process).to_contain_text(
        de(
            "Current step: %(step)s (%(status)s).",
            step="5. " + de("Concept agreed with the local community"),
            status=de("in progress"),
        )
    )
    process.get_by_role("link", name=de("Open the accompaniment process")).click()
    expect(page).to_have_url(at(f"/kommunen/{GREIFSWALD}/begleitprozess/"))
    expect(h1(page)).to_have_text(de("Accompaniment process"))
    check(page, "process-overview")

    page.get_by_role("link", name="5. " + de("Concept agreed with the local community")).click()
    expect(page).to_have_url(at(f"/kommunen/{GREIFSWALD}/begleitprozess/5/"))
    expect(status_badge(page)).to_have_text(de("in progress"))
    check(page, "process-step")

    # Bad input: done without the milestone. Refused in German, the typed notes stay.
    page.get_by_role("link", name=de("Edit step")).click()
    page.get_by_label(label(de_label("status"))).select_option(label=de("done"))
    page.get_by_label(label(de_label("notes"))).fill(NOTES)
    save(page)
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    expect(page.locator("#id_status_error")).to_contain_text(
        "Der Schritt ist erst erledigt, wenn seine Meilensteine erreicht sind."
    )
    expect(page.get_by_label(label(de_label("notes")))).to_have_value(NOTES)
    check(page, "process-step-done-refused")
    page.get_by_role("main").get_by_role("link", name=de("Cancel")).click()

    # The minutes of the conference, as a document of the step.
    page.get_by_role("link", name=de("Upload document")).click()
    expect(h1(page)).to_have_text(de("Upload document"))
    page.get_by_label(label(de("Title"))).fill(MINUTES)
    page.get_by_label(label(de("File"))).set_input_files(
        {"name": "protokoll.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%demo\n"}
    )
    save(page)
    expect(page).to_have_url(at(f"/kommunen/{GREIFSWALD}/begleitprozess/5/"))
    expect(messages(page)).to_contain_text(de("The document was uploaded."))
    documents = page.locator("section[aria-labelledby=documents-heading]")
    expect(documents.get_by_role("link", name=MINUTES)).to_have_count(1)

    # The milestone, reached today with the minutes as its proof.
    milestones = page.locator("section[aria-labelledby=milestones-heading]")
    milestones.get_by_role("link", name=re.compile(de("record"))).click()
    page.get_by_label(label(de_label("reached on"))).fill(TODAY.isoformat())
    page.get_by_label(label(de_label("document"))).select_option(label=MINUTES)
    page.get_by_label(label(de_label("note"))).fill("Zustimmung der Stadtteilkonferenz")
    check(page, "process-milestone-form")
    save(page)
    expect(messages(page)).to_contain_text(de("The milestone was saved."))
    expect(milestones).to_contain_text(de("reached"))
    expect(milestones).to_contain_text(german_date(TODAY))

    # Now the step can be done.
    page.get_by_role("link", name=de("Edit step")).click()
    page.get_by_label(label(de_label("status"))).select_option(label=de("done"))
    page.get_by_label(label(de_label("notes"))).fill(NOTES)
    save(page)
    expect(messages(page)).to_contain_text(de("The step was saved."))
    expect(status_badge(page)).to_have_text(de("done"))
    expect(page.get_by_role("main")).to_contain_text(NOTES)

    # The next step starts, planned and with its participants.
    page.get_by_role("link", name=de("Next step")).click()
    expect(page).to_have_url(at(f"/kommunen/{GREIFSWALD}/begleitprozess/6/"))
    page.get_by_role("link", name=de("Edit step")).click()
    page.get_by_label(label(de_label("status"))).select_option(label=de("in progress"))
    page.get_by_label(label(de_label("planned end"))).fill(
        (TODAY + datetime.timedelta(days=180)).isoformat()
    )
    page.get_by_label(label(de_label("external participants"))).fill(
        "Quartiersmanagement Schönwalde\nStadtteilverein Fleischervorstadt"
    )
    save(page)
    expect(status_badge(page)).to_have_text(de("in progress"))
    expect(page.get_by_role("main")).to_contain_text("Quartiersmanagement Schönwalde")
    page.set_viewport_size(PHONE)
    check(page, "process-step-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    logout(page)

    # The programme office sees Greifswald one step further.
    login(page, "servicestelle", shot="process-office")
    page.get_by_role("main").get_by_role("link", name=de("Accompaniment processes")).click()
    expect(h1(page)).to_have_text(de("Accompaniment processes"))
    page.get_by_label(label(de("Land"))).select_option(label="Mecklenburg-Vorpommern")
    page.get_by_role("main").get_by_role("button", name=de("Apply")).click()
    row = page.locator("tbody tr").filter(has_text="Greifswald")
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(4)).to_contain_text(de("done"))
    expect(cells.nth(5)).to_contain_text(de("in progress"))
    check(page, "process-matrix")
    page.set_viewport_size(PHONE)
    check(page, "process-matrix-phone")
