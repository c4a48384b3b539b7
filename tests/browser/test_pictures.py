"""The pictures as a reader sees them: a claim's history and the stance map on a phone, the
charts over time in both palettes. axe-core's checks of these pages are in
test_real_stories.py and test_accessibility.py."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from ..building import built_site
from ..conftest import FIXTURES
from .conftest import _serve

pytestmark = pytest.mark.slow

HOSPITAL = "briefings/al-ahli-hospital-explosion/"


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # type: ignore[index]


def test_a_claims_history_reads_as_its_states_on_a_phone(phone: Page, real_site: str) -> None:
    phone.goto(real_site + HOSPITAL)
    history = phone.get_by_role("img", name=re.compile(r"^States of claim 1: "))

    # As the briefing's file has it: unverified, disputed, then unfounded since 27 November.
    expect(history).to_have_accessible_name(
        "States of claim 1: Unverified from 18 October 2023, Disputed from 20 October 2023, "
        "Unfounded since 27 November 2023 (current)."
    )
    history.scroll_into_view_if_needed()
    expect(history).to_be_visible()
    _no_sideways_scroll(phone)
    # Its words are drawn at a size a phone's reader can read.
    label = history.locator("text").first
    box = label.bounding_box()
    assert box is not None
    assert box["height"] >= 10
    expect(label).to_have_text("? Unverified from 18 October 2023")
    # A row each: the words of one state never run into another's.
    rows = [text.bounding_box() for text in history.locator("text").all()]
    for above, below in itertools.pairwise(rows):
        assert above is not None
        assert below is not None
        assert above["y"] + above["height"] <= below["y"]


def test_the_stance_map_says_each_stance_and_scrolls_within_a_phone(
    phone: Page, real_site: str
) -> None:
    phone.goto(real_site + HOSPITAL)
    phone.get_by_text("Who stands where on each claim").first.click()
    table = phone.get_by_role("table", name="Who stands where on each claim")
    row = table.get_by_role("row", name=re.compile(r"^Human Rights Watch"))

    expect(row).to_have_accessible_name(re.compile(r"Contradicts.*Supports.*Questions"))
    expect(table.get_by_role("columnheader", name=re.compile(r"^3\. The explosion"))).to_have_count(
        1
    )
    _no_sideways_scroll(phone)
    # A mark leads nowhere by itself, but the actor's name leads to what they said.
    row.get_by_role("link", name="Human Rights Watch").click()
    expect(phone.locator("#actor-human-rights-watch")).to_be_in_viewport()


def test_the_home_chart_follows_the_palette_and_says_its_numbers(
    page: Page, dark_page: Page, fixture_site: str
) -> None:
    fills = []
    for tab in (page, dark_page):
        tab.goto(fixture_site)
        chart = tab.get_by_role("img", name=re.compile(r"^Briefings per month, January 2025 "))
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        expect(chart.locator("g text").first).to_have_text(re.compile(r"^\S+ [A-Z][a-z]"))
        fills.append(chart.locator("rect").first.evaluate("bar => getComputedStyle(bar).fill"))

    light, dark = fills
    assert light != dark
    # The table under it gives the same numbers.
    page.get_by_text("The numbers").first.click()
    expect(page.locator(".briefing-chart__numbers table").first).to_be_visible()


# What a phone's reader sees of the figures: measured on the page as laid out, not read from it.
_BROKEN_WORDS = """table => {
    // Words of the table's cells that the layout cut across two lines; a line may end at a
    // word's hyphen or dash ("al-" / "Qidra", "200\u2013" / "300"), never inside a run of letters.
    const broken = [];
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/[^\\s\\-\u2010\u2013]+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""


TIANJIN = "briefings/tianjin-video-shared-as-mossad-explosion/"


@pytest.mark.parametrize("briefing", [HOSPITAL, TIANJIN])
def test_figures_are_read_against_one_axis_with_whole_words_on_a_phone(
    phone: Page, real_site: str, briefing: str
) -> None:
    phone.goto(real_site + briefing)
    tables = phone.locator("table.briefing-figures")

    assert tables.count() > 0
    drawn = 0
    for table in tables.all():
        table.scroll_into_view_if_needed()
        # A name wraps between its words ("The Guardian", never "The Guardia/n").
        assert table.evaluate(_BROKEN_WORDS) == []
        bars = table.locator(".briefing-figure-bar")
        if bars.count() == 0:
            continue
        drawn += 1
        boxes = [bar.bounding_box() for bar in bars.all()]
        axis = table.locator(".briefing-figures__axis > div").bounding_box()
        ends = [end.bounding_box() for end in table.locator(".briefing-figures__axis span").all()]
        assert axis is not None
        assert all(boxes)
        assert all(ends)
        # Every track starts and ends where the axis does, so that the marks line up.
        for box in boxes:
            assert box is not None
            assert box["x"] == pytest.approx(axis["x"], abs=0.5)
            assert box["width"] == pytest.approx(axis["width"], abs=0.5)
            assert box["width"] >= 40
        # 0 and the axis's end are written apart, each at its end.
        low, high = ends
        assert low is not None
        assert high is not None
        assert low["x"] + low["width"] < high["x"]
        assert low["x"] == pytest.approx(axis["x"], abs=0.5)
        assert high["x"] + high["width"] == pytest.approx(axis["x"] + axis["width"], abs=0.5)
    assert drawn > 0
    _no_sideways_scroll(phone)


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The multilingual fixtures with pages in Russian and Persian too, served."""
    root = tmp_path_factory.mktemp("languages")
    yield from _serve(built_site(root / "project", FIXTURES / "multilingual", languages="[ru, fa]"))


_TEXTS = """svg => [...svg.querySelectorAll('text')].map(text => {
    const box = text.getBoundingClientRect();
    return {text: text.textContent, left: box.left, right: box.right, top: box.top,
            bottom: box.bottom};
})"""


@pytest.mark.parametrize("home", ["", "ru/", "fa/"])
def test_no_words_of_a_chart_overlap_or_leave_it_on_a_phone(
    phone: Page, languages_site: str, home: str
) -> None:
    phone.goto(languages_site + home)
    charts = phone.locator("svg.briefing-picture--over-time")

    assert charts.count() == 2
    for chart in charts.all():
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box is not None
        texts = chart.evaluate(_TEXTS)
        # Each row's name, each month's or year's name and each count, inside the picture...
        for text in texts:
            assert box["x"] - 0.5 <= text["left"]
            assert text["right"] <= box["x"] + box["width"] + 0.5, text["text"]
        # ...and none over another: "Dec" and "2025" each on its own, never "2025" on "2026".
        for one, other in itertools.combinations(texts, 2):
            apart = (one["right"] <= other["left"] or other["right"] <= one["left"]
                     or one["bottom"] <= other["top"] or other["bottom"] <= one["top"])  # fmt: skip
            assert apart, (one["text"], other["text"])
    _no_sideways_scroll(phone)
