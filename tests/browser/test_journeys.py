"""Journeys through KoKoMa in a real browser, as the demo's people experience them.

Every page a journey visits is checked with axe-core (WCAG 2.1 A/AA) and photographed into
test-artifacts/screenshots/. UI texts are looked up with `de()` (see support.py), so the tests
assert on exactly the German the server shows.

Tests that change data use people and municipalities no other test relies on:
Görlitz is onboarded by the programme office, lokal.greifswald changes the password,
akteur.bautzen resets it, extern2 activates two-factor authentication.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import re
import struct
import time
import zoneinfo
from dataclasses import dataclass

import pytest
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from .support import (
    DOMAIN,
    LiveServer,
    at,
    check,
    de,
    de_label,
    de_plural,
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
BAUTZEN = "14625020"
GREIFSWALD = "13075039"
GOERLITZ = "14626110"
NAMES = {COTTBUS: "Cottbus", BAUTZEN: "Bautzen"}
# A recent entry of each demo municipality's own work log (kokoma.demo.work_log).
WORK_LOG_TOPICS = {
    COTTBUS: "Vorbereitung Workshop Handlungskonzept",
    BAUTZEN: "Vorbereitung Auswertungsgespräch mit der Verwaltungsspitze",
}
TODAY = datetime.datetime.now(tz=zoneinfo.ZoneInfo("Europe/Berlin")).date()


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def section(page: Page, heading_id: str) -> Locator:
    return page.locator(f"section[aria-labelledby={heading_id}]")


def save(page: Page, text: str = "Save") -> None:
    page.get_by_role("main").get_by_role("button", name=de(text), exact=True).click()


# --- 1. every role -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    key: str
    login: str
    name: str
    labels: tuple[str, ...]  # msgids of the role names the start page lists
    sees: tuple[str, ...]  # municipalities in the list
    hidden: tuple[str, ...] = ()  # municipalities that must not show up anywhere
    municipality: str | None = None  # AGS of the municipality page to visit
    tandem: bool = False  # may read the tandem's work log
    foreign: str | None = None  # AGS of a municipality outside the role's tenancy


ROLES = [
    Role(
        "office",
        "servicestelle",
        "Henrike Albers",
        ("Programme office",),
        sees=("Cottbus", "Bautzen", "Greifswald", "Hameln", "Kaiserslautern"),
        municipality=COTTBUS,
    ),
    Role(
        "external",
        "extern",
        "Jonas Weidmann",
        ("External process companion (pool)", "External process companion"),
        sees=("Cottbus", "Bautzen"),
        hidden=("Greifswald", "Hameln"),
        municipality=BAUTZEN,
        tandem=True,
        foreign=GREIFSWALD,
    ),
    Role(
        "local",
        "lokal.cottbus",
        "Svenja Krautmann",
        ("Local process companion",),
        sees=("Cottbus",),
        hidden=("Bautzen",),
        municipality=COTTBUS,
        tandem=True,
        foreign=BAUTZEN,
    ),
    Role(
        "actor",
        "akteur.cottbus",
        "Tobias Brandhorst",
        ("Municipal actor",),
        sees=("Cottbus",),
        hidden=("Bautzen",),
        municipality=COTTBUS,
        foreign=BAUTZEN,
    ),
    # A board member alone sees their boards, not the municipality (docs/decisions/0026;
    # the board member's day: test_boards.py).
    Role(
        "board",
        "gremium.cottbus",
        "Aylin Demirtaş-Voigt",
        ("Board member",),
        sees=(),
        hidden=("Bautzen",),
        foreign=BAUTZEN,
    ),
    Role(
        "trainee",
        "weiterbildung.cottbus",
        "Lena Marquardt",
        ("Training participant",),
        sees=("Cottbus",),
        hidden=("Bautzen",),
        municipality=COTTBUS,
        foreign=BAUTZEN,
    ),
    Role(
        "supervisor",
        "supervision",
        "Dr. Ruth Neumeier",
        ("Supervisor",),
        sees=(),
        hidden=("Cottbus", "Bautzen"),
        foreign=COTTBUS,
    ),
]


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role.key)
def test_every_role_finds_its_own_section_and_pages(page: Page, role: Role) -> None:
    shot = f"role-{role.key}"
    login(page, role.login, shot=shot)
    main = page.get_by_role("main")

    # Start page: greeting, own roles, own section, nothing of other municipalities.
    expect(h1(page)).to_have_text(de("Welcome, %(name)s", name=role.name))
    for role_label in role.labels:
        expect(main.locator(".lead")).to_contain_text(de(role_label))
    if role.key == "office":
        own = section(page, "programme-heading")
        expect(own.get_by_role("heading", level=2)).to_have_text(de("Participating municipalities"))
        expect(own).to_contain_text(de("municipalities in total"))
    elif role.key == "board":
        expect(section(page, "mine-heading")).to_have_count(0)
        own = section(page, "boards-heading")
        expect(own.get_by_role("heading", level=2)).to_have_text(de("My advisory boards"))
    elif role.key == "supervisor":
        # No municipality: the supervisor's slots and who booked them (decision 0027).
        expect(section(page, "mine-heading")).to_have_count(0)
        expect(section(page, "coming-heading")).to_have_count(0)
        own = section(page, "supervision-heading")
        expect(own.get_by_role("heading", level=2)).to_have_text(de("Supervision"))
        expect(own).to_contain_text(de("My next slots"))
    else:
        own = section(page, "mine-heading")
        expect(own.get_by_role("heading", level=2)).to_have_text(de("My municipalities"))
        for name in role.sees:
            expect(own.get_by_role("link", name=re.compile(name))).to_be_visible()
    for name in role.hidden:
        expect(main).not_to_contain_text(name)
    check(page, f"{shot}-start")

    # Municipality list: in the navigation for whoever belongs to a municipality; the page
    # itself answers everybody.
    list_link = de("Municipalities") if role.key == "office" else de("My municipalities")
    if role.sees:
        main_nav(page).get_by_role("link", name=list_link, exact=True).click()
    else:
        expect(main_nav(page).get_by_role("link", name=list_link, exact=True)).to_have_count(0)
        page.goto("/kommunen/")
    expect(page).to_have_url(at("/kommunen/"))
    expect(h1(page)).to_have_text(
        de("Participating municipalities") if role.key == "office" else de("My municipalities")
    )
    table = main.locator("table")
    if role.sees:
        names = table_column(page, table, 1)
        for name in role.sees:
            assert any(name in row for row in names), f"{name} missing in {names}"
        for name in role.hidden:
            assert not any(name in row for row in names), f"{name} must not be listed: {names}"
    else:
        expect(table).to_have_count(0)
        expect(main.locator("p[role=status]")).to_have_text(
            de_plural("%(counter)s municipality found", "%(counter)s municipalities found", 0)
        )
    check(page, f"{shot}-list")

    # The municipality page: only tandem members read the work log; the others see no entries.
    if role.municipality:
        name = NAMES[role.municipality]
        table.get_by_role("link", name=re.compile(name)).click()
        expect(page).to_have_url(at(f"/kommunen/{role.municipality}/"))
        expect(h1(page)).to_contain_text(name)
        log = section(page, "log-heading")
        expect(log.get_by_role("heading", level=2)).to_have_text(de("Tandem work log"))
        topic = WORK_LOG_TOPICS[role.municipality]
        if role.tandem:
            expect(log.get_by_role("link", name=de("Open the whole work log"))).to_be_visible()
            expect(log).to_contain_text(topic)
        else:
            expect(log.get_by_role("link")).to_have_count(0)
            expect(log).not_to_contain_text(topic)
        check(page, f"{shot}-municipality")
        if not role.tandem:
            response = page.goto(f"/kommunen/{role.municipality}/arbeitsprotokoll/")
            assert response is not None and response.status == 403
            expect(h1(page)).to_have_text(de("Access denied"))
            check(page, f"{shot}-work-log-403")

    # Tenancy: another municipality's page does not exist for this person.
    if role.foreign:
        response = page.goto(f"/kommunen/{role.foreign}/")
        assert response is not None and response.status == 404
        expect(h1(page)).to_have_text(de("Page not found"))
        check(page, f"{shot}-foreign-404")

    # My account.
    main_nav(page).get_by_role("link", name=de("My account")).click()
    expect(page).to_have_url(at("/konto/profil/"))
    expect(h1(page)).to_have_text(de("My account"))
    facts = main.locator("dl.facts")
    expect(facts).to_contain_text(role.name)
    expect(facts).to_contain_text(f"{role.login}@{DOMAIN}")
    for name in role.sees if role.key != "office" else ():
        expect(main.get_by_role("link", name=re.compile(name))).to_be_visible()
    check(page, f"{shot}-account")

    # Log out with the button in the header.
    logout(page)
    check(page, f"{shot}-logged-out")
    page.goto("/")
    expect(h1(page)).to_have_text(de("KoKoMa – municipal conflict management"))
    expect(main_nav(page)).to_have_count(0)
    check(page, f"{shot}-welcome")


# --- 2. programme office -------------------------------------------------------------------------


def test_programme_office_filters_onboards_and_changes_phase(
    page: Page, kokoma_server: LiveServer
) -> None:
    login(page, "servicestelle", shot="office")
    page.get_by_role("link", name=de("Overview of all municipalities")).click()
    expect(page).to_have_url(at("/kommunen/"))
    check(page, "office-list")

    # Filter by Land.
    filters = page.get_by_role("search", name=de("Filter municipalities"))
    filters.get_by_label(label(de("Land"))).select_option(label="Brandenburg")
    filters.get_by_role("button", name=de("Apply")).click()
    expect(page).to_have_url(re.compile(r"/kommunen/\?(.*&)?land=12(&|$)"))
    table = page.get_by_role("main").locator("table")
    expect(table.locator("tbody tr")).not_to_have_count(0)
    assert set(table_column(page, table, 3)) == {"Brandenburg"}
    assert any("Cottbus" in name for name in table_column(page, table, 1))
    check(page, "office-list-brandenburg")

    # Filter by phase, sort by population.
    filters.get_by_label(label(de("Land"))).select_option(value="")
    filters.get_by_label(label(de("Programme phase"))).select_option(label=de("active"))
    filters.get_by_label(label(de("Sort by"))).select_option(label=de("population (largest first)"))
    filters.get_by_role("button", name=de("Apply")).click()
    expect(page).to_have_url(re.compile(r"phase=active.*sort=-population"))
    phases = table_column(page, table, 5)
    assert phases and set(phases) == {de("active")}, phases
    names = table_column(page, table, 1)
    assert "Cottbus" in names[0] and any("Greifswald" in name for name in names), names
    populations = [int(re.sub(r"\D", "", value)) for value in table_column(page, table, 4)]
    assert populations == sorted(populations, reverse=True), populations
    check(page, "office-list-active-by-population")

    # Onboarding without htmx (script blocked): the Search button reloads with the results.
    page.route("**/vendor/htmx/**", lambda route: route.abort())
    page.goto("/kommunen/neu/")
    expect(h1(page)).to_have_text(de("Onboard a municipality"))
    page.get_by_label(de("Search the register by name or AGS")).fill("Görlitz")
    page.get_by_role("search").get_by_role("button", name=de("Search"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/kommunen/neu/\?q=G%C3%B6rlitz$"))
    results = page.locator("#register-results")
    expect(results.get_by_label(re.compile(r"^Görlitz, Stadt"))).to_be_visible()
    check(page, "office-onboarding-search-button")
    page.unroute("**/vendor/htmx/**")

    # Onboarding with htmx: results appear while typing, the page stays where it is.
    page.goto("/kommunen/neu/")
    page.wait_for_function("() => window.htmx !== undefined")
    expect(results).to_contain_text(
        de("Enter at least two letters of the name or the first digits of the AGS.")
    )
    check(page, "office-onboarding")
    search = page.get_by_label(de("Search the register by name or AGS"))
    with page.expect_response(re.compile(r"/kommunen/verzeichnis/\?q=G")) as live:
        search.press_sequentially("Görli", delay=40)
    assert live.value.status == 200
    radio = results.get_by_label(re.compile(r"^Görlitz, Stadt"))
    expect(radio).to_be_visible()
    expect(page).to_have_url(at("/kommunen/neu/"))
    check(page, "office-onboarding-live-results")

    joined = TODAY - datetime.timedelta(days=30)
    radio.check()
    page.get_by_label(label(de("Joined the programme on"))).fill(joined.isoformat())
    page.get_by_label(label(de("Partnership for Democracy"))).fill(
        "Partnerschaft für Demokratie Görlitz"
    )
    page.get_by_label(label(de("External process companion"))).select_option(label="Mira Osterkamp")
    page.get_by_label(label(de("Name of the local process companion"))).fill("Greta Lindqvist")

    # Bad input first: a new local companion needs an e-mail address. Nothing typed is lost.
    page.get_by_role("button", name=de("Onboard municipality")).click()
    expect(page).to_have_url(at("/kommunen/neu/"))
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    expect(page.get_by_role("main")).to_contain_text(de("Please give the e-mail address as well."))
    expect(results.get_by_label(re.compile(r"^Görlitz, Stadt"))).to_be_checked()
    expect(page.get_by_label(label(de("Name of the local process companion")))).to_have_value(
        "Greta Lindqvist"
    )
    expect(page.get_by_label(label(de("Joined the programme on")))).to_have_value(
        joined.isoformat()
    )
    check(page, "office-onboarding-missing-email")

    page.get_by_label(label(de("E-mail of the local process companion"))).fill(
        f"greta.lindqvist@{DOMAIN}"
    )
    page.get_by_role("button", name=de("Onboard municipality")).click()
    expect(page).to_have_url(at(f"/kommunen/{GOERLITZ}/"))
    expect(messages(page)).to_contain_text(
        de("%(name)s now takes part in the programme.", name="Görlitz, Stadt")
    )
    expect(h1(page)).to_contain_text("Görlitz, Stadt")
    programme = section(page, "programme-heading")
    expect(programme).to_contain_text("Mira Osterkamp")
    expect(programme).to_contain_text("Greta Lindqvist")
    expect(programme).to_contain_text(german_date(joined))
    expect(programme).to_contain_text("Partnerschaft für Demokratie Görlitz")
    check(page, "office-goerlitz-onboarded")
    assert kokoma_server.mails_to(f"greta.lindqvist@{DOMAIN}"), (
        "no invitation mail for the new local companion"
    )

    # Change the phase to kick-off and find it in the history.
    kickoff = TODAY - datetime.timedelta(days=7)
    note = "Auftaktgespräch mit dem Oberbürgermeister"
    page.get_by_role("link", name=de("Change phase")).click()
    expect(page).to_have_url(at(f"/kommunen/{GOERLITZ}/phase/"))
    expect(h1(page)).to_have_text(de("Change programme phase"))
    check(page, "office-phase-form")
    new_phase = page.get_by_label(label(de("New phase")))
    expect(new_phase.locator("option[value=kickoff]")).to_have_text(de("kick-off"))
    new_phase.select_option("kickoff")
    page.get_by_label(label(de("Effective from"))).fill(kickoff.isoformat())
    page.get_by_label(label(de("Note"))).fill(note)
    save(page)
    expect(page).to_have_url(at(f"/kommunen/{GOERLITZ}/"))
    expect(messages(page)).to_contain_text(de("The programme phase was changed."))
    expect(h1(page).locator(".kern-badge")).to_have_text(de("kick-off"))
    row = section(page, "history-heading").locator("tbody tr").filter(has_text=note)
    expect(row).to_have_count(1)
    cells = row.locator("td")
    expect(cells.nth(0)).to_have_text(german_date(kickoff))
    expect(cells.nth(1)).to_have_text(de("interested"))
    expect(cells.nth(2)).to_have_text(de("kick-off"))
    expect(cells.nth(3)).to_have_text("Henrike Albers")
    check(page, "office-goerlitz-kickoff")

    # Bad input: the phase it already is in. The error shows, the note is kept.
    page.get_by_role("link", name=de("Change phase")).click()
    second_note = "Versehentlich ein zweites Mal eingetragen"
    page.get_by_label(label(de("New phase"))).select_option("kickoff")
    page.get_by_label(label(de("Effective from"))).fill(TODAY.isoformat())
    page.get_by_label(label(de("Note"))).fill(second_note)
    save(page)
    expect(page).to_have_url(at(f"/kommunen/{GOERLITZ}/phase/"))
    expect(page.get_by_role("alert")).to_contain_text(
        de("The municipality is already in this phase.")
    )
    expect(page.get_by_label(label(de("Note")))).to_have_value(second_note)
    expect(page.get_by_label(label(de("New phase")))).to_have_value("kickoff")
    check(page, "office-phase-same-phase-error")


# --- 3. local companion --------------------------------------------------------------------------


def test_local_companion_keeps_profile_contacts_structures_and_work_log(page: Page) -> None:
    login(page, "lokal.cottbus", shot="local")
    section(page, "mine-heading").get_by_role("link", name=re.compile("Cottbus")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/"))
    check(page, "local-cottbus")

    # Profile: the Partnership for Democracy.
    page.get_by_role("link", name=de("Edit profile")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/bearbeiten/"))
    expect(h1(page)).to_have_text(de("Edit profile"))
    pfd = page.get_by_label(label(de_label("Partnership for Democracy")))
    expect(pfd).to_have_value("Partnerschaft für Demokratie Cottbus")
    check(page, "local-profile-form")
    pfd.fill("Partnerschaft für Demokratie Cottbus – Bündnis Lausitz")
    save(page)
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/"))
    expect(messages(page)).to_contain_text(de("The profile was saved."))
    expect(section(page, "programme-heading")).to_contain_text(
        "Partnerschaft für Demokratie Cottbus – Bündnis Lausitz"
    )

    # A contact.
    page.get_by_role("link", name=de("Add contact")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/kontakte/neu/"))
    expect(h1(page)).to_have_text(de("Add contact"))
    check(page, "local-contact-form")
    page.get_by_label(label(de_label("name"))).fill("Dr. Jana Pietsch")
    page.get_by_label(label(de_label("function"))).fill("Leiterin Ordnungsamt")
    page.get_by_label(label(de_label("organisation"))).fill("Stadtverwaltung Cottbus")
    page.get_by_label(label(de_label("e-mail"))).fill(f"jana.pietsch@{DOMAIN}")
    page.get_by_label(label(de_label("phone"))).fill("0355 612 0000")
    save(page)
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/"))
    expect(messages(page)).to_contain_text(de("Saved."))
    contact = (
        section(page, "contacts-heading").locator("tbody tr").filter(has_text="Dr. Jana Pietsch")
    )
    expect(contact).to_contain_text("Leiterin Ordnungsamt")
    expect(contact.get_by_role("link", name=f"jana.pietsch@{DOMAIN}")).to_have_attribute(
        "href", f"mailto:jana.pietsch@{DOMAIN}"
    )

    # A counselling structure.
    page.get_by_role("link", name=de("Add counselling structure")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/strukturen/neu/"))
    check(page, "local-structure-form")
    page.get_by_label(label(de_label("name"))).fill("Schiedsstelle Sandow")
    page.get_by_label(label(de_label("kind"))).select_option(
        label=de("mediation / conflict service")
    )
    page.get_by_label(label(de_label("description"))).fill(
        "Ehrenamtliche Schlichtung bei Nachbarschaftskonflikten."
    )
    page.get_by_label(label(de_label("contact"))).fill(f"schiedsstelle@{DOMAIN}")
    save(page)
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/"))
    structure = (
        section(page, "structures-heading")
        .locator("tbody tr")
        .filter(has_text="Schiedsstelle Sandow")
    )
    expect(structure).to_contain_text(de("mediation / conflict service"))
    check(page, "local-cottbus-updated")

    # A work-log entry with next steps and a due date.
    meeting = TODAY - datetime.timedelta(days=2)
    due = TODAY + datetime.timedelta(days=12)
    topic = "Gespräch mit dem Ordnungsamt zum Stadthallenvorplatz"
    next_steps = "Protokoll an den Beirat senden und Termin für Runden Tisch abstimmen"
    section(page, "log-heading").get_by_role("link", name=de("New entry")).click()
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/arbeitsprotokoll/neu/"))
    expect(h1(page)).to_have_text(de("New work log entry"))
    check(page, "local-work-log-form")
    page.get_by_label(label(de_label("date"))).fill(meeting.isoformat())
    page.get_by_label(label(de_label("participants"))).fill(
        "Svenja Krautmann, Jonas Weidmann, Dr. Jana Pietsch"
    )
    page.get_by_label(label(de_label("topic"))).fill(topic)
    page.get_by_label(label(de_label("notes"))).fill(
        "Beschwerden über Lärm am Abend; Ordnungsamt will vermitteln statt sanktionieren."
    )
    page.get_by_label(label(de_label("agreed next steps"))).fill(next_steps)
    page.get_by_label(label(de_label("next steps due on"))).fill(due.isoformat())
    save(page)
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/arbeitsprotokoll/"))
    expect(messages(page)).to_contain_text(de("Saved."))
    entry = page.locator("article.log-entry").filter(has_text=topic)
    expect(entry.get_by_role("heading", level=2)).to_have_text(f"{german_date(meeting)} – {topic}")
    expect(entry).to_contain_text(next_steps)
    expect(entry).to_contain_text(de("due %(date)s", date=german_date(due)))
    expect(entry.locator(".kern-badge")).to_have_text(de("open"))
    expect(entry).to_contain_text("Svenja Krautmann")
    check(page, "local-work-log")

    # Bad input: due before the meeting. The error shows, the typed text stays.
    page.get_by_role("main").get_by_role("link", name=de("New entry")).click()
    bad_topic = "Nachbereitung Bürgerforum"
    bad_notes = "Viele Rückfragen zur Unterbringung; Stimmung angespannt, aber sachlich."
    page.get_by_label(label(de_label("date"))).fill(TODAY.isoformat())
    page.get_by_label(label(de_label("participants"))).fill("Svenja Krautmann")
    page.get_by_label(label(de_label("topic"))).fill(bad_topic)
    page.get_by_label(label(de_label("notes"))).fill(bad_notes)
    page.get_by_label(label(de_label("agreed next steps"))).fill("Antworten veröffentlichen")
    page.get_by_label(label(de_label("next steps due on"))).fill(
        (TODAY - datetime.timedelta(days=3)).isoformat()
    )
    save(page)
    expect(page).to_have_url(at(f"/kommunen/{COTTBUS}/arbeitsprotokoll/neu/"))
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    expect(page.locator("#id_next_steps_due_error")).to_have_text(
        de("The due date cannot lie before the meeting.")
    )
    expect(page.get_by_label(label(de_label("topic")))).to_have_value(bad_topic)
    expect(page.get_by_label(label(de_label("notes")))).to_have_value(bad_notes)
    check(page, "local-work-log-due-error")

    # The new next steps are an open task on the start page.
    main_nav(page).get_by_role("link", name=de("Start page")).click()
    tasks = section(page, "tasks-heading").locator("tbody tr").filter(has_text=next_steps)
    expect(tasks).to_have_count(1)
    expect(tasks.locator("td").first).to_have_text(german_date(due))
    check(page, "local-start-open-tasks")


# --- 4. account ----------------------------------------------------------------------------------


def test_password_change(page: Page) -> None:
    new_password = "Hafenkran-am-Ryck-2026"
    login(page, "lokal.greifswald", shot="password-change")
    main_nav(page).get_by_role("link", name=de("My account")).click()
    check(page, "password-change-account")
    page.get_by_role("main").get_by_role("link", name=de("Change password")).click()
    expect(page).to_have_url(at("/konto/password/change/"))
    expect(h1(page)).to_have_text(de("Change Password"))
    check(page, "password-change-form")

    page.locator("input[name=oldpassword]").fill("nicht-mein-passwort")
    page.locator("input[name=password1]").fill(new_password)
    page.locator("input[name=password2]").fill(new_password)
    save(page, "Change Password")
    expect(page.get_by_role("main")).to_contain_text(de("Please type your current password."))
    check(page, "password-change-wrong-current")

    page.locator("input[name=oldpassword]").fill("kokoma-demo")
    page.locator("input[name=password1]").fill(new_password)
    page.locator("input[name=password2]").fill(new_password)
    save(page, "Change Password")
    expect(messages(page)).to_contain_text(de("Password successfully changed."))
    check(page, "password-change-done")
    logout(page)

    # The old password no longer works, the new one does.
    page.get_by_label(label(de("Email"))).fill(f"lokal.greifswald@{DOMAIN}")
    page.get_by_label(label(de("Password"))).fill("kokoma-demo")
    page.get_by_role("main").get_by_role("button", name=de("Log in")).click()
    expect(page).to_have_url(at("/konto/login/"))
    expect(page.get_by_role("alert")).to_contain_text(
        de("The email address and/or password you specified are not correct.")
    )
    check(page, "password-change-old-rejected")
    login(page, "lokal.greifswald", new_password, shot="password-change-new")
    expect(h1(page)).to_have_text(de("Welcome, %(name)s", name="Ole Brüggemann"))
    check(page, "password-change-start")


def test_password_reset_by_mail(page: Page, kokoma_server: LiveServer) -> None:
    user = f"akteur.bautzen@{DOMAIN}"
    new_password = "Spreebrücke-Budyšin-2026"
    page.goto("/konto/login/")
    # allauth's help text under the password field links there too; take the form's own link.
    page.get_by_role("main").get_by_role("link", name=de("Forgot your password?")).click()
    expect(page).to_have_url(at("/konto/password/reset/"))
    expect(h1(page)).to_have_text(de("Password Reset"))
    check(page, "password-reset-form")
    page.get_by_label(label(de("Email"))).fill(user)
    save(page, "Reset My Password")
    expect(page).to_have_url(at("/konto/password/reset/done/"))
    check(page, "password-reset-sent")

    deadline = time.monotonic() + 10
    while not (mails := kokoma_server.mails_to(user)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert mails, f"no password-reset mail to {user}"
    subject, body = mails[-1]
    links = re.findall(r"http://127\.0\.0\.1:\d+/konto/password/reset/key/\S+", body)
    assert links, f"no reset link in the mail {subject!r}:\n{body}"
    page.goto(links[0])
    expect(page).to_have_url(re.compile(r"/konto/password/reset/key/[^/]+/$"))
    check(page, "password-reset-new-password")
    page.locator("input[name=password1]").fill(new_password)
    page.locator("input[name=password2]").fill(new_password)
    save(page, "Change Password")
    expect(page).to_have_url(at("/konto/password/reset/key/done/"))
    check(page, "password-reset-done")

    login(page, user, new_password, shot="password-reset-new")
    expect(section(page, "mine-heading")).to_contain_text("Bautzen")
    check(page, "password-reset-start")


def totp_code(secret: str, at_time: float) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at_time // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def test_two_factor_activation_and_login_with_recovery_code(page: Page) -> None:
    login(page, "extern2", shot="mfa")
    check(page, "mfa-start")
    main_nav(page).get_by_role("link", name=de("My account")).click()
    expect(page.get_by_role("main")).to_contain_text(de("not set up"))
    check(page, "mfa-account")
    page.get_by_role("main").get_by_role("link", name=de("Two-factor authentication")).click()
    expect(page).to_have_url(at("/konto/2fa/"))
    expect(h1(page)).to_have_text(de("Two-Factor Authentication"))
    check(page, "mfa-index")

    page.get_by_role("main").get_by_role("link", name=de("Activate")).first.click()
    # allauth asks for the password again before security settings change.
    expect(page).to_have_url(re.compile(r"/konto/reauthenticate/\?next="))
    check(page, "mfa-reauthenticate")
    page.get_by_label(label(de("Password"))).fill("kokoma-demo")
    save(page, "Confirm")

    expect(page).to_have_url(at("/konto/2fa/totp/activate/"))
    expect(h1(page)).to_have_text(de("Activate Authenticator App"))
    qr = page.get_by_role("main").locator("img[src^='data:image/svg+xml']")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    check(page, "mfa-totp-activate")

    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]+=*", secret), secret
    if 30 - time.time() % 30 < 4:  # do not type a code that expires on the way
        time.sleep(30 - time.time() % 30 + 0.5)
    page.locator("input[name=code]").fill(totp_code(secret, time.time()))
    save(page, "Activate")

    expect(page).to_have_url(at("/konto/2fa/recovery-codes/"))
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) >= 5, codes
    check(page, "mfa-recovery-codes")

    logout(page)
    login(page, "extern2", shot="mfa-second-login", home=False)
    expect(page).to_have_url(at("/konto/2fa/authenticate/"))
    check(page, "mfa-authenticate")
    page.locator("input[name=code]").fill(codes[0])
    save(page, "Sign In")
    expect(page).to_have_url(at("/"))
    expect(h1(page)).to_have_text(de("Welcome, %(name)s", name="Mira Osterkamp"))
    check(page, "mfa-start-after-recovery-code")
    main_nav(page).get_by_role("link", name=de("My account")).click()
    expect(page.get_by_role("main")).to_contain_text(de("authenticator app is set up"))
    check(page, "mfa-account-active")


# --- 5. language ---------------------------------------------------------------------------------


def en(msgid: str, **params: object) -> str:
    with translation.override("en"):
        text = translation.gettext(msgid)
    return text % params if params else text


def test_language_switch_to_english_and_back(page: Page) -> None:
    login(page, "lokal.bautzen", shot="language")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "de")
    expect(h1(page)).to_have_text(de("Welcome, %(name)s", name="Friedrich Lenzner"))
    check(page, "language-german-start")

    page.get_by_label(label(de("Language"))).select_option("en")
    page.get_by_role("button", name=de("Switch")).click()
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(at("/"))
    expect(h1(page)).to_have_text(en("Welcome, %(name)s", name="Friedrich Lenzner"))
    english_nav = page.get_by_role("navigation", name=en("Main navigation"))
    expect(english_nav.get_by_role("button", name=en("Log out"))).to_be_visible()
    expect(section(page, "mine-heading")).to_contain_text("Bautzen")
    check(page, "language-english-start")

    english_nav.get_by_role("link", name=en("My account")).click()
    expect(html).to_have_attribute("lang", "en")
    expect(h1(page)).to_have_text(en("My account"))
    check(page, "language-english-account")

    page.get_by_label(label(en("Language"))).select_option("de")
    page.get_by_role("button", name=en("Switch")).click()
    expect(html).to_have_attribute("lang", "de")
    expect(page).to_have_url(at("/konto/profil/"))
    expect(h1(page)).to_have_text(de("My account"))
    check(page, "language-german-again")


# --- 6. public pages -----------------------------------------------------------------------------


def test_public_pages_and_accessibility_feedback(page: Page, kokoma_server: LiveServer) -> None:
    page.goto("/")
    expect(h1(page)).to_have_text(de("KoKoMa – municipal conflict management"))
    check(page, "public-welcome")

    # The skip link is the first thing the keyboard reaches, and it moves focus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=de("Skip to content"))
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main#main")).to_be_focused()

    footer = page.get_by_role("navigation", name=de("Service links"))
    footer.get_by_role("link", name=de("Accessibility statement")).click()
    expect(page).to_have_url(at("/barrierefreiheit/"))
    expect(h1(page)).to_have_text(de("Accessibility statement"))
    check(page, "public-accessibility")

    # Empty feedback: an error, in German.
    send = page.get_by_role("button", name=de("Send feedback"))
    send.click()
    expect(page).to_have_url(at("/barrierefreiheit/"))
    expect(page.get_by_role("alert")).to_contain_text(de("Please check the marked fields."))
    expect(page.locator("#id_message_error")).to_have_text("Dieses Feld ist zwingend erforderlich.")
    check(page, "public-feedback-error")

    message = "Der Kontrast der Fußzeile ist auf meinem Bildschirm zu schwach."
    page.get_by_label(label(de_label("page concerned"))).fill("/ueber/")
    page.get_by_label(label(de_label("your message"))).fill(message)
    page.get_by_label(label(de_label("name (optional)"))).fill("Erika Mustermann")
    page.get_by_label(label(de_label("e-mail for our reply (optional)"))).fill(f"erika@{DOMAIN}")
    send.click()
    expect(page).to_have_url(at("/barrierefreiheit/"))
    expect(messages(page)).to_contain_text(
        de("Thank you. We have received your feedback and will reply.")
    )
    expect(page.get_by_label(label(de_label("your message")))).to_have_value("")
    check(page, "public-feedback-sent")
    mails = kokoma_server.mails_to("barrierefreiheit@localhost")
    assert any(message in body for _subject, body in mails), mails

    footer.get_by_role("link", name="Leichte Sprache").click()
    expect(page).to_have_url(at("/leichte-sprache/"))
    expect(h1(page)).to_have_text("KoKoMa in Leichter Sprache")
    check(page, "public-easy-language")

    footer.get_by_role("link", name=de("About KoKoMa and data sources")).click()
    expect(page).to_have_url(at("/ueber/"))
    expect(h1(page)).to_have_text(de("About KoKoMa and data sources"))
    expect(page.get_by_role("main")).to_contain_text("Destatis")
    check(page, "public-about")

    response = page.goto("/gibt-es-nicht/")
    assert response is not None and response.status == 404
    expect(h1(page)).to_have_text(de("Page not found"))
    check(page, "public-404")
