"""A reader on the pages of the briefings written from real reporting: who stands where on
each claim, side by side; the figures given; a quote in its own language and the desk's
translation; the evidence examined. axe-core checks each page in both palettes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_accessibility import audit

pytestmark = pytest.mark.slow

HOSPITAL = "briefings/al-ahli-hospital-explosion/"
BOLSONARO = "briefings/bolsonaro-ambassadors-voting-machines/"
TIANJIN = "briefings/tianjin-video-shared-as-mossad-explosion/"


def test_the_two_sides_of_a_claim_stand_side_by_side(page: Page, real_site: str) -> None:
    page.goto(real_site + HOSPITAL)
    claim = page.locator("#claim-israeli-air-strike-caused-explosion + .briefing-claim")
    claim.get_by_text("Who says what").click()
    supports = claim.locator(".briefing-stance--supports")
    contradicts = claim.locator(".briefing-stance--contradicts")

    expect(supports.get_by_role("link", name="Ministry of Health in Gaza").first).to_be_visible()
    expect(contradicts.get_by_role("link", name="Human Rights Watch")).to_be_visible()
    expect(supports.get_by_role("link", name="Human Rights Watch")).to_have_count(0)
    left, right = supports.bounding_box(), contradicts.bounding_box()
    assert left is not None
    assert right is not None
    assert left["y"] == right["y"]
    assert left["x"] < right["x"]


def test_a_name_in_a_column_leads_to_what_was_said(page: Page, real_site: str) -> None:
    page.goto(real_site + HOSPITAL)
    claim = page.locator("#claim-misfired-palestinian-rocket-caused-explosion + .briefing-claim")
    claim.get_by_text("Who says what").click()

    claim.locator(".briefing-stance--contradicts").get_by_role("link").first.click()

    said = page.locator("#statement-pij-denial")
    expect(said).to_be_in_viewport()
    expect(said.locator(".briefing-position--contradicts")).to_contain_text("Contradicts claim 2")
    expect(said.locator(".briefing-position--supports")).to_contain_text("Supports claim 1")


def test_the_death_tolls_are_read_together_in_one_table(page: Page, real_site: str) -> None:
    page.goto(real_site + HOSPITAL)
    claim = page.locator("#claim-death-toll-471 + .briefing-claim")
    claim.locator("details.briefing-claim__figures > summary").click()
    table = claim.locator("table.briefing-figures").first

    expect(table.locator("caption")).to_have_text("Figures given for “killed”")
    expect(table.get_by_role("row", name="Ashraf al-Qidra at least 500")).to_be_visible()
    estimate = table.get_by_role("row", name="U.S. intelligence community 100\N{EN DASH}300")
    expect(estimate).to_be_visible()


def test_a_portuguese_quote_and_the_desks_translation(page: Page, real_site: str) -> None:
    page.goto(real_site + BOLSONARO)
    said = page.locator("#statement-bolsonaro-eight-months")

    expect(said.locator("blockquote[lang='pt-BR']")).to_contain_text("oito meses")
    expect(said.locator(".briefing-translation")).to_contain_text(
        "Translation by the desk, from Portuguese (Brazil): According to the TSE"
    )


def test_the_recycled_video_says_when_it_was_first_seen(page: Page, real_site: str) -> None:
    page.goto(real_site + TIANJIN)
    page.locator(".briefing-claim__evidence a").first.click()

    item = page.locator("#evidence-tianjin-explosion-clip")
    expect(item).to_be_in_viewport()
    expect(item).to_contain_text("Miscaptioned")
    expect(item).to_contain_text("first seen 14 August 2015")


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("path", [HOSPITAL, BOLSONARO, TIANJIN])
def test_no_serious_violation_on_a_real_story(
    request: pytest.FixtureRequest, real_site: str, path: str, palette: str
) -> None:
    assert audit(request, real_site + path, path.split("/")[1], palette) == []
