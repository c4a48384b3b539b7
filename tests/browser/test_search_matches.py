"""Every search result has a word of the query, marked in its excerpt: on the site read in
English, Russian and Persian, a name on no page finds nothing (Pagefind alone answers it with
the pages of a shorter word that the query begins with, such as its first letter), and a Russian
name in any case finds the pages that name it in another (generator/search.py)."""

from __future__ import annotations

import unicodedata

import pytest
import snowballstemmer
from playwright.sync_api import Page

from ..building import PageText
from .test_reader import _search

pytestmark = pytest.mark.slow

SEED = "briefings/iran-russia-ballistic-missile-transfer/"
KRAMATORSK = "briefings/kramatorsk-fake-bbc-video/"
KRAMATORSK_EN = "briefings/kramatorsk-fake-bbc-video-en/"
IRIB = "briefings/irib-strike-no-missile-claim/"
IRIB_EN = "briefings/irib-strike-no-missile-claim-en/"

QUERIES = [
    # Names on no page of the site: nothing, not the pages of the one-letter words they begin
    # with (two Russian prepositions and a Persian word).
    ("Сардаризаде", []),
    ("Клименко", []),
    ("سردارزاده", []),
    ("کلیمنکو", []),
    # Russian names in another case than the pages write them: "Пескову" and "Песковым"
    # find "Песков" and "Пескова"; "Кремлю", the actor whose alias is "Кремль".
    ("Пескову", ["actors/dmitry-peskov/", SEED, "about/", KRAMATORSK, KRAMATORSK_EN]),
    ("Песковым", ["actors/dmitry-peskov/", SEED, KRAMATORSK, KRAMATORSK_EN]),
    ("Дмитрия Пескова", ["actors/dmitry-peskov/", SEED, KRAMATORSK, KRAMATORSK_EN]),
    ("Кремлю", ["actors/kremlin/", SEED, KRAMATORSK]),
    # An alias in the genitive ("Министерство обороны России"), and one that does not decline.
    ("Министерства обороны", ["actors/russia-defence-ministry/", KRAMATORSK, KRAMATORSK_EN]),
    ("Кириленко", ["actors/pavlo-kyrylenko/", KRAMATORSK, KRAMATORSK_EN]),
    # Persian aliases: Israel Katz's surname, IRIB as one word.
    ("کاتس", ["actors/israel-katz/", IRIB, IRIB_EN]),
    ("صداوسیما", ["actors/irib/", "actors/irib-staff-witnesses/", IRIB, IRIB_EN]),
]

# The stemmer Pagefind stems a query with, by the script it is written in (Persian is searched
# both as written and through the Arabic bundle).
STEMMERS = {
    "CYRILLIC": snowballstemmer.stemmer("russian"),
    "ARABIC": snowballstemmer.stemmer("arabic"),
    "LATIN": snowballstemmer.stemmer("english"),
}


def _normalized(word: str) -> str:
    """As Pagefind indexes a word: lower case, without diacritics or anything not a letter or
    digit (a Persian word loses its zero-width non-joiner)."""
    bare = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in bare if c.isalnum() and not unicodedata.combining(c))


def _matches(word: str, query: str) -> bool:
    """Whether a word of a page is one a query's word finds: one that begins with the query's
    word or its stem, or whose stem does (another case of the same name)."""
    written, asked = _normalized(word), _normalized(query)
    if not written or not asked:
        return False
    stemmer = STEMMERS.get(unicodedata.name(asked[0]).split()[0])
    stems = {asked, stemmer.stemWord(asked)} if stemmer else {asked}
    found = {written, stemmer.stemWord(written)} if stemmer else {written}
    return any(each.startswith(stem) for each in found for stem in stems)


def _results(page: Page, query: str) -> list[tuple[str, list[str]]]:
    """The address (relative to the site) and the marked words of the excerpt of each result."""
    _search(page, query)
    base = page.evaluate("new URL('.', document.baseURI).pathname")
    shown = []
    for item in page.locator(".md-search-result__item:has(a)").all():
        href = str(item.locator("a").get_attribute("href"))
        marks = item.locator("article > p:not(.briefing-search__verdict) mark").all_text_contents()
        shown.append((href.removeprefix(base), marks))
    return shown


@pytest.fixture(params=["multilingual_languages_site", "sharded_languages_site"])
def searched_site(request: pytest.FixtureRequest) -> str:
    """The site read in three languages, as a small site is indexed for search, and as a large
    one is, with each language's pages in several bundles (`index_site`'s `shard_pages`)."""
    name = (
        "multilingual_languages_site"
        if request.param.startswith("one")
        else "sharded_languages_site"
    )
    return str(request.getfixturevalue(name))


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_every_result_has_a_word_of_the_query_and_marks_it(
    page: Page, searched_site: str, query: str, expected: list[str]
) -> None:
    page.goto(searched_site)

    results = _results(page, query)

    assert sorted(path for path, _ in results) == sorted(expected)
    for path, marks in results:
        parser = PageText()
        parser.feed(page.request.get(searched_site + path).text())
        words = parser.words.split()
        for asked in query.split():
            assert any(_matches(word, asked) for word in words), (path, asked)
        assert marks, path
        assert all(any(_matches(mark, asked) for asked in query.split()) for mark in marks), (
            path,
            marks,
        )
