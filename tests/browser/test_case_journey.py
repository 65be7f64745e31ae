"""The conflict-analysis journey: a public report becomes a case that the tandem analyses.

A visitor reports an incident in Cottbus; the local companion triages it, opens a case, records
actors and relations (the actor map differs by reference date), assesses the escalation, moves
the case along the procedure rules and mentions a municipal actor in a comment. Need-to-know:
the board member does not find the case, the programme office sees numbers only.

Names used here (case title, pseudonyms) mention no municipality, so that the role journeys in
test_journeys.py, which check that other municipalities stay hidden, are not disturbed.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import Locator, Page, expect

from .support import (
    at,
    check,
    de,
    de_label,
    german_date,
    label,
    login,
    logout,
    main_nav,
    messages,
    table_column,
)

pytestmark = pytest.mark.browser

COTTBUS = "12052000"
COTTBUS_NAME = "Cottbus/Chóśebuz, Stadt"
TODAY = datetime.datetime.now(tz=zoneinfo.ZoneInfo("Europe/Berlin")).date()
CASE_TITLE = "Streit um den Jugendplatz am Wasserturm"
CASE_SUMMARY = "Anwohnende und Jugendliche streiten seit Wochen über Lärm und Schmierereien."
FIRST_ACTOR = "Anwohnerinitiative Nord"
SECOND_ACTOR = "Jugendclub Ost"
RATIONALE = "Beide Seiten suchen Verbündete im Stadtteil und reden übereinander statt miteinander."


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def section(page: Page, heading_id: str) -> Locator:
    return page.locator(f"section[aria-labelledby={heading_id}]")


def save(page: Page, text: str = "Save") -> None:
    page.get_by_role("main").get_by_role("button", name=de(text), exact=True).click()


def relation_rows(page: Page) -> Locator:
    """The rows of the actor map's table alternative for the relations (the first table)."""
    return page.get_by_role("main").locator("table").first.locator("tbody tr")


def add_actor(page: Page, pseudonym: str, kind: str, shot: str | None = None) -> None:
    section(page, "actors-heading").get_by_role("link", name=de("Add actor")).click()
    expect(h1(page)).to_have_text(de("Add actor"))
    if shot:
        check(page, shot)
    page.get_by_label(label(de_label("pseudonym"))).fill(pseudonym)
    page.get_by_label(label(de_label("kind"))).select_option(label=de(kind))
    save(page)
    expect(messages(page)).to_contain_text(de("The actor was saved."))
    expect(section(page, "actors-heading").locator("tbody th")).to_contain_text([pseudonym])


def add_relation(page: Page, kind: str, valid_from: datetime.date, shot: str) -> None:
    section(page, "relations-heading").get_by_role("link", name=de("Add relation")).click()
    expect(h1(page)).to_have_text(de("Add relation"))
    check(page, shot)
    page.get_by_label(label(de("First actor"))).select_option(label=FIRST_ACTOR)
    page.get_by_label(label(de("Kind of relation"))).select_option(label=de(kind))
    page.get_by_label(label(de("Second actor"))).select_option(label=SECOND_ACTOR)
    page.get_by_label(label(de("Valid from"))).fill(valid_from.isoformat())
    save(page)
    expect(messages(page)).to_contain_text(de("The relation was saved."))


