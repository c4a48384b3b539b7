"""A briefing in another language than the site's is shown in its own: its page's language
and direction, its words and Material's, its structured data; search still finds every page."""

from __future__ import annotations

import json
from pathlib import Path

import extruct
import pytest

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
    assert "ادعای اصلی:" in page  # "Key claim:"
    assert "ارزیابی در ۱۲ سپتامبر ۲۰۲۴" in page  # "Assessed 12 September 2024"
    assert "Key claim" not in page
    assert "پرش به محتویات" in page  # Material's "Skip to content", in Persian
    [article, *_] = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert article["inLanguage"] == "fa"


def test_the_other_pages_stay_in_the_sites_language(site: Path) -> None:
    page = _page(site, "sample-briefing")

    assert '<html lang="en"' in page
    assert '<body dir="ltr"' in page
    assert "Key claim:" in page
    [article, *_] = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert article["inLanguage"] == "en"


def test_one_search_index_holds_the_pages_of_every_language(site: Path) -> None:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))

    assert list(entry["languages"]) == ["en"]
    assert entry["languages"]["en"]["page_count"] >= 3


# --- Briefings written in Persian and Russian from real reporting ------------------------------


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("real"), FIXTURES / "multilingual")


def test_the_persian_fact_check_says_in_persian_that_the_claim_is_false(real_site: Path) -> None:
    page = _page(real_site, "irib-strike-no-missile-claim")

    assert '<html lang="fa"' in page
    assert '<body dir="rtl"' in page
    assert "ادعای اصلی:" in page
    assert ">نادرست</a>" in page  # False, the key claim's state
    assert "ارزیابی در ۳۰ نوامبر ۲۰۲۵" in page  # Assessed 30 November 2025


def test_the_russian_fact_check_speaks_russian_with_its_dates_in_the_genitive(
    real_site: Path,
) -> None:
    page = _page(real_site, "kramatorsk-fake-bbc-video")

    assert '<html lang="ru"' in page
    assert '<body dir="ltr"' in page
    assert "Главное утверждение:" in page
    assert ">Ложно</a>" in page
    assert "Оценено 26 апреля 2022" in page
    assert "Key claim" not in page
