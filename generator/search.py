"""Full-text search of the built site, indexed with Pagefind, in every language it is written in.

Pagefind reads the built HTML and writes a static index and its scripts; the browser downloads
only the parts of the index a query needs. Only content inside `data-pagefind-body` is indexed
(see `theme/main.html`), and only public pages exist in the built site to begin with.

**Languages.** Pagefind stems words by language ("Кремля" and "Кремль" are one Russian word),
a page as the language of its `<html lang>`, a query as the language of the index it searches.
So the pages are indexed in bundles by language: `pagefind/` for the site's language and the
others written in its script, `pagefind-<lang>/` for each language in another script. The
search box (`search.js`, told which bundles there are and their scripts by
`pagefind/languages.json`) sends a query to the site's bundle and to those of the scripts the
query is written in, loading a bundle the first time a query needs it: a reader downloads a
script and a stemmer for a language only on searching in its script.

Text in another language than its page's (a quote, a source's title, a name in another script)
is marked by the templates with its `lang` and `data-pagefind-ignore` (`render.in_language`,
`render.name`): it is left out of its page's bundle and indexed as its own language instead, as
a record with its page's address and title, in `pagefind-<lang>-passages/`. These records are
indexed without stemming and searched through their language's bundle, which stems the query:
Russian stems a name's cases apart ("Песков" to "песк", "Пескову" to "песков"), but a stemmed
query is a prefix of the name as written, so every case of "Песков" finds it. A language with
passages but no page of its own gets a one-word placeholder page, so that its bundle exists to
stem queries; it is no part of the bundle that the search box shows.

**Only words that are there.** When no word of an index begins with a query's (stemmed) word,
Pagefind answers with the pages of the longest word of the index that the query begins with
(its "backtracking", which no option turns off: Pagefind issues #599 and #780): "Сардаризаде",
on no page, found the pages with its first letter, a Russian preposition. So each part of a
bundle (its pages; its passages) has a vocabulary: every word of its index, as Pagefind wrote
it, followed by `VOCABULARY_MARK`, on the one page of `pagefind-<lang>-vocabulary-<part>/`,
indexed without stemming and searched with the bundle. (One bundle per part, each with one
filter value: Pagefind writes the values of a filter in an order of its own from run to run,
and two builds of one archive must be the same files.) The query finds a part's vocabulary
page exactly when each of its words begins a word of that part, since a marked word is never a
prefix of a query; the search box shows the results of those parts only (filtered by
`part`), and none when no part has the query's words.

**Large sites.** Pagefind holds all it indexes in memory, about a quarter of a megabyte a page
(2.4 GB in one run over the 9,200 pages it indexes of 10,000 briefings). A language with more
than `SHARD_PAGES` pages has them in as many bundles as it takes (`pagefind/` and
`pagefind-<lang>-pages-<n>/`, the bundle's `shards`), and a site with more than that runs
Pagefind once at a time; the search box merges a language's shards into one search (Pagefind's
`mergeIndex`), with one vocabulary for all its pages, so a query fetches one more index chunk
for each shard.

Each bundle is indexed from a folder of hard links to its pages (or of its records), since
Pagefind's program indexes a folder, not a list of files. A site in one language with no text
in another is indexed in place.

Pagefind runs as its command-line program (shipped by `pagefind[bin]`), not through its
Python API: the API stops its indexing process as soon as that process acknowledges the
request to write, and on a busy machine files such as `pagefind-entry.json` were then
missing. The program exits only once every file is written.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from html import escape
from pathlib import Path
from typing import Any

import cbor2
import lxml.html
import pagefind_bin
from lxml import etree

from .pagecache import Store, digest
from .progress import SILENT, Progress, Stage, Tally
from .vocabulary import letters, script

BUNDLE = "pagefind"
LANGUAGES = "languages.json"
"""In the site's bundle: every bundle of pages, with its passages, for the search box."""
UNSTEMMED = "und"
"""The language Pagefind indexes passages and vocabularies in: one it has no stemmer for."""
PAGES, PASSAGES = "pages", "passages"
"""The parts of a bundle, as the search box filters its results (`part`)."""
SHARD_PAGES = 3_000
"""The most pages Pagefind indexes in one run: about 0.8 GB of memory."""
VOCABULARY_MARK = "\u01c2"
"""Ends every word of a vocabulary: a letter (Pagefind keeps it in the word) that no query
holds, so that a marked word is never the prefix of a query that Pagefind backtracks to."""