def test_public_report_becomes_a_case_that_the_tandem_analyses(page: Page) -> None:
    # --- 1. An anonymous visitor reports an incident. ---------------------------------------------
    occurred = TODAY - datetime.timedelta(days=2)
    description = "Am Jugendplatz wurden Jugendliche aus einer Gruppe heraus beschimpft."
    page.goto(f"/melden/{COTTBUS}/")
    expect(h1(page)).to_have_text(de("Report an incident in %(name)s", name=COTTBUS_NAME))
    check(page, "case-public-report-form")
    page.get_by_label(label(de("When did it happen?"))).fill(occurred.isoformat())
    page.get_by_label(label(de("Place or district"))).fill("Wasserturm")
    page.locator("#id_description").fill(description)
    page.get_by_label(de("It was a hostile act (e.g. insult, threat, attack, graffiti)")).check()
    page.get_by_label(label(de("Motive, as far as recognisable"))).select_option(
        label="rassistisch"
    )
    page.get_by_label(label(de("Kind of incident"))).select_option(label="Bedrohung/Beleidigung")
    page.get_by_role("checkbox", name="Jugend", exact=True).check()
    page.get_by_role("button", name=de("Send report")).click()
    expect(page).to_have_url(at(f"/melden/{COTTBUS}/danke/"))
    expect(h1(page)).to_have_text(de("Thank you for your report"))
    reference = page.locator("#reference")
    expect(reference).to_have_text(re.compile(r"^M-[A-Z0-9]{4}-[A-Z0-9]{4}$"))
    observation_ref = reference.inner_text().strip()
    check(page, "case-public-report-thanks")

    # --- The local companion triages it and opens a new case. -------------------------------------
    login(page, "lokal.cottbus", shot="case-local")
    page.goto(f"/kommunen/{COTTBUS}/")
    section(page, "conflicts-heading").get_by_role(
        "link", name=de("Observations (triage)"), exact=True
    ).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/meldungen/"))
    expect(h1(page)).to_have_text(de("Observations"))
    row = page.get_by_role("main").locator("tbody tr").filter(has_text=observation_ref)
    expect(row).to_contain_text("Wasserturm")
    expect(row).to_contain_text("Bedrohung/Beleidigung (rassistisch)")
    check(page, "case-observation-inbox")
    row.get_by_role("link", name=observation_ref).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/meldungen/{observation_ref}/"))
    expect(page.get_by_role("main")).to_contain_text(description)
    check(page, "case-observation-detail")
    page.get_by_role("button", name=de("Mark as verified")).click()
    expect(messages(page)).to_contain_text(de("The observation was marked as verified."))
    expect(h1(page).locator(".kern-badge")).to_have_text(de("verified"))
    page.get_by_role("link", name=de("Open a new case")).click()
    expect(h1(page)).to_have_text(de("Open a new case"))
    check(page, "case-new-case-form")
    page.get_by_label(label(de("Title of the case"))).fill(CASE_TITLE)
    page.get_by_label(label(de("Summary"))).fill(CASE_SUMMARY)
    save(page)
    expect(page).to_have_url(re.compile(r"/fall/F-[A-Z0-9]{4}-[A-Z0-9]{4}/$"))
    opened = messages(page)
    expect(opened).to_contain_text(re.compile(r"F-[A-Z0-9]{4}-[A-Z0-9]{4}"))
    match = re.search(r"F-[A-Z0-9]{4}-[A-Z0-9]{4}", opened.inner_text())
    assert match, opened.inner_text()
    case_ref = match.group(0)
    expect(opened).to_contain_text(
        de("Case %(reference)s was opened from the observation.", reference=case_ref)
    )
    check(page, "case-opened-from-observation")

    # The case list finds it by a search and a filter.
    main_nav(page).get_by_role("link", name=de("Cases"), exact=True).click()
    expect(page).to_have_url(at("/faelle/"))
    filters = page.get_by_role("search", name=de("Filter cases"))
    filters.get_by_label(label(de("Search"))).fill("Wasserturm")
    filters.get_by_label(label(de("Status"))).select_option("open")
    filters.get_by_role("button", name=de("Apply")).click()
    expect(page).to_have_url(re.compile(r"/faelle/\?(.*&)?q=Wasserturm.*status=open"))
    table = page.get_by_role("main").locator("table")
    expect(table.locator("tbody tr")).to_have_count(1)
    assert table_column(page, table, 1) == [case_ref]
    check(page, "case-list-search")
    table.get_by_role("link", name=case_ref).click()
    case_url = f"/fall/{case_ref}/"
    expect(page).to_have_url(at(case_url))
    expect(h1(page)).to_contain_text(CASE_TITLE)
    expect(section(page, "summary-heading")).to_contain_text(CASE_SUMMARY)
    facts = page.locator("header.case-header dl.facts")
    expect(facts).to_contain_text("Eingang")
    check(page, "case-detail-new")

    # --- 2. Actors and relations; the actor map differs by reference date. ------------------------
    add_actor(page, FIRST_ACTOR, "group", shot="case-actor-form")
    add_actor(page, SECOND_ACTOR, "organisation")
    started = TODAY - datetime.timedelta(days=60)
    ended = TODAY - datetime.timedelta(days=10)
    earlier = TODAY - datetime.timedelta(days=30)
    add_relation(page, "tension", started, shot="case-relation-form")
    relations = section(page, "relations-heading").locator("tbody tr")
    expect(relations).to_have_count(1)
    relations.first.get_by_role("link").click()
    expect(h1(page)).to_have_text(de("Edit relation"))
    end = section(page, "end-heading")
    expect(end.get_by_role("heading", level=2)).to_have_text(de("End this relation"))
    check(page, "case-relation-edit")
    end.locator("input[name=end-valid_to]").fill(ended.isoformat())
    end.get_by_role("button", name=de("End relation")).click()
    expect(page).to_have_url(at(case_url))
    expect(messages(page)).to_contain_text(de("The relation was ended."))
    add_relation(page, "cooperation", TODAY, shot="case-relation-form-second")
    expect(relations).to_have_count(2)
    check(page, "case-detail-relations")

    page.get_by_role("link", name=de("Actor map"), exact=True).click()
    expect(page).to_have_url(at(f"{case_url}akteurslandkarte/"))
    expect(h1(page)).to_have_text(de("Actor map"))
    expect(page.locator("figure.chart-figure svg")).to_have_count(1)
    rows = relation_rows(page)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(de("cooperation"))
    expect(rows.first).not_to_contain_text(de("tension"))
    check(page, "case-actor-map-today")
    page.get_by_label(de("Reference date")).fill(earlier.isoformat())
    page.get_by_role("main").get_by_role("button", name=de("Show")).click()
    expect(page).to_have_url(at(f"{case_url}akteurslandkarte/?stichtag={earlier.isoformat()}"))
    expect(page.get_by_role("main").locator("table caption").first).to_contain_text(
        german_date(earlier)
    )
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(de("tension"))
    expect(rows.first).not_to_contain_text(de("cooperation"))
    expect(rows.first).to_contain_text(FIRST_ACTOR)
    expect(rows.first).to_contain_text(SECOND_ACTOR)
    check(page, "case-actor-map-earlier")

    # --- Escalation assessment: stage 4, then a stage outside 1–9 that is refused. ----------------
    page.goto(case_url)
    escalation = section(page, "escalation-heading")
    escalation.get_by_role("link", name=de("Add escalation assessment")).click()
    expect(h1(page)).to_have_text(de("Add escalation assessment"))
    check(page, "case-escalation-form")
    page.get_by_label(label(de("Glasl stage"))).select_option("4")
    page.get_by_label(label(de("Rationale"))).fill(RATIONALE)
    save(page)
    expect(page).to_have_url(at(case_url))
    expect(messages(page)).to_contain_text(de("The escalation assessment was saved."))
    assessments = escalation.locator("tbody tr")
    expect(assessments).to_have_count(1)
    expect(assessments.first).to_contain_text(RATIONALE)
    expect(assessments.first.locator("td").nth(2)).to_have_text(
        f"4 – {de('Images and coalitions')}"
    )
    expect(escalation.locator("figure svg")).to_have_count(1)
    expect(facts).to_contain_text(de("Images and coalitions"))
    check(page, "case-detail-escalation")

    escalation.get_by_role("link", name=de("Add escalation assessment")).click()
    stage = page.get_by_label(label(de("Glasl stage")))
    stage.evaluate("select => { select.add(new Option('12', '12')); select.value = '12'; }")
    page.get_by_label(label(de("Rationale"))).fill("Darf nicht gespeichert werden.")
    save(page)
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    expect(page.locator("#id_stage_error")).to_have_text(
        de("The Glasl stage must be between 1 and 9.")
    )
    check(page, "case-escalation-stage-error")
    page.goto(case_url)
    expect(assessments).to_have_count(1)
    expect(escalation).not_to_contain_text("Darf nicht gespeichert werden.")

    # --- Workflow: an allowed transition, then one the rules do not allow. -----------------------
    workflow = section(page, "workflow-heading")
    history = workflow.locator("tbody tr")
    steps_before = history.count()
    workflow.get_by_role("radio", name="Ersteinschätzung").check()
    workflow.get_by_role("button", name=de("Move to the chosen step")).click()
    expect(page).to_have_url(at(case_url))
    expect(messages(page)).to_contain_text(
        de("The case is now in the step “%(step)s”.", step="Ersteinschätzung")
    )
    expect(facts).to_contain_text("Ersteinschätzung")
    expect(history).to_have_count(steps_before + 1)
    check(page, "case-detail-transition")

    # The step id of "Nachsorge", from the procedure rules page (edit link of that step).
    page.goto(f"/kommunen/{COTTBUS}/verfahrensordnung/")
    edit_link = (
        page.get_by_role("main")
        .locator("tbody tr")
        .filter(has=page.get_by_role("rowheader", name=re.compile(r"^Nachsorge")))
        .locator("a[href*='/schritte/']")
    )
    href = edit_link.get_attribute("href") or ""
    step_match = re.search(r"/schritte/(\d+)/", href)
    assert step_match, href
    aftercare = step_match.group(1)

    page.goto(case_url)
    radio = workflow.get_by_role("radio").first
    radio.evaluate("(input, value) => { input.value = value; input.checked = true; }", aftercare)
    workflow.get_by_role("button", name=de("Move to the chosen step")).click()
    expect(page).to_have_url(at(case_url))
    expect(messages(page)).to_contain_text(
        de(
            "The procedure rules do not allow the step from “%(source)s” to “%(target)s”.",
            source="Ersteinschätzung",
            target="Nachsorge",
        )
    )
    expect(facts).to_contain_text("Ersteinschätzung")
    expect(facts).not_to_contain_text("Nachsorge")
    expect(history).to_have_count(steps_before + 1)
    check(page, "case-detail-transition-refused")

    # --- The municipal actor joins the team and is mentioned in a comment. -----------------------
    page.get_by_role("link", name=de("Manage case team")).click()
    expect(h1(page)).to_have_text(de("Case team"))
    check(page, "case-team")
    page.get_by_label(label(de("Person"))).select_option(label="Tobias Brandhorst")
    save(page)
    expect(messages(page)).to_contain_text(
        de("%(name)s was added to the case team.", name="Tobias Brandhorst")
    )
    page.goto(case_url)
    expect(section(page, "team-heading")).to_contain_text("Tobias Brandhorst")
    comment = "Bitte übernimm das Gespräch mit dem Jugendclub, @tobias-brandhorst."
    page.get_by_label(de("New comment")).fill(comment)
    page.get_by_role("button", name=de("Add comment")).click()
    expect(page).to_have_url(at(case_url))
    expect(messages(page)).to_contain_text(de("Your comment was added."))
    expect(messages(page)).to_contain_text(de("Notified: %(names)s.", names="Tobias Brandhorst"))
    expect(page.locator("#kommentare")).to_contain_text(comment)
    check(page, "case-detail-comment")

    # --- The audit log, filtered to changes, shows the step change. -------------------------------
    page.goto(f"/kommunen/{COTTBUS}/")
    section(page, "conflicts-heading").get_by_role("link", name=de("Audit log")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/audit/"))
    audit = page.get_by_role("search", name=de("Filter the audit log"))
    audit.get_by_label(label(de("Action"))).select_option("update")
    audit.get_by_role("button", name=de("Apply")).click()
    expect(page).to_have_url(re.compile(r"/audit/\?(.*&)?action=update"))
    entries = page.get_by_role("main").locator("tbody tr")
    actions = table_column(page, page.get_by_role("main").locator("table"), 3)
    assert actions and set(actions) == {de("changed")}, actions
    step_change = entries.filter(has_text=case_ref).filter(has_text="Ersteinschätzung")
    expect(step_change.first).to_contain_text("Eingang")
    check(page, "case-audit-log-filtered")
    logout(page)

    # --- 3. Need-to-know. ------------------------------------------------------------------------
    login(page, "gremium.cottbus", shot="case-board")
    response = page.goto(case_url)
    assert response is not None and response.status == 404
    expect(h1(page)).to_have_text(de("Page not found"))
    check(page, "case-board-404")
    logout(page)

    login(page, "servicestelle", shot="case-office")
    main_nav(page).get_by_role("link", name=de("Cases"), exact=True).click()
    expect(page).to_have_url(at("/faelle/"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2).first).to_have_text(
        de("Open cases per municipality and step")
    )
    counts = main.locator("table").first
    cottbus = (
        counts.locator("tbody tr").filter(has_text="Cottbus").filter(has_text="Ersteinschätzung")
    )
    expect(cottbus).not_to_have_count(0)
    expect(main).not_to_contain_text(case_ref)
    expect(main).not_to_contain_text(CASE_TITLE)
    expect(main.locator("a[href^='/fall/']")).to_have_count(0)
    check(page, "case-office-counts")
    response = page.goto(case_url)
    assert response is not None and response.status == 404
    logout(page)

    # --- 4. The mentioned actor finds the notification and follows it to the case. ----------------
    login(page, "akteur.cottbus", shot="case-actor")
    main_nav(page).get_by_role("link", name=re.compile(re.escape(de("Notifications")))).click()
    expect(page).to_have_url(at("/benachrichtigungen/"))
    expect(h1(page)).to_have_text(de("Notifications"))
    mention = de(
        "%(author)s mentioned you in a comment on case %(reference)s.",
        author="Svenja Krautmann",
        reference=case_ref,
    )
    notification = page.get_by_role("main").get_by_role("link", name=mention)
    expect(notification).to_be_visible()
    check(page, "case-notifications")
    notification.click()
    expect(page).to_have_url(at(case_url))
    expect(page.locator("#kommentare")).to_contain_text(comment)
    check(page, "case-detail-as-team-member")


def test_procedure_rules_pdf_chronicle_and_taxonomies(page: Page) -> None:
    # The public chronicle, filtered by motive (no login needed).
    page.goto(f"/chronik/{COTTBUS}/")
    expect(h1(page)).to_have_text(de("Chronicle of incidents in %(name)s", name=COTTBUS_NAME))
    check(page, "chronicle")
    filters = page.get_by_role("search", name=de("Filter the chronicle"))
    filters.get_by_label(label(de("Motive"))).select_option(label="extrem rechts")
    filters.get_by_role("button", name=de("Apply")).click()
    expect(page).to_have_url(re.compile(rf"/chronik/{COTTBUS}/\?(.*&)?motive=\d+"))
    entries = page.locator("ol.chronicle > li")
    expect(entries).not_to_have_count(0)
    for badges in entries.locator("p:first-of-type").all_inner_texts():
        assert "extrem rechts" in badges, badges
    expect(page.locator("ol.chronicle")).not_to_contain_text("rassistisch beleidigt")
    check(page, "chronicle-filtered")

    # Procedure rules, their edit page (left without saving) and the PDF.
    login(page, "lokal.cottbus", shot="rules-local")
    page.goto(f"/kommunen/{COTTBUS}/")
    section(page, "conflicts-heading").get_by_role("link", name=de("Procedure rules")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/verfahrensordnung/"))
    expect(page.get_by_role("main").locator("tbody").first).to_contain_text("Ersteinschätzung")
    expect(page.get_by_role("main").locator("[role=alert]")).to_have_count(0)
    check(page, "rules")
    page.get_by_role("link", name=de("Edit title and preamble")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/verfahrensordnung/bearbeiten/"))
    expect(h1(page)).to_have_text(de("Edit title and preamble"))
    check(page, "rules-edit")
    page.get_by_role("main").get_by_role("link", name=de("Cancel")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/verfahrensordnung/"))
    pdf_link = page.get_by_role("link", name=de("Download as PDF"))
    href = pdf_link.get_attribute("href")
    assert href == f"/kommunen/{COTTBUS}/verfahrensordnung/pdf/", href
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    logout(page)

    # The programme office keeps the taxonomies.
    login(page, "servicestelle", shot="taxonomy-office")
    page.goto("/programm/taxonomien/")
    expect(h1(page)).to_have_text(de("Taxonomies"))
    expect(page.get_by_role("main")).to_contain_text("extrem rechts")
    check(page, "taxonomies")
