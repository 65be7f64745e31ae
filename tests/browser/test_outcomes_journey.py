"""What worked elsewhere in the browser (issue 13, items 4 and 5).

On a phone, the Bautzen companion opens a closed case of her own about a wind farm, finds the
shared cases of other municipalities most like it – each with the reasons it was chosen – and
reads one. She then shares her case with the network: the anonymised draft is made on request,
and sharing puts it into the pool. On the desktop, the network's evidence page shows outcomes per
procedure with small cells suppressed. Every page is checked with axe-core.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from .support import check, de, login, messages

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 768}


def h1(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def fits(page: Page) -> None:
    page.wait_for_load_state("load")
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_similar_cases_from_a_case_page_and_the_evidence(page: Page) -> None:
    page.set_viewport_size(PHONE)
    login(page, "lokal.bautzen", shot="outcomes-companion")
    page.goto("/faelle/?q=Windpark&status=closed")
    page.get_by_role("row").filter(has_text="Windpark").first.get_by_role("link").first.click()
    page.get_by_role("main").get_by_role("link", name=de("What worked elsewhere")).click()
    expect(h1(page)).to_have_text(de("What worked elsewhere"))
    results = page.locator(".similar-list > li")
    expect(results.first).to_contain_text(de("Chosen because:"))
    expect(results.nth(2)).to_be_visible()  # several, at most ten
    assert results.count() <= 10
    check(page, "outcomes-similar-phone")
    fits(page)
    results.first.get_by_role("link").first.click()
    expect(page.get_by_role("main")).to_contain_text(de("Lessons learned"))
    check(page, "outcomes-shared-phone")
    fits(page)

    page.go_back()
    page.go_back()
    page.get_by_role("main").get_by_role("link", name=de("Share with the network")).click()
    expect(h1(page)).to_have_text(de("Share with the network"))
    draft = page.get_by_role("button", name=de("Draft the anonymised summary"))
    if draft.count():
        draft.click()
        expect(messages(page)).to_contain_text(de("The anonymised draft is ready for your review."))
    share = page.get_by_role("main").get_by_role("button", name=de("Share with the network"))
    if share.count():
        check(page, "outcomes-share-phone")
        share.click()
        expect(messages(page)).to_contain_text(
            de("The summary is shared: other municipalities find it under “What worked elsewhere”.")
        )
    expect(page.get_by_role("button", name=de("Withdraw from the network"))).to_be_visible()
    check(page, "outcomes-shared-own-phone")

    page.set_viewport_size(DESKTOP)
    page.goto("/netzwerk/wirkung/")
    expect(h1(page)).to_have_text(de("What worked elsewhere: evidence per procedure"))
    table = page.get_by_role("table")
    expect(table).to_contain_text("Mediation")
    expect(table).to_contain_text("< 5")
    check(page, "outcomes-evidence-desktop")