_HTML_LANG = re.compile(rb"<html[^>]*?\slang=\"([^\"]+)\"")
_FOREIGN = re.compile(rb' dir="(?:ltr|rtl)" data-pagefind-ignore>')  # as the templates write it


HEARTBEAT = 0.5
"""Seconds between two looks at the clock while Pagefind runs, for `Progress` to say how long
it has been running: Pagefind says nothing until it ends."""


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds what it printed."""


def index_site(
    site_dir: Path,
    language: str = "en",
    *,
    cache: Store | None = None,
    progress: Progress = SILENT,
    shard_pages: int = SHARD_PAGES,
) -> int:
    """Index every page of a built site for search, each in its own language (see above), into
    `site_dir/pagefind*/`; return how many pages were indexed. A long run says on `progress`
    how many pages it indexes and for how long it has been running. A language with more than
    `shard_pages` pages has them in as many bundles as it takes (see above).

    With a `cache`, the bundles are kept by the digest of every page (its path and bytes):
    a site whose pages are all as they were (nothing changed, or only drafts) gets the
    bundles Pagefind made of them before, without running it. The text in other languages
    found on a page is kept too, by the digest of the page."""
    site_language = _base(language)
    pages: dict[str, list[Path]] = defaultdict(list)  # by the language of their bundle
    page_languages: set[str] = set()  # of the pages not in the site's bundle, as written
    foreign: list[tuple[Path, bytes, str]] = []  # pages with text searched in another bundle
    read: list[tuple[str, bytes]] = []
    for path, html in _pages(site_dir):
        read.append((str(path), hashlib.sha256(html).digest()))
        page_language = _page_language(html, site_language)
        bundle_language = searched_as(page_language, site_language)
        if b"data-pagefind-body" in html:  # content to search
            pages[bundle_language].append(path)
        if bundle_language != site_language:
            page_languages.add(page_language)
        if _FOREIGN.search(html):
            foreign.append((path, html, page_language))
    site = digest([site_language, *(part for page in sorted(read) for part in page)])
    if cache is not None and (kept_bundles := cache.get(f"bundles-{site}")) is not None:
        return _unpacked(kept_bundles, site_dir)
    searchable = sum(len(found) for found in pages.values())
    # The caller says the last word, with the count Pagefind gives.
    indexing = progress.stage(
        Stage(f"Indexing {searchable:,} pages for search", None, counted=False), searchable
    )
    records: dict[str, list[_Record]] = defaultdict(list)
    for path, html, page_language in foreign:
        indexing.advance(0)  # reading them takes a while too, before Pagefind is waited for
        for record in _foreign_text_kept(cache, path, html, page_language):
            records[searched_as(record.language, site_language)].append(record)
    languages = [site_language, *sorted((set(pages) | set(records)) - {site_language})]
    shards = {each: _shards(pages[each], shard_pages) for each in languages}
    bundles: list[dict[str, Any]] = [
        {
            "pages": _bundle(each, site_language),
            # The other bundles of the language's pages, when there are too many for one.
            "shards": [f"{BUNDLE}-{each}-pages-{n}" for n in range(2, len(shards[each]) + 1)],
            "passages": f"{BUNDLE}-{each}-passages" if records[each] else None,
            # The parts whose results a search shows: not a placeholder's.
            "parts": [
                *([PAGES] if each == site_language or pages[each] else []),
                *([PASSAGES] if records[each] else []),
            ],
            # For the search box to tell which bundles a query is written for.
            "scripts": list(letters(each)),
        }
        for each in languages
    ]
    for bundle, each in zip(bundles, languages, strict=True):
        bundle["vocabulary"] = [f"{BUNDLE}-{each}-vocabulary-{part}" for part in bundle["parts"]]
    # Pagefind holds all it indexes in memory, about a quarter of a megabyte a page: a large
    # site is indexed one bundle at a time, each of `shard_pages` pages at most.
    together = searchable <= shard_pages
    with tempfile.TemporaryDirectory(prefix=".search-", dir=site_dir.parent) as scratch:
        jobs: list[Callable[[], subprocess.Popen[str]]] = []
        for bundle, each in zip(bundles, languages, strict=True):
            names = [bundle["pages"], *bundle["shards"]]
            if each == site_language and len(names) == 1:
                # The site's bundle is indexed in place, leaving out the pages of the other
                # bundles (whose content says its language, theme/main.html).
                leave_out = [
                    f'[data-pagefind-body][lang|="{lang}"]' for lang in sorted(page_languages)
                ]
                jobs.append(partial(_start_pagefind, site_dir, site_dir / BUNDLE, each, leave_out))
                continue
            for name, shard in zip(names, shards[each], strict=True):
                tree = Path(scratch) / name
                _link_pages(site_dir, tree, shard, each)
                jobs.append(partial(_start_pagefind, tree, site_dir / name, each))
        pages_bundles = len(jobs)
        for each, bundle in zip(languages, bundles, strict=True):
            if passages := bundle["passages"]:
                tree = Path(scratch) / passages
                _write_records(tree, records[each])
                jobs.append(partial(_start_pagefind, tree, site_dir / passages, UNSTEMMED))
        counts = _run(jobs, indexing, together=together)
        # Each vocabulary is read from the indexes just written.
        jobs = []
        for bundle in bundles:
            folders = {PAGES: [bundle["pages"], *bundle["shards"]], PASSAGES: [bundle["passages"]]}
            for part, name in zip(bundle["parts"], bundle["vocabulary"], strict=True):
                tree = Path(scratch) / name
                words = set().union(*(_words(site_dir / folder) for folder in folders[part]))
                _write_vocabulary(tree, {part: words})
                jobs.append(partial(_start_pagefind, tree, site_dir / name, UNSTEMMED))
        _run(jobs, indexing, together=together)
    indexing.finish()
    # Pages, less the placeholders of languages with none.
    indexed = sum(counts[:pages_bundles]) - sum(1 for each in languages[1:] if not pages[each])
    kept = {
        name
        for bundle in bundles
        for name in (
            bundle["pages"], *bundle["shards"], bundle["passages"], *bundle["vocabulary"]
        )
        if name
    }  # fmt: skip
    _forget_stale_bundles(site_dir, kept)
    (site_dir / BUNDLE / LANGUAGES).write_text(json.dumps(bundles), encoding="utf-8")
    if cache is not None:
        cache.put(f"bundles-{site}", _packed(site_dir, indexed))
    return indexed


def _packed(site_dir: Path, indexed: int) -> bytes:
    """Every bundle of the site, as a tar archive after the count of pages indexed."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for folder in sorted(site_dir.glob(f"{BUNDLE}*")):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    data = path.read_bytes()
                    entry = tarfile.TarInfo(str(path.relative_to(site_dir)))
                    entry.size = len(data)
                    archive.addfile(entry, io.BytesIO(data))
    return indexed.to_bytes(8, "little") + out.getvalue()


