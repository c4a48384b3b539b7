"""What a reader sees and does in the browser: search, navigation, banner, phone and dark mode."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.slow


def _search(page: Page, query: str) -> list[str]:
    """Open the header search as a reader would, type the query and read the result titles."""
    button = page.locator('label.md-header__button[for="__search"]')
    box = page.locator(".briefing-search input")
    if button.is_visible():  # phones: a button opens the search
        button.click()
    else:  # wide screens: the box is in the header
        box.click()
    box.fill(query)
    # The list is read once it shows this query's results, not an earlier query's.
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_attribute("data-query", query, timeout=15_000)
    return page.locator(".md-search-result__item h1").all_text_contents()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("pipeline", "Synthetic briefing 23: reported damage to the water pipeline"),
        ("Примеров", "Petr Primerov"),  # a Cyrillic alias
        ("Примерова", "Petr Primerov"),  # the same name, inflected
        ("داریوش", "Daryush Nemouneh"),  # a Persian alias
        ("retracted", "Synthetic briefing 23: reported damage to the water pipeline"),
    ],
)
def test_search_finds_briefings_and_actors_in_every_script(
    page: Page, fixture_site: str, query: str, expected: str
) -> None:
    page.goto(fixture_site)

    titles = _search(page, query)

    assert expected in titles


def test_a_search_result_opens_the_briefing(page: Page, fixture_site: str) -> None:
    page.goto(fixture_site + "timeline/")
    _search(page, "vaccine shipment")

    first = page.locator(".md-search-result__item a").first
    title = first.locator("h1").text_content()
    first.click()

    expect(page.locator("h1").first).to_contain_text(title or "")
    assert "/briefing-site/briefings/synthetic-briefing-" in page.url


def test_an_unknown_word_says_nothing_matches(page: Page, fixture_site: str) -> None:
    page.goto(fixture_site)

    assert _search(page, "zzyzxqq") == []
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching briefings")


def test_the_seed_briefing_is_found_by_person_topic_and_cyrillic_name(
    page: Page, seed_site: str
) -> None:
    title = (
        "U.S. warns of a firm response to a reported Iranian ballistic-missile transfer to Russia"
    )
    page.goto(seed_site)

    for query in ("Peskov", "ballistic", "Песков", "Пескова", "unverified"):
        assert title in _search(page, query), query
        page.keyboard.press("Escape")


def test_home_to_state_to_briefing_to_actor_to_another_briefing(
    page: Page, fixture_site: str
) -> None:
    page.goto(fixture_site)

    page.get_by_role("link", name=re.compile(r"Disputed: \d+ briefings")).click()
    expect(page.locator("h1").first).to_have_text(re.compile(r"^Disputed"))
    page.locator(".briefing-item__title").first.click()
    first = page.locator("h1").first.text_content()
    expect(page.locator(".briefing-answer__verdict")).to_have_text(re.compile(r"Disputed"))
    folded = page.locator(".briefing-facts details > summary")
    if folded.count():  # many actors are listed on demand
        folded.click()
    page.locator(".briefing-facts a.briefing-actor-name").first.click()
    expect(page.locator("h2#statements")).to_be_visible()
    others = page.locator(".briefing-item__title").filter(has_not_text=first or "")
    others.first.click()

    assert page.locator("h1").first.text_content() != first
    expect(page.locator(".briefing-answer")).to_be_visible()


def test_a_reader_pages_through_a_long_list_and_back(page: Page, paged_site: str) -> None:
    page.goto(paged_site + "briefings/")
    first = page.locator(".briefing-item__title").all_text_contents()

    page.get_by_role("link", name="Next", exact=True).click()

    expect(page).to_have_url(paged_site + "briefings/page/2/")
    expect(page.locator(".briefing-pager")).to_contain_text("Page 2 of 8")
    second = page.locator(".briefing-item__title").all_text_contents()
    assert len(second) == 4
    assert not set(first) & set(second)
    page.get_by_role("link", name="Last", exact=True).click()
    expect(page.locator(".briefing-pager")).to_contain_text("Page 8 of 8")
    page.get_by_role("link", name="First", exact=True).click()
    expect(page).to_have_url(paged_site + "briefings/")
    # The address changes before the list is drawn; the assertion waits for the titles.
    expect(page.locator(".briefing-item__title")).to_have_text(first)


def test_the_banner_tells_the_state_in_words_not_only_colour(page: Page, seed_site: str) -> None:
    page.goto(seed_site + "briefings/iran-russia-ballistic-missile-transfer/")

    answer = page.locator(".briefing-answer")

    expect(answer.locator(".briefing-answer__verdict")).to_have_text("? Unverified")
    expect(answer).to_contain_text("Reported by Bloomberg")
    expect(answer).to_contain_text("Iran has transferred ballistic missiles to Russia.")
    expect(answer).to_contain_text("Assessed 25 November 2026")


def test_a_phone_shows_the_briefing_without_sideways_scrolling(
    phone: Page, fixture_site: str
) -> None:
    phone.goto(fixture_site + "briefings/synthetic-briefing-05/")

    width = phone.evaluate("document.scrollingElement.scrollWidth")

    assert width <= 375
    expect(phone.locator(".briefing-answer")).to_be_visible()


def test_the_dark_palette_follows_the_readers_preference(
    dark_page: Page, fixture_site: str
) -> None:
    dark_page.goto(fixture_site + "briefings/synthetic-briefing-05/")

    scheme = dark_page.evaluate("document.body.getAttribute('data-md-color-scheme')")

    assert scheme == "slate"


def test_search_results_show_data_as_text_never_as_markup(page: Page, fixture_site: str) -> None:
    page.goto(fixture_site)

    _search(page, "damaged")

    # Pagefind's excerpts are rebuilt from text: only <mark> elements survive.
    tags = page.evaluate(
        "[...document.querySelectorAll('.md-search-result__article p *')].map(e => e.tagName)"
    )
    assert set(tags) <= {"MARK"}


def test_a_reader_finds_the_feed_and_the_data_from_any_page(page: Page, fixture_site: str) -> None:
    page.goto(fixture_site + "actors/petr-primerov/")
    feed_url = page.evaluate("document.querySelector('link[rel=alternate]').href")

    feed = page.request.get(feed_url)

    assert feed_url == fixture_site + "feed.xml"
    assert feed.ok
    assert '<feed xmlns="http://www.w3.org/2005/Atom"' in feed.text()
    page.goto(fixture_site + "api/")
    page.get_by_role("link", name="api/briefings.json").click()
    assert '"briefings": [' in page.locator("body").inner_text()


def test_a_missing_address_offers_search_and_the_main_pages_on_a_phone(
    phone: Page, pages_site: str
) -> None:
    response = phone.goto(pages_site + "briefings/sample-briefng/")
    box = phone.locator(".briefing-not-found__search input")

    assert response is not None
    assert response.status == 404
    expect(phone.locator("h1")).to_have_text("Page not found")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    box.fill("bridge")
    box.press("Enter")
    results = phone.locator(".md-search-result__item h1")
    expect(results.first).to_contain_text("Sample agency says the river bridge closed")
    results.first.click()
    expect(phone).to_have_url(re.compile(r"/briefing-site/briefings/sample-briefing/$"))
    phone.go_back()
    phone.get_by_role("link", name="By verification state").click()
    expect(phone).to_have_url(re.compile(r"/briefing-site/verification/$"))


def test_a_reader_who_opens_the_feed_sees_what_it_is_and_its_entries(
    phone: Page, fixture_site: str
) -> None:
    refused: list[str] = []
    phone.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    phone.goto(fixture_site + "feed.xml")
    entries = phone.locator(".briefing-feed__entry")

    expect(phone.locator("h1")).to_have_text("Feed")
    expect(phone.locator("body")).to_contain_text("copy this page's address into your feed reader")
    assert entries.count() == phone.request.get(fixture_site + "feed.xml").text().count("<entry>")
    link = entries.first.locator("h3 a")
    assert (link.get_attribute("href") or "").startswith("https://briefings.example.org/briefings/")
    # Styled by the site's own stylesheet, under the pages' policy, and readable on a phone.
    assert (
        phone.evaluate(
            "getComputedStyle(document.querySelector('.briefing-feed__site')).backgroundColor"
        )
        == "rgb(84, 110, 122)"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    # Chromium, which is phasing XSLT out, may put a warning of its own into the page, with
    # inline styles the policy refuses; the page's own markup never needs any.
    if phone.locator("xslt-warning-banner").count():
        styled = "[...document.querySelectorAll('body [style]')].map(e => e.localName)"
        assert phone.evaluate(styled) == ["xslt-warning-banner"]
    else:
        assert refused == []


def test_a_correction_is_announced_before_the_summary(page: Page, fixture_site: str) -> None:
    page.goto(fixture_site + "briefings/synthetic-briefing-04/")

    note = page.locator(".briefing-correction")

    expect(note).to_contain_text("Corrected 11 January 2026")
    expect(note).to_contain_text("Corrected the kind of damage to the ballot printer.")
    note.get_by_role("link", name="All updates and corrections").click()
    expect(page.get_by_role("heading", name="Updates and corrections")).to_be_in_viewport()


def test_search_shows_ten_results_and_more_on_request(page: Page, fixture_site: str) -> None:
    page.goto(fixture_site)

    first = _search(page, "synthetic")
    more = page.get_by_role("button", name=re.compile(r"^Show \d+ more$"))
    expect(more).to_be_visible()
    total = int((page.locator(".md-search-result__meta").text_content() or "").split()[0])
    more.click()

    assert len(first) == 10
    assert total > 10
    expect(page.locator(".md-search-result__item h1")).to_have_count(min(total, 20))
    shown = page.locator(".md-search-result__item h1").all_text_contents()
    assert shown[:10] == first
    assert len(set(shown)) == len(shown)
