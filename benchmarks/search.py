"""Compare the site's search (Pagefind) with Material's own (lunr) on archives of N briefings.

    python benchmarks/search.py [--sizes 100,1000,10000] [--repeat 3] [--json FILE]

For each N, the synthetic archive of `run.py` (`benchmarks/synthetic.py`, seed 0) is built
into two sites:

- **Pagefind**, the site as shipped: `mkdocs build` with the briefings plugin, whose
  `on_post_build` indexes the built pages into `site/pagefind/`; searched through our box
  (`theme/assets/javascripts/search.js`).
- **Material**: the same pages, pre-rendered by `site_output` + `write_tree` as for run.py's
  plain-MkDocs baseline, built by MkDocs + Material with `plugins: [search]` (its defaults)
  and Material's own header and search box (our `partials/header.html`, which puts
  Pagefind's box in its place, is left out). Its plugin writes the text of every indexed
  page, section by section, into one `search/search_index.json`.

Both index the same text. Both leave out the list pages (`search: exclude: true` in their
front matter) and read only the page's content, not the navigation around it. Pagefind also
skips what our pages mark `data-pagefind-ignore` (the lists of other briefings) and every
`nav` element (the older and newer briefings); in the Material site's pages those elements
get `data-search-exclude`, Material's equivalent.

**Builds**: each is one `mkdocs build` in its own process (`benchmarks/timed_build.py`):
its wall time and peak memory, and the time spent indexing inside it: Pagefind's
`on_post_build` (its indexer is a separate program), and Material's search plugin's
`on_page_context` (each page's HTML parsed into sections) plus `on_post_build` (the JSON
written). The Material build starts from pages already rendered, so its wall time has none
of our rendering in it: only the indexing times compare.

**Index sizes**: `site/pagefind/` (index chunks, fragments, metadata, the WebAssembly
searcher and the two scripts; Pagefind stores its chunks and fragments gzip-compressed), and
`search/search_index.json`, also gzipped at level 6 as a compressing server would send it;
and each divided by the number of public briefings (the pages of actors and guides are in
both indexes too).

**In the browser**: each site is served from a thread of this process by Python's
`http.server` on 127.0.0.1 (no compression; no `Cache-Control`, so Chromium caches by its
own rules) and opened in headless Chromium (Playwright, `/usr/bin/chromium` or `$CHROMIUM`)
at 1280 x 900, where the search box sits in the header. In each of `--repeat` rounds, for
each site, a fresh browser context (empty cache) loads the home page, waits for its `load`
event, clicks the search box and types the first query of `QUERIES`, one key every 100 ms,
as a quick reader would; characters that are not on a US keyboard are inserted as an input
method does, then given a `keyup`, which Material's box listens to. Then, on the same page,
for each following query, it clears the box, waits for the list to empty, pauses 250 ms
and types the query the same way. Last, it opens another page (`NEXT_PAGE`), with the
browser's cache as the round left it, and types the first query again there.

Times run from the moment the script sends a query's last key to the browser to the first
change of the result list that puts a result link for that query in it, seen in the page by
a MutationObserver (so before the browser paints it, which follows within a frame); the
page's clock and the script's are the same machine's. So a page too busy to take the key at
once (parsing an index, say) is slower by that much too.
The list shows a query when, for our box, the result count's `data-query` names it, and for
Material's, when the answer being rendered is the search worker's answer to that query (the
worker answers queries one by one, in order; the script notes each query sent to it).
Both boxes wait in their own way, and the times include it: ours searches after a pause of
120 ms in typing (search.js), so that is part of every time of ours; Material's searches on
every `keyup`, with no pause, and while a reader types its worker answers each prefix in
turn, the full query's answer last. Neither box searches before its index is loaded.

The *first query* includes loading the index. Pagefind starts loading when the box gets
focus (search.js imports `pagefind.js` then) and fetches the index chunks and result
fragments a query needs. **Material fetches the whole `search_index.json` as soon as any
page loads** (its `bundle.js` does, over http:, whether the reader searches or not), parses
it, hands it to its worker, and the worker builds the lunr index from it, again on every
page opened; a reader who types at once waits for what remains of that, which is what the
first-query time shows. "Index built" is when the worker said so, from the start of the
page's navigation. *Following queries* are the ones typed next on the same page.

*Results* are the count each box reports, in pages (Material groups a page's sections into
one result; its list says "1.2k" above 999, so the worker's exact count is used). Pagefind
finds the pages with every word of a query; Material's lunr those with any word, or a word
starting with it, and ranks higher the pages with more of the words.

**Bytes** are counted by the server: the bodies it sent for the search's own files, whenever
they were asked for: `pagefind*/*` for ours (every bundle the box loads);
`search/search_index.json`, Material's search worker and any lunr language file for Material.
Not counted: the pages, and the box's own code (search.js, 5 KiB, loaded by every page of our
site; Material's is in its `bundle.js`).
"If the server gzips" replaces each `.js` and `.json` file's size by its size gzipped at
level 6. *First query* counts the files sent before its first result showed, page load
included; *all queries* those of the home page's whole round; *next page* those sent for the
next page (what the browser's cache did not already hold).

Figures are medians over the rounds. The queries come from the vocabulary of
`benchmarks/corpus.py` and the registry of `benchmarks/synthetic.py`, each chosen from one of
the first briefings, which every archive has, so that each has results at every N.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import statistics
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import (  # noqa: E402
    KB,
    MB,
    baseline_project,
    copy_project,
    folder_size,
    run_process,
)
from benchmarks.synthetic import write_archive  # noqa: E402
from generator.search import BUNDLE  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")  # fmt: skip
"""Debian's chromium, headless, without the background services a measurement (or a browser
test, which launches it the same way) must not wait on."""
VIEWPORT = {"width": 1280, "height": 900}
_SEARCH_SCRIPT = (ROOT / "theme/assets/javascripts/search.js").read_text(encoding="utf-8")
TYPING_PAUSE = int(re.search(r"setTimeout\(search, (\d+)\)", _SEARCH_SCRIPT)[1])  # type: ignore[index]
"""Milliseconds our search box waits after a key for the next one before it searches."""
KEY_DELAY = 100
"""Milliseconds between two keys: a fast reader's typing, 10 characters a second."""
NEXT_PAGE = "about/"
"""The page a reader opens next, where the first query is typed again."""
PAUSE = 250
"""Milliseconds between the list emptying and the next query's first key."""
QUERY_TIMEOUT = 600_000
"""Milliseconds a query may take before it counts as failed: a guard, not a target."""
GZIP_LEVEL = 6

