"""The training in the browser, on the demo's running cohort.

The trainer, on a phone, finds the session of last week still without attendance on the start
page, records it on one list, is told that a session to come has no list yet, and reviews a
practice project (refused without feedback, then accepted). A participant follows her next
session, her materials and her progress. An application goes from the municipality's consent
to the office, which approves it into a full cohort: the applicant lands on the waiting list,
and the page says so. Names here differ from the other journeys, which share the database.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import check, de, label, login, logout, messages

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 768}
COHORT = "Durchgang 2026/27"
FINISHED = "Durchgang 2025/26"
LAST_WEEK = "Termin 4: Demokratiefeindlichkeit und Diskriminierung begegnen"
NEXT = "Termin 5: Kommunale Strukturen, Beteiligung und Prävention"


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def fits(page: Page) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_trainer_records_attendance_and_reviews_a_project_on_a_phone(page: Page) -> None:
    page.set_viewport_size(PHONE)
    login(page, "trainer", shot="training-trainer")
    panel = page.locator("section[aria-labelledby=training-heading]")
    todo = panel.locator(".kern-alert")
    expect(todo).to_contain_text(de("Attendance still to record"))
    check(page, "training-trainer-start-phone")
    todo.get_by_role("link", name=LAST_WEEK).click()
    expect(h1(page)).to_have_text(de("Attendance list"))
    for name, status in [
        ("Lena Marquardt", "present"),
        ("Katrin Wendisch", "present"),
        ("Jörn Wiesenthal", "excused"),
        ("Marta Kowalczyk-Rehn", "present"),
        ("Henning Ahlgrimm", "absent"),
    ]:
        page.get_by_role("group", name=name).get_by_label(de(status), exact=True).check()
    check(page, "training-attendance-phone")
    fits(page)
    page.get_by_role("button", name=de("Save attendance")).click()
    expect(messages(page)).to_contain_text(de("The attendance was saved."))
    expect(h1(page)).to_have_text(LAST_WEEK)

    # The list of a session to come: not yet.
    page.get_by_role("link", name=COHORT).click()
    page.get_by_role("link", name=NEXT).click()
    page.get_by_role("link", name=de("Attendance list")).click()
    expect(page.get_by_role("main")).to_contain_text(
        de("This session has not taken place yet; attendance can be recorded once it begins.")
    )
    expect(page.get_by_role("button", name=de("Save attendance"))).to_have_count(0)
    page.get_by_role("link", name=COHORT).click()

    # Lena Marquardt's project waits for review: feedback is required.
    page.get_by_role("link", name="Lena Marquardt").first.click()
    check(page, "training-enrolment-trainer-phone")
    page.get_by_role("link", name=de("Review the practice project")).click()
    page.get_by_label(de("Accept the project")).check()
    page.get_by_role("main").get_by_role("button", name=de("Save")).click()
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    page.get_by_label(label(de("Feedback to the participant"))).fill(
        "Die Gesprächsabende sind gut dokumentiert; die Vereinbarungen zeigen Wirkung."
    )
    page.get_by_role("main").get_by_role("button", name=de("Save")).click()
    expect(messages(page)).to_contain_text(de("Your feedback was sent to the participant."))
    expect(page.get_by_role("main")).to_contain_text(de("accepted"))
    fits(page)
    page.set_viewport_size(DESKTOP)
    logout(page)


def test_a_participant_follows_her_sessions_materials_and_progress(page: Page) -> None:
    page.set_viewport_size(PHONE)
    # Lena Marquardt (Cottbus); other journeys change akteur.bautzen's password
    login(page, "weiterbildung.cottbus", shot="training-participant")
    panel = page.locator("section[aria-labelledby=training-heading]")
    expect(panel).to_contain_text(de("Next session:"))
    expect(panel).to_contain_text(NEXT)
    expect(panel.locator("progress")).to_have_count(1)
    check(page, "training-participant-start-phone")
    fits(page)
    panel.get_by_role("link", name=NEXT).click()
    expect(h1(page)).to_have_text(NEXT)
    materials = page.get_by_role("main").get_by_role("link", name=re.compile("Handout Termin 5"))
    with page.expect_download() as download:
        materials.click()
    assert download.value.suggested_filename.endswith(".txt")
    check(page, "training-session-participant-phone")

    page.set_viewport_size(DESKTOP)
    page.goto("/")
    panel.get_by_role("link", name=COHORT).click()
    expect(h1(page)).to_have_text(de("Your registration"))
    main = page.get_by_role("main")
    # her project: waiting for review, or accepted if the trainer's journey ran first
    expect(main).to_contain_text("Nachbarschaftsgespräche in Sandow")
    expect(main).to_contain_text(de("on track"))
    check(page, "training-enrolment-participant")
    logout(page)


def test_an_application_goes_through_consent_onto_the_waiting_list(page: Page) -> None:
    login(page, "lokal.cottbus", shot="training-consent")
    panel = page.locator("section[aria-labelledby=training-heading]")
    panel.get_by_role("link", name="Tobias Brandhorst").click()
    page.get_by_role("link", name=de("Answer the request for consent")).click()
    # Refusing needs a reason.
    page.get_by_label(de("No, we do not consent")).check()
    page.get_by_role("main").get_by_role("button", name=de("Save")).click()
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    check(page, "training-consent-refused")
    page.get_by_label(de("Yes, we consent")).check()
    page.get_by_role("main").get_by_role("button", name=de("Save")).click()
    expect(messages(page)).to_contain_text(de("Your answer was saved."))
    logout(page)

    login(page, "servicestelle", shot="training-office")
    panel = page.locator("section[aria-labelledby=training-heading]")
    panel.get_by_role("link", name=COHORT).click()
    expect(h1(page)).to_have_text(de("Participants and applications"))
    page.get_by_role("link", name="Tobias Brandhorst").click()
    page.get_by_role("link", name=de("Decide on the application")).click()
    page.get_by_label(de("Approve (enrol, or the waiting list when the cohort is full)")).check()
    page.get_by_role("main").get_by_role("button", name=de("Save")).click()
    expect(messages(page)).to_contain_text(
        "Der Durchgang ist voll: Tobias Brandhorst steht auf Platz 2"
    )
    expect(page.get_by_role("main")).to_contain_text(de("on the waiting list"))
    page.get_by_role("link", name=COHORT).click()
    page.get_by_role("link", name=de("Participants and applications")).click()
    waiting = page.locator("ol").filter(has_text="Sibel")
    expect(waiting.locator("li")).to_have_count(2)
    check(page, "training-participants-office")
    page.set_viewport_size(PHONE)
    check(page, "training-participants-office-phone")
    fits(page)


def test_anybody_checks_a_certificate_found_by_the_office(page: Page) -> None:
    login(page, "servicestelle", shot="training-certificates")
    page.get_by_role("navigation", name=de("Main navigation")).get_by_role(
        "link", name=de("Training")
    ).click()
    page.get_by_role("link", name=FINISHED).click()
    page.get_by_role("link", name=de("Participants and applications")).click()
    expect(page.get_by_role("main")).to_contain_text(de("certificate issued"))
    page.get_by_role("link", name="Paul Fenske").click()
    code = page.get_by_role("main").locator("dd a").filter(has_text=re.compile(r"^[A-Z2-7]{4}-"))
    valid = code.inner_text().strip()
    with page.expect_download() as download:
        page.get_by_role("link", name=de("Certificate (PDF)")).click()
    assert download.value.suggested_filename == "zertifikat-paul-fenske.pdf"
    check(page, "training-certificate-office")
    page.get_by_role("link", name=FINISHED).click()
    page.get_by_role("link", name=de("Participants and applications")).click()
    page.get_by_role("link", name="Wiebke Olthoff").click()
    expect(page.get_by_role("main")).to_contain_text(de("revoked"))
    revoked = code.inner_text().strip()
    logout(page)

    # Anybody, on a phone, without logging in.
    page.set_viewport_size(PHONE)
    page.goto("/zertifikate/pruefen/")
    check(page, "training-verify-phone")
    field = page.get_by_label(label(de("Verification code")))
    field.fill(valid.lower().replace("-", " "))
    page.get_by_role("button", name=de("Check")).click()
    result = page.get_by_role("main").get_by_role("status")
    expect(result).to_contain_text(de("This certificate is valid."))
    expect(result).to_contain_text("Paul Fenske")
    expect(result).to_contain_text(FINISHED)
    check(page, "training-verify-valid-phone")
    fits(page)
    page.goto(f"/zertifikate/{revoked}/")
    expect(result).to_contain_text(de("This certificate has been revoked."))
    page.get_by_label(label(de("Verification code"))).fill("123-XYZ")
    page.get_by_role("button", name=de("Check")).click()
    expect(result).to_contain_text(de("This is not a verification code."))
    check(page, "training-verify-malformed-phone")
