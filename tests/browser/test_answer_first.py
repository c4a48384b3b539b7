"""A briefing page answers first, on a phone: its first screen shows the key claim, who made
it and the verdict; the page is a few screens long, with the details a tap away; and nothing
the desk recorded is lost on the way (every statement and source is still in the page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from generator.locale import locale_for
from generator.model import VerificationState
from generator.vocabulary import state_words

from ..conftest import FIXTURES
from .conftest import PHONE
from .test_reader import _search

pytestmark = pytest.mark.slow

SCREENS_AT_MOST = 12
CLAIM_SHOWN_AT_MOST = 3

PAGES = [
    ("real_site", path)
    for path in sorted((FIXTURES / "real").glob("*.yaml"))
    if path.name != "actors.yaml"
] + [
    ("multilingual_site", path)
    for path in sorted((FIXTURES / "multilingual").glob("*.yaml"))
    if path.name != "actors.yaml"
]


def _open(page: Page, request: pytest.FixtureRequest, site: str, path: Path) -> dict[str, object]:
    page.set_viewport_size(PHONE)
    page.goto(request.getfixturevalue(site) + f"briefings/{path.stem}/")
    data: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _on_first_screen(page: Page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize(("site", "path"), PAGES, ids=[path.stem for _, path in PAGES])
def test_the_first_screen_shows_the_claim_who_made_it_and_the_verdict(
    page: Page, request: pytest.FixtureRequest, site: str, path: Path
) -> None:
    data = _open(page, request, site, path)
    key = data["claims"][0]  # type: ignore[index]
    state = VerificationState(str(key["verification"]["state"]).lower())
    words = state_words(state, locale_for(str(data.get("lang", "en"))))

    assert page.locator(".briefing-answer__claim").inner_text() == key["text"]
    assert _on_first_screen(page, ".briefing-answer__claim")
    assert words.label in page.locator(".briefing-answer__verdict").inner_text()
    assert _on_first_screen(page, ".briefing-answer__verdict")
    assert _on_first_screen(page, ".briefing-answer__who a")


@pytest.mark.parametrize(("site", "path"), PAGES, ids=[path.stem for _, path in PAGES])
def test_the_page_is_a_few_screens_and_says_each_claim_at_most_three_times(
    page: Page, request: pytest.FixtureRequest, site: str, path: Path
) -> None:
    data = _open(page, request, site, path)
    height = page.evaluate("document.documentElement.scrollHeight")
    shown = page.evaluate("document.body.innerText")

    assert height <= SCREENS_AT_MOST * PHONE["height"], f"{height / PHONE['height']:.1f} screens"
    for claim in data["claims"]:  # type: ignore[attr-defined]
        assert shown.count(claim["text"]) <= CLAIM_SHOWN_AT_MOST, claim["text"]


@pytest.mark.parametrize(("site", "path"), PAGES, ids=[path.stem for _, path in PAGES])
def test_every_statement_and_source_is_still_in_the_page(
    page: Page, request: pytest.FixtureRequest, site: str, path: Path
) -> None:
    data = _open(page, request, site, path)
    # What a reader reaches by opening the details, or by find-in-page, which opens them.
    text = " ".join(page.locator("article").text_content().split())

    for statement in data["statements"]:  # type: ignore[attr-defined]
        assert " ".join(statement["text"].split()) in text
        if "translation" in statement:
            assert " ".join(statement["translation"].split()) in text
    for source in data["sources"]:  # type: ignore[attr-defined]
        assert " ".join(source["outlet"].split()) in text
        if "title" in source:
            assert " ".join(source["title"].split()) in text


def test_a_link_into_closed_details_opens_them(page: Page, real_site: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(real_site + "briefings/al-ahli-hospital-explosion/")
    claim = page.locator("#claim-israeli-air-strike-caused-explosion + .briefing-claim")

    claim.locator("details.briefing-claim__who > summary").click()
    claim.locator(".briefing-stance--contradicts a").first.click()

    target = page.locator(".briefing-statement:target")
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < PHONE["height"]


def test_printing_shows_every_detail(page: Page, real_site: str) -> None:
    page.goto(real_site + "briefings/al-ahli-hospital-explosion/")
    page.emulate_media(media="print")

    page.evaluate("dispatchEvent(new Event('beforeprint'))")

    assert page.locator("details:not([open])").count() == 0
    assert page.locator(".briefing-sources li").first.is_visible()


def test_a_search_result_says_the_verdict_of_the_briefing_it_finds(
    page: Page, real_site: str
) -> None:
    page.goto(real_site)
    _search(page, "Tianjin")

    result = page.locator(".md-search-result__item").filter(
        has_text="2015 Tianjin explosion video falsely shared"
    )

    expect(result.locator(".briefing-search__verdict")).to_have_text("✗ False")
    expect(result.locator(".briefing-search__verdict")).to_have_class(
        re.compile(r"\bbriefing-state--false\b")
    )


def test_a_list_names_the_claim_its_verdict_rates(page: Page, real_site: str) -> None:
    page.goto(real_site + "briefings/")

    item = page.locator(".briefing-item").filter(has_text="air strike or misfired rocket?")

    expect(item.locator(".briefing-item__meta")).to_contain_text(
        "∅ Unfounded An Israeli air strike caused the explosion"
    )


def test_the_stance_map_heads_each_claim_with_its_words_and_verdict(
    page: Page, real_site: str
) -> None:
    page.set_viewport_size(PHONE)
    page.goto(real_site + "briefings/al-ahli-hospital-explosion/")
    page.get_by_text("Who stands where on each claim").first.click()

    table = page.get_by_role("table", name="Who stands where on each claim")
    header = table.get_by_role("columnheader").filter(has_text="3. The explosion killed 471 people")

    expect(header).to_contain_text("Disputed")
    scroller = page.locator(".briefing-stance-map")
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")  # it scrolls, and shows it:
    assert "radial-gradient" in scroller.evaluate("e => getComputedStyle(e).backgroundImage")
