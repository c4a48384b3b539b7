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
(2.4 GB in one run over the 9,200 pages it indexes of 10,000 briefings). A language with many
pages has them in several bundles (`pagefind/` and `pagefind-<lang>-pages-<n>/`, the bundle's
`shards`; `shard_count`), and a site with more than `SHARD_PAGES` pages runs Pagefind once at a
time; the search box merges a language's shards into one search (Pagefind's `mergeIndex`), with
one vocabulary for all its pages, so a query fetches one more index chunk for each shard.

Each bundle is indexed from a folder of hard links to its pages (or of its records), since
Pagefind's program indexes a folder, not a list of files. A site in one language with no text
in another, and not in shards, is indexed in place.

**Reuse.** Pagefind cannot add to an index: it makes a bundle from all its pages. So a bundle
is kept (in the build's cache, `Store.put_folder`) under the digest of what Pagefind reads to
make it, and a build whose pages say the same to search takes it from there. A language's only
bundle is keyed by the bytes of its pages; a shard, by what Pagefind reads of each page
(`_searched`: its content without the regions left out of search, its title, metas and
filters), since an edited summary changes the bytes of the pages around it (related briefings,
actors) but the searched text of its own page only. A page's shard is chosen by the digest of
its address, so that it stays in its shard whatever other pages come and go. Vocabularies are
kept by their words, and the passages by their text. With `n` pages, a language has about
`sqrt(n / SHARD_BALANCE)` shards (2 for 1,000 briefings, 5 for 10,000): an edit indexes one
shard again, `n / sqrt(n)` pages, and a query fetches a chunk from each of `sqrt(n)` shards.

Pagefind runs as its command-line program (shipped by `pagefind[bin]`), not through its
Python API: the API stops its indexing process as soon as that process acknowledges the
request to write, and on a busy machine files such as `pagefind-entry.json` were then
missing. The program exits only once every file is written.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
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

from .pagecache import Store, digest, link
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
SHARD_BALANCE = 500
"""Pages for which a language is in as many bundles as the square root of its pages divided by
this: after an edit, Pagefind indexes again the bundle of each page whose text changed, and a
query fetches a chunk of every bundle, so the two costs grow alike (see "Reuse")."""
VOCABULARY_MARK = "\u01c2"
"""Ends every word of a vocabulary: a letter (Pagefind keeps it in the word) that no query
holds, so that a marked word is never the prefix of a query that Pagefind backtracks to."""

_HTML_LANG = re.compile(rb"<html[^>]*?\slang=\"([^\"]+)\"")
_FOREIGN = re.compile(rb' dir="(?:ltr|rtl)" data-pagefind-ignore>')  # as the templates write it


BEHIND = 10
"""The niceness of Pagefind indexing behind other work (`index_site`'s `behind`)."""
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
    behind: bool = False,
) -> int:
    """Index every page of a built site for search, each in its own language (see above), into
    `site_dir/pagefind*/`; return how many pages were indexed. A long run says on `progress`
    how many pages it indexes and for how long it has been running. A language with more than
    `shard_pages` pages has them in as many bundles as it takes (see above). `behind`:
    Pagefind runs at a lower priority, behind what else the machine does (a preview's next
    build, while the search index of its last one is made).

    With a `cache`, each bundle is kept by the digest of what Pagefind reads to make it (see
    "Reuse" above), and a bundle whose pages say what they said is taken from there instead
    of being indexed again. The text in other languages found on a page is kept too, by the
    digest of the page."""
    site_language = _base(language)
    pages: dict[str, list[Path]] = defaultdict(list)  # by the language of their bundle
    page_languages: set[str] = set()  # of the pages not in the site's bundle, as written
    foreign: list[tuple[Path, bytes, str]] = []  # pages with text searched in another bundle
    read: dict[Path, bytes] = {}  # the digest of each page with content to search
    for path, html in _pages(site_dir):
        page_language = _page_language(html, site_language)
        bundle_language = searched_as(page_language, site_language)
        if b"data-pagefind-body" in html:  # content to search
            pages[bundle_language].append(path)
            read[path] = hashlib.sha256(html).digest()
        if bundle_language != site_language:
            page_languages.add(page_language)
        if _FOREIGN.search(html):
            foreign.append((path, html, page_language))
    records: dict[str, list[_Record]] = defaultdict(list)
    for path, html, page_language in foreign:
        for record in _foreign_text_kept(cache, path, html, page_language):
            records[searched_as(record.language, site_language)].append(record)
    languages = [site_language, *sorted((set(pages) | set(records)) - {site_language})]
    searchable = sum(len(found) for found in pages.values())
    shards = {each: _shards(pages[each], shard_pages) for each in languages}
    searched = _Searched(cache, site_dir, read)
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
    jobs: list[_Job] = []
    for bundle, each in zip(bundles, languages, strict=True):
        bundle["vocabulary"] = [f"{BUNDLE}-{each}-vocabulary-{part}" for part in bundle["parts"]]
        names = [bundle["pages"], *bundle["shards"]]
        if each == site_language and len(names) == 1:
            # The site's bundle is indexed in place, leaving out the pages of the other
            # bundles (whose content says its language, theme/main.html).
            leave_out = [f'[data-pagefind-body][lang|="{lang}"]' for lang in sorted(page_languages)]
            said = [f"{path}\n{page.hex()}" for path, page in sorted(read.items())]
            jobs.append(_Job(names[0], PAGES, each, said, None, len(pages[each]), leave_out))
            continue
        for name, shard in zip(names, shards[each], strict=True):
            # A shard among others is kept by what Pagefind reads of its pages, since an edit
            # changes the bytes of the pages around it, not what they say to search; a
            # language's only bundle is made again when any of its pages changes anyway.
            of = searched.of if len(names) > 1 else read.__getitem__
            said = [str(path) + "\n" + of(path).hex() for path in shard]
            layout = partial(_link_pages, site_dir, pages=shard, language=each)
            jobs.append(_Job(name, PAGES, each, said, layout, len(shard)))
    for bundle, each in zip(bundles, languages, strict=True):
        if passages := bundle["passages"]:
            said = [
                json.dumps([str(r.path), r.language, r.title, r.passages]) for r in records[each]
            ]
            layout = partial(_write_records, records=records[each])
            jobs.append(_Job(passages, PASSAGES, UNSTEMMED, said, layout))
    searched.keep()
    # Pagefind holds all it indexes in memory, about a quarter of a megabyte a page: a large
    # site is indexed one bundle at a time, each of `shard_pages` pages at most.
    together = searchable <= shard_pages
    with _Indexer(site_dir, cache, progress, together, behind) as indexer:
        made = indexer.run(jobs)
        # Each vocabulary is of the words of the indexes just made or taken.
        words = {job.name: found.words for job, found in zip(jobs, made, strict=True)}
        vocabularies = []
        for bundle in bundles:
            folders = {PAGES: [bundle["pages"], *bundle["shards"]], PASSAGES: [bundle["passages"]]}
            for part, name in zip(bundle["parts"], bundle["vocabulary"], strict=True):
                found = sorted(set().union(*(words[folder] for folder in folders[part])))
                layout = partial(_write_vocabulary, part=part, words=found)
                vocabularies.append(_Job(name, f"{part}-words", UNSTEMMED, found, layout))
        indexer.run(vocabularies)
    # Pages, less the placeholders of languages with none.
    page_bundles = (found.count for job, found in zip(jobs, made, strict=True) if job.part == PAGES)
    indexed = sum(page_bundles) - sum(1 for each in languages[1:] if not pages[each])
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
    return indexed


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
    """`pages` in as many bundles as `shard_count` says, one at least (maybe empty), each
    page in the one its address's digest falls to: a page stays in its bundle from build to
    build, whichever pages are added or removed, as long as their number is (see "Reuse")."""
    count = shard_count(len(pages), most)
    shards: list[list[Path]] = [[] for _ in range(count)]
    for path in pages:
        shards[int.from_bytes(hashlib.sha256(str(path).encode()).digest()[:8]) % count].append(path)
    return [shard for shard in shards if shard] or [[]]


