"""The cooperation journeys: actor landscape, situation picture, early warning, e-mail settings.

The local companion of Cottbus keeps the actor landscape (an institution with competences, a
contact person recorded only with consent, a linked case), reads the situation picture (charts
with table alternatives, the PDF report) and plans a prevention measure, looks after the
early-warning thresholds and the pre-planned responses; the municipal actor reads the directory
without edit buttons; the external companion chooses e-mails immediately. Bad input on the way
is refused in German and changes nothing.

Demo alerts are only looked at, never acknowledged (test_processing_journey.py acknowledges its
own). The thresholds stay unchanged, and the edited response plan and the e-mail setting are put
back at the end, so that the other journeys sharing the server's database see the demo as loaded.
Names here mention no municipality (see test_journeys.py) and differ from the other journeys.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import Locator, Page, expect

from .support import (
    LiveServer,
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
)

pytestmark = pytest.mark.browser

COTTBUS = "12052000"
TODAY = datetime.datetime.now(tz=zoneinfo.ZoneInfo("Europe/Berlin")).date()

INSTITUTION = "Gesprächswerkstatt Brückenbau"
NEW_COMPETENCE = "Gebärdensprache"
COMPETENCES = f"Deeskalationstraining, {NEW_COMPETENCE}, Mediation"
CONTACT = "Frieda Ostermann-Kaya"
CONTACT_FUNCTION = "Moderatorin"
LINKED_CASE = "Nutzung des Stadthallenvorplatzes"  # a demo case of the tandem's municipality
LINK_ROLE = "bietet Deeskalationstraining für die Platzbetreuung an"

MEASURE = "Dialogabende Nachbarschaft und Jugend"
MEASURE_GROUP = "Anwohnende und Jugendliche rund um den Stadtteilpark"
MEASURE_ORGANISATION = "Gesprächswerkstatt Brückenbau"

PLAN_ADDITION = " und Ergebnisse schriftlich festhalten"


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def section(page: Page, heading_id: str) -> Locator:
    return page.locator(f"section[aria-labelledby={heading_id}]")


def save(page: Page, text: str = "Save") -> None:
    page.get_by_role("main").get_by_role("button", name=de(text), exact=True).click()


def open_from_municipality_page(page: Page, link_text: str) -> None:
    page.goto(f"/kommunen/{COTTBUS}/")
    section(page, "conflicts-heading").get_by_role("link", name=de(link_text), exact=True).click()


# --- 1. Actor landscape --------------------------------------------------------------------------


def test_the_tandem_keeps_the_actor_landscape_and_the_actor_reads_it(page: Page) -> None:
    login(page, "lokal.cottbus", shot="directory-local")
    open_from_municipality_page(page, "Actor landscape (directory)")
    list_url = f"/kommunen/{COTTBUS}/akteurslandschaft/"
    expect(page).to_have_url(at(list_url))
    expect(h1(page)).to_have_text(de("Actor landscape"))
    main = page.get_by_role("main")
    table = main.locator("table")
    expect(table.locator("tbody tr")).not_to_have_count(0)
    check(page, "directory-list")

    # Searching by a competence finds the counselling service, not the youth club.
    search = main.get_by_role("search")
    search.get_by_label(label(de("Search"))).fill("Mediation")
    search.get_by_role("button", name=de("Search"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/akteurslandschaft/\?(.*&)?q=Mediation"))
    page.wait_for_load_state("domcontentloaded")
    names = [text.strip() for text in table.locator("tbody th").all_inner_texts()]
    assert "Beratungsstelle Brückenschlag" in names, names
    assert "Jugendclub Sonnenhof" not in names, names
    expect(main.get_by_role("link", name=de("Show all"))).to_be_visible()
    check(page, "directory-search")

    # A new institution with competences, one of them new to the municipality's list.
    main.get_by_role("link", name=de("New institution")).click()
    expect(page).to_have_url(at(f"{list_url}neu/"))
    expect(h1(page)).to_have_text(de("New institution"))
    check(page, "directory-institution-form")
    page.get_by_label(label(de_label("name"))).fill(INSTITUTION)
    page.get_by_label(label(de_label("kind"))).select_option(label=de("Counselling service"))
    page.get_by_label(label(de_label("description"))).fill(
        "Moderiert Gespräche zwischen Nachbarschaft, Vereinen und Verwaltung."
    )
    page.get_by_label(label(de("Competences"))).fill(COMPETENCES)
    page.get_by_label(label(de_label("e-mail"))).fill("kontakt@brueckenbau.example")
    save(page)
    expect(messages(page)).to_contain_text(de("The institution has been added to the directory."))
    expect(page).to_have_url(re.compile(rf"{re.escape(list_url)}\d+/$"))
    institution_url = re.sub(r"^http://[^/]+", "", page.url)
    expect(h1(page)).to_have_text(INSTITUTION)
    facts = main.locator("dl.facts")
    for competence in ("Deeskalationstraining", NEW_COMPETENCE, "Mediation"):
        expect(facts.get_by_role("link", name=competence, exact=True)).to_be_visible()
    expect(facts).to_contain_text(de("Counselling service"))
    contacts = main.locator("table").first
    expect(contacts.locator("tbody")).to_have_text(de("No contact persons recorded."))
    check(page, "directory-institution-created")

    # The new competence is a filter of the list now, and finds exactly this institution.
    page.goto(list_url)
    search.get_by_label(label(de("Competence"))).select_option(label=NEW_COMPETENCE)
    search.get_by_role("button", name=de("Search"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/akteurslandschaft/\?(.*&)?competence=Geb"))
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody th")).to_have_text(INSTITUTION)
    check(page, "directory-filter-competence")
    table.get_by_role("link", name=INSTITUTION).click()
    expect(page).to_have_url(at(institution_url))

    # A contact person without consent is refused in German, and nothing is saved.
    main.get_by_role("link", name=de("Add contact person")).click()
    expect(h1(page)).to_have_text(de("New contact person"))
    check(page, "directory-contact-form")
    page.get_by_label(label(de_label("name"))).fill(CONTACT)
    page.get_by_label(label(de_label("function"))).fill(CONTACT_FUNCTION)
    page.get_by_label(label(de_label("e-mail"))).fill("f.ostermann@brueckenbau.example")
    consent = page.get_by_label(label(de("The person has agreed to be listed here.")))
    expect(consent).not_to_be_checked()
    save(page)
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    expect(page.locator("#id_consent_given_error")).to_have_text(
        de(
            "Contact persons may only be recorded with their consent. "
            "Please confirm that the person has agreed."
        )
    )
    check(page, "directory-contact-without-consent")
    page.goto(institution_url)
    expect(contacts.locator("tbody")).to_have_text(de("No contact persons recorded."))
    expect(main).not_to_contain_text(CONTACT)

    # With consent, the contact person is saved.
    main.get_by_role("link", name=de("Add contact person")).click()
    page.get_by_label(label(de_label("name"))).fill(CONTACT)
    page.get_by_label(label(de_label("function"))).fill(CONTACT_FUNCTION)
    page.get_by_label(label(de("The person has agreed to be listed here."))).check()
    save(page)
    expect(page).to_have_url(at(institution_url))
    expect(messages(page)).to_contain_text(de("The contact person has been added."))
    row = contacts.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_have_text(CONTACT)
    expect(row).to_contain_text(CONTACT_FUNCTION)
    check(page, "directory-contact-saved")

    # Link a case of the municipality; the case page names the institution.
    main.get_by_role("link", name=de("Link a case")).click()
    expect(h1(page)).to_have_text(de("Link a case"))
    check(page, "directory-case-link-form")
    case_select = page.get_by_label(label(de("Case")))
    option = case_select.locator("option").filter(has_text=LINKED_CASE)
    expect(option).to_have_count(1)
    option_text = option.inner_text().strip()
    reference_match = re.match(r"F-[A-Z0-9]{4}-[A-Z0-9]{4}", option_text)
    assert reference_match, option_text
    case_ref = reference_match.group(0)
    case_select.select_option(value=option.get_attribute("value"))
    page.get_by_label(label(de("Role in the case"))).fill(LINK_ROLE)
    page.get_by_role("main").get_by_role("button", name=de("Link case")).click()
    expect(page).to_have_url(at(institution_url))
    expect(messages(page)).to_contain_text(de("The case has been linked to the institution."))
    case_link = page.get_by_role("link", name=f"{case_ref} – {LINKED_CASE}", exact=True)
    link_item = main.locator("li").filter(has=case_link)
    expect(link_item).to_have_count(1)
    expect(link_item).to_contain_text(LINK_ROLE)
    check(page, "directory-case-linked")
    link_item.get_by_role("link", name=f"{case_ref} – {LINKED_CASE}", exact=True).click()
    expect(page).to_have_url(at(f"/fall/{case_ref}/"))
    panel = section(page, "case-institutions-heading")
    expect(panel.get_by_role("link", name=INSTITUTION)).to_be_visible()
    expect(panel).to_contain_text(LINK_ROLE)
    check(page, "directory-case-page-panel")
    logout(page)

    # The municipal actor reads the directory, without any edit buttons.
    login(page, "akteur.cottbus", shot="directory-actor")
    open_from_municipality_page(page, "Actor landscape (directory)")
    expect(page).to_have_url(at(list_url))
    expect(main.get_by_role("link", name=de("New institution"))).to_have_count(0)
    expect(table.get_by_role("link", name=INSTITUTION)).to_be_visible()
    check(page, "directory-list-actor")
    table.get_by_role("link", name=INSTITUTION).click()
    expect(page).to_have_url(at(institution_url))
    expect(h1(page)).to_have_text(INSTITUTION)
    expect(contacts.locator("tbody th")).to_have_text(CONTACT)
    for text in ("Edit institution", "Delete institution", "Add contact person"):
        expect(main.get_by_role("link", name=de(text))).to_have_count(0)
    expect(contacts.get_by_role("columnheader", name=de("Actions"))).to_have_count(0)
    expect(contacts.get_by_role("link", name=re.compile(re.escape(de("Edit"))))).to_have_count(0)
    check(page, "directory-institution-actor")
    response = page.goto(f"{list_url}neu/")
    assert response is not None and response.status == 403


# --- 2. Situation picture and prevention measures -------------------------------------------------


def test_the_tandem_reads_the_situation_picture_and_plans_prevention(
    page: Page, kokoma_server: LiveServer
) -> None:
    login(page, "lokal.cottbus", shot="situation-local")
    open_from_municipality_page(page, "Situation picture")
    picture_url = f"/kommunen/{COTTBUS}/lagebild/"
    expect(page).to_have_url(at(picture_url))
    expect(h1(page)).to_contain_text(de("Situation picture"))
    main = page.get_by_role("main")
    lead = main.locator("p.lead")
    default_start = TODAY - datetime.timedelta(days=13 * 7 - 1)
    default_period = de(
        "Period: %(start)s to %(end)s", start=german_date(default_start), end=german_date(TODAY)
    )
    expect(lead).to_have_text(default_period)

    # The charts are SVG images, each with a table alternative.
    charts = main.locator("figure.chart-figure svg[role=img]")
    expect(charts).to_have_count(5)
    for index in range(5):
        expect(charts.nth(index)).to_have_attribute("aria-labelledby", re.compile(".+"))
    observations = section(page, "observations-heading")
    alternative = observations.locator("details")
    expect(alternative.locator("summary")).to_have_text(de("Table: observations per calendar week"))
    expect(alternative.locator("table")).to_be_hidden()
    alternative.locator("summary").click()
    expect(alternative.locator("table")).to_be_visible()
    expect(alternative.locator("caption")).to_have_text(
        de("Observations (not dismissed) per calendar week, incidents and topics")
    )
    expect(alternative.locator("tbody tr")).not_to_have_count(0)
    expect(main.locator("details summary")).to_have_count(5)
    check(page, "situation-picture")

    # A reversed period is refused in German; the last 13 weeks are shown instead.
    period = main.get_by_role("form", name=de("Choose the period"))
    later, earlier = TODAY - datetime.timedelta(days=10), TODAY - datetime.timedelta(days=40)
    period.get_by_label(label(de("From"))).fill(later.isoformat())
    period.get_by_label(label(de("Until"))).fill(earlier.isoformat())
    period.get_by_role("button", name=de("Show"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"\?(.*&)?start={later.isoformat()}"))
    expect(period.get_by_role("alert")).to_have_text(
        de("The period could not be used. The last 13 weeks are shown instead.")
    )
    expect(page.locator("#id_end_error")).to_have_text(
        de("The end of the period must not be before its start.")
    )
    expect(lead).to_have_text(default_period)
    check(page, "situation-picture-reversed-period")

    # A preset period is shown as chosen.
    period.get_by_label(label(de("Period"))).select_option(
        label=de("the last %(weeks)d weeks", weeks=26)
    )
    period.get_by_role("button", name=de("Show"), exact=True).click()
    expect(page).to_have_url(re.compile(r"\?(.*&)?preset=26"))
    expect(period.get_by_role("alert")).to_have_count(0)
    expect(lead).to_have_text(
        de(
            "Period: %(start)s to %(end)s",
            start=german_date(TODAY - datetime.timedelta(days=26 * 7 - 1)),
            end=german_date(TODAY),
        )
    )
    check(page, "situation-picture-26-weeks")

    # The situation report as PDF, for the period shown, made in the background.
    main.get_by_role("button", name=de("Situation report as PDF")).click()
    expect(h1(page)).to_contain_text(german_date(TODAY))
    expect(page.get_by_role("progressbar")).to_be_visible()
    check(page, "situation-report-waiting")
    kokoma_server.manage("db_worker", "--batch", "--no-startup-delay", "-v0")
    download_link = main.get_by_role("link", name=re.compile(r"lagebild-.*\.pdf"))
    expect(download_link).to_be_visible(timeout=15_000)  # htmx polls the status every second
    check(page, "situation-report-ready")
    href = download_link.get_attribute("href") or ""
    response = page.request.get(href)
    assert response.status == 200, response.status
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.body().startswith(b"%PDF")
    main.get_by_role("link", name=de("Back")).click()
    expect(page).to_have_url(
        re.compile(rf"{re.escape(picture_url)}\?start=.*&end={TODAY.isoformat()}")
    )

    # A prevention measure that ends before it starts is refused; then it is created.
    main.get_by_role("link", name=de("New prevention measure")).click()
    expect(h1(page)).to_have_text(de("New prevention measure"))
    check(page, "situation-measure-form")
    page.get_by_label(label(de_label("title"))).fill(MEASURE)
    page.get_by_label(label(de_label("description"))).fill(
        "Vier moderierte Abende im Stadtteilpark, offen für alle, die dort wohnen oder sich treffen."
    )
    page.get_by_role("checkbox", name="Jugend", exact=True).check()
    page.get_by_label(label(de_label("target group"))).fill(MEASURE_GROUP)
    page.get_by_label(label(de_label("responsible organisation"))).fill(MEASURE_ORGANISATION)
    page.get_by_label(label(de_label("start"))).fill(TODAY.isoformat())
    page.get_by_label(label(de_label("end"))).fill((TODAY - datetime.timedelta(days=1)).isoformat())
    page.get_by_label(label(de_label("status"))).select_option(label=de("running"))
    save(page)
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    expect(page.locator("#id_ends_on_error")).to_have_text(
        de("The end date must not be before the start date.")
    )
    check(page, "situation-measure-end-before-start")
    form_url = page.url
    page.goto(f"{picture_url}praevention/")
    expect(main).not_to_contain_text(MEASURE)
    # The page is never stored by the browser, but what was typed waits in the tab as a draft.
    page.goto(form_url)
    expect(
        page.get_by_role("status").filter(
            has_text=de("Your input that was not yet sent has been restored.")
        )
    ).to_be_visible()
    expect(page.get_by_label(label(de_label("title")))).to_have_value(MEASURE)
    page.get_by_label(label(de_label("end"))).fill(
        (TODAY + datetime.timedelta(days=60)).isoformat()
    )
    save(page)
    expect(messages(page)).to_contain_text(de("The prevention measure has been created."))
    expect(page).to_have_url(re.compile(r"/praevention/\d+/$"))
    expect(h1(page)).to_have_text(MEASURE)
    facts = main.locator("dl.facts")
    expect(facts).to_contain_text(de("running"))
    expect(facts).to_contain_text(MEASURE_GROUP)
    expect(facts).to_contain_text(MEASURE_ORGANISATION)
    expect(facts).to_contain_text("Jugend")
    check(page, "situation-measure-detail")

    # It is listed with the prevention measures and in the situation picture of the period.
    page.get_by_role("navigation", name=de("Breadcrumb")).get_by_role(
        "link", name=de("Prevention measures")
    ).click()
    expect(page).to_have_url(at(f"{picture_url}praevention/"))
    row = main.locator("tbody tr").filter(has=page.get_by_role("link", name=MEASURE))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(MEASURE_GROUP)
    expect(row).to_contain_text(german_date(TODAY))
    check(page, "situation-measure-list")
    page.goto(picture_url)
    expect(section(page, "prevention-heading").get_by_role("link", name=MEASURE)).to_be_visible()


# --- 3. Early warning ----------------------------------------------------------------------------


def test_the_tandem_looks_after_thresholds_and_responses_and_reads_alerts(page: Page) -> None:
    login(page, "lokal.cottbus", shot="warning-local")
    open_from_municipality_page(page, "Early warning")
    alerts_url = f"/kommunen/{COTTBUS}/fruehwarnung/"
    expect(page).to_have_url(at(alerts_url))
    expect(h1(page)).to_have_text(de("Early warning"))
    main = page.get_by_role("main")
    check(page, "warning-alerts")

    # Thresholds: 0 and a non-number are refused in German, nothing changes.
    main.get_by_role("link", name=de("Thresholds"), exact=True).click()
    expect(page).to_have_url(at(f"{alerts_url}schwellenwerte/"))
    expect(h1(page)).to_have_text(de("Early-warning thresholds"))
    per_week = page.get_by_label(label(de("Observations per topic and calendar week")))
    stages = page.get_by_label(label(de("Rapid escalation: number of Glasl stages")))
    days = page.get_by_label(label(de("Rapid escalation: within days")))
    before = [field.input_value() for field in (per_week, stages, days)]
    assert all(value.isdigit() and int(value) >= 1 for value in before), before
    check(page, "warning-thresholds")
    per_week.fill("0")
    # A number field takes no letters; as text field, it sends what a script could send.
    days.evaluate("input => { input.type = 'text'; }")
    days.fill("abc")
    save(page)
    expect(page).to_have_url(at(f"{alerts_url}schwellenwerte/"))
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    expect(page.locator("#id_observations_per_week_error")).to_have_text(
        de("Please enter a whole number from 1 to %(max)s.", max=1000)
    )
    expect(page.locator("#id_climb_window_days_error")).to_have_text(
        de("Please enter a whole number from 1 to %(max)s.", max=365)
    )
    expect(page.locator("#id_climb_stages_error")).to_have_count(0)
    expect(page.get_by_text(de("The thresholds have been saved."))).to_have_count(0)
    check(page, "warning-thresholds-refused")
    page.goto(f"{alerts_url}schwellenwerte/")
    assert [field.input_value() for field in (per_week, stages, days)] == before

    # A pre-planned response: one step is edited (and put back afterwards).
    page.goto(alerts_url)
    main.get_by_role("link", name=de("Pre-planned responses")).click()
    expect(page).to_have_url(at(f"{alerts_url}reaktionsplaene/"))
    expect(h1(page)).to_have_text(de("Pre-planned responses"))
    kind = de("many observations on a topic")
    plan = main.locator("table").filter(
        has=page.locator("caption", has_text=de("Response to: %(label)s", label=kind))
    )
    expect(plan.locator("tbody tr")).to_have_count(2)
    check(page, "warning-responses")
    main.get_by_role("link", name=de("Edit the response to: %(label)s", label=kind)).click()
    expect(page).to_have_url(at(f"{alerts_url}reaktionsplaene/topic_threshold/"))
    expect(h1(page)).to_have_text(de("Response to: %(label)s", label=kind))
    check(page, "warning-response-form")
    step = main.get_by_role("group", name=de("Step %(number)s", number=2))
    action = step.get_by_label(label(de("What")))
    due = step.get_by_label(label(de("Due within days")))
    original_action, original_due = action.input_value(), due.input_value()
    assert original_action and original_due.isdigit(), (original_action, original_due)
    changed_due = "10" if original_due != "10" else "9"
    action.fill(original_action + PLAN_ADDITION)
    due.fill(changed_due)
    save(page)
    expect(page).to_have_url(at(f"{alerts_url}reaktionsplaene/"))
    expect(messages(page)).to_contain_text(de("The pre-planned response has been saved."))
    edited = plan.locator("tbody tr").nth(1)
    expect(edited.locator("th")).to_have_text(original_action + PLAN_ADDITION)
    expect(edited.locator("td").last).to_have_text(changed_due)
    expect(plan.locator("tbody tr")).to_have_count(2)
    check(page, "warning-responses-edited")

    # Put the step back as the demo has it (other journeys rely on the demo responses).
    main.get_by_role("link", name=de("Edit the response to: %(label)s", label=kind)).click()
    action.fill(original_action)
    due.fill(original_due)
    save(page)
    expect(messages(page)).to_contain_text(de("The pre-planned response has been saved."))
    expect(edited.locator("th")).to_have_text(original_action)

    # The alerts: the list (all of them) and one alert, only read, not acknowledged.
    page.get_by_role("navigation", name=de("Breadcrumb")).get_by_role(
        "link", name=de("Early warning")
    ).click()
    expect(page).to_have_url(at(alerts_url))
    main.get_by_label(label(de("Show"))).select_option(label=de("all alerts"))
    main.get_by_role("button", name=de("Filter"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/fruehwarnung/\?(.*&)?status=all"))
    rows = main.locator("table tbody tr")
    expect(rows).not_to_have_count(0)
    expect(rows.first).not_to_contain_text(de("No alerts."))
    check(page, "warning-alerts-all")
    first = rows.first.locator("th a")
    summary = first.inner_text().strip()
    first.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(alerts_url)}\d+/$"))
    expect(main).to_contain_text(summary)
    expect(main.get_by_role("heading", level=2).first).to_have_text(
        de("Tasks from the pre-planned response")
    )
    expect(main.locator("dl.facts")).to_contain_text(de("Triggered on"))
    check(page, "warning-alert-detail")


# --- 4. E-mail settings --------------------------------------------------------------------------


def test_a_companion_chooses_emails_immediately(page: Page) -> None:
    login(page, "extern", shot="email-settings-external")
    main_nav(page).get_by_role("link", name=re.compile(re.escape(de("Notifications")))).click()
    expect(page).to_have_url(at("/benachrichtigungen/"))
    page.get_by_role("main").get_by_role("link", name=de("E-mail settings")).click()
    expect(page).to_have_url(at("/benachrichtigungen/einstellungen/"))
    expect(h1(page)).to_have_text(de("E-mail settings"))
    immediately = page.get_by_role("radio", name=de("immediately, one e-mail per notification"))
    daily = page.get_by_role("radio", name=de("once a day, as a digest"))
    expect(daily).to_be_checked()
    check(page, "email-settings")
    immediately.check()
    save(page)
    expect(page).to_have_url(at("/benachrichtigungen/einstellungen/"))
    expect(messages(page)).to_contain_text(de("Your e-mail settings are saved."))
    expect(immediately).to_be_checked()
    check(page, "email-settings-saved")

    # Back to the default, so that other journeys see the demo's digest setting.
    daily.check()
    save(page)
    expect(messages(page)).to_contain_text(de("Your e-mail settings are saved."))
    expect(daily).to_be_checked()
