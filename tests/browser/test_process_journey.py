"""The accompaniment process in the browser: the tandem moves a stalled municipality on.

The programme office finds Bautzen's process stalled on its start page. The local companion of
Bautzen tries to finish the interviews without their milestone (refused in German, the notes
stay), uploads the evaluation of the interviews, records the milestone with it, finishes the step
and starts the analysis with a planned end, external participants and a first draft; on a phone
the step page fits the screen. The office then finds Bautzen no longer stalled and one step
further in its matrix. Names here differ from the other journeys, which share the server's
database.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import at, check, de, de_label, german_date, label, login, logout, messages

pytestmark = pytest.mark.browser

BAUTZEN = "14625020"
TODAY = datetime.datetime.now(tz=zoneinfo.ZoneInfo("Europe/Berlin")).date()
PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
EVALUATION = "Auswertung der Interviews Bautzen"
DRAFT = "Situationsanalyse Bautzen, Entwurf"
NOTES = "Zwölf Interviews in zwei Runden; Auswertung mit dem Stadtjugendring besprochen."


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def save(page: Page) -> None:
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()


def status_badge(page: Page) -> Locator:
    return h1(page).locator(".kern-badge")


def upload(page: Page, title: str, filename: str) -> None:
    page.get_by_role("link", name=de("Upload document")).click()
    expect(h1(page)).to_have_text(de("Upload document"))
    page.get_by_label(label(de("Title"))).fill(title)
    page.get_by_label(label(de("File"))).set_input_files(
        {"name": filename, "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%demo\n"}
    )
    save(page)
    expect(messages(page)).to_contain_text(de("The document was uploaded."))


def test_the_tandem_moves_a_stalled_municipality_through_two_steps(page: Page) -> None:
    login(page, "servicestelle", shot="process-office-before")
    stalled = page.get_by_role("main").locator(".kern-alert--warning")
    expect(stalled).to_contain_text("Bautzen")
    check(page, "process-office-stalled")
    stalled.get_by_role("link", name=re.compile("Bautzen")).click()
    expect(page).to_have_url(at(f"/kommunen/{BAUTZEN}/begleitprozess/"))
    expect(h1(page)).to_have_text(de("Accompaniment process"))
    check(page, "process-overview-office")
    logout(page)

    login(page, "lokal.bautzen", shot="process-local")
    page.goto(f"/kommunen/{BAUTZEN}/")
    process = page.locator("section[aria-labelledby=process-heading]")
    interviews = "2. " + de("Interviews with local actors")
    expect(process).to_contain_text(
        de("Current step: %(step)s (%(status)s).", step=interviews, status=de("in progress"))
    )
    process.get_by_role("link", name=de("Open the accompaniment process")).click()
    check(page, "process-overview")
    page.get_by_role("link", name=interviews).click()
    expect(page).to_have_url(at(f"/kommunen/{BAUTZEN}/begleitprozess/2/"))
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

    # The evaluation of the interviews, as a document of the step.
    upload(page, EVALUATION, "auswertung.pdf")
    documents = page.locator("section[aria-labelledby=documents-heading]")
    expect(documents.get_by_role("link", name=EVALUATION)).to_have_count(1)

    # The milestone, reached today, with the evaluation.
    milestones = page.locator("section[aria-labelledby=milestones-heading]")
    milestones.get_by_role("link", name=re.compile(de("record"))).click()
    page.get_by_label(label(de_label("reached on"))).fill(TODAY.isoformat())
    page.get_by_label(label(de_label("document"))).select_option(label=EVALUATION)
    page.get_by_label(label(de_label("note"))).fill("Auswertung im Tandem abgeschlossen")
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

    # The analysis starts, planned, with external participants and a first draft.
    page.get_by_role("link", name=de("Next step")).click()
    expect(page).to_have_url(at(f"/kommunen/{BAUTZEN}/begleitprozess/3/"))
    page.get_by_role("link", name=de("Edit step")).click()
    page.get_by_label(label(de_label("status"))).select_option(label=de("in progress"))
    page.get_by_label(label(de_label("planned end"))).fill(
        (TODAY + datetime.timedelta(days=90)).isoformat()
    )
    page.get_by_label(label(de_label("external participants"))).fill(
        "Stadtjugendring Bautzen\nSorbischer Heimatverein"
    )
    save(page)
    expect(status_badge(page)).to_have_text(de("in progress"))
    expect(page.get_by_role("main")).to_contain_text("Stadtjugendring Bautzen")
    upload(page, DRAFT, "entwurf.pdf")
    page.set_viewport_size(PHONE)
    check(page, "process-step-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)
    logout(page)

    # The programme office: Bautzen is no longer stalled, and one step further.
    login(page, "servicestelle", shot="process-office")
    expect(page.get_by_role("main").locator(".kern-alert--warning")).to_have_count(0)
    page.get_by_role("main").get_by_role("link", name=de("Accompaniment processes")).click()
    expect(h1(page)).to_have_text(de("Accompaniment processes"))
    page.get_by_label(label(de("Land"))).select_option(label="Sachsen")
    page.get_by_role("main").get_by_role("button", name=de("Apply")).click()
    row = page.locator("tbody tr").filter(has_text="Bautzen")
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(1)).to_contain_text(de("done"))
    expect(cells.nth(2)).to_contain_text(de("in progress"))
    expect(row).not_to_contain_text(de("stalled"))
    check(page, "process-matrix")
    page.set_viewport_size(PHONE)
    check(page, "process-matrix-phone")