def shard_count(pages: int, most: int = SHARD_PAGES) -> int:
    """How many bundles a language's `pages` are indexed in: enough for `most` pages each,
    and the square root of `pages / SHARD_BALANCE`, whichever is more."""
    return max(1, -(-pages // most), math.ceil(math.sqrt(pages / SHARD_BALANCE)))


@dataclass(frozen=True)
class _Job:
    """A bundle of the site, and what Pagefind reads to make it."""

    name: str
    """Its folder in the site."""
    part: str
    """PAGES, PASSAGES, or the words of either (a vocabulary)."""
    language: str
    """The language Pagefind indexes it as."""
    said: Sequence[str]
    """What Pagefind reads of each page it indexes, the key of the bundle made from it."""
    layout: Callable[[Path], None] | None
    """Writes the folder of pages it is made from; None: the site itself."""
    pages: int = 0
    """How many of the site's pages it indexes, for progress."""
    leave_out: Sequence[str] = ()
    """CSS selectors of what to leave out of the pages."""

    @property
    def key(self) -> str:
        return "bundle-" + digest([self.part, self.language, *self.leave_out, "", *self.said])


@dataclass(frozen=True)
class _Made:
    count: int
    """How many pages Pagefind indexed."""
    words: frozenset[str]
    """The words of the index, as Pagefind wrote them (`_words`), for a vocabulary."""


_COUNT, _WORDS = ".indexed", ".words"
"""Beside a bundle kept in the cache: its `_Made`."""


class _Indexer:
    """Makes bundles of the site, or takes them from the cache when one was made from what
    its pages say now; in a scratch folder beside the site, for the folders of pages that
    Pagefind indexes."""

    def __init__(
        self, site_dir: Path, cache: Store | None, progress: Progress, together: bool, behind: bool
    ) -> None:
        self.site_dir, self.cache, self.progress = site_dir, cache, progress
        self.together = together
        """Whether Pagefind may index all the bundles at once, rather than one at a time."""
        self.niceness = BEHIND if behind else 0
        self.scratch = tempfile.TemporaryDirectory(prefix=".search-", dir=site_dir.parent)
        self.indexing: Tally | None = None

    def __enter__(self) -> _Indexer:
        return self

    def __exit__(self, *_: object) -> None:
        if self.indexing is not None:
            self.indexing.finish()
        self.scratch.cleanup()

    def run(self, jobs: Sequence[_Job]) -> list[_Made]:
        """Each of `jobs`, made or taken."""
        made: dict[int, _Made] = {}
        for n, job in enumerate(jobs):
            kept = self.cache.get_folder(job.key) if self.cache is not None else None
            if kept is not None and (taken := _taken(kept, self.site_dir / job.name)):
                made[n] = taken
        pending = [n for n in range(len(jobs)) if n not in made]
        if pending and self.indexing is None:
            # The caller says the last word, with the count Pagefind gives.
            pages = sum(jobs[n].pages for n in pending)
            stage = Stage(f"Indexing {pages:,} pages for search", None, counted=False)
            self.indexing = self.progress.stage(stage, pages)
        starts = [partial(self._start, jobs[n]) for n in pending]
        counts = _run(starts, self.indexing or Tally(), together=self.together)
        for n, count in zip(pending, counts, strict=True):
            job, bundle = jobs[n], self.site_dir / jobs[n].name
            words = frozenset(_words(bundle)) if job.part in (PAGES, PASSAGES) else frozenset()
            made[n] = _Made(count, words)
            if self.cache is not None:
                self.cache.put_folder(job.key, partial(_keep, bundle, made[n]))
        return [made[n] for n in range(len(jobs))]

    def _start(self, job: _Job) -> subprocess.Popen[str]:
        bundle = self.site_dir / job.name
        if bundle.exists():  # a preview's earlier one, maybe linked to the cache's
            shutil.rmtree(bundle)
        tree = self.site_dir
        if job.layout is not None:
            tree = Path(self.scratch.name) / job.name
            job.layout(tree)
        process = _start_pagefind(tree, bundle, job.language, job.leave_out)
        if self.niceness and hasattr(os, "setpriority"):  # before it starts its threads
            with contextlib.suppress(OSError):  # it may have failed already
                os.setpriority(os.PRIO_PROCESS, process.pid, self.niceness)
        return process


def _keep(bundle: Path, made: _Made, kept: Path) -> None:
    """Keep a copy of `bundle` in `kept` (`pagecache.link`: a build removes a bundle
    before making it again)."""
    shutil.copytree(bundle, kept, copy_function=link, dirs_exist_ok=True)
    (kept / _COUNT).write_text(str(made.count), encoding="utf-8")
    (kept / _WORDS).write_text("\n".join(sorted(made.words)), encoding="utf-8")


def _taken(kept: Path, bundle: Path) -> _Made | None:
    """Put the bundle `kept` in the site as `bundle`; what made it, or None if what is kept
    cannot be read (damaged outside the build: it is made again)."""
    try:
        count = int((kept / _COUNT).read_text(encoding="utf-8"))
        said = (kept / _WORDS).read_text(encoding="utf-8")
        if bundle.exists():
            shutil.rmtree(bundle)
        ignore = shutil.ignore_patterns(_COUNT, _WORDS)
        shutil.copytree(kept, bundle, copy_function=link, ignore=ignore)
    except (OSError, ValueError):
        shutil.rmtree(bundle, ignore_errors=True)
        return None
    return _Made(count, frozenset(said.split("\n")) if said else frozenset())


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


# What Pagefind takes from anywhere on a page: a filter, a meta or a sort (also inside a region
# left out of search, unless it says "all"), and its default title and image, the first h1 and
# the first image after it (pagefind.app/docs/metadata).
_MARKED = etree.XPath(
    "//*[@*[starts-with(name(), 'data-pagefind-') and name() != 'data-pagefind-ignore'"
    " and name() != 'data-pagefind-body']] | //*[@data-pagefind-ignore = 'all']"
    " | (//h1)[1] | (//h1)[1]/following::img[1]"
    " | (//*[@data-pagefind-body]//h1)[1] | (//*[@data-pagefind-body]//h1)[1]/following::img[1]"
)
_LEFT_OUT = etree.XPath("//*[@data-pagefind-body]//*[@data-pagefind-ignore]")
_CONTENT = etree.XPath("//*[@data-pagefind-body]")
_VALUED = ("data-pagefind-meta", "data-pagefind-filter", "data-pagefind-sort")


def _searched(html: bytes) -> bytes:
    """What Pagefind reads of a page, as a digest: its language and title; every element
    that tells Pagefind something, with its attributes (and its text, for a meta, a filter or
    a sort), and the first h1 and the image after it, wherever they are; and its content
    without the regions left out of search. A page indexed again with the same digest adds
    the same to the index, whatever else of it changed (related briefings, the navigation)."""
    document = lxml.html.document_fromstring(html, parser=_UTF8)
    said: list[str | bytes] = [document.get("lang") or "", document.findtext(".//title") or ""]
    for element in _MARKED(document):
        said += [str(element.tag), json.dumps(sorted(element.attrib.items()))]
        if element.tag == "h1" or any(name.startswith(_VALUED) for name in element.attrib):
            said.append(element.text_content())
    for element in _LEFT_OUT(document):
        element.drop_tree()
    said += [etree.tostring(content) for content in _CONTENT(document)]
    return hashlib.sha256(digest(said).encode()).digest()


class _Searched:
    """`_searched` of each page, by the digest of its bytes, kept in the cache from build to
    build: a page is read again only when it changed."""

    ENTRY = "searched"

    def __init__(self, cache: Store | None, site_dir: Path, read: dict[Path, bytes]) -> None:
        self.cache, self.site_dir, self.read = cache, site_dir, read
        kept = (cache.get(self.ENTRY) if cache is not None else None) or b""
        self.known = {kept[n : n + 32]: kept[n + 32 : n + 64] for n in range(0, len(kept), 64)}
        self.used: dict[bytes, bytes] = {}

    def of(self, path: Path) -> bytes:
        page = self.read[path]
        found = self.used.get(page) or self.known.get(page)
        if found is None:
            found = _searched((self.site_dir / path).read_bytes())
        self.used[page] = found
        return found

    def keep(self) -> None:
        """Keep what this build used, if it read a page or left one out."""
        if self.cache is not None and self.used.keys() != self.known.keys():
            self.cache.put(self.ENTRY, b"".join(page + said for page, said in self.used.items()))


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
        link(site_dir / path, target)
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


def _write_vocabulary(tree: Path, part: str, words: Sequence[str]) -> None:
    """A folder with a page for a part of a bundle, holding its words, each marked, and
    filtered as `<part>-words`. A word with a character Pagefind leaves out of a word (as in
    a compound's part, "«bbc") could be split into unmarked words: it is left out, and so is a
    query for it, which a reader cannot type. The mark alone, which no query begins, keeps a
    part with no word from being an empty page, which Pagefind would refuse to index."""
    target = tree / part / "index.html"
    target.parent.mkdir(parents=True)
    marked = " ".join(
        [VOCABULARY_MARK, *(word + VOCABULARY_MARK for word in sorted(words) if _whole(word))]
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
    command = _pagefind_command(tree, bundle, language, leave_out)
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _pagefind_command(
    tree: Path, bundle: Path, language: str, leave_out: Sequence[str]
) -> list[str]:
    return [
        str(pagefind_bin.get_executable()),
        "--site", str(tree),
        "--output-path", str(bundle),
        "--force-language", language,
        # Permalink anchors ("¶") would otherwise end every result title.
        "--exclude-selectors", ", ".join([".headerlink", *leave_out]),
    ]  # fmt: skip


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
