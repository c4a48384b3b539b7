"""A briefing in another language than the site's is shown in its own: its page's language
and direction, its words and Material's, its structured data; search still finds every page."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import extruct
import lxml.html
import pytest

from generator.locale import locale_for
from generator.sitemap import XHTML

from .building import built_site, with_a_persian_copy
from .conftest import FIXTURES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture, and the same briefing again written in Persian (`lang: fa`)."""
    briefings = with_a_persian_copy(tmp_path_factory.mktemp("briefings"))
    return built_site(tmp_path_factory.mktemp("project"), briefings)


def _page(site: Path, briefing: str) -> str:
    return (site / "briefings" / briefing / "index.html").read_text(encoding="utf-8")


def test_a_persian_briefing_is_laid_out_right_to_left_in_persian(site: Path) -> None:
    page = _page(site, "sample-briefing-fa")

    assert '<html lang="fa"' in page
    assert '<body dir="rtl"' in page
    assert "ادعاکننده: " in page  # "Claimed by"
    assert "ارزیابی در ۱۲ سپتامبر ۲۰۲۴" in page  # "Assessed 12 September 2024"
    assert "Key claim" not in page
    assert "پرش به محتویات" in page  # Material's "Skip to content", in Persian
    [article, *_] = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert article["inLanguage"] == "fa"


def test_the_other_pages_stay_in_the_sites_language(site: Path) -> None:
    page = _page(site, "sample-briefing")

    assert '<html lang="en"' in page
    assert '<body dir="ltr"' in page
    assert "Claimed by" in page
    [article, *_] = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert article["inLanguage"] == "en"


def _entry(site: Path, bundle: str) -> dict[str, Any]:
    entry: dict[str, Any] = json.loads((site / bundle / "pagefind-entry.json").read_bytes())
    return entry["languages"]


def test_a_language_pagefind_stems_in_another_script_is_searched_in_a_bundle_of_its_own(
    site: Path,
) -> None:
    bundles = json.loads((site / "pagefind" / "languages.json").read_bytes())

    assert bundles == [
        {
            "pages": "pagefind",
            "shards": [],  # a language of more than 3,000 pages has them in several bundles
            "passages": None,
            "parts": ["pages"],
            "vocabulary": ["pagefind-en-vocabulary-pages"],
            "scripts": ["Latn"],
        },
        {
            "pages": "pagefind-ru",
            "shards": [],
            "passages": "pagefind-ru-passages",
            "parts": ["passages"],  # not the placeholder page
            "vocabulary": ["pagefind-ru-vocabulary-passages"],
            "scripts": ["Cyrl"],
        },
    ]
    # The Persian page, which Pagefind does not stem, is with the English ones, word by word;
    # so are the names in Arabic script and the quote in French.
    assert _entry(site, "pagefind")["en"]["page_count"] >= 3
    # The two Cyrillic aliases, on both briefings and on their actors' pages, are searched as
    # Russian, in a bundle with no page of its own but a placeholder.
    assert _entry(site, "pagefind-ru")["ru"]["page_count"] == 1
    assert _entry(site, "pagefind-ru-passages")["und"]["page_count"] == 4


