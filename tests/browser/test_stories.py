"""The story page in a browser (SPEC §5b): a reader sees each state a claim went through, in
order, in words as well as colours, and gets there from the earlier briefing's page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .test_accessibility import audit

pytestmark = pytest.mark.slow


def test_the_story_shows_the_three_states_in_order(page: Page, story_site: str) -> None:
    page.goto(story_site + "stories/bridge-closure/")

    steps = page.locator("ol.story-strip > li")
    expect(steps).to_have_count(3)
    words = [" ".join(text.split()) for text in steps.all_inner_texts()]
    assert [w.split(" as of ")[0] for w in words] == ["? Unverified", "⇄ Disputed", "✓ Verified"]
    assert "as of 10 September 2024" in words[0]
    assert "as of 1 October 2024" in words[2]
    # A strip, left to right, oldest first: each step starts right of the one before.
    boxes = [steps.nth(n).bounding_box() for n in range(3)]
    assert all(box is not None for box in boxes)
    lefts = [box["x"] for box in boxes if box is not None]
    assert lefts == sorted(lefts)
    assert len(set(lefts)) == 3
    # Each step is in its state's colour, and the newest is marked as where the claim stands.
    colours = steps.evaluate_all("steps => steps.map(s => getComputedStyle(s).borderTopColor)")
    assert len(set(colours)) == 3
    expect(steps.nth(2)).to_have_attribute("aria-current", "step")


def test_a_reader_of_the_first_briefing_is_led_to_the_story(page: Page, story_site: str) -> None:
    page.goto(story_site + "briefings/bridge-closure/")

    since = page.locator(".briefing-since--key")
    expect(since).to_contain_text("Since then: ✓ Verified on 1 October 2024")
    since.get_by_role("link", name="How the story developed").click()

    expect(page).to_have_url(story_site + "stories/bridge-closure/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Story: Closure of the sample river bridge")
    )


PAGES = {"stories": "stories/", "story": "stories/bridge-closure/"}


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violation_on_the_story_pages(
    request: pytest.FixtureRequest, story_site: str, name: str, palette: str
) -> None:
    assert audit(request, story_site + PAGES[name], name, palette) == []
