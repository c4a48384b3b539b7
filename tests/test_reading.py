"""What a reader who knows the stories stumbled on, on the real and multilingual fixtures: who
is said to take no side, whose words are "reported", where a source is on the web, what a
country is called, where "How we checked" leads."""

from __future__ import annotations

import lxml.html
import pytest

from generator.archive import load_archive
from generator.site import render_site

from .conftest import FIXTURES, NOW, TEMPLATES


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The real and multilingual fixtures' pages, rendered once for the tests that read them."""
    found = {}
    for folder in ("real", "multilingual"):
        found |= render_site(load_archive(FIXTURES / folder, NOW), TEMPLATES)
    return found


def _page(pages: dict[str, str], briefing: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(pages[f"briefings/{briefing}.md"].split("\n---\n", 1)[1])


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def test_an_actor_on_a_side_of_a_claim_is_not_also_said_to_take_none(
    pages: dict[str, str],
) -> None:
    text = pages["briefings/al-ahli-hospital-explosion.md"]
    section = text[text.index("{ #claim-death-toll-471 }") :].split("\n### ", 1)[0]
    toll = lxml.html.fromstring(section.split("\n", 1)[1])

    supports = toll.xpath('.//section[contains(@class, "briefing-stance--supports")]')[0]
    assert "Ministry of Health in Gaza" in _text(supports)
    assert _text(toll.xpath('.//p[@class="briefing-mentions"]')[0]) == (
        "Mentioned without taking a side by Ashraf al-Qidra."
    )


def test_an_actor_who_takes_no_side_in_two_statements_is_named_once(
    pages: dict[str, str],
) -> None:
    page = _page(pages, "iran-russia-ballistic-missile-transfer")

    # Claim 1: two statements of Vedant Patel's and one of the State Department's.
    assert _text(page.xpath('//p[@class="briefing-mentions"]')[0]) == (
        "Mentioned without taking a side by Vedant Patel, U.S. Department of State."
    )


def test_a_claim_made_by_a_ministry_is_claimed_and_one_made_by_news_outlets_reported(
    pages: dict[str, str],
) -> None:
    def who(briefing: str) -> str:
        return _text(_page(pages, briefing).xpath('//p[@class="briefing-answer__who"]')[0])

    assert who("al-ahli-hospital-explosion") == (
        "Claimed by Ministry of Health in Gaza, Ashraf al-Qidra and 3 others"
    )
    assert who("iran-russia-ballistic-missile-transfer") == "Reported by Bloomberg"


def test_the_count_of_sources_at_the_top_says_it_counts_the_key_claims(
    pages: dict[str, str],
) -> None:
    facts = _page(pages, "al-ahli-hospital-explosion").xpath(
        '//p[@class="briefing-answer__facts"]'
    )[0]

    assert "6 independent of 7 sources on this claim" in _text(facts)


def test_how_we_checked_leads_to_the_methodology(pages: dict[str, str]) -> None:
    page = _page(pages, "al-ahli-hospital-explosion")
    link = page.xpath('//p[@class="briefing-answer__facts"]/a')[-1]

    assert (_text(link), link.get("href")) == ("How we checked", "#methodology")
    assert "{ #methodology }" in pages["briefings/al-ahli-hospital-explosion.md"]


def test_a_country_iso_names_inverted_is_named_as_people_say_it(pages: dict[str, str]) -> None:
    page = _page(pages, "al-ahli-hospital-explosion")

    countries = [_text(a) for a in page.xpath('//a[@class="briefing-country"]')]

    assert countries == ["Palestinian Territories", "Israel"]


def _untitled_sources(page: lxml.html.HtmlElement) -> list[str]:
    return [
        _text(item)
        for item in page.xpath('//li[starts-with(@id, "source-")]')
        if item.xpath('.//span[@class="briefing-source__site"]')
    ]


def test_an_untitled_source_is_named_by_its_outlet_and_site_and_told_apart_from_its_sibling(
    pages: dict[str, str],
) -> None:
    shown = _untitled_sources(_page(pages, "tianjin-video-shared-as-mossad-explosion"))

    # The address ends in a dot ("fullfact.org."): the site is named without it.
    assert any(line.startswith("Full Fact (fullfact.org)") for line in shown)
    # Two sources of one outlet on one site, neither with a title.
    assert any(line.startswith("Kashif (kashif.ps/6u6c)") for line in shown)
    assert any(line.startswith("Kashif (kashif.ps/tlc1)") for line in shown)


def test_an_outlet_that_names_its_site_is_not_followed_by_it_again(
    pages: dict[str, str],
) -> None:
    page = _page(pages, "kramatorsk-fake-bbc-video")
    sources = " ".join(_text(item) for item in page.xpath('//li[starts-with(@id, "source-")]'))

    assert "ФАКТЫ (fakty.com.ua)" in sources
    assert "(fakty.com.ua) (fakty.com.ua)" not in sources


def test_the_list_of_every_claims_verdict_has_a_title_of_its_own(pages: dict[str, str]) -> None:
    page = _page(pages, "bolsonaro-ambassadors-voting-machines")

    [title] = page.xpath('//p[@class="briefing-findings__title"]')
    [findings] = page.xpath('//ul[@class="briefing-findings"]')
    # Under the key claim's "Claimed by Jair Bolsonaro", the court's rulings are not his.
    assert _text(title) == "What we found on each claim"
    assert findings.get("aria-labelledby") == title.get("id")
