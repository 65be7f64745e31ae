"""The advisory boards in the browser (issue 11, items 2–3).

The programme office convenes a meeting of the Cottbus board (first with an end before the start,
which is refused in German with the input kept), sets the agenda with a confidential item and
sends the invitations: the member without an e-mail address is named. The board member finds the
invitation with its calendar entry in the mail file, and the agenda on her start page and on the
meeting page, at phone size too. The office writes the minutes and records a recommendation —
first without a responsible person, refused — which becomes the Cottbus actor's task. Every page
is checked with axe-core.

Names here mention no municipality (see test_journeys.py) and differ from the other journeys.
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

BOARD = "Lokaler Beirat Zusammenleben Cottbus"
MEETING = "Sondersitzung Stadtteilfest"
ITEM = "Planung des Stadtteilfests"
SECRET_ITEM = "Hinweise einer Anwohnerin"
RECOMMENDATION = "Ordnungsdienst und Jugendarbeit beim Stadtteilfest gemeinsam einplanen"
PHONE = {"width": 390, "height": 844}
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
START = datetime.datetime.now(tz=BERLIN).replace(hour=17, minute=30) + datetime.timedelta(days=3)


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def save(page: Page) -> None:
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()


def field(page: Page, text: str) -> Locator:
    return page.get_by_role("main").get_by_label(label(text))


def _local(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def test_a_meeting_is_convened_read_and_followed_up(page: Page, kokoma_server: LiveServer) -> None:
    # --- the programme office convenes the meeting ---------------------------------------------
    login(page, "servicestelle", shot="boards-office")
    main_nav(page).get_by_role("link", name=de("Boards"), exact=True).click()
    expect(h1(page)).to_have_text(de("Advisory boards"))
    check(page, "boards-list")
    page.get_by_role("main").get_by_role("link", name=BOARD).click()
    expect(h1(page)).to_have_text(BOARD)
    check(page, "boards-board")
    page.get_by_role("link", name=de("Schedule a meeting")).first.click()

    field(page, de_label("title")).fill(MEETING)
    field(page, de("Starts at")).fill(_local(START))
    field(page, de("Ends at")).fill(_local(START - datetime.timedelta(hours=1)))
    field(page, de_label("place")).fill("Bürgerhaus, großer Saal")
    save(page)
    expect(page.get_by_role("main")).to_contain_text(de("The meeting must end after it starts."))
    expect(field(page, de_label("title"))).to_have_value(MEETING)  # nothing lost
    check(page, "boards-meeting-ends-before-start")
    field(page, de("Ends at")).fill(_local(START + datetime.timedelta(hours=2)))
    save(page)
    expect(h1(page)).to_have_text(MEETING)
    expect(messages(page)).to_contain_text(de("The meeting was scheduled."))

    for title, confidential in ((ITEM, False), (SECRET_ITEM, True)):
        page.get_by_role("link", name=de("Add agenda item")).click()
        field(page, de_label("title")).fill(title)
        field(page, de_label("presented by")).fill("Tobias Brandhorst")
        if confidential:
            field(page, de_label("confidential")).check()
        save(page)
        expect(messages(page)).to_contain_text(de("The agenda item was added."))
    check(page, "boards-meeting-agenda")

    page.get_by_role("button", name=de("Send invitations")).click()
    expect(messages(page)).to_contain_text("Kemal Arslan")  # the member without an address
    expect(messages(page)).to_contain_text(
        de("The invitation was sent to %(count)s members.", count=3)
    )
    check(page, "boards-meeting-invited")
    meeting_url = page.url
    logout(page)

    # --- the member reads the invitation in the mail file ------------------------------------
    kokoma_server.manage("db_worker", "--batch", "--no-startup-delay", "-v0")
    invitations = [
        message
        for message in kokoma_server.mails()
        if "gremium.cottbus@" in str(message.get("To", "")) and MEETING in str(message["Subject"])
    ]
    assert len(invitations) == 1, [str(m["Subject"]) for m in kokoma_server.mails()]
    invitation = invitations[0]
    assert str(invitation["Subject"]).find(de("Invitation:")) >= 0
    body = invitation.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert ITEM in text and SECRET_ITEM not in text
    assert meeting_url.split("://", 1)[1] in text
    parts = [part for part in invitation.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_param("method") == "REQUEST"
    payload = parts[0].get_payload(decode=True)
    assert isinstance(payload, bytes)
    calendar = Calendar.from_ical(payload)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert MEETING in str(event["SUMMARY"])
    assert event.decoded("SEQUENCE") == 0

    # --- ... and the agenda in the browser, on the desktop and on the phone ---------------------
    login(page, "gremium.cottbus", shot="boards-member")
    boards = page.locator("section[aria-labelledby=boards-heading]")
    expect(boards).to_contain_text(MEETING)
    expect(boards).to_contain_text(ITEM)
    check(page, "boards-member-start")
    boards.get_by_role("link", name=de("Agenda and documents")).click()
    expect(h1(page)).to_have_text(MEETING)
    agenda = page.locator("ol.agenda")
    expect(agenda).to_contain_text(ITEM)
    expect(agenda).to_contain_text(SECRET_ITEM)  # a member sees the confidential item
    expect(page.get_by_role("button", name=de("Send invitations"))).to_have_count(0)
    check(page, "boards-member-meeting")
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    page.reload()
    check(page, "boards-member-meeting-phone")
    page.goto("/")
    check(page, "boards-member-start-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    response = page.goto(f"/kommunen/{'12052000'}/")
    assert response is not None and response.status == 403  # nothing else of the municipality
    logout(page)

    # --- the minutes and a recommendation that becomes a task ---------------------------------
    login(page, "servicestelle", shot="boards-office-minutes")
    page.goto(meeting_url)
    page.get_by_role("link", name=de("Write the minutes")).click()
    field(page, de_label("minutes")).fill(
        "## Ergebnis\n\nDas Fest findet statt. **Beschlossen:** gemeinsame Planung."
    )
    check(page, "boards-minutes-edit")
    save(page)
    expect(page.locator(".minutes strong")).to_have_text("Beschlossen:")
    page.get_by_role(
        "link", name=re.compile(re.escape(de("Record a decision or recommendation")) + f".*{ITEM}")
    ).click()
    field(page, de("Kind")).select_option("recommendation")
    field(page, de("Text")).fill(RECOMMENDATION)
    save(page)
    expect(page.get_by_role("main")).to_contain_text(
        de("A recommendation needs a responsible person who follows it up.")
    )
    expect(field(page, de("Text"))).to_have_value(RECOMMENDATION)
    check(page, "boards-recommendation-without-responsible")
    field(page, de("Responsible person")).select_option(label="Tobias Brandhorst")
    save(page)
    expect(messages(page)).to_contain_text(
        de("Recorded. %(person)s was given the follow-up as a task.", person="Tobias Brandhorst")
    )
    expect(page.locator("ol.agenda")).to_contain_text(RECOMMENDATION)
    check(page, "boards-recommendation-recorded")
    logout(page)

    login(page, "akteur.cottbus", shot="boards-actor")
    main_nav(page).get_by_role("link", name=de("My tasks"), exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(RECOMMENDATION)
    check(page, "boards-actor-task")
    logout(page)
