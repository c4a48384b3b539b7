"""The locale catalogues: every language gives every word English gives, in the forms its
grammar needs (Russian plurals and cases, Persian digits and direction)."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import babel
import pytest

from generator.archive import load_archive
from generator.locale import (
    DEFAULT,
    CatalogueError,
    catalogue_file,
    languages,
    locale_for,
    read_catalogue,
)
from generator.model import PartialDate
from generator.pages import not_found_page
from generator.plugin import PreviewProblems
from generator.site import render_site
from generator.vocabulary import language_of_name

from .conftest import FIXTURES, NOW, PRIVATE, TEMPLATES

OTHERS = [language for language in languages() if language != DEFAULT]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_russian_and_persian_have_catalogues() -> None:
    assert {"en", "ru", "fa"} <= set(languages())


@pytest.mark.parametrize("language", OTHERS)
def test_a_catalogue_gives_every_word_and_count_english_gives(language: str) -> None:
    english, other = locale_for(DEFAULT), locale_for(language)

    assert sorted(set(english.words) - set(other.words)) == []  # missing
    assert sorted(set(other.words) - set(english.words)) == []  # unknown: a typing mistake
    assert sorted(english.catalogue.counts) == sorted(other.catalogue.counts)
    for key, text in english.words.items():
        assert _fields(other.words[key]) == _fields(text), key


@pytest.mark.parametrize("language", languages())
def test_every_count_has_each_plural_form_the_language_uses(language: str) -> None:
    catalogue = read_catalogue(catalogue_file(language))
    needed = babel.Locale.parse(language).plural_form.tags

    assert catalogue.language == language
    for key, forms in catalogue.counts.items():
        assert [tag for tag in needed if getattr(forms, tag) is None] == [], key


def test_russian_counts_take_the_form_each_number_needs() -> None:
    ru = locale_for("ru")

    assert [ru.count("sources", n) for n in (1, 3, 5, 11, 21, 22, 25)] == [
        "1 источник", "3 источника", "5 источников", "11 источников",
        "21 источник", "22 источника", "25 источников",
    ]  # fmt: skip


def test_russian_dates_put_the_month_in_the_case_it_takes() -> None:
    ru = locale_for("ru")

    assert ru.full_date(date(2024, 9, 10)) == "10 сентября 2024"  # genitive
    assert ru.partial_date(PartialDate(2024, 9)) == "сентябрь 2024"  # nominative
    assert ru.number(1200) == "1\N{NO-BREAK SPACE}200"


def test_persian_is_written_right_to_left_in_persian_digits() -> None:
    fa = locale_for("fa")

    assert fa.direction == "rtl"
    assert fa.full_date(date(2024, 9, 10)) == "۱۰ سپتامبر ۲۰۲۴"
    assert fa.number(1200) == "۱٬۲۰۰"
    assert fa.count("sources", 3) == "۳ منبع"
    assert not any(digit in fa.partial_date(PartialDate(2024, 9)) for digit in string.digits)


def test_a_language_without_a_catalogue_falls_back_to_its_base_then_english() -> None:
    assert locale_for("ru-RU").language == "ru"
    assert locale_for("pt-BR").language == "en"
    assert locale_for("en").word("state.verified.label") == "Verified"


def test_a_key_written_twice_in_a_catalogue_is_an_error_not_a_silent_override(
    tmp_path: Path,
) -> None:
    text = catalogue_file(DEFAULT).read_text(encoding="utf-8")
    broken = tmp_path / "en.yaml"
    broken.write_text(text.replace("words:\n", "words:\n  state: {}\n", 1), encoding="utf-8")

    with pytest.raises(CatalogueError, match=r"en.yaml:\d+:3: duplicate key 'state'"):
        read_catalogue(broken)


@pytest.mark.parametrize("language", languages())
def test_every_page_of_the_archive_renders_in_each_language(language: str) -> None:
    archive = load_archive(FIXTURES / "archive", NOW, desk=PRIVATE)

    pages = render_site(archive, TEMPLATES, language=language)

    assert len(pages) > 100


def test_a_briefing_page_made_in_russian_or_persian_speaks_it() -> None:
    archive = load_archive(FIXTURES / "valid", NOW)
    page = "briefings/sample-briefing.md"

    russian = render_site(archive, TEMPLATES, language="ru")[page]
    persian = render_site(archive, TEMPLATES, language="fa")[page]

    assert "Кто утверждает: " in russian
    assert "Как мы проверяли" in russian
    assert "Оценено 12 сентября 2024" in russian
    assert "## Источники { #sources }" in russian
    assert "Key claim" not in russian
    assert "ادعاکننده: " in persian
    assert "ارزیابی در ۱۲ سپتامبر ۲۰۲۴" in persian
    assert "## منابع { #sources }" in persian


# A template's words are its catalogue's: what is left of a template once its Jinja, its HTML
# tags, its front matter and its link targets are taken out must hold no word of its own.
WORDS_ALLOWED = {
    "actor.md": {"Wikidata"},  # a name, the same in every language
}
ENGLISH_ONLY = {"api.md"}
"""Written as English documentation of the feed and API formats, not yet translated."""


def _own_words(template: str) -> set[str]:
    for pattern in (
        r"\{#.*?#\}", r"\{\{.*?\}\}", r"\{%.*?%\}", r"\{ #[^}]*\}",  # Jinja; heading ids
        r"^---$.*?^---$", r"<[^>]*>", r'[\w-]+="[^"]*"',  # front matter; HTML tags, attributes
        r"\]\([^)]*\)",  # link targets
    ):  # fmt: skip
        template = re.sub(pattern, " ", template, flags=re.S | re.M)
    return set(re.findall(r"[^\W\d_]{2,}", template))


@pytest.mark.parametrize(
    "template",
    sorted(path.name for path in TEMPLATES.glob("*.md") if path.name not in ENGLISH_ONLY),
)
def test_a_template_takes_every_word_from_the_catalogue(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")

    assert _own_words(text) - WORDS_ALLOWED.get(template, set()) == set()
    assert re.findall(r'(?:aria-label|title|alt)="[^"{]*[^\W\d_]', text) == []


@pytest.mark.parametrize(
    ("name", "page", "language"),
    [
        ("Кремль", "en", "ru"),  # Cyrillic: the first catalogue written in it
        ("ایران", "en", "fa"),
        ("FactNameh", "fa", "en"),  # Latin on a Persian page
        ("Moscow", "en", None),  # the page's own script
        ("Дмитрий Песков", "ru", None),
        ("הארץ", "en", "he"),  # no catalogue: the language CLDR gives the script
        ("G7", "en", None),
        ("2024", "fa", None),  # no letter, no language
    ],
)
def test_a_name_is_marked_with_the_language_of_its_script(
    name: str, page: str, language: str | None
) -> None:
    assert language_of_name(name, page) == language


def test_the_previews_problems_are_told_in_the_sites_language() -> None:
    errors = load_archive(FIXTURES / "errors", NOW, desk=PRIVATE).errors[:3]

    russian = PreviewProblems(errors, locale_for("ru"))
    english = PreviewProblems(errors[:1], locale_for("en"))

    assert russian.headline == "3 ошибки в сводках — этот предпросмотр нельзя публиковать"
    assert russian.note.startswith("Файлы с ошибками не показаны")
    assert english.headline == "1 problem in the briefings — this preview is not publishable"


def test_the_404_page_speaks_the_sites_language_and_names_no_briefing() -> None:
    english, persian = not_found_page("en"), not_found_page("fa")

    assert english.title == "Page not found"
    assert [(link.label, link.url) for link in english.links] == [
        ("Home", ""), ("All briefings", "briefings/"), ("By verification state", "verification/"),
        ("Actors", "actors/"), ("How to read a briefing", "about/"),
    ]  # fmt: skip
    assert persian.title == "صفحه پیدا نشد"
    assert persian.links[1].label == "همهٔ گزارش‌ها"


def test_the_search_box_has_its_words_in_every_language() -> None:
    russian = locale_for("ru").search_words()
    persian = locale_for("fa").search_words()

    assert russian["results"]["few"] == "Найдены {n} страницы"
    assert russian["none"] == "Ничего не найдено"
    assert persian["digits"] == "۰۱۲۳۴۵۶۷۸۹"
    assert set(persian["results"]) == {"one", "other"}