QUERIES = (
    ("common word", "sanctions"),
    ("rare word", "cholera"),
    ("person", "Lucas Pereira"),
    ("non-Latin name", "Смирнова"),
    ("two words", "drone strike"),
)
"""What a reader types, in order; the first is the first query on a fresh page."""

PAGEFIND = "Pagefind"
MATERIAL = "Material"
BACKENDS = {PAGEFIND: "Pagefind (ours)", MATERIAL: "Material search (lunr)"}

RECORDER = """
(material) => {
  const record = { origin: performance.timeOrigin, keys: [], shown: [], answers: [],
                   ready: null };
  window.__searchRecord = record;
  let answered = null;
  document.addEventListener("input", (event) => {
    if (event.target.matches?.("input.md-search__input")) record.keys.push(performance.now());
  }, true);
  if (material) {
    // Material's search worker answers queries one by one, in order: note which query each
    // answer is for, before Material's own listener renders it. Its message types are
    // SETUP 0, READY 1, QUERY 2 and RESULT 3 (SearchMessageType in Material's sources).
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        const asked = [];
        const post = this.postMessage.bind(this);
        this.postMessage = (message, ...rest) => {
          if (message?.type === 2) asked.push(message.data);
          post(message, ...rest);
        };
        this.addEventListener("message", ({ data }) => {
          if (data?.type === 1) record.ready = performance.now();
          if (data?.type === 3) {
            answered = asked.shift();
            record.answers.push({ query: answered, count: data.data.items.length });
          }
        });
      }
    };
  }
  document.addEventListener("DOMContentLoaded", () => {
    const list = document.querySelector(".md-search-result__list");
    const meta = document.querySelector(".md-search-result__meta");
    const observer = new MutationObserver(() => record.shown.push({
      t: performance.now(),
      query: material ? answered : (meta.dataset.query ?? null),
      links: list.querySelectorAll("li a").length,
      meta: meta.textContent,
    }));
    observer.observe(list, { childList: true, subtree: true });
    observer.observe(meta, { childList: true, characterData: true, subtree: true,
                             attributes: true });
  });
}
"""
"""Recorded in each page before its own scripts run: when each character reached the search
box, and each change of the result list with the query it shows."""