def _unpacked(packed: bytes, site_dir: Path) -> int:
    """Put the bundles `_packed` kept in place of the site's own (a preview's last ones);
    return the count of pages they index."""
    for folder in site_dir.glob(f"{BUNDLE}*"):
        shutil.rmtree(folder)
    with tarfile.open(fileobj=io.BytesIO(packed[8:]), mode="r") as archive:
        for entry in archive:
            name = Path(entry.name)
            if not entry.isfile() or name.is_absolute() or ".." in name.parts:
                continue  # the archive is written above, with nothing else in it
            source = archive.extractfile(entry)
            assert source is not None
            target = site_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read())
    return int.from_bytes(packed[:8], "little")


STEMMED = frozenset({
    "ar", "ca", "da", "de", "el", "en", "eo", "es", "et", "eu", "fi", "fr", "ga", "hi", "hu",
    "hy", "id", "it", "lt", "nb", "ne", "nl", "nn", "no", "pl", "pt", "ro", "ru", "sr", "sv",
    "ta", "tr", "yi",
})  # fmt: skip
"""The languages Pagefind 1.5 stems (its `get_stemmer`; tests/test_search.py holds it to
Pagefind's word). Pagefind indexes any other language word by word, as written."""


@lru_cache(maxsize=1024)
def searched_as(language: str, site_language: str) -> str:
    """The language whose bundle holds text in `language`: its own when Pagefind stems it and
    it is written in another script than the site's language; else the site's, which then
    indexes it as it would in its own bundle: word by word, or stemmed as the site's language,
    whose stemmer leaves words of another script as written. Each bundle costs a reader who
    searches its script a script and a stemmer to download, and the build a run of Pagefind."""
    language, site_language = _base(language), _base(site_language)
    if language in STEMMED and script(language) != script(site_language):
        return language
    return site_language


