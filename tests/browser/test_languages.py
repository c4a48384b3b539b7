"""A briefing in Persian, read in a real browser: right to left, in Persian, in both palettes,
on a phone and a desktop, with no serious accessibility violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .test_accessibility import audit

pytestmark = pytest.mark.slow

PERSIAN = "briefings/sample-briefing-fa/"


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_no_serious_violation_on_a_persian_page(
    request: pytest.FixtureRequest, persian_site: str, palette: str
) -> None:
    assert audit(request, persian_site + PERSIAN, "persian-briefing", palette) == []


def test_a_persian_page_reads_right_to_left_on_a_phone(phone: Page, persian_site: str) -> None:
    phone.goto(persian_site + PERSIAN)
    banner = phone.locator(".briefing-verdict .admonition-title")
    box = banner.bounding_box()
    words = phone.locator(".briefing-verdict__facts").inner_text()

    assert phone.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert box is not None
    # The banner's title ("Key claim: Verified") stands against the right-hand edge.
    text = banner.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
    )
    assert box["x"] + box["width"] - text[1] < text[0] - box["x"]
    assert "ارزیابی در ۱۲ سپتامبر ۲۰۲۴" in words
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_english_page_beside_it_reads_left_to_right(page: Page, persian_site: str) -> None:
    page.goto(persian_site + "briefings/sample-briefing/")

    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert page.evaluate("document.documentElement.lang") == "en"
