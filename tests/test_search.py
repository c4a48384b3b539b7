"""Search in each language (generator/search.py): which bundle holds which language, what text
of a page is searched as another language, and the list of languages Pagefind stems, held to
what the installed Pagefind does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from generator import search
from generator.pagecache import Store
from generator.search import (
    BUNDLE,
    LANGUAGES,
    STEMMED,
    VOCABULARY_MARK,
    _foreign_text,
    _searched,
    _shards,
    _words,
    index_site,
    searched_as,
    shard_count,
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


WORDS = ("alpha", "bravo", "delta", "golf", "hotel", "kilo", "lima", "oscar", "tango")


def _english_site(site: Path, words: Sequence[str]) -> None:
    for word in words:
        (site / word).mkdir(parents=True, exist_ok=True)
        (site / word / "index.html").write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>{word}</h1></main></body></html>',
            encoding="utf-8",
        )


def test_a_language_with_more_pages_than_one_run_indexes_is_in_several_bundles(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    _english_site(site, WORDS)

    assert index_site(site, shard_pages=3) == len(WORDS)

    (english,) = json.loads((site / BUNDLE / LANGUAGES).read_bytes())
    names = [english["pages"], *english["shards"]]
    assert names[:2] == ["pagefind", "pagefind-en-pages-2"]
    found = [_words(site / name) for name in names]
    # Each page in one bundle, none left out.
    assert sorted(word for words in found for word in words) == sorted(WORDS)
    # One vocabulary for the pages of every bundle.
    assert _words(site / english["vocabulary"][0]) == {VOCABULARY_MARK} | {
        word + VOCABULARY_MARK for word in WORDS
    }


def test_a_page_stays_in_its_bundle_when_others_come_and_go() -> None:
    pages = [Path(f"briefings/{n}/index.html") for n in range(4_000)]
    before = _shards(pages, 1_000)
    assert len(before) == shard_count(len(pages), 1_000) == 4
    assert all(900 < len(shard) < 1_100 for shard in before)

    after = _shards([*pages[1:], Path("briefings/new/index.html")], 1_000)

    # Every bundle holds what it held, less the page removed, plus the page added.
    changed = [a != b for a, b in zip(before, after, strict=True)]
    assert 1 <= sum(changed) <= 2


def test_a_large_language_is_in_about_the_square_root_of_its_pages_bundles() -> None:
    # The pages an edit makes Pagefind index again, and the chunks a query fetches, grow alike.
    assert [shard_count(n) for n in (50, 500, 1_300, 4_500, 13_000, 100_000)] == [
        1, 1, 2, 3, 6, 34,
    ]  # fmt: skip


def test_an_edit_indexes_again_only_the_bundle_of_the_page_whose_text_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, cache = tmp_path / "site", Store(tmp_path / "cache", "setting")
    _english_site(site, WORDS)
    index_site(site, shard_pages=3, cache=cache)
    (english,) = json.loads((site / BUNDLE / LANGUAGES).read_bytes())
    first = {name: _words(site / name) for name in [english["pages"], *english["shards"]]}
    runs: list[str] = []
    start = search._start_pagefind

    def counted(tree: Path, bundle: Path, *args: Any) -> Any:
        runs.append(bundle.name)
        return start(tree, bundle, *args)

    monkeypatch.setattr(search, "_start_pagefind", counted)
    # Around the text, what search leaves out: indexed again with the same text, the same.
    page = site / "alpha" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</h1>", "</h1><nav data-pagefind-ignore>Next</nav>"), "utf-8")
    index_site(site, shard_pages=3, cache=cache)
    assert runs == []

    page.write_text(text.replace("alpha", "alpha zulu"), encoding="utf-8")
    index_site(site, shard_pages=3, cache=cache)

    [edited] = [name for name, words in first.items() if "alpha" in words]
    # Its bundle, and the vocabulary of the language's pages, which has a new word.
    assert runs == [edited, english["vocabulary"][0]]
    assert "zulu" in _words(site / edited)
    for name, words in first.items():
        assert _words(site / name) == (words | {"zulu"} if name == edited else words)
    assert "zulu" + VOCABULARY_MARK in _words(site / english["vocabulary"][0])


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


ARTICLE = """<!doctype html><html lang="en"><head><title>Talks</title></head><body>
<nav><a href="/">Home</a></nav>
<main data-pagefind-body><h1>Talks</h1><p>The talks go on.</p>
<aside data-pagefind-ignore><p>Related: the bridge</p>
<span data-pagefind-meta="date">2026-12-01</span></aside></main></body></html>"""


@pytest.mark.parametrize(
    ("before", "after", "same"),
    [
        # What Pagefind leaves out: the navigation, a region left out of search.
        ("Home", "Start", True),
        ("Related: the bridge", "Related: the dam", True),
        # What it reads: the content, the title, a meta even in a region left out.
        ("The talks go on.", "The talks ended.", False),
        ("<h1>Talks</h1>", "<h1>Peace talks</h1>", False),
        ("2026-12-01", "2026-12-02", False),
        ('<html lang="en">', '<html lang="fr">', False),
        ("<aside data-pagefind-ignore>", '<aside data-pagefind-ignore="all">', False),
    ],
)
def test_a_page_is_indexed_again_when_what_pagefind_reads_of_it_changed(
    before: str, after: str, same: bool
) -> None:
    assert before in ARTICLE
    edited = ARTICLE.replace(before, after)

    assert (_searched(ARTICLE.encode()) == _searched(edited.encode())) is same


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process priorities here")
def test_a_preview_indexes_search_behind_its_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _english_site(site, WORDS[:2])
    seen: list[int] = []
    finished = search._finished

    def looked_at(process: subprocess.Popen[str], waiting: Any) -> int:
        seen.append(os.getpriority(os.PRIO_PROCESS, process.pid))
        return finished(process, waiting)

    def slow(tree: Path, bundle: Path, *args: Any) -> subprocess.Popen[str]:
        # Pagefind, started after a moment, so that its priority can be read while it runs.
        wait = "import time, subprocess, sys; time.sleep(0.5); subprocess.run(sys.argv[1:])"
        command = [sys.executable, "-c", wait, *start(tree, bundle, *args)]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    start = search._pagefind_command
    monkeypatch.setattr(search, "_finished", looked_at)
    monkeypatch.setattr(search, "_start_pagefind", slow)
    base = os.getpriority(os.PRIO_PROCESS, 0)

    index_site(site, behind=True)

    assert len(seen) == 2  # the pages, and their vocabulary
    assert all(niceness >= min(19, base + search.BEHIND) for niceness in seen)
