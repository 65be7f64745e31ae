"""No dead ends (issue 9, items 7 and 8), as people meet them in the browser.

The local companion of Cottbus opens a case from a public report and finds, on the first step,
why the case cannot be closed yet and from which steps it can; mentions a board member who
cannot see the case, follows the offer to add her to the case team (and takes her off again, so
that the other journeys find the demo's teams as loaded); mentions a name nobody has; saves the
guidance checklist with its one button and reads the confirmation in the status line. The start
pages of training participants, trainers and supervisors are their modules' journeys
(test_training_journey.py, test_supervision_journey.py); the board member's is in test_boards.py.

Names here mention no municipality (see test_journeys.py) and differ from the other journeys.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from .support import (
    LiveServer,
    at,
    check,
    de,
    label,
    login,
    logout,
    messages,
)

pytestmark = pytest.mark.browser

COTTBUS = "12052000"
TODAY = datetime.datetime.now(tz=zoneinfo.ZoneInfo("Europe/Berlin")).date()
CASE_TITLE = "Streit um die Sitzbänke am Uferweg"
BOARD_MEMBER = "Aylin Demirtaş-Voigt"


def quoted(step: str) -> str:
    """A step name in the quotation marks the German UI uses."""
    with translation.override("de"):
        return translation.pgettext("a quoted step name", "“%(name)s”") % {"name": step}


def de_count(singular: str, plural: str, count: int) -> str:
    with translation.override("de"):
        return translation.ngettext(singular, plural, count) % {"count": count}


def boxes_lists(guidance: Locator) -> int:
    """How many checklists the guidance panel shows (the button's label counts them)."""
    return guidance.locator("ul.guidance-items").count()


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def section(page: Page, heading_id: str) -> Locator:
    return page.locator(f"section[aria-labelledby={heading_id}]")


def open_case_from_a_report(page: Page) -> str:
    """A visitor reports, the local companion verifies and opens a case; returns its reference."""
    page.goto(f"/melden/{COTTBUS}/")
    page.get_by_label(label(de("When did it happen?"))).fill(
        (TODAY - datetime.timedelta(days=2)).isoformat()
    )
    page.get_by_label(label(de("Place or district"))).fill("Uferweg")
    page.locator("#id_description").fill("Streit um die neuen Sitzbänke, Beschimpfungen am Abend.")
    page.get_by_role("button", name=de("Send report")).click()
    reference = page.locator("#reference").inner_text().strip()

    login(page, "lokal.cottbus", shot="dead-ends-local")
    page.goto(f"/kommunen/{COTTBUS}/meldungen/{reference}/")
    page.get_by_role("button", name=de("Mark as verified")).click()
    page.get_by_role("link", name=de("Open a new case")).click()
    page.get_by_label(label(de("Title of the case"))).fill(CASE_TITLE)
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/fall/F-[A-Z0-9]{4}-[A-Z0-9]{4}/$"))
    match = re.search(r"F-[A-Z0-9]{4}-[A-Z0-9]{4}", page.url)
    assert match, page.url
    return match.group(0)


def comment(page: Page, text: str) -> None:
    page.get_by_label(de("New comment")).fill(text)
    page.get_by_role("button", name=de("Add comment")).click()
    expect(messages(page)).to_contain_text(de("Your comment was added."))
    expect(page.locator("#kommentare")).to_contain_text(text)


def test_closing_mentions_and_the_checklist_lead_somewhere(
    page: Page, kokoma_server: LiveServer
) -> None:
    reference = open_case_from_a_report(page)
    case_url = f"/fall/{reference}/"

    # --- 7a: on "Eingang" the page says from which steps the case can be closed. ---------------
    closing = section(page, "closing-heading")
    expect(closing.get_by_role("link", name=de("Close case"))).to_have_count(0)
    explanation = de(
        "A case can only be closed from the steps %(steps)s or %(last)s.",
        steps=quoted("Ersteinschätzung"),
        last=quoted("Nachsorge"),
    )
    expect(closing).to_contain_text(explanation)
    workflow = section(page, "workflow-heading")
    expect(workflow.get_by_role("radio", name="abgeschlossen")).to_have_count(0)
    check(page, "dead-ends-closing-explained")
    response = page.goto(f"{case_url}abschliessen/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("main")).to_contain_text(explanation)
    expect(page.get_by_role("main").get_by_role("button", name=de("Close case"))).to_have_count(0)
    check(page, "dead-ends-close-page-explains")
    page.goto(case_url)
    workflow.get_by_role("radio", name="Ersteinschätzung", exact=True).check()
    workflow.get_by_role("button", name=de("Move to the chosen step")).click()
    expect(closing.get_by_role("link", name=de("Close case"))).to_be_visible()
    expect(closing).not_to_contain_text(explanation)

    # --- 7b: a mentioned member who cannot see the case, with the offer to add her. ------------
    comment(page, "Das sollte der Beirat wissen, @aylin-demirtas-voigt.")
    expect(messages(page)).to_contain_text(
        de(
            "%(name)s was not notified: this person is not on the case team and cannot see "
            "the case.",
            name=BOARD_MEMBER,
        )
    )
    offer = messages(page).get_by_role(
        "link", name=de("Add %(name)s to the case team", name=BOARD_MEMBER)
    )
    check(page, "dead-ends-mention-outsider")
    offer.click()
    expect(page).to_have_url(at(f"{case_url}team/", query=True))
    person = page.get_by_label(label(de("Person")))
    expect(person.locator("option:checked")).to_have_text(BOARD_MEMBER)
    check(page, "dead-ends-team-preselected")
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()
    expect(messages(page)).to_contain_text(
        de("%(name)s was added to the case team.", name=BOARD_MEMBER)
    )
    # ... and off again, so that the other journeys find the teams as the demo loaded them
    page.get_by_role("main").get_by_role("button", name=re.compile(de("Remove"))).click()
    expect(messages(page)).to_contain_text(
        de("%(name)s was removed from the case team.", name=BOARD_MEMBER)
    )

    page.goto(case_url)
    comment(page, "Wer ist @niemand.hier?")
    expect(messages(page)).to_contain_text("@niemand.hier")
    expect(messages(page)).not_to_contain_text(de("Notified: %(names)s.", names=""))
    check(page, "dead-ends-mention-unknown")

    # --- 7c: one button saves the checklist; the status line confirms it. ----------------------
    # A fresh page: axe leaves empty style attributes on form controls, which htmx's settling
    # would copy onto the swapped-in ones, and the CSP rightly reports that.
    page.goto(case_url)
    guidance = page.locator("#leitfaden")
    boxes = guidance.get_by_role("checkbox")
    expect(boxes.first).to_be_visible()
    expect(guidance.get_by_role("button")).to_have_count(1)
    first, second = boxes.nth(0), boxes.nth(1)
    first.check()
    second.check()
    save_label = de_count("Save checklist", "Save checklists", boxes_lists(guidance))
    guidance.get_by_role("button", name=save_label).click()
    ticked = de_count("%(count)d item ticked", "%(count)d items ticked", 2)
    status = guidance.get_by_role("status")
    expect(status).to_have_text(de("Saved: %(changes)s.", changes=ticked))
    expect(page).to_have_url(at(case_url))  # htmx: the page stayed, only the panel changed
    check(page, "dead-ends-checklist-saved")
    page.reload()
    expect(boxes.nth(0)).to_be_checked()
    expect(boxes.nth(1)).to_be_checked()
    # untick one again: only that one changes
    boxes.nth(0).uncheck()
    guidance.get_by_role("button", name=save_label).click()
    removed = de_count("%(count)d tick removed", "%(count)d ticks removed", 1)
    expect(status).to_have_text(de("Saved: %(changes)s.", changes=removed))
    page.reload()
    expect(boxes.nth(0)).not_to_be_checked()
    expect(boxes.nth(1)).to_be_checked()
    logout(page)
