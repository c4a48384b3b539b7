"""Search in each language (generator/search.py): which bundle holds which language, what text
of a page is searched as another language, and the list of languages Pagefind stems, held to
what the installed Pagefind does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.search import (
    BUNDLE,
    LANGUAGES,
    STEMMED,
    VOCABULARY_MARK,
    _foreign_text,
    _words,
    index_site,
    searched_as,
)


@pytest.mark.parametrize(
    ("language", "site", "bundle"),
    [
        ("ru", "en", "ru"),  # stemmed, in another script: a bundle of its own
        ("ar", "en", "ar"),
        ("fr", "en", "en"),  # the site's script: the site's bundle, stemmed as English
        ("fa", "en", "en"),  # no stemmer: word by word, in the site's bundle
        ("uk", "en", "en"),
        ("pt-BR", "en", "en"),
        ("en", "ru", "en"),  # on a Russian site, English is the other script
        ("uk", "ru", "ru"),
        ("ru-RU", "en", "ru"),
    ],
)
def test_a_language_is_searched_in_its_own_bundle_only_when_that_changes_the_stemming(
    language: str, site: str, bundle: str
) -> None:
    assert searched_as(language, site) == bundle


PAGE = """<!doctype html><html lang="en"><body><main data-pagefind-body>
<h1>Talks <a class="headerlink" href="#">¶</a></h1>
<p>Also written <span lang="ru" dir="ltr" data-pagefind-ignore>Дмитрий Песков</span>.</p>
<blockquote lang="ru" dir="ltr" data-pagefind-ignore><p>“Переговоры идут.”</p></blockquote>
<ol data-pagefind-ignore><li><span lang="ar" dir="rtl" data-pagefind-ignore>مثال</span></li></ol>
<p lang="fr" dir="ltr">Le pont</p>
</main>
<nav><span lang="ru" dir="ltr" data-pagefind-ignore>Кремль</span></nav></body></html>"""


def test_the_text_marked_as_another_language_is_taken_with_its_pages_title() -> None:
    [record] = _foreign_text(Path("a/index.html"), PAGE.encode(), "en")

    assert record.path == Path("a/index.html")
    assert record.language == "ru"
    assert record.title == "Talks"
    # Not the text inside a region left out of search, nor outside the page's content, nor
    # text in another language that its page's bundle searches itself.
    assert record.passages == ["Дмитрий Песков", "“Переговоры идут.”"]


def test_each_part_of_a_bundle_has_a_vocabulary_of_its_words_each_marked(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_bytes(PAGE.encode())

    index_site(site)

    english, russian = json.loads((site / BUNDLE / LANGUAGES).read_bytes())
    assert [english["parts"], russian["parts"]] == [["pages"], ["passages"]]
    pages, passages = _words(site / english["pages"]), _words(site / russian["passages"])
    # "Talks" stemmed as English, the Russian words as written (and the quote's first word with
    # its quotation mark, a part of the word that no query holds).
    assert {"talk", "also", "written", "le", "pont"} <= pages
    assert {"дмитрии", "песков", "переговоры", "“переговоры", "идут"} <= passages
    # Every word marked, so that no query that begins with one is answered with it; none with a
    # character that Pagefind would split it at; and the mark alone, so that no page is empty.
    # Each in a bundle of its own, with one filter value, which Pagefind writes the same way
    # from build to build.
    assert [english["vocabulary"], russian["vocabulary"]] == [
        ["pagefind-en-vocabulary-pages"],
        ["pagefind-ru-vocabulary-passages"],
    ]
    for part, words in ((english, pages), (russian, passages)):
        assert _words(site / part["vocabulary"][0]) == {VOCABULARY_MARK} | {
            word + VOCABULARY_MARK for word in words if word.isalnum()
        }


def test_a_language_with_more_pages_than_one_run_indexes_is_in_several_bundles(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    for word in ("alpha", "bravo", "charlie"):
        (site / word).mkdir(parents=True)
        (site / word / "index.html").write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>{word}</h1></main></body></html>',
            encoding="utf-8",
        )

    assert index_site(site, shard_pages=2) == 3

    (english,) = json.loads((site / BUNDLE / LANGUAGES).read_bytes())
    # Two pages and one, not three bundles: as few as it takes, of nearly equal sizes.
    assert [english["pages"], *english["shards"]] == ["pagefind", "pagefind-en-pages-2"]
    first, second = _words(site / "pagefind"), _words(site / "pagefind-en-pages-2")
    assert (len(first), len(second)) == (2, 1)
    # One vocabulary for the pages of every bundle.
    assert _words(site / english["vocabulary"][0]) == {VOCABULARY_MARK} | {
        word + VOCABULARY_MARK for word in first | second
    }


@pytest.mark.slow
def test_pagefind_stems_exactly_the_languages_the_list_says(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<html><body><main data-pagefind-body>word</main></body></html>", encoding="utf-8"
    )
    stemmed = set()
    for language in sorted(STEMMED | {"fa", "uk", "he", "zh", "ja", "ko", "ka"}):
        bundle = tmp_path / language
        subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
             str(bundle), "--force-language", language],
            check=True, capture_output=True,
        )  # fmt: skip
        entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
        if entry["languages"][language]["wasm"] is not None:
            stemmed.add(language)

    assert stemmed == STEMMED
