"""The desk's internal site in a real browser: a TLP:AMBER briefing shows its label as FIRST's
TLP 2.0 prescribes (label text and colours, in the banner, in the title, on paper), lists mark
it, and every page says the site is internal."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ..conftest import FIXTURES
from .test_accessibility import _serious, _violations

REAL = FIXTURES / "real"

pytestmark = pytest.mark.slow

AMBER = "briefings/al-ahli-hospital-explosion/"
AMBER_RGB = "rgb(255, 192, 0)"  # FIRST's TLP:AMBER, on black
BLACK = "rgb(0, 0, 0)"


def test_an_amber_briefing_is_labelled_in_its_title_banner_and_header(
    page: Page, internal_site: str
) -> None:
    page.goto(internal_site + AMBER)
    banner = page.get_by_role("note", name="Traffic Light Protocol")
    label = banner.locator(".briefing-tlp")

    assert page.title().startswith("TLP:AMBER Explosion at al-Ahli Arab Hospital")
    assert banner.is_visible()
    assert label.inner_text() == "TLP:AMBER"
    assert label.evaluate("e => getComputedStyle(e).color") == AMBER_RGB
    assert label.evaluate("e => getComputedStyle(e).backgroundColor") == BLACK
    assert "need-to-know basis within their organization and its clients" in banner.inner_text()
    # Above the title and the verdict: the first thing read on the page.
    assert banner.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]  # type: ignore[index]
    assert page.locator(".md-header .briefing-internal-mark").text_content() == "Internal"
    assert _serious(_violations(page)) == []


def test_a_printed_amber_briefing_carries_its_label_at_the_top_and_foot_of_each_page(
    page: Page, internal_site: str
) -> None:
    page.goto(internal_site + AMBER)
    printed = page.locator(".briefing-tlp-print")

    assert [p.is_visible() for p in printed.all()] == [False, False]  # on screen, the banner
    page.emulate_media(media="print")
    assert [p.is_visible() for p in printed.all()] == [True, True]
    assert [p.evaluate("e => getComputedStyle(e).position") for p in printed.all()] == [
        "fixed", "fixed"
    ]  # fmt: skip
    assert (
        printed.first.locator(".briefing-tlp").evaluate("e => getComputedStyle(e).color")
        == AMBER_RGB
    )
    assert page.get_by_role("note", name="Traffic Light Protocol").is_visible()
    page.pdf(path="/dev/null")  # the print layout lays out without error


def test_lists_mark_the_restricted_briefing_and_count_it(page: Page, internal_site: str) -> None:
    page.goto(internal_site + "briefings/")
    items = page.locator(".briefing-item")
    labels = {
        item.locator(".briefing-item__title").inner_text(): item.locator(".briefing-tlp").all()
        for item in items.all()
    }

    assert len(labels) == len(list(REAL.glob("*.yaml")))
    [amber] = [title for title, found in labels.items() if found]
    assert amber.startswith("Explosion at al-Ahli Arab Hospital")
    assert labels[amber][0].inner_text() == "TLP:AMBER"
    page.goto(internal_site + "verification/")
    assert "(1 restricted)" in page.locator("article").inner_text()


def test_the_public_pages_of_the_internal_site_say_it_is_internal(
    page: Page, internal_site: str
) -> None:
    for path in ["", "about/", "api/", "briefings/tianjin-video-shared-as-mossad-explosion/"]:
        page.goto(internal_site + path)
        assert page.locator(".md-header .briefing-internal-mark").is_visible(), path
        robots = page.locator('meta[name="robots"]').get_attribute("content")
        assert robots == "noindex, nofollow", path
        assert page.locator('link[type="application/atom+xml"]').count() == 0, path
        assert page.locator(".briefing-tlp-banner").count() == 0, path