def _shards(pages: list[Path], most: int) -> list[list[Path]]:
    """`pages` in bundles of `most` at most, as many as it takes, of nearly equal sizes; one,
    maybe empty, at least."""
    if not pages:
        return [[]]
    count = -(-len(pages) // most)
    size = -(-len(pages) // count)
    return [pages[n : n + size] for n in range(0, len(pages), size)]


def _run(
    jobs: Sequence[Callable[[], subprocess.Popen[str]]], waiting: Tally, *, together: bool
) -> list[int]:
    """Run each of `jobs` (a run of Pagefind), all at once or one after the other; how many
    pages each indexed."""
    if together:
        return [_finished(process, waiting) for process in [job() for job in jobs]]
    return [_finished(job(), waiting) for job in jobs]


def _bundle(language: str, site_language: str) -> str:
    """The folder of a language's pages: `pagefind` for the site's, `pagefind-ru` for Russian."""
    return BUNDLE if language == site_language else f"{BUNDLE}-{language}"


# --- Reading the built pages ---------------------------------------------------------------------


def _base(tag: str) -> str:
    return tag.split("-")[0].lower()


def _pages(site_dir: Path) -> Iterator[tuple[Path, bytes]]:
    """The site's HTML pages (not Pagefind's own files), relative to `site_dir`."""
    for folder, subfolders, files in os.walk(site_dir):
        if folder == str(site_dir):
            subfolders[:] = [name for name in subfolders if not name.startswith(BUNDLE)]
        for name in files:
            if name.endswith(".html"):
                path = Path(folder, name)
                yield path.relative_to(site_dir), path.read_bytes()


def _page_language(html: bytes, default: str) -> str:
    found = _HTML_LANG.search(html, 0, 2048)
    return _base(found[1].decode()) if found else default


@dataclass
class _Record:
    """Text of one page in one other language, indexed in that language at the page's address."""

    path: Path
    language: str
    title: str
    passages: list[str]


_FOREIGN_TEXT = etree.XPath(
    "//*[@data-pagefind-body]//*[@lang and @data-pagefind-ignore]"
    "[not(ancestor::*[@data-pagefind-ignore and not(@lang)])]"
)
_HEADING = etree.XPath("(//*[@data-pagefind-body]//h1)[1]")
_UTF8 = lxml.html.HTMLParser(encoding="utf-8")  # whether or not the page says so


def _foreign_text(path: Path, html: bytes, page_language: str) -> list[_Record]:
    """The text inside the page's `data-pagefind-body` that is marked with another `lang` and
    `data-pagefind-ignore` (and is not inside a region left out of search), by language, with
    the page's title."""
    document = lxml.html.document_fromstring(html, parser=_UTF8)
    headings = _HEADING(document)
    title = _text(headings[0]) if headings else ""
    passages: dict[str, list[str]] = defaultdict(list)
    for element in _FOREIGN_TEXT(document):
        language = _base(element.get("lang"))
        if language != page_language and (text := _text(element)):
            passages[language].append(text)
    return [_Record(path, language, title, texts) for language, texts in passages.items()]


def _foreign_text_kept(
    cache: Store | None, path: Path, html: bytes, page_language: str
) -> list[_Record]:
    """`_foreign_text`, read from `cache` when the same page was read before."""
    if cache is None:
        return _foreign_text(path, html, page_language)
    key = digest([str(path), page_language, html])
    found = cache.get(key)
    if found is not None:
        return [_Record(path, *record) for record in json.loads(found)]
    records = _foreign_text(path, html, page_language)
    said = [[record.language, record.title, record.passages] for record in records]
    cache.put(key, json.dumps(said, ensure_ascii=False).encode("utf-8"))
    return records


def _text(element: lxml.html.HtmlElement) -> str:
    for anchor in element.find_class("headerlink"):
        anchor.drop_tree()
    return " ".join(element.text_content().split())


# --- Indexing ------------------------------------------------------------------------------------


def _link_pages(site_dir: Path, tree: Path, pages: list[Path], language: str) -> None:
    """A folder of one language's pages: hard links where the file system allows. A language
    with no page gets a placeholder, filtered out of every search."""
    tree.mkdir(parents=True)
    for path in pages:
        target = tree / path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / path, target)
        except OSError:
            shutil.copyfile(site_dir / path, target)
    if not pages:
        (tree / "index.html").write_text(
            f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head><body>'
            f"<main data-pagefind-body>{language}</main></body></html>",
            encoding="utf-8",
        )


def _write_records(tree: Path, records: list[_Record]) -> None:
    """A folder of small pages, one per record, at the address of the page its text is on."""
    for record in records:
        target = tree / record.path
        target.parent.mkdir(parents=True, exist_ok=True)
        passages = "".join(f"<p>{escape(text)}</p>" for text in record.passages)
        target.write_text(
            f'<!doctype html><html lang="{record.language}"><head><meta charset="utf-8"></head>'
            f'<body><main data-pagefind-body><h1 data-pagefind-meta="title" '
            f"data-pagefind-ignore>{escape(record.title)}</h1>{passages}</main></body></html>",
            encoding="utf-8",
        )


def _write_vocabulary(tree: Path, words: dict[str, set[str]]) -> None:
    """A folder with a page for each part of a bundle, holding its words, each marked, and
    filtered as `<part>-words`. A word with a character Pagefind leaves out of a word (as in
    a compound's part, "«bbc") could be split into unmarked words: it is left out, and so is a
    query for it, which a reader cannot type. The mark alone, which no query begins, keeps a
    part with no word from being an empty page, which Pagefind would refuse to index."""
    for part, found in words.items():
        target = tree / part / "index.html"
        target.parent.mkdir(parents=True)
        marked = " ".join(
            [VOCABULARY_MARK, *(word + VOCABULARY_MARK for word in sorted(found) if _whole(word))]
        )
        target.write_text(
            f'<!doctype html><html lang="{UNSTEMMED}"><head><meta charset="utf-8"></head><body>'
            f'<main data-pagefind-body data-pagefind-filter="part:{part}-words">{marked}</main>'
            "</body></html>",
            encoding="utf-8",
        )


def _whole(word: str) -> bool:
    """Whether the word is letters, marks and digits only, which Pagefind keeps together."""
    return all(unicodedata.category(character)[0] in "LMN" for character in word)


def _words(bundle: Path) -> set[str]:
    """Every word of a bundle's index, as Pagefind wrote it (stemmed, lower case, without
    diacritics). Its entry names the index's metadata, which lists the chunks of its words:
    gzipped, Pagefind's signature, then CBOR (Pagefind's `MetaIndex` and `WordIndex`); any
    other chunk in the folder is left from an earlier build."""
    entry = json.loads((bundle / "pagefind-entry.json").read_bytes())
    found: set[str] = set()
    for language in entry["languages"].values():
        meta = _read_cbor(bundle / f"pagefind.{language['hash']}.pf_meta")
        for _first, _last, chunk in meta[2]:
            found.update(word for word, *_ in _read_cbor(bundle / "index" / f"{chunk}.pf_index")[0])
    return found


def _read_cbor(path: Path) -> Any:
    data = path.read_bytes()
    if data.startswith(b"\x1f\x8b"):
        data = gzip.decompress(data)
    signature = b"pagefind_dcd"
    if not data.startswith(signature):
        raise SearchIndexError(f"Pagefind wrote {path} in a form this version cannot read")
    return cbor2.loads(data[len(signature) :])


def _start_pagefind(
    tree: Path, bundle: Path, language: str, leave_out: Sequence[str] = ()
) -> subprocess.Popen[str]:
    """Start indexing the pages of `tree` into `bundle`, as `language`, without what the CSS
    selectors `leave_out` select."""
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(tree),
        "--output-path", str(bundle),
        "--force-language", language,
        # Permalink anchors ("¶") would otherwise end every result title.
        "--exclude-selectors", ", ".join([".headerlink", *leave_out]),
    ]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finished(process: subprocess.Popen[str], waiting: Tally) -> int:
    """How many pages a run of Pagefind indexed, once it has written every file; `waiting` is
    told every `HEARTBEAT` seconds that time has passed."""
    while True:
        try:
            stdout, stderr = process.communicate(timeout=HEARTBEAT)
            break
        except subprocess.TimeoutExpired:  # what it printed so far is kept for the next call
            waiting.advance(0)
    counted = re.search(r"Indexed (\d+) pages?", stdout)
    if process.returncode != 0 or counted is None:
        raise SearchIndexError(f"Pagefind failed:\n{stdout}{stderr}".strip())
    return int(counted[1])


def _forget_stale_bundles(site_dir: Path, kept: set[str]) -> None:
    """Remove the bundles of languages no longer on the site (a preview rebuilds in place)."""
    for folder in site_dir.glob(f"{BUNDLE}-*"):
        if folder.is_dir() and folder.name not in kept:
            shutil.rmtree(folder)