ANSWERED = """
(query) => {
  const record = window.__searchRecord;
  const typed = record.keys.at(-1) ?? 0;
  return record.shown.some((s) => s.t >= typed && s.query === query &&
                                  (s.links > 0 || s.meta.startsWith("No matching")));
}
"""

CLEARED = """
(material) => {
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const answers = window.__searchRecord.answers;
  const idle = material ? answers.at(-1)?.query === "" : meta.dataset.query === undefined;
  return idle && list.querySelector("li") === null;
}
"""

KEYUP = """(key) => document.activeElement.dispatchEvent(
  new KeyboardEvent("keyup", { key, bubbles: true }))"""


# --- Building and sizing ------------------------------------------------------------------------


@dataclass
class Backend:
    """One search backend at one N: its build, its index, and what a reader's browser did."""

    name: str
    build_wall: float = 0.0
    indexing: float = 0.0
    """Seconds of the build spent indexing for search (see the module's doc)."""
    peak_rss: int = 0
    index_bytes: int = 0
    index_gzip: int = 0
    """Material's search_index.json gzipped; 0 for Pagefind, whose chunks are gzip already."""
    index_files: int = 0
    pages: int = 0
    """Pages in the index."""
    documents: int = 0
    """Entries in the index: pages for Pagefind, sections of pages for Material."""
    first_ms: list[float] = field(default_factory=list)
    """Per round: the first query's last key to its first result, in ms."""
    following_ms: dict[str, list[float]] = field(default_factory=dict)
    """Per following query, per round, in ms."""
    results: dict[str, list[int]] = field(default_factory=dict)
    """Per query, per round: the results the box reported."""
    first_bytes: list[int] = field(default_factory=list)
    first_gzip: list[int] = field(default_factory=list)
    all_bytes: list[int] = field(default_factory=list)
    all_gzip: list[int] = field(default_factory=list)
    ready_ms: list[float] = field(default_factory=list)
    """Material: navigation start to its worker's index being built, per round."""
    next_page_ms: list[float] = field(default_factory=list)
    """Per round: the first query again, on the next page the reader opens."""
    next_page_bytes: list[int] = field(default_factory=list)
    next_ready_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def following(self) -> float:
        """The median of every following query in every round, in ms."""
        times = [t for runs in self.following_ms.values() for t in runs]
        return statistics.median(times) if times else float("nan")


@dataclass
class Comparison:
    n: int
    public: int = 0
    backends: dict[str, Backend] = field(default_factory=dict)


def for_material_search(page: str) -> str:
    """A page's Markdown with what Pagefind leaves out of its index marked for Material's
    indexer to leave out too: the elements marked `data-pagefind-ignore` (lists of other
    briefings), and `nav` elements (the older and newer briefings), which Pagefind always
    skips. Text in another language that Pagefind leaves out of its page's bundle, to search
    it with its language's (`generator.search`), stays in Material's one index."""
    page = re.sub(r' (dir="(?:ltr|rtl)") data-pagefind-ignore>', r" \1>", page)
    page = page.replace(" data-pagefind-ignore", " data-search-exclude")
    return page.replace("<nav ", "<nav data-search-exclude ")


