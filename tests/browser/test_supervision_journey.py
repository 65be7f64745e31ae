"""Supervision in the browser (module 9).

The supervisor publishes a slot — first in the past, refused in German with the input kept. A
process companion finds it from her start page on the phone (390 × 844), books it and receives
the confirmation with its calendar entry. The supervisor sees the booking on her start page and
writes a note, which the companion reads on the session page. The programme office sees its pool:
the rules and anonymous counts, no note, no name of a supervisee; it moves the cancellation
deadline, and the companion's cancellation is then refused with the deadline named, the booking
kept. Every page is checked with axe-core, at phone size where the companion works.

Names here differ from the other journeys.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from icalendar import Calendar
from playwright.sync_api import Locator, Page, expect

from .support import LiveServer, check, de, de_label, label, login, logout, main_nav, messages

pytestmark = pytest.mark.browser

TOPIC = "Rollenklärung im Tandem (Journey)"
NOTE = "Vereinbart: Zuständigkeiten im Tandem schriftlich festhalten."
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
START = datetime.datetime.now(tz=BERLIN).replace(hour=15, minute=0) + datetime.timedelta(days=3)
COMPANION = "lokal.bautzen"
COMPANION_NAME = "Friedrich Lenzner"


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def field(page: Page, text: str) -> Locator:
    return page.get_by_role("main").get_by_label(label(text))


def save(page: Page) -> None:
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()


def _local(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_a_slot_is_published_booked_noted_and_counted(
    page: Page, kokoma_server: LiveServer
) -> None:
    # --- the supervisor publishes a slot ------------------------------------------------------
    login(page, "supervision", shot="supervision-supervisor")
    expect(page.locator("section[aria-labelledby=supervision-heading]")).to_be_visible()
    check(page, "supervision-supervisor-start")
    main_nav(page).get_by_role("link", name=de("Supervision"), exact=True).click()
    expect(h1(page)).to_have_text(de("Supervision"))
    check(page, "supervision-supervisor-home")
    page.get_by_role("main").get_by_role("link", name=de("Offer a slot")).first.click()
    field(page, de_label("kind")).select_option("individual")
    past = datetime.datetime.now(tz=BERLIN) - datetime.timedelta(days=2)
    field(page, de("Starts at")).fill(_local(past))
    field(page, de("Ends at")).fill(_local(past + datetime.timedelta(minutes=90)))
    field(page, de("Online link")).fill("https://video.kokoma.example/journey")
    field(page, de_label("topic or focus")).fill(TOPIC)
    save(page)
    expect(page.get_by_role("main")).to_contain_text(
        de("The slot lies in the past. Please choose a time from now on.")
    )
    expect(field(page, de_label("topic or focus"))).to_have_value(TOPIC)  # nothing lost
    check(page, "supervision-slot-in-the-past")
    field(page, de("Starts at")).fill(_local(START))
    field(page, de("Ends at")).fill(_local(START + datetime.timedelta(minutes=90)))
    save(page)
    expect(messages(page)).to_contain_text(de("The slot was published."))
    expect(page.get_by_role("main")).to_contain_text(TOPIC)
    logout(page)

    # --- a companion books it on the phone ----------------------------------------------------
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    login(page, COMPANION, shot="supervision-companion-phone")
    panel = page.locator("section[aria-labelledby=supervision-heading]")
    expect(panel).to_contain_text(de("My next supervision session"))
    check(page, "supervision-companion-start-phone")
    panel.get_by_role("link", name=de("Book a supervision session")).click()
    expect(h1(page)).to_have_text(de("Open supervision slots"))
    field(page, de("Kind")).select_option("individual")
    page.get_by_role("main").get_by_role("button", name=de("Apply")).click()
    check(page, "supervision-open-slots-phone")
    row = page.get_by_role("row").filter(has_text=TOPIC)
    row.get_by_role("link").click()
    expect(h1(page)).to_contain_text(TOPIC)
    check(page, "supervision-slot-phone")
    page.get_by_role("button", name=de("Book this session")).click()
    expect(messages(page)).to_contain_text(
        de("You have booked the session. A confirmation is on its way by e-mail.")
    )
    expect(page.get_by_role("main")).to_contain_text(de("Cancellation possible until"))
    check(page, "supervision-booked-phone")
    session_url = page.url
    page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
    logout(page)

    # --- the confirmation with its calendar entry ----------------------------------------------
    kokoma_server.manage("db_worker", "--batch", "--no-startup-delay", "-v0")
    confirmations = [
        message
        for message in kokoma_server.mails()
        if f"{COMPANION}@" in str(message.get("To", ""))
        and de("Booking confirmed:") in str(message["Subject"])
        and TOPIC in str(message.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]
    ]
    assert len(confirmations) == 1, [str(m["Subject"]) for m in kokoma_server.mails()]
    body = confirmations[0].get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert TOPIC in text and session_url.split("://", 1)[1] in text
    parts = [p for p in confirmations[0].walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1 and parts[0].get_param("method") == "REQUEST"
    payload = parts[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    (event,) = Calendar.from_ical(payload).walk("VEVENT")
    assert TOPIC in str(event["SUMMARY"])
    assert event.decoded("DTSTART") == START.replace(second=0, microsecond=0)
    supervisor_mails = [m for m in kokoma_server.mails() if "supervision@" in str(m.get("To", ""))]
    assert any(de("New booking:") in str(m["Subject"]) for m in supervisor_mails)

    # --- the supervisor sees the booking and writes a note --------------------------------------
    login(page, "supervision", shot="supervision-supervisor-note")
    panel = page.locator("section[aria-labelledby=supervision-heading]")
    expect(panel).to_contain_text(COMPANION_NAME)
    page.goto(session_url)
    expect(page.get_by_role("main")).to_contain_text(COMPANION_NAME)
    page.get_by_role("link", name=de("Write a note")).click()
    field(page, de_label("note")).fill(NOTE)
    check(page, "supervision-note-form")
    save(page)
    expect(messages(page)).to_contain_text(de("The note was saved."))
    expect(page.get_by_role("main")).to_contain_text(NOTE)
    check(page, "supervision-session-with-note")
    logout(page)

    # --- the office: rules and counts, no note, no supervisee -----------------------------------
    login(page, "servicestelle", shot="supervision-office")
    main_nav(page).get_by_role("link", name=de("Supervision pool"), exact=True).click()
    expect(h1(page)).to_have_text(de("Supervision pool"))
    main = page.get_by_role("main")
    expect(main.get_by_role("table").last).to_be_visible()
    expect(main).to_contain_text(de("Sessions held"))
    expect(main).not_to_contain_text(NOTE)
    expect(main).not_to_contain_text(COMPANION_NAME)
    check(page, "supervision-pool")
    response = page.goto(session_url)
    assert response is not None and response.status == 404  # no session, only counts
    page.goto("/supervision/pool/regeln/")
    field(page, de_label("cancellation deadline (hours before the session)")).fill("96")
    check(page, "supervision-rules")
    save(page)
    expect(messages(page)).to_contain_text(de("The rules of the pool were saved."))
    logout(page)

    # --- the companion reads the note; cancelling is too late now ------------------------------
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    login(page, COMPANION, shot="supervision-companion-late")
    page.goto(session_url)
    expect(page.get_by_role("main")).to_contain_text(NOTE)
    expect(page.get_by_role("main")).to_contain_text(de("deadline passed"))
    page.get_by_role("button", name=de("Cancel my booking")).click()
    expect(messages(page)).to_contain_text(re.compile(re.escape("storniert werden: Die Frist")))
    expect(messages(page)).to_contain_text(re.compile(re.escape("Ihre Buchung bleibt bestehen")))
    expect(page.get_by_role("main")).to_contain_text(de("Your booking"))
    check(page, "supervision-cancel-too-late-phone")
    page.goto("/supervision/")
    expect(page.get_by_role("main")).to_contain_text(TOPIC)
    check(page, "supervision-my-bookings-phone")
    page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]
    logout(page)
