"""The dialogue in the browser (issue 14): a facilitator opens a public dialogue, residents vote
through its link in their own browsers (without an account, one of them on a phone), a submitted
statement is moderated, the background worker computes the map, and the map appears – for the
residents with their own place marked. Every page is checked with axe-core.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from . import support
from .support import check, de, label, login, messages

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 768}
QUESTION = "Was soll aus dem alten Bahnhof werden?"
SEEDS = [
    "Der Bahnhof soll ein Kulturzentrum werden.",
    "Der Bahnhof soll abgerissen werden.",
    "Ein Jugendtreff gehört in den Bahnhof.",
    "Die Stadt soll den Bahnhof verkaufen.",
    "Parkplätze sind wichtiger als Kultur.",
    "Vereine sollen den Bahnhof mitgestalten.",
    "Die Bürgerinnen und Bürger sollen mitentscheiden.",
    "Der Bahnhof soll öffentlich zugänglich bleiben.",
]
# Two camps; the last two statements bridge them.
CAMP_ONE = ["Agree", "Disagree", "Agree", "Disagree", "Disagree", "Agree", "Agree", "Agree"]
CAMP_TWO = ["Disagree", "Agree", "Disagree", "Agree", "Agree", "Disagree", "Agree", "Agree"]


def fits(page: Page) -> None:
    page.wait_for_load_state("load")
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def vote_through(page: Page, link: str, choices: list[str]) -> None:
    """Vote on every statement as it is shown, by camp (the statement decides the choice)."""
    page.goto(link)
    for _statement in SEEDS:
        card = page.locator("#aussage")
        text = card.locator("legend").inner_text().strip()
        choice = choices[SEEDS.index(text)]
        card.get_by_role("button", name=de(choice), exact=True).click()
        expect(page.get_by_role("heading", name=de("Your votes"))).to_be_visible()
    expect(page.locator("#aussage")).to_contain_text(
        de(
            "You have voted on every statement – thank you. New statements may be added; come back later."
        )
    )


def test_a_dialogue_from_opening_to_the_map(
    page: Page, new_page: Callable[..., Page], kokoma_server: support.LiveServer
) -> None:
    page.set_viewport_size(DESKTOP)
    login(page, "extern", shot="dialogue-facilitator")
    page.goto("/kommunen/12052000/dialoge/")
    check(page, "dialogue-list-desktop")
    page.get_by_role("link", name=de("New public dialogue")).click()
    page.get_by_label(label(de("question").capitalize())).fill(QUESTION)
    page.get_by_label(label(de("Seed statements"))).fill("\n".join(SEEDS))
    check(page, "dialogue-open-desktop")
    page.get_by_role("main").get_by_role("button", name=de("Save")).click()
    expect(messages(page)).to_contain_text(de("The dialogue was opened."))
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    link = page.get_by_label(de("Participation link")).input_value()
    check(page, "dialogue-manage-desktop")

    residents = []
    for n, camp in enumerate([CAMP_ONE, CAMP_TWO, CAMP_ONE, CAMP_TWO]):
        resident = new_page(viewport=PHONE if n == 0 else DESKTOP)
        vote_through(resident, link, camp)
        residents.append(resident)
    phone = residents[0]
    check(phone, "dialogue-take-part-phone")
    fits(phone)
    # a resident changes a vote and submits a statement of her own
    mine = phone.locator(".my-votes li").filter(has_text=SEEDS[0])
    mine.get_by_role(
        "button", name=de("change to “%(choice)s”", choice=de("pass / unsure"))
    ).click()
    expect(phone.locator(".my-votes li").filter(has_text=SEEDS[0])).to_contain_text(
        de("pass / unsure")
    )
    phone.get_by_label(label(de("Your statement"))).fill(
        "Im Bahnhof soll ein Café für alle entstehen."
    )
    phone.get_by_role("button", name=de("Send statement")).click()
    expect(messages(phone)).to_contain_text(
        de("Thank you. Your statement will be shown to others once it is moderated.")
    )

    # the facilitator accepts it from the queue
    page.reload()
    queue = page.locator("#queue-heading + ul li").filter(has_text="Café für alle")
    queue.get_by_role("button", name=de("Accept")).click()
    expect(messages(page)).to_contain_text(de("The moderation decision was saved."))

    # the worker computes the map a few seconds after the last votes
    page.wait_for_timeout(3500)
    kokoma_server.manage("db_worker", "--batch", "--no-startup-delay", "-v0")

    phone.get_by_role("link", name=de("See the opinion map")).first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(de("Opinion map"))
    expect(phone.get_by_role("main")).to_contain_text(de("Group %(label)s", label="A"))
    expect(phone.get_by_role("main")).to_contain_text(de("Group %(label)s", label="B"))
    expect(phone.get_by_role("status")).to_contain_text(de("Group %(label)s", label=""))
    expect(phone.get_by_role("img", name=de("Opinion map: %(question)s", question=QUESTION)))
    bridging = phone.locator("#bridging-heading + p + ol")
    expect(bridging).to_contain_text(SEEDS[7])
    check(phone, "dialogue-map-phone")
    fits(phone)

    page.get_by_role("link", name=de("open the map")).click()
    expect(page.get_by_role("table")).to_contain_text(de("Group %(label)s", label="A"))
    check(page, "dialogue-map-desktop")
    # the public page of the municipality lists the dialogue for residents
    phone.goto("/mitmachen/12052000/")
    expect(phone.get_by_role("link", name=QUESTION)).to_be_visible()
    check(phone, "dialogue-public-page-phone")