def build_sites(n: int, work: Path) -> tuple[Path, Path, Comparison]:
    """Write the archive and build it both ways; return both sites and their build figures."""
    comparison = Comparison(n)
    project = copy_project(work / "pagefind")
    print(f"\n== N = {n:,}: writing the archive ...", flush=True)
    write_archive(project / "briefings", n)
    print("   rendering the pages for plain MkDocs ...", flush=True)
    material = baseline_project(work / "material", project / "briefings", "[search]")
    # Material's own header, with its search box, in place of ours with Pagefind's.
    for partial in ("header.html", "pagefind.html"):
        (material / "theme" / "partials" / partial).unlink()
    for page in (material / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        marked = for_material_search(text)
        if marked != text:
            page.write_text(marked, encoding="utf-8")
    timed_build = [sys.executable, str(ROOT / "benchmarks" / "timed_build.py")]
    for name, folder in ((PAGEFIND, project), (MATERIAL, material)):
        print(f"   mkdocs build, {BACKENDS[name]} ...", flush=True)
        report = work / f"{name}.json"
        process = run_process([*timed_build, str(folder), str(report)], folder, work / "build.log")
        seconds = json.loads(report.read_text(encoding="utf-8"))["seconds"]
        hooks = ("on_post_build",) if name == PAGEFIND else (
            "search.on_page_context", "search.on_post_build")  # fmt: skip
        comparison.backends[name] = Backend(
            name,
            build_wall=process.wall,
            indexing=sum(seconds.get(hook, 0.0) for hook in hooks),
            peak_rss=max(process.peak_rss, process.peak_tree),
        )
    comparison.public = len(list((project / "site" / "briefings").glob("*/index.html")))
    return project / "site", material / "site", comparison


def measure_indexes(pagefind_site: Path, material_site: Path, comparison: Comparison) -> None:
    pagefind = comparison.backends[PAGEFIND]
    bundle = pagefind_site / BUNDLE
    pagefind.index_bytes = folder_size(bundle)
    pagefind.index_files = sum(1 for path in bundle.rglob("*") if path.is_file())
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    pagefind.pages = pagefind.documents = sum(
        language["page_count"] for language in entry["languages"].values()
    )

    material = comparison.backends[MATERIAL]
    index = material_site / "search" / "search_index.json"
    data = index.read_bytes()
    material.index_bytes = len(data)
    material.index_gzip = len(gzip.compress(data, GZIP_LEVEL))
    material.index_files = 1
    docs = json.loads(data)["docs"]
    material.documents = len(docs)
    material.pages = len({doc["location"].split("#")[0] for doc in docs})


# --- In the browser -----------------------------------------------------------------------------


class _Recording(SimpleHTTPRequestHandler):
    """Serves a folder, noting the path and body size of every file it sends."""

    def __init__(self, *args: Any, sent: list[tuple[str, int]], **kwargs: Any) -> None:
        self.sent = sent  # before the base class handles the request
        super().__init__(*args, **kwargs)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        start = source.tell()
        super().copyfile(source, outputfile)
        self.sent.append((urlsplit(self.path).path, source.tell() - start))

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """The site served on 127.0.0.1 from a thread; yields its base URL and the list, growing
    as they are sent, of the files it sent with their sizes."""
    sent: list[tuple[str, int]] = []
    handler = functools.partial(_Recording, directory=str(site), sent=sent)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


def is_search_file(name: str, path: str) -> bool:
    """Whether a URL path is one of the backend's own search files (see the module's doc)."""
    if name == PAGEFIND:
        return path.startswith(f"/{BUNDLE}")  # every bundle: pagefind-ru/, its passages, ...
    return path == "/search/search_index.json" or path.startswith(
        ("/assets/javascripts/workers/search.", "/assets/javascripts/lunr/")
    )


class Sizes:
    """Each served file's size gzipped, computed once."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self._gzipped: dict[str, int] = {}

    def gzipped(self, path: str, size: int) -> int:
        if not path.endswith((".js", ".json")) or size == 0:
            return size
        if path not in self._gzipped:
            data = (self.site / unquote(path).lstrip("/")).read_bytes()
            self._gzipped[path] = len(gzip.compress(data, GZIP_LEVEL))
        return self._gzipped[path]


def type_query(page: Page, query: str) -> float:
    """Type into the focused box one key at a time (see the module's doc for non-US keys);
    return when the last key was sent, in ms since the epoch."""
    sent = 0.0
    for i, character in enumerate(query):
        if i:
            page.wait_for_timeout(KEY_DELAY)
        sent = time.time() * 1000
        if character.isascii():
            page.keyboard.type(character)
        else:
            page.keyboard.insert_text(character)
            page.evaluate(KEYUP, character)
    return sent


def results_of(name: str, query: str, record: dict[str, Any]) -> int:
    """The results the box reported for `query`, the last time it was answered."""
    if name == MATERIAL:
        counts = [a["count"] for a in record["answers"] if a["query"] == query]
        return int(counts[-1])
    shown = [s for s in record["shown"] if s["query"] == query][-1]
    counted = re.match(r"(\d+) matching", str(shown["meta"]))
    return int(counted[1]) if counted else 0


def timed_query(page: Page, query: str) -> tuple[float, dict[str, Any]]:
    """Type `query` into the focused box and wait for its results; return the ms from sending
    its last key to its first result link, and the page's record so far."""
    sent = type_query(page, query)
    page.wait_for_function(ANSWERED, arg=query, timeout=QUERY_TIMEOUT, polling=20)
    record: dict[str, Any] = page.evaluate("() => window.__searchRecord")
    typed = record["keys"][-1]
    shown = [s["t"] for s in record["shown"]
             if s["t"] >= typed and s["query"] == query and s["links"] > 0]  # fmt: skip
    # The page's clock counts from its navigation; both clocks are this machine's.
    return (record["origin"] + min(shown) - sent if shown else float("nan")), record


def search_round(
    browser: Browser, url: str, sent: list[tuple[str, int]], backend: Backend, sizes: Sizes
) -> None:
    """A fresh browser: every query typed in turn on the home page, then the first query again
    on another page; the figures are appended to `backend`."""
    material = backend.name == MATERIAL
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    context.set_default_timeout(QUERY_TIMEOUT)
    page = context.new_page()
    page.add_init_script(f"({RECORDER})({'true' if material else 'false'})")
    crashed: list[str] = []
    page.on("crash", lambda _: crashed.append("the tab crashed"))
    first, *following = (query for _, query in QUERIES)
    # Where the server's list of files sent stood: at the start, at the first query's first
    # result, and before the next page.
    marks = [len(sent)]
    try:
        page.goto(url, wait_until="load")
        page.click("input.md-search__input")
        first_ms, record = timed_query(page, first)
        marks.append(len(sent))
        times = {}
        for query in following:
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            page.wait_for_function(CLEARED, arg=material)
            page.wait_for_timeout(PAUSE)
            times[query], record = timed_query(page, query)
        marks.append(len(sent))
        page.goto(url + NEXT_PAGE, wait_until="load")
        page.click("input.md-search__input")
        next_ms, next_record = timed_query(page, first)
    except PlaywrightError as error:
        reason = crashed[0] if crashed else str(error).splitlines()[0]
        backend.failures.append(f"{reason} (round {len(backend.first_ms) + 1})")
        context.close()
        return
    context.close()

    backend.first_ms.append(first_ms)
    for query in following:
        backend.following_ms.setdefault(query, []).append(times[query])
    backend.next_page_ms.append(next_ms)
    for query in (first, *following):
        backend.results.setdefault(query, []).append(results_of(backend.name, query, record))
    if record["ready"] is not None:
        backend.ready_ms.append(record["ready"])
    if next_record["ready"] is not None:
        backend.next_ready_ms.append(next_record["ready"])

    def downloaded(files: list[tuple[str, int]]) -> tuple[int, int]:
        searched = [(path, size) for path, size in files if is_search_file(backend.name, path)]
        return sum(size for _, size in searched), sum(
            sizes.gzipped(path, size) for path, size in searched
        )

    start, first_query, home = marks
    size, gzipped = downloaded(sent[start:first_query])
    backend.first_bytes.append(size)
    backend.first_gzip.append(gzipped)
    size, gzipped = downloaded(sent[start:home])
    backend.all_bytes.append(size)
    backend.all_gzip.append(gzipped)
    backend.next_page_bytes.append(downloaded(sent[home:])[0])


def measure_searches(
    browser: Browser, sites: dict[str, Path], comparison: Comparison, rounds: int
) -> None:
    for name, site in sites.items():
        backend = comparison.backends[name]
        sizes = Sizes(site)
        with served(site) as (url, sent):
            for run in range(rounds):
                print(f"   searching, {BACKENDS[name]}, round {run + 1}/{rounds} ...", flush=True)
                search_round(browser, url, sent, backend, sizes)


# --- Printing -----------------------------------------------------------------------------------


def _size(value: float) -> str:
    if value >= MB:
        return f"{value / MB:,.1f} MiB"
    return f"{value / KB:,.1f} KiB"


def _median(values: list[float] | list[int]) -> float:
    return statistics.median(values) if values else float("nan")


def _ms(values: list[float] | list[int] | float) -> str:
    value = values if isinstance(values, float) else _median(values)
    return "-" if value != value else f"{value:,.0f} ms"  # nan: not measured


def _results(values: list[int]) -> str:
    if not values:
        return "-"
    shown = f"{values[0]:,}"
    return shown if len(set(values)) == 1 else f"{shown} (varied: {sorted(set(values))})"


def print_comparison(c: Comparison) -> None:
    ours, theirs = c.backends[PAGEFIND], c.backends[MATERIAL]

    def row(label: str, mine: str, material: str) -> None:
        print(f"  {label:<50} {mine:>18}  {material:>22}")

    rounds = max(len(ours.first_ms), len(theirs.first_ms))
    print(f"\nN = {c.n:,} briefings ({c.public:,} public)")
    row("", BACKENDS[PAGEFIND], BACKENDS[MATERIAL])
    row("mkdocs build, wall time", f"{ours.build_wall:,.1f} s", f"{theirs.build_wall:,.1f} s")
    row("  of which indexing for search", f"{ours.indexing:,.1f} s", f"{theirs.indexing:,.1f} s")
    row("  peak memory", _size(ours.peak_rss), _size(theirs.peak_rss))
    row("index on disk", _size(ours.index_bytes), _size(theirs.index_bytes))
    row("  gzipped, as a server would send it", "(chunks gzipped)", _size(theirs.index_gzip))
    row("  per public briefing", _size(ours.index_bytes / c.public),
        _size(theirs.index_bytes / c.public))  # fmt: skip
    row("  per public briefing, gzipped", "", _size(theirs.index_gzip / c.public))
    row("  files", f"{ours.index_files:,}", f"{theirs.index_files:,}")
    row("  pages indexed (entries)", f"{ours.pages:,}",
        f"{theirs.pages:,} ({theirs.documents:,} sections)")  # fmt: skip
    print(f"  in the browser, median of {rounds} fresh page load(s)")
    _, first = QUERIES[0]
    row(f"first query, {first!r}: last key to first result", _ms(ours.first_ms),
        _ms(theirs.first_ms))  # fmt: skip
    row("  index built in the worker, after navigation start", "-", _ms(theirs.ready_ms))
    row("search download, first query", _size(_median(ours.first_bytes)),
        _size(_median(theirs.first_bytes)))  # fmt: skip
    row("  if the server gzips .js and .json", _size(_median(ours.first_gzip)),
        _size(_median(theirs.first_gzip)))  # fmt: skip
    row(f"search download, all {len(QUERIES)} queries", _size(_median(ours.all_bytes)),
        _size(_median(theirs.all_bytes)))  # fmt: skip
    row("  if the server gzips .js and .json", _size(_median(ours.all_gzip)),
        _size(_median(theirs.all_gzip)))  # fmt: skip
    for label, query in QUERIES[1:]:
        row(f"following query, {query!r} ({label})", _ms(ours.following_ms.get(query, [])),
            _ms(theirs.following_ms.get(query, [])))  # fmt: skip
    row("following queries, median of all", _ms(ours.following), _ms(theirs.following))
    row("  of which the box waits for a pause in typing", f"{TYPING_PAUSE} ms", "none")
    row(f"next page ({NEXT_PAGE}), {first!r} again", _ms(ours.next_page_ms),
        _ms(theirs.next_page_ms))  # fmt: skip
    row("  index built in the worker, after navigation start", "-", _ms(theirs.next_ready_ms))
    row("  search download on that page", _size(_median(ours.next_page_bytes)),
        _size(_median(theirs.next_page_bytes)))  # fmt: skip
    for label, query in QUERIES:
        row(f"results, {query!r} ({label})", _results(ours.results.get(query, [])),
            _results(theirs.results.get(query, [])))  # fmt: skip
    for backend in (ours, theirs):
        for failure in backend.failures:
            print(f"  FAILED, {BACKENDS[backend.name]}: {failure}")


def print_conclusion(results: dict[int, Comparison]) -> None:
    """The largest N's comparison in a few lines: download, first and following queries."""
    largest = results[max(results)]
    ours, theirs = largest.backends[PAGEFIND], largest.backends[MATERIAL]
    print(f"\nAt N = {largest.n:,} ({largest.public:,} public briefings)")
    print(f"  {'':<46} {'Pagefind':>12} {'Material':>12} {'Material / Pagefind':>20}")

    def line(what: str, mine: float, material: float, unit: str) -> None:
        shown = _ms if unit == "ms" else _size
        ratio = material / mine if mine else float("nan")
        digits = 0 if ratio >= 10 else 1 if ratio >= 1 else 2
        times = "-" if ratio != ratio else f"{ratio:,.{digits}f} x"
        print(f"  {what:<46} {shown(mine):>12} {shown(material):>12} {times:>20}")

    line("first search, download", _median(ours.first_bytes), _median(theirs.first_bytes), "B")
    line("  if the server gzips .js and .json", _median(ours.first_gzip),
         _median(theirs.first_gzip), "B")  # fmt: skip
    line("first query, last key to first result", _median(ours.first_ms),
         _median(theirs.first_ms), "ms")  # fmt: skip
    line("following queries, median", ours.following, theirs.following, "ms")
    line("the first query again on the next page", _median(ours.next_page_ms),
         _median(theirs.next_page_ms), "ms")  # fmt: skip
    line("index on disk per public briefing", ours.index_bytes / largest.public,
         theirs.index_bytes / largest.public, "B")  # fmt: skip
    note = (
        "Material's download starts as soon as any page loads, searched or not; its worker had "
        f"built the index {_ms(theirs.ready_ms)} after navigation start (on the next page, "
        f"{_ms(theirs.next_ready_ms)}). Pagefind's times include the {TYPING_PAUSE} ms "
        "search.js waits for a pause in typing."
    )
    print(textwrap.fill(note, 96, initial_indent="  ", subsequent_indent="  "))


def failed(results: dict[int, Comparison]) -> list[str]:
    """Every search that failed or found nothing, as a line to print."""
    problems = []
    for c in results.values():
        for backend in c.backends.values():
            problems += [f"N = {c.n:,}, {backend.name}: {f}" for f in backend.failures]
            for query, counts in backend.results.items():
                if not counts or min(counts) == 0:
                    problems.append(f"N = {c.n:,}, {backend.name}: nothing found for {query!r}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated N (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh page loads per site")
    parser.add_argument("--json", type=Path, help="also write the raw results to this file")
    options = parser.parse_args()
    sizes = [int(size.replace("_", "")) for size in options.sizes.split(",")]
    if not Path(CHROMIUM).exists():
        sys.exit(f"no browser at {CHROMIUM}: install Debian's chromium or set CHROMIUM")

    results: dict[int, Comparison] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        for n in sizes:
            with tempfile.TemporaryDirectory(prefix=f"briefings-search-{n}-") as tmp:
                pagefind_site, material_site, comparison = build_sites(n, Path(tmp))
                measure_indexes(pagefind_site, material_site, comparison)
                sites = {PAGEFIND: pagefind_site, MATERIAL: material_site}
                measure_searches(browser, sites, comparison, options.repeat)
            results[n] = comparison
            print_comparison(comparison)
        browser.close()
    print_conclusion(results)
    if options.json is not None:
        options.json.write_text(
            json.dumps({n: asdict(c) for n, c in results.items()}, indent=2), encoding="utf-8"
        )
    problems = failed(results)
    if problems:
        sys.exit("\nSome searches failed or found nothing:\n" + "\n".join(problems))


if __name__ == "__main__":
    main()