# --- Briefings written in Persian and Russian from real reporting ------------------------------


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fact-checks in Russian and Persian, their translations and the seed briefing, on a
    site also read in Russian and Persian."""
    folder = FIXTURES / "multilingual"
    return built_site(tmp_path_factory.mktemp("real"), folder, languages="[ru, fa]")


def test_the_persian_fact_check_says_in_persian_that_the_claim_is_false(real_site: Path) -> None:
    page = _page(real_site, "irib-strike-no-missile-claim")

    assert '<html lang="fa"' in page
    assert '<body dir="rtl"' in page
    assert "ادعاکننده: " in page  # "Claimed by"
    assert "نادرست</a></p>" in page  # False, the key claim's verdict
    assert "ارزیابی در ۳۰ نوامبر ۲۰۲۵" in page  # Assessed 30 November 2025


def test_the_russian_fact_check_speaks_russian_with_its_dates_in_the_genitive(
    real_site: Path,
) -> None:
    page = _page(real_site, "kramatorsk-fake-bbc-video")

    assert '<html lang="ru"' in page
    assert '<body dir="ltr"' in page
    assert "Кто утверждает: " in page
    assert "Ложно</a></p>" in page
    assert "Оценено 26 апреля 2022" in page
    assert "Key claim" not in page


def test_translations_are_alternates_of_each_other_in_the_sitemap(real_site: Path) -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": XHTML}
    sitemap = ElementTree.parse(real_site / "sitemap-1.xml").getroot()
    alternates = {
        url.findtext("s:loc", namespaces=namespaces): [
            (link.get("hreflang"), link.get("href")) for link in url.findall("x:link", namespaces)
        ]
        for url in sitemap.findall("s:url", namespaces)
    }

    base = "https://briefings.example.org/briefings/"
    versions = [
        ("en", f"{base}irib-strike-no-missile-claim-en/"),
        ("fa", f"{base}irib-strike-no-missile-claim/"),
    ]
    assert alternates[f"{base}irib-strike-no-missile-claim/"] == versions
    assert alternates[f"{base}irib-strike-no-missile-claim-en/"] == versions
    assert alternates[f"{base}iran-russia-ballistic-missile-transfer/"] == []
    # No page links its alternates in its head, where Material would fetch a sitemap for each.
    page = _page(real_site, "irib-strike-no-missile-claim")
    assert "hreflang" not in page.split("</head>")[0]


def test_the_structured_data_of_a_translation_names_its_original(real_site: Path) -> None:
    page = _page(real_site, "kramatorsk-fake-bbc-video-en")
    data = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    [article] = [item for item in data if item["@type"] == "NewsArticle"]

    assert article["inLanguage"] == "en"
    assert article["translationOfWork"]["inLanguage"] == "ru"
    assert article["translationOfWork"]["url"].endswith("/briefings/kramatorsk-fake-bbc-video/")


def test_a_site_read_in_several_languages_has_a_home_in_each(real_site: Path) -> None:
    russian = (real_site / "ru" / "index.html").read_text(encoding="utf-8")
    persian = (real_site / "fa" / "verification" / "false" / "index.html").read_text("utf-8")
    sitemap = (real_site / "sitemap-1.xml").read_text(encoding="utf-8")

    assert '<html lang="ru"' in russian
    assert "Проверенные новостные сводки" in russian
    assert '<html lang="fa"' in persian
    assert '<body dir="rtl"' in persian
    assert ("<loc>https://briefings.example.org/ru/</loc>") in sitemap
    assert (
        '<xhtml:link rel="alternate" hreflang="fa" href="https://briefings.example.org/fa/" />'
    ) in sitemap


# --- No English word of the interface on a page in another language ---------------------------

_PUNCTUATION = " .,:;!?()[]—–-·“”«»\"'←→"
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
"""Words quoted in the desk's own prose ("the page is marked «Updated on 25/04/2022»")."""


_NOT_CATALOGUED = ["Permanent link"]
"""English that reaches pages from elsewhere than the catalogue: Python-Markdown's title of the
link beside each heading."""


def _english_interface() -> re.Pattern[str]:
    """Every piece of text the English catalogue gives readers, its placeholders and markup
    taken out, and the English that comes from elsewhere, as a whole word or phrase in any
    case."""
    english = locale_for("en")
    texts = [*english.words.values(), *_NOT_CATALOGUED]
    texts += [
        form
        for forms in english.catalogue.counts.values()
        for form in forms.model_dump().values()
        if form
    ]
    pieces = {
        piece.strip(_PUNCTUATION)
        for text in texts
        for piece in re.split(r"\{[^}]*\}|<[^>]*>", text)
    }
    words = sorted((p for p in pieces if re.search(r"[A-Za-z]{3,}", p)), key=len, reverse=True)
    return re.compile(
        "|".join(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])" for word in words), re.IGNORECASE
    )


