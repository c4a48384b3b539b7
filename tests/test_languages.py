"""A briefing in another language than the site's is shown in its own: its page's language
and direction, its words and Material's, its structured data; search still finds every page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import extruct
import pytest

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
            "passages": None,
            "vocabulary": "pagefind-en-vocabulary",
            "parts": ["pages"],
            "scripts": ["Latn"],
        },
        {
            "pages": "pagefind-ru",
            "passages": "pagefind-ru-passages",
            "vocabulary": "pagefind-ru-vocabulary",
            "parts": ["passages"],  # not the placeholder page
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
