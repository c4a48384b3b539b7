"""The site Zensical builds from the rendered tree (README, "Build with another engine"), read
in a real browser: its search box opens, looks like a dialog and finds briefings with
Pagefind, under the page's Content-Security-Policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_security import _watch

pytestmark = pytest.mark.slow


def _search(page: Page, site: str, query: str) -> None:
    page.goto(site + "briefings/synthetic-briefing-00/")
    page.locator("label.md-header__button[for='__search']").click()
    page.keyboard.type(query)
    # Results are redrawn as each letter is typed: wait for those of the whole query.
    expect(page.locator(".md-search-result__meta")).to_have_attribute("data-query", query)
    page.locator(".md-search-result__item").first.wait_for()


def test_a_search_typed_into_the_zensical_site_finds_the_briefing(
    page: Page, zensical_site: str
) -> None:
    refused, elsewhere = _watch(page, zensical_site)

    _search(page, zensical_site, "pipeline")
    box = page.locator(".briefing-search .md-search__input").bounding_box()
    overlay = page.locator(".briefing-search .md-search__overlay").bounding_box()
    first = page.locator(".md-search-result__item").first
    title = first.locator("h1").inner_text()
    first.click()
    page.wait_for_url("**/briefings/synthetic-briefing-*/")

    assert "pipeline" in title
    assert box is not None
    assert box["width"] > 400
    assert overlay is not None
    assert overlay["height"] == page.viewport_size["height"]
    assert "pipeline" in page.locator("h1").first.inner_text()
    assert refused == []
    assert elsewhere == []


def test_the_zensical_search_dialog_fits_a_phone(phone: Page, zensical_site: str) -> None:
    _search(phone, zensical_site, "grain silo")
    dialog = phone.locator(".briefing-search .md-search__inner").bounding_box()
    result = phone.locator(".md-search-result__item").first.bounding_box()

    assert dialog is not None
    assert result is not None
    assert dialog["x"] >= 0
    assert dialog["x"] + dialog["width"] <= 375
    assert 0 < result["y"] < 740
    assert "grain silo" in phone.locator(".md-search-result__item h1").first.inner_text()
