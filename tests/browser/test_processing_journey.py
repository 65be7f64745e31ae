"""The processing journey of a process companion (issue 4).

The local companion of Cottbus opens a case from a report, plans a procedure and measures,
records an agreement, assesses a sharp escalation; the scheduled check (run as the worker would
run it) raises alerts, the companion receives one as a notification, finds the tasks of the
pre-planned response, acknowledges the alert with a comment and finally closes the case with its
outcome. Bad input on the way (a measure due before it was created, an acknowledgement without
comment, closing without outcome) is refused in German and changes nothing.

Names here mention no municipality (see test_journeys.py) and differ from the other journeys.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import Locator, Page, expect

from .support import LiveServer, at, check, de, de_label, label, login, messages

pytestmark = pytest.mark.browser

COTTBUS = "12052000"
TODAY = datetime.datetime.now(tz=zoneinfo.ZoneInfo("Europe/Berlin")).date()
CASE_TITLE = "Lärm und Ärger an der Skateanlage am Spreeufer"
GOAL = "Anwohnende und Skatende vereinbaren Nutzungszeiten, mit denen beide leben können."
MEASURE = "Begehung der Skateanlage mit beiden Seiten"
AGREEMENT = "Die Anlage wird werktags ab 21 Uhr nicht mehr genutzt; Müll wird gemeinsam entsorgt."
ACKNOWLEDGEMENT = "Gespräch mit der Verwaltungsspitze ist für Donnerstag vereinbart."
LESSONS = "Früh beide Seiten an einen Tisch holen; eine Begehung vor Ort half mehr als Briefe."


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def section(page: Page, heading_id: str) -> Locator:
    return page.locator(f"section[aria-labelledby={heading_id}]")


def save(page: Page) -> None:
    page.get_by_role("main").get_by_role("button", name=de("Save"), exact=True).click()


def open_case_from_a_report(page: Page) -> str:
    """A visitor reports, the local companion verifies and opens a case; returns its reference."""
    page.goto(f"/melden/{COTTBUS}/")
    page.get_by_label(label(de("When did it happen?"))).fill(
        (TODAY - datetime.timedelta(days=1)).isoformat()
    )
    page.get_by_label(label(de("Place or district"))).fill("Spreeufer")
    page.locator("#id_description").fill("Streit zwischen Anwohnenden und Jugendlichen am Abend.")
    page.get_by_role("button", name=de("Send report")).click()
    reference = page.locator("#reference").inner_text().strip()

    login(page, "lokal.cottbus", shot="processing-local")
    page.goto(f"/kommunen/{COTTBUS}/meldungen/{reference}/")
    page.get_by_role("button", name=de("Mark as verified")).click()
    expect(messages(page)).to_contain_text(de("The observation was marked as verified."))
    page.get_by_role("link", name=de("Open a new case")).click()
    page.get_by_label(label(de("Title of the case"))).fill(CASE_TITLE)
    save(page)
    expect(page).to_have_url(re.compile(r"/fall/F-[A-Z0-9]{4}-[A-Z0-9]{4}/$"))
    match = re.search(r"F-[A-Z0-9]{4}-[A-Z0-9]{4}", page.url)
    assert match, page.url
    return match.group(0)


def move_to(page: Page, step: str) -> None:
    """Move the case along its procedure rules (Eingang → … → Nachsorge → abgeschlossen)."""
    workflow = section(page, "workflow-heading")
    workflow.get_by_role("radio", name=step, exact=True).check()
    workflow.get_by_role("button", name=de("Move to the chosen step")).click()
    expect(messages(page)).to_contain_text(de("The case is now in the step “%(step)s”.", step=step))


def assess(page: Page, case_url: str, stage: int, days_ago: int, rationale: str) -> None:
    page.goto(case_url)
    section(page, "escalation-heading").get_by_role(
        "link", name=de("Add escalation assessment")
    ).click()
    page.get_by_label(label(de("Glasl stage"))).select_option(str(stage))
    page.get_by_label(label(de("Date"))).fill(
        (TODAY - datetime.timedelta(days=days_ago)).isoformat()
    )
    page.get_by_label(label(de("Rationale"))).fill(rationale)
    save(page)
    expect(messages(page)).to_contain_text(de("The escalation assessment was saved."))


def test_a_process_companion_processes_a_case_and_answers_an_alert(
    page: Page, kokoma_server: LiveServer
) -> None:
    case_ref = open_case_from_a_report(page)
    case_url = f"/fall/{case_ref}/"

    # --- The case moves along the procedure rules into processing. -----------------------------
    for step in ("Ersteinschätzung", "Analyse", "Bearbeitung"):
        move_to(page, step)

    # --- Plan a procedure from the programme's catalogue. ----------------------------------------
    procedures = section(page, "procedures-heading")
    procedures.get_by_role("link", name=de("Add procedure")).click()
    expect(h1(page)).to_have_text(de("Add procedure"))
    page.get_by_label(label(de_label("procedure"))).select_option(label="Mediation")
    page.get_by_label(label(de_label("goal"))).fill(GOAL)
    check(page, "processing-procedure-form")
    save(page)
    expect(page).to_have_url(at(case_url))
    expect(messages(page)).to_contain_text(de("The procedure was saved."))
    expect(procedures.locator("tbody tr")).to_have_count(1)
    expect(procedures).to_contain_text("Mediation")
    expect(procedures).to_contain_text(GOAL)

    # --- Plan a measure; a due date before today is refused, nothing saved. ----------------------
    measures = section(page, "measures-heading")
    measures.get_by_role("link", name=de("Add measure")).click()
    page.get_by_label(label(de_label("title"))).fill(MEASURE)
    page.get_by_label(label(de_label("responsible person"))).select_option(label="Svenja Krautmann")
    due = page.get_by_label(label(de_label("due on")))
    due.fill((TODAY - datetime.timedelta(days=3)).isoformat())
    save(page)
    expect(page.locator("#id_due_on_error")).to_have_text(
        de("The due date must not be before the day the measure was created.")
    )
    expect(page.get_by_label(label(de_label("title")))).to_have_value(MEASURE)
    check(page, "processing-measure-error")
    due.fill((TODAY + datetime.timedelta(days=7)).isoformat())
    save(page)
    expect(messages(page)).to_contain_text(de("The measure was saved."))
    expect(measures.locator("tbody tr")).to_have_count(1)
    expect(measures).to_contain_text(MEASURE)

    # --- Record an agreement. ---------------------------------------------------------------------
    agreements = section(page, "agreements-heading")
    agreements.get_by_role("link", name=de("Add agreement")).click()
    page.get_by_label(label(de_label("agreement"))).fill(AGREEMENT)
    page.get_by_label(label(de_label("review on"))).fill(
        (TODAY + datetime.timedelta(days=30)).isoformat()
    )
    check(page, "processing-agreement-form")
    save(page)
    expect(messages(page)).to_contain_text(de("The agreement was saved."))
    expect(agreements).to_contain_text(AGREEMENT)
    expect(agreements).to_contain_text(de("in force"))
    check(page, "processing-case-planned")

    # --- The conflict escalates sharply: stage 2 three weeks ago, stage 5 today. -----------------
    assess(page, case_url, 2, 20, "Beschwerden über Lärm, noch sachlich vorgetragen.")
    assess(page, case_url, 5, 0, "Drohungen in einer Chatgruppe, Polizei wurde gerufen.")

    # --- The scheduled check runs (as the worker does each morning) and raises alerts. -----------
    output = kokoma_server.manage("check_alerts", "--municipality", COTTBUS)
    assert output.strip(), output

    # --- The start page lists the open alerts; the companion is also notified. -----------------
    page.goto("/")
    expect(section(page, "open-alerts-heading")).to_contain_text(case_ref)
    check(page, "processing-home-open-alerts")
    page.goto("/benachrichtigungen/")
    notification = (
        page.get_by_role("main")
        .get_by_role("link")
        .filter(has_text=de("Early warning: %(summary)s", summary=""))
        .filter(has_text=case_ref)
        .first
    )
    expect(notification).to_be_visible()
    check(page, "processing-notification")
    notification.click()
    expect(page).to_have_url(re.compile(rf"/kommunen/{COTTBUS}/fruehwarnung/\d+/$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(case_ref)
    expect(main).to_contain_text(de("open"))
    # The pre-planned response became tasks for named people.
    tasks = main.locator("table tbody tr")
    expect(tasks.first).not_to_contain_text(de("No tasks."))
    check(page, "processing-alert-detail")

    # --- Acknowledging needs a comment; then the alert is acknowledged. --------------------------
    main.get_by_role("button", name=de("Acknowledge alert")).click()
    expect(page.locator("#id_comment_error")).to_have_text(
        de("Please write a short comment on what has been done or decided.")
    )
    check(page, "processing-alert-acknowledge-error")
    page.get_by_label(label(de("Comment"))).fill(ACKNOWLEDGEMENT)
    main.get_by_role("button", name=de("Acknowledge alert")).click()
    expect(messages(page)).to_contain_text(de("The alert has been acknowledged."))
    expect(main).to_contain_text(ACKNOWLEDGEMENT)
    expect(main.get_by_role("button", name=de("Acknowledge alert"))).to_have_count(0)
    check(page, "processing-alert-acknowledged")

    # The alert list shows it as acknowledged; the case page lists the response tasks.
    page.goto(f"/kommunen/{COTTBUS}/fruehwarnung/?status=acknowledged")
    expect(page.get_by_role("main").locator("tbody")).to_contain_text(case_ref)
    check(page, "processing-alert-list")
    page.goto(case_url)
    case_alerts = section(page, "alerts-heading")
    expect(case_alerts).to_contain_text(de("Early-warning alerts for this case"))
    expect(case_alerts).to_contain_text(de("acknowledged"))
    expect(page.get_by_role("main")).to_contain_text(de("Tasks of this case"))
    check(page, "processing-case-tasks")

    # --- Follow-up, then close the case: without an outcome it is refused. -----------------------
    move_to(page, "Nachsorge")
    section(page, "closing-heading").get_by_role("link", name=de("Close case")).click()
    expect(h1(page)).to_have_text(de("Close case"))
    page.get_by_role("main").get_by_role("button", name=de("Close case")).click()
    expect(page.locator("#id_outcome_error")).to_have_text(
        de("Please choose the outcome of the case.")
    )
    check(page, "processing-close-error")
    page.get_by_role("radio", name=de("de-escalated")).check()
    page.get_by_label(label(de("Lessons learned"))).fill(LESSONS)
    page.get_by_role("main").get_by_role("button", name=de("Close case")).click()
    expect(page).to_have_url(at(case_url))
    expect(messages(page)).to_contain_text(de("The case was closed."))
    closing = section(page, "closing-heading")
    expect(closing).to_contain_text(de("de-escalated"))
    expect(closing).to_contain_text(LESSONS)
    check(page, "processing-case-closed")