def _read_in(element: lxml.html.HtmlElement, language: str) -> Iterator[str]:
    """The text of `element` (titles and labels included) that a reader meets in the page's
    `language`; not what is rightly in another: text marked with another language,
    quotations, tags (identifiers, as written in the files) and the titles of sources."""
    parent = element.getparent()
    if (
        element.tag in ("script", "style", "blockquote", "q")
        or element.get("lang", language) != language
        or "briefing-tag" in element.get("class", "").split()
        or (
            parent is not None and parent.get("id", "").startswith("source-") and element.tag == "a"
        )
    ):
        return
    yield from (element.get(name) for name in ("title", "aria-label", "alt") if element.get(name))
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str):
            yield from _read_in(child, language)
        yield child.tail or ""


def test_no_page_in_russian_or_persian_shows_an_english_word_of_the_interface(
    real_site: Path,
) -> None:
    english = _english_interface()
    read: dict[str, list[str]] = {}

    for path in sorted(real_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        language = re.search(r'<html lang="([^"]+)"', html)
        if language is None or language[1] not in ("ru", "fa"):
            continue
        # The page's own part: the header, navigation and footer around it are the site's
        # (mkdocs.yml's site_name and nav), in the site's language like the rest of the site.
        [article] = lxml.html.fromstring(html).xpath("//article")
        text = _QUOTED.sub(" ", " ".join(" ".join(_read_in(article, language[1])).split()))
        read[str(path.relative_to(real_site))] = english.findall(text)

    assert "briefings/kramatorsk-fake-bbc-video/index.html" in read
    assert "briefings/irib-strike-no-missile-claim/index.html" in read
    assert len(read) > 20  # the homes and lists under /ru/ and /fa/ too
    assert {page: words for page, words in read.items() if words} == {}


def test_the_russian_page_names_in_russian_what_is_beside_the_words_of_the_briefing(
    real_site: Path,
) -> None:
    page = _page(real_site, "kramatorsk-fake-bbc-video")
    claim = page.split('<span class="briefing-claim__evidence">')[1].split("</span>")[0]

    assert claim == (
        'Изученные материалы: <a href="#evidence-fake-bbc-kramatorsk-video">'
        "Ролик, открывающийся логотипом BBC News и…</a> (сфабрикованное)"
    )
    assert '<a class="headerlink" href="#claims" title="Постоянная ссылка">' in page
    assert "Permanent link" not in page
    # A briefing in English among the related ones: its key claim is marked English too.
    related = page.split('id="related-briefings"')[1]
    assert (
        '<span class="briefing-item__claim" lang="en" dir="ltr">'
        "Iran has transferred ballistic missiles to Russia.</span>"
    ) in related


def _reviews(page: str) -> list[dict[str, Any]]:
    data = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    return [item for item in data if item["@type"] == "ClaimReview"]


def test_a_claim_review_names_its_rating_in_the_language_of_its_page(real_site: Path) -> None:
    russian = _reviews(_page(real_site, "kramatorsk-fake-bbc-video"))
    persian = _reviews(_page(real_site, "irib-strike-no-missile-claim"))
    english = _reviews(_page(real_site, "kramatorsk-fake-bbc-video-en"))
    [article, *_] = extruct.extract(
        _page(real_site, "kramatorsk-fake-bbc-video"), syntaxes=["json-ld"]
    )["json-ld"]

    assert [review["reviewRating"]["alternateName"] for review in russian] == ["Ложно"]
    assert [review["reviewRating"]["alternateName"] for review in persian] == [
        "نادرست",  # false
        "تأییدشده",  # verified
    ]
    assert [review["reviewRating"]["alternateName"] for review in english] == ["False"]
    # The people it mentions, as the page names them.
    [peskov] = [
        actor for actor in article["mentions"] if "Dmitri Peskov" in actor.get("alternateName", ())
    ]
    assert (peskov["name"], peskov["jobTitle"]) == ("Дмитрий Песков", "пресс-секретарь Кремля")
