"""Benchmark the whole pipeline on synthetic archives of N briefings, and check the targets.

    python benchmarks/run.py [--sizes 100,1000,10000] [--repeat 3] [--profile DIR] [--json FILE]

For each N, a synthetic archive (`benchmarks/synthetic.py`, seed 0) is written into a copy of
the project (mkdocs.yml, docs/, theme/) in a temporary folder, and:

1. **In-process stages**, in this process: `load_archive` (read + validate), then `site_output`
   (every Markdown page, the feed, the JSON API and schema, the JSON-LD, and the share
   cards, drawn once before and then read from their cache), which makes its
   pages in worker processes on every core (`generator.parallel`) as a build does, and
   again on one core, alternately, so the ratio of the two is measured in the same run. The
   render caches of `generator.render` are cleared before each run, so each run is as cold
   as in a fresh build.
2. **`mkdocs build`**, in its own process (`benchmarks/timed_build.py`), which wraps the
   plugin's hooks and the core calls they make with timers before MkDocs loads the plugin.
   "Our stages" are load + validate in `on_pre_build`, and the pages and files: made there
   (`site_output`, on one core) or, on several cores, started there in worker processes
   (`site_stream`) and waited for by MkDocs as it reads each page (`Stream.get`); then
   handing pages to MkDocs in `on_files`, and each finished page's Content-Security-Policy and
   the sitemap index in `on_post_page` and `on_post_template`. Search
   indexing is `on_post_build` (`index_site`, Pagefind), and `on_shutdown` puts the staged
   site in place, removing the previous one (as a rebuild does). The share cards not in the
   cache yet are drawn by processes of their own while MkDocs builds, and written in
   `on_post_build` (`write_cards`, which waits for the last ones): a stage of ours, the rest of
   `on_post_build` being search. The build runs four times in a row: with no cache (cold,
   `.cache/` removed first: no share card, no page kept), again with the cache the first
   left (warm), as a desk's second build after changing nothing, which reuses every page
   (`generator.pagecache`); once more after one public briefing's summary was edited (a
   sentence added at its start), as a desk's next build after an edit; and with
   BRIEFINGS_REUSE=false (full), which reuses only the share cards: every page is made again,
   as before pages were kept. Each build's CPU time is printed beside its wall time (user and
   system, of the build and of every process it waited for: page workers, Pagefind), which a
   busy machine changes less. "MkDocs" is the rest of the
   build command; "start-up" is the interpreter and imports, the
   difference between the process's wall time and the command's. Peak memory, sampled from
   /proc every 0.1 s, is the largest resident size of the build process or of any of its
   descendants (page workers, Pagefind's indexer), and the memory of the whole process tree:
   the sum of each process's proportional set size, which counts once a page a forked
   worker shares with the build. (Not `os.wait4`'s maximum: a child's includes the copy of
   this script it was between its fork and its exec.)
3. **Plain MkDocs baseline**: the same pages, written into `docs/` by `site_output` +
   `write_tree` (as `briefings render` does), built by MkDocs with `plugins: []` — no plugin
   and no search. The ratio of the two builds is the plugin's whole cost. For N <= 1,000,
   also with `plugins: [search]`, MkDocs' default when `plugins:` is left out: a plain
   Material site as it comes, with its own search. Search indexing alone is about a fifth
   of the plain build, so the ratio to that one says what the plugin costs beyond it.
4. **The preview's reload**: `mkdocs serve --dirty --no-strict` on the project, with the cache
   the builds left; once it serves, one briefing's title is edited, and the time until the
   preview tells the browser to reload is measured.
5. **`briefings check`** of the same folder, as a subprocess (what CI runs).
6. **The hourly decision**, `briefings clock-state --since` (the publishing workflow's scheduled
   run, which stops there when the published site is as a build now would make it), as a
   subprocess: with the briefings read and checked, as on a commit not seen before, and with
   what the clock state is computed from kept for the commit (`--cache`), as on every later
   run at that commit.

**Picture weight** is what the pictures add to a briefing page (`generator.pictures`): its
gzipped size, less the gzipped size of the same page with the pictures' markup taken out (the
timelines' and figures' SVG, the stance map), for the largest page and the median.

Times are the best of `--repeat` runs (default 3; the builds of N > 1,000 run once, since one
takes minutes and its noise is small in proportion). Ratios come from the same run.

**First search download** is estimated from Pagefind's files, as a reader's browser fetches
them on a first one-word query in the site's script in our search box
(`theme/assets/javascripts/search.js`), which searches the site's bundle (`generator.search`;
a query in another script loads that script's bundle too): `pagefind.js`,
`pagefind-worker.js` (Pagefind 1.5 searches in a web worker), `pagefind-entry.json`, the
language's `wasm.<lang>.pagefind` and `pagefind.<hash>.pf_meta` (loaded by `init()`); the
entry and metadata of the passages in the site's script found on pages in other languages,
merged into it, and of its vocabulary (which tells the box which parts have the query's
words); their filters (the `part` filter the box shows results by); one index chunk of each
(the largest, as the worst case: a word is in exactly one chunk of each), and the fragments
of the results the box shows at first (`limit` in search.js; none of the vocabulary, which is
never shown: the largest ones, worst case; a typical figure, with chunks and fragments of
median size, is printed beside it). Pagefind's chunks are stored
gzip-compressed, so file sizes are transfer sizes; the two scripts could be compressed further
by the server.

`--profile DIR` also runs pyinstrument (`pip install -e '.[bench]'`) over the in-process
stages on one core (a profiler sees only its own process) and over one more build of each N,
writing DIR/inprocess-N.* and DIR/build-N.*: an HTML report, the call tree, and a flat list
of functions by their own time. In the build's profile, the page workers' time shows as
waiting in `generator.parallel`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.profiles import write_reports  # noqa: E402
from benchmarks.synthetic import NOW, write_archive  # noqa: E402
from generator import clock, markdown_fields, parallel, render  # noqa: E402
from generator.archive import load_archive  # noqa: E402
from generator.desk import Desk, Repository  # noqa: E402
from generator.publish import SiteInfo  # noqa: E402
from generator.search import BUNDLE  # noqa: E402
from generator.site import SiteOutput, site_output, write_tree  # noqa: E402

PROJECT_FILES = ("mkdocs.yml", "docs", "theme")

# The synthetic archive holds drafts marked TLP:AMBER and RED, and embargoes, as a desk's
# private repository does.
PRIVATE_DESK = Desk(repository=Repository.PRIVATE)
DESK_ENV = {"NO_MKDOCS_2_WARNING": "1", "BRIEFINGS_REPOSITORY": "private"}
TEMPLATES = Path("theme") / "markdown"
SITE = SiteInfo(name="Verified news briefings", url="https://briefings.example.org/")
_SEARCH_SCRIPT = Path(__file__).resolve().parent.parent / "theme/assets/javascripts/search.js"
RESULTS_SHOWN = int(re.search(r"const limit = (\d+);", _SEARCH_SCRIPT.read_text("utf-8"))[1])  # type: ignore[index]
"""Results the search box shows at first, each loading one Pagefind fragment."""
KB = 1024
MB = 1024 * 1024

# The targets, with the value each is held to.
OUR_SHARE = 0.10
SCALING = 1.3
CHECK_SHARE = 1 / 5
DECISION_LIMIT = 30.0
SERVE_SHARE = 1 / 10
EDIT_SHARE = {1000: 3 / 10, 10000: 1 / 5}
BUILD_LIMIT = 15 * 60
MEMORY_LIMIT = 2 * 1024 * MB
PAGE_LIMIT = 30 * KB
FIRST_SEARCH_LIMIT = 1 * MB
SEARCHED_RATIO = 1.0
PICTURE_LIMIT = 5 * KB


# --- Measuring ----------------------------------------------------------------------------------


def best_of(runs: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


@dataclass
class Process:
    """What one subprocess took: wall time, and peak memory in bytes."""

    wall: float
    peak_rss: int
    """The largest resident size of the process or of any of its descendants, sampled."""
    peak_tree: int
    """The largest sum of resident sizes over the process and its descendants, sampled."""
    cpu: float = 0.0
    """User and system time of the process and of every process it waited for."""


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as file:
                stat = file.read()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree_memory(pid: int) -> tuple[int, int]:
    """Bytes of memory a process and all its descendants use, now: the sum of their
    proportional set sizes (PSS), which counts a page shared by several of them (a forked
    worker shares its parent's until either writes to it) once in all, not once in each,
    their resident sizes where the kernel does not say; and the resident size of the largest
    of them."""
    tree = _children()
    total, largest, pending = 0, 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as file:
                sizes = dict(line.split(":", 1) for line in file if line[:4] in ("Rss:", "Pss:"))
            total += int(sizes["Pss"].split()[0]) * 1024
            largest = max(largest, int(sizes["Rss"].split()[0]) * 1024)
        except (OSError, KeyError, ValueError):
            try:
                with open(f"/proc/{current}/statm", encoding="ascii") as file:
                    resident = int(file.read().split()[1]) * page
                total += resident
                largest = max(largest, resident)
            except OSError:
                pass
        pending.extend(tree.get(current, []))
    return total, largest


def run_process(
    command: Sequence[str], cwd: Path, log: Path, env: dict[str, str] | None = None
) -> Process:
    """Run a command to completion, its output to `log`; fail loudly if it fails."""
    env = {**os.environ, **DESK_ENV, "SOURCE_DATE_EPOCH": str(int(NOW.timestamp())), **(env or {})}
    peak = largest = 0
    done = threading.Event()
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)

        def sample() -> None:
            nonlocal peak, largest
            while not done.wait(0.1):
                if Path("/proc").is_dir():
                    tree, one = _tree_memory(process.pid)
                    peak, largest = max(peak, tree), max(largest, one)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        tail = "\n".join(line for line in lines if not line.startswith("  - "))[-3000:]
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    # Sampled, not the kernel's ru_maxrss: that counts what a child held between its fork
    # and its exec, a copy of this process (4.4 GiB at 10,000 briefings, after the in-process
    # stages), whatever the build itself then uses.
    resident = largest or usage.ru_maxrss * 1024  # where /proc cannot be read
    return Process(wall, resident, peak, usage.ru_utime + usage.ru_stime)


def edited_title(text: str) -> str:
    """The briefing's YAML with " (edited)" at the end of its title, still valid: inside the
    quotes of a quoted title, after a plain one."""
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    line = lines[i]
    quote = line[-1] if line[-1] in "\"'" and len(line) > len("title: ") + 1 else ""
    lines[i] = f"{line.removesuffix(quote)} (edited){quote}"
    return "\n".join(lines)


def edited_summary(text: str) -> str:
    """The briefing's YAML with a sentence added at the start of its summary, a block scalar
    in the synthetic archive."""
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith("summary: |"))
    return "\n".join([*lines[: i + 1], "  The desk corrected this summary.", *lines[i + 1 :]])


SEARCHED_SIZES = 1000
"""The plain Material site with its own search is built up to this N: at 10,000 it takes most
of a quarter of an hour, and the targets compare with it at 1,000."""


def serve_reload(project: Path, briefing: Path, work: Path) -> float:
    """Seconds from saving an edit to one briefing to the preview reloading the browser, under
    `mkdocs serve --dirty --no-strict`: its first build is waited for, then the title of
    `briefing` is changed, as an editor saving the file would."""
    tmp = work / "serve-tmp"
    tmp.mkdir(exist_ok=True)
    env = {**os.environ, **DESK_ENV, "TMPDIR": str(tmp)}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = work / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict",
               "--dev-addr", f"127.0.0.1:{port}"]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=output, stderr=output, start_new_session=True
        )
    try:

        def reloads() -> int:
            return log.read_text(encoding="utf-8", errors="replace").count("Reloading browsers")

        def wait(until: Callable[[], bool], limit: float = 1800.0) -> None:
            deadline = time.monotonic() + limit
            while not until():
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"mkdocs serve failed:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.05)

        wait(lambda: "Serving on" in log.read_text(encoding="utf-8", errors="replace"))
        time.sleep(2.0)  # let the watcher settle
        before = reloads()
        printed = len(log.read_bytes())
        text = briefing.read_text(encoding="utf-8")
        start = time.perf_counter()
        briefing.write_text(edited_title(text), encoding="utf-8")
        wait(lambda: reloads() > before)
        reload = time.perf_counter() - start
        rebuild = log.read_bytes()[printed:].decode("utf-8", "replace")
        if "this preview is not publishable" in rebuild:
            sys.exit(
                f"the edit made {briefing.name} invalid, so the reload is not typical:\n{rebuild}"
            )
        return reload
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()


@contextmanager
def profiling(stem: Path | None) -> Iterator[None]:
    """Profile the block with pyinstrument into STEM.html and STEM.txt, when a stem is given."""
    if stem is None:
        yield
        return
    from pyinstrument import Profiler

    profiler = Profiler()
    with profiler:
        yield
    write_reports(profiler, stem)


# --- The project under test ---------------------------------------------------------------------


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def plain_config(config: str, plugins: str = "[]") -> str:
    """mkdocs.yml with its `plugins:` block replaced by `plugins: []` (or by the list given,
    in YAML's flow style), and every page that is not in the nav left out of it on purpose,
    as the plugin does with the pages it adds."""
    plain = f'plugins: {plugins}\nnot_in_nav: "*.md"\n\n'
    replaced, count = re.subn(r"(?ms)^plugins:\n.*?(?=^\S)", plain, config)
    assert count == 1, "mkdocs.yml has no plugins: block followed by another key"
    return replaced


def baseline_project(target: Path, briefings: Path, plugins: str = "[]") -> Path:
    """The same site for plain MkDocs: generated pages written into docs/, no plugin of ours
    (and none at all unless `plugins` lists some, such as `[search]`)."""
    copy_project(target)
    config = target / "mkdocs.yml"
    plain = plain_config(config.read_text(encoding="utf-8"), plugins)
    config.write_text(plain, encoding="utf-8")
    archive = load_archive(briefings, NOW, desk=PRIVATE_DESK)
    # Without the share cards, so that the ratio counts all they cost.
    output = site_output(archive, ROOT / TEMPLATES, SITE)
    write_tree(SiteOutput(output.pages, output.files), target / "docs")
    return target


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


PICTURES = re.compile(
    rb'<svg class="briefing-(?:picture|figure-bar)[^"]*".*?</svg>'
    rb'|<div class="briefing-stance-map">.*?</div>',
    re.DOTALL,
)


def picture_weight(page: bytes) -> int:
    """The gzipped bytes the pictures add to a page: its gzipped size, less that of the page
    without them."""
    return len(gzip.compress(page)) - len(gzip.compress(PICTURES.sub(b"", page)))


def first_search(site: Path, typical: bool = False) -> dict[str, int]:
    """Bytes a browser fetches for a first one-word search, by part (see the module's doc):
    in the worst case, or with `typical`, with a chunk and fragments of median size. A query
    in the site's script searches the site's bundle and the passages merged into it
    (`generator.search`); one in another script also loads that script's bundle."""
    parts: dict[str, int] = defaultdict(int)
    chunks: list[int] = []
    fragments: list[int] = []
    bundles = json.loads((site / BUNDLE / "languages.json").read_text(encoding="utf-8"))
    for bundle in bundles[:1]:
        names = (bundle["pages"], *bundle["shards"], bundle["passages"], *bundle["vocabulary"])
        for name in filter(None, names):
            folder = site / name
            entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
            language, info = max(entry["languages"].items(), key=lambda item: item[1]["page_count"])
            if name == bundle["pages"]:
                parts["pagefind.js"] += (folder / "pagefind.js").stat().st_size
                parts["pagefind-worker.js"] += (folder / "pagefind-worker.js").stat().st_size
                wasm = info["wasm"] or "unknown"  # a language Pagefind has no stemmer for
                parts["wasm"] += (folder / f"wasm.{wasm}.pagefind").stat().st_size
            parts["pagefind-entry.json"] += (folder / "pagefind-entry.json").stat().st_size
            parts["meta"] += (folder / f"pagefind.{info['hash']}.pf_meta").stat().st_size
            parts["filters"] += sum(p.stat().st_size for p in folder.glob("filter/*.pf_filter"))
            found = sorted(p.stat().st_size for p in folder.glob(f"index/{language}_*.pf_index"))
            if found:
                # One chunk per bundle: a word is in exactly one chunk of each.
                chunks.append(int(statistics.median(found)) if typical else found[-1])
            if name not in bundle["vocabulary"]:
                fragments += (p.stat().st_size for p in folder.glob(f"fragment/{language}_*"))
    parts["index chunks"] = sum(chunks)
    fragments.sort()
    if typical:
        middle = int(statistics.median(fragments)) if fragments else 0
        parts[f"{RESULTS_SHOWN} fragments"] = RESULTS_SHOWN * middle
    else:
        parts[f"{RESULTS_SHOWN} fragments"] = sum(fragments[-RESULTS_SHOWN:])
    return dict(parts)


def search_bytes(site: Path) -> int:
    """The size of every search bundle of the site."""
    return sum(folder_size(folder) for folder in site.glob(f"{BUNDLE}*") if folder.is_dir())


# --- One size -----------------------------------------------------------------------------------


@dataclass
class Result:
    n: int
    public: int = 0
    archive_bytes: int = 0
    inprocess: dict[str, float] = field(default_factory=dict)
    cores: int = field(default_factory=parallel.cores)
    build: dict[str, float] = field(default_factory=dict)
    build_wall: float = 0.0
    peak_rss: int = 0
    peak_tree: int = 0
    baseline_wall: float = 0.0
    searched_wall: float = 0.0
    """The baseline with Material's search plugin, MkDocs' default; 0 when not measured."""
    warm_wall: float = 0.0
    """The build again, with the card cache the cold build left."""
    warm: dict[str, float] = field(default_factory=dict)
    edit_wall: float = 0.0
    """The build again after one briefing's summary was edited, with the cache left before."""
    edit: dict[str, float] = field(default_factory=dict)
    full_wall: float = 0.0
    """The build again with BRIEFINGS_REUSE=false: every page made again, cards cached."""
    cpu: dict[str, float] = field(default_factory=dict)
    """CPU seconds of each build (cold, warm, edit, full), of the same run as its wall time."""
    check: float = 0.0
    decision_read: float = 0.0
    """`briefings clock-state --since`, reading the briefings."""
    decision_kept: float = 0.0
    """The same, from what an earlier run kept for the commit."""
    serve_reload: float = 0.0
    """Edit to reload under `mkdocs serve --dirty`; 0 when not measured."""
    site_bytes: int = 0
    search_bytes: int = 0
    pages: int = 0
    largest_page: int = 0
    largest_page_gzip: int = 0
    median_page: int = 0
    largest_any_page: str = ""
    largest_any_page_bytes: int = 0
    picture_weight: int = 0
    picture_weight_median: int = 0
    first_search: dict[str, int] = field(default_factory=dict)
    first_search_typical: dict[str, int] = field(default_factory=dict)
    pagefind_js: str = ""
    """SHA-256 of pagefind.js, which is the same whatever the site: a difference is a bug."""

    @property
    def ours(self) -> float:
        """Our stages in the build: load, validate, render, and the pages and files handed to
        MkDocs, including the time MkDocs waits for pages the workers have not made yet; not
        search indexing, nor putting the finished site in place."""
        return _ours(self.build)


def _ours(build: dict[str, float]) -> float:
    hooks = ("on_startup", "on_config", "on_pre_build", "on_files", "on_post_page",
             "on_post_template", "page_wait", "write_cards")  # fmt: skip
    return sum(build.get(hook, 0.0) for hook in hooks)


def _run_stages(briefings: Path, timings: dict[str, list[float]], suffix: str, cards: Path) -> None:
    markdown_fields.cache_clear()
    render.environment.cache_clear()
    start = time.perf_counter()
    archive = load_archive(briefings, NOW, desk=PRIVATE_DESK)
    timings["load" + suffix].append(time.perf_counter() - start)
    if archive.errors:
        sys.exit(f"the synthetic archive is invalid: {archive.errors[0]}")
    start = time.perf_counter()
    site_output(archive, ROOT / TEMPLATES, SITE, cache_dir=cards)
    timings["site_output" + suffix].append(time.perf_counter() - start)


@contextmanager
def one_core() -> Iterator[None]:
    """The core stages as on a machine with one core: every task in this process."""
    workers_for = parallel.workers_for
    parallel.workers_for = lambda tasks: 1
    try:
        yield
    finally:
        parallel.workers_for = workers_for


def inprocess(briefings: Path, runs: int, profile: Path | None, cards: Path) -> dict[str, float]:
    """Best-of-`runs` seconds of the core stages, each run from cold render caches, on the
    cores the build uses and on one core, alternately."""
    timings: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        _run_stages(briefings, timings, "", cards)
        with one_core():
            _run_stages(briefings, timings, " 1", cards)
    if profile is not None:
        # On one core: a profiler sees only its own process, not the workers'.
        with one_core(), profiling(profile):
            _run_stages(briefings, timings, " 1", cards)
    return {name: min(values) for name, values in timings.items()}


def measure(n: int, runs: int, work: Path, profile_dir: Path | None) -> Result:
    result = Result(n)
    project = copy_project(work / "project")
    briefings = project / "briefings"
    print(f"\n== N = {n:,}: writing the archive ...", flush=True)
    written = write_archive(briefings, n)
    result.archive_bytes = written.bytes
    result.public = len(load_archive(briefings, NOW, desk=PRIVATE_DESK).shown)

    print("   in-process stages ...", flush=True)
    profile = profile_dir / f"inprocess-{n}" if profile_dir else None
    # The cards are drawn once, first, and waited for (they are drawn in the background): the
    # build's own figures say what drawing them costs.
    cards = work / "inprocess-cards"
    output = site_output(load_archive(briefings, NOW, desk=PRIVATE_DESK), ROOT / TEMPLATES, SITE,
                         cache_dir=cards)  # fmt: skip
    dict(output.cards)  # reading each card waits for it
    result.inprocess = inprocess(briefings, runs, profile, cards)

    builds = runs if n <= 1000 else 1
    timed_build = [sys.executable, str(ROOT / "benchmarks" / "timed_build.py")]
    baseline = baseline_project(work / "baseline", briefings)
    plain_build = [*timed_build, str(baseline), str(work / "baseline.json")]
    searched = baseline_project(work / "searched", briefings, "[search]")
    searched_build = [*timed_build, str(searched), str(work / "searched.json")]
    walls: dict[str, list[float]] = defaultdict(list)
    baseline_walls: list[float] = []
    searched_walls: list[float] = []
    archive = load_archive(briefings, NOW, desk=PRIVATE_DESK)
    edited = briefings / f"{archive.shown[len(archive.shown) // 2].id}.yaml"
    original = edited.read_bytes()
    for run in range(builds):
        # Alternate the builds, so that a slow spell of the machine hits all alike.
        print(f"   mkdocs build {run + 1}/{builds}: cold, warm, edit, full, plain ...", flush=True)
        shutil.rmtree(project / ".cache", ignore_errors=True)
        for kind in ("cold", "warm", "edit", "full"):
            if kind == "edit":
                edited.write_text(edited_summary(original.decode("utf-8")), encoding="utf-8")
            report = work / f"build-{kind}-{run}.json"
            env = {"BRIEFINGS_REUSE": "false"} if kind == "full" else {}
            process = run_process(
                [*timed_build, str(project), str(report)], project, work / f"build-{kind}.log", env
            )
            edited.write_bytes(original)
            walls[kind].append(process.wall)
            seconds = {**json.loads(report.read_text())["seconds"]}
            seconds["command"] = json.loads(report.read_text())["build"]
            if process.wall == min(walls[kind]):
                result.cpu[kind] = process.cpu
                if kind == "cold":
                    result.build, result.build_wall = seconds, process.wall
                elif kind == "warm":
                    result.warm, result.warm_wall = seconds, process.wall
                elif kind == "edit":
                    result.edit, result.edit_wall = seconds, process.wall
                else:
                    result.full_wall = process.wall
            result.peak_rss = max(result.peak_rss, process.peak_rss)
            result.peak_tree = max(result.peak_tree, process.peak_tree)
        baseline_walls.append(run_process(plain_build, baseline, work / "baseline.log").wall)
        if n <= SEARCHED_SIZES:
            log = work / "searched.log"
            searched_walls.append(run_process(searched_build, searched, log).wall)
    result.baseline_wall = min(baseline_walls)
    result.searched_wall = min(searched_walls, default=0.0)

    print("   mkdocs serve --dirty, one briefing edited ...", flush=True)
    edited = sorted(briefings.glob("*.yaml"))[-1]
    original = edited.read_bytes()
    result.serve_reload = serve_reload(project, edited, work)
    edited.write_bytes(original)

    print("   briefings check ...", flush=True)
    check = [sys.executable, "-m", "generator.cli", "check", str(briefings), "--now",
             NOW.isoformat()]  # fmt: skip
    result.check = min(run_process(check, project, work / "check.log").wall for _ in range(runs))

    print("   briefings clock-state --since: the hourly decision ...", flush=True)
    facts, record = work / "clock-facts.json", work / "clock-state.json"
    published = load_archive(briefings, NOW, desk=PRIVATE_DESK)
    state = clock.clock_state(published)
    record.write_text(
        clock.Record.of(state, now=NOW, commit="bench", site_url=None).text(), encoding="utf-8"
    )
    decide = [sys.executable, "-m", "generator.cli", "clock-state", str(briefings), "--now",
              NOW.isoformat(), "--commit", "bench", "--since", str(record),
              "--cache", str(facts)]  # fmt: skip
    read = []
    for _ in range(runs if n <= 1000 else 1):  # at 10,000, reading takes most of a minute
        facts.unlink(missing_ok=True)
        read.append(run_process(decide, project, work / "decision.log").wall)
    result.decision_read = min(read)
    result.decision_kept = min(
        run_process(decide, project, work / "decision.log").wall for _ in range(runs)
    )

    site = project / "site"
    result.site_bytes = folder_size(site)
    result.search_bytes = search_bytes(site)
    pages = {p: p.stat().st_size for p in (site / "briefings").glob("*/index.html")}
    result.pages = len(pages)
    largest = max(pages, key=lambda page: pages[page])
    result.largest_page = pages[largest]
    result.largest_page_gzip = len(gzip.compress(largest.read_bytes()))
    result.median_page = int(statistics.median(pages.values()))
    weights = sorted(picture_weight(page.read_bytes()) for page in pages)
    result.picture_weight, result.picture_weight_median = weights[-1], weights[len(weights) // 2]
    result.first_search = first_search(site)
    result.first_search_typical = first_search(site, typical=True)
    script = (site / "pagefind" / "pagefind.js").read_bytes()
    result.pagefind_js = hashlib.sha256(script).hexdigest()
    every = {p: p.stat().st_size for p in site.rglob("*.html")}
    heaviest = max(every, key=lambda page: every[page])
    result.largest_any_page = str(heaviest.relative_to(site))
    result.largest_any_page_bytes = every[heaviest]

    if profile_dir is not None:
        print("   profiling a build ...", flush=True)
        shutil.rmtree(site)
        stem = profile_dir / f"build-{n}"
        run_process(
            [*timed_build, str(project), str(work / "profiled.json"), "--profile", str(stem)],
            project,
            work / "profiled.log",
        )
    return result


# --- Printing -----------------------------------------------------------------------------------


def _size(value: float) -> str:
    if value >= MB:
        return f"{value / MB:,.1f} MiB"
    return f"{value / KB:,.1f} KiB"


def print_result(r: Result) -> None:
    n = r.n
    b = r.build

    def row(name: str, seconds: float, share_of: float | None = None) -> None:
        share = f"{seconds / share_of:6.1%}" if share_of else " " * 6
        print(f"  {name:<44} {seconds:9.2f} s  {share}  {seconds / n * 1000:8.2f} ms/briefing")

    print(f"\nN = {n:,} briefings ({r.public:,} public), {_size(r.archive_bytes)} of YAML")
    print("  in process (best of runs, cold caches)")
    row("load + validate (load_archive)", r.inprocess["load"])
    row(f"pages, API, JSON-LD, cached cards, {r.cores} cores", r.inprocess["site_output"])
    row("pages, API, JSON-LD, cached cards, 1 core", r.inprocess["site_output 1"])
    total = r.build_wall
    page_hooks = b.get("on_files", 0.0)
    finished = b.get("on_post_page", 0.0) + b.get("on_post_template", 0.0)
    made = b.get("site_output", 0.0) + b.get("site_stream", 0.0)
    waited = b.get("page_wait", 0.0)
    cards = b.get("write_cards", 0.0)
    search = b.get("on_post_build", 0.0) - cards
    other_work = (r.ours - page_hooks - finished - b.get("load_archive", 0.0) - made - waited
                  - cards)  # fmt: skip
    swap = b.get("on_shutdown", 0.0)
    mkdocs = b["command"] - r.ours - search - swap
    print("  mkdocs build with the plugin (time, share of the build's wall time)")
    row("load + validate (in on_pre_build)", b.get("load_archive", 0.0), total)
    if "site_stream" in b:
        row("index, feed, start workers (site_stream)", b["site_stream"], total)
        row("MkDocs waiting for pages from the workers", waited, total)
    else:
        row("render pages and files (site_output)", made, total)
    row("pages handed to MkDocs (on_files)", page_hooks, total)
    row("policy and sitemap (on_post_page/template)", finished, total)
    row("share cards written (on_post_build)", cards, total)
    row("  of which waiting for them to be drawn", b.get("card_wait", 0.0), total)
    row("other plugin work (on_config, on_pre_build)", other_work, total)
    row("= our stages", r.ours, total)
    row("search indexing (Pagefind, on_post_build)", search, total)
    row("staging swap, old site removed (on_shutdown)", swap, total)
    row("MkDocs + Material (the rest of the command)", mkdocs, total)
    row("interpreter start-up and imports", total - b["command"], total)
    row("total wall time", total, total)
    row("plain MkDocs baseline, same pages, no plugin", r.baseline_wall)
    print(f"  {'build / baseline':<44} {total / r.baseline_wall:9.2f} x")
    warm = r.warm
    row("again, card cache warm: total wall time", r.warm_wall, total)
    row("  share cards written, from the cache", warm.get("write_cards", 0.0), r.warm_wall)
    print(f"  {'warm build / baseline':<44} {r.warm_wall / r.baseline_wall:9.2f} x")
    edit = r.edit
    row("one summary edited, cache kept: wall time", r.edit_wall, total)
    row("  MkDocs waiting for pages from the workers", edit.get("page_wait", 0.0), r.edit_wall)
    row("  search indexing (Pagefind)", edit.get("index_site", 0.0), r.edit_wall)
    row("  staging swap, old site removed", edit.get("on_shutdown", 0.0), r.edit_wall)
    row("full rebuild, no page reused (cards kept)", r.full_wall, total)
    cpu = r.cpu
    if cpu:
        print(f"  {'CPU time: cold, warm, edit, full':<44} "
              + ", ".join(f"{cpu.get(kind, 0.0):.1f}" for kind in ("cold", "warm", "edit", "full"))
              + " s")  # fmt: skip
        print(f"  {'edit / cold, edit / full (CPU time)':<44} "
              f"{cpu['edit'] / cpu['cold']:9.2f}   {cpu['edit'] / cpu['full']:.2f}")  # fmt: skip
    print(f"  {'without search, build / baseline':<44} {(total - search) / r.baseline_wall:9.2f} x")
    if r.searched_wall:
        row("plain MkDocs with Material's search (default)", r.searched_wall)
        cold, warm_ratio = total / r.searched_wall, r.warm_wall / r.searched_wall
        print(f"  {'build / that baseline, cold and warm':<44} {cold:9.2f} x {warm_ratio:5.2f} x")
    row("briefings check (subprocess)", r.check, total)
    row("hourly decision (clock-state), reading", r.decision_read, total)
    row("hourly decision (clock-state), kept by commit", r.decision_kept, total)
    if r.serve_reload:
        row("serve --dirty: edit one briefing to reload", r.serve_reload, total)
    print(f"  {'peak memory, largest process':<44} {_size(r.peak_rss):>11}")
    print(f"  {'peak memory, process tree (PSS, sampled)':<44} {_size(r.peak_tree):>11}")
    print(f"  {'site/':<44} {_size(r.site_bytes):>11}")
    print(f"  {'site/pagefind*/ (search bundles and scripts)':<44} {_size(r.search_bytes):>11}")
    print(f"  {'briefing page HTML, largest / median':<44} {_size(r.largest_page):>11} / "
          f"{_size(r.median_page)} ({_size(r.largest_page_gzip)} gzipped, largest)")  # fmt: skip
    print(f"  {'pictures on a briefing page, gzipped':<44} {_size(r.picture_weight):>11} "
          f"largest, {_size(r.picture_weight_median)} median")  # fmt: skip
    print(f"  {'largest page of any kind':<44} {_size(r.largest_any_page_bytes):>11} "
          f"({r.largest_any_page})")  # fmt: skip
    parts = ", ".join(f"{name} {_size(size)}" for name, size in r.first_search.items())
    worst, typical = sum(r.first_search.values()), sum(r.first_search_typical.values())
    print(f"  {'first search download, worst case (estimate)':<44} {_size(worst):>11} "
          f"(median chunk and fragments: {_size(typical)})")  # fmt: skip
    print(f"    {parts}")


def print_targets(results: dict[int, Result]) -> None:
    print("\nTargets")

    def line(target: str, measured: str, holds: bool | None) -> None:
        verdict = "not measured" if holds is None else ("holds" if holds else "DOES NOT HOLD")
        print(f"  {target:<58} {measured:<34} {verdict}")

    target = "build / plain MkDocs with Material's search <= 1.0 x, N = 1,000"
    if 1000 in results and results[1000].searched_wall:
        r = results[1000]
        searched, plain = r.build_wall / r.searched_wall, r.build_wall / r.baseline_wall
        line(target, f"{searched:.2f} x (plain MkDocs: {plain:.2f} x)",
             searched <= SEARCHED_RATIO)  # fmt: skip
    else:
        line(target, "N = 1,000 not run", None)
    for n, r in results.items():
        line(f"pictures add <= 5 KB to a briefing page gzipped, N = {n:,}",
             f"largest {_size(r.picture_weight)}", r.picture_weight <= PICTURE_LIMIT)  # fmt: skip
    if 1000 in results:
        r = results[1000]
        share = r.ours / r.build_wall
        line("our stages <= 10% of the build, N = 1,000", f"{share:.1%} ({r.ours:.2f} s)",
             share <= OUR_SHARE)  # fmt: skip
    else:
        line("our stages <= 10% of the build, N = 1,000", "N = 1,000 not run", None)
    if 1000 in results and 10000 in results:
        small, large = results[1000], results[10000]
        ratio = (large.build_wall / large.n) / (small.build_wall / small.n)
        line("per-briefing build time, N = 10,000 <= 1.3 x N = 1,000", f"{ratio:.2f} x",
             ratio <= SCALING)  # fmt: skip
    else:
        line("per-briefing build time, N = 10,000 <= 1.3 x N = 1,000", "needs both sizes", None)
    for n, most in EDIT_SHARE.items():
        target = f"one summary edited: build <= {most * 10:.0f}/10 of cold, N = {n:,}"
        if n in results:
            r = results[n]
            share = r.edit_wall / r.build_wall
            line(target, f"{share:.1%} ({r.edit_wall:.2f} s)", share <= most)
        else:
            line(target, f"N = {n:,} not run", None)
    target = "serve --dirty reload <= 1/10 of the build, N = 1,000"
    if 1000 in results:
        r = results[1000]
        share = r.serve_reload / r.build_wall
        line(target, f"{share:.1%} ({r.serve_reload:.2f} s)", share <= SERVE_SHARE)
    else:
        line(target, "N = 1,000 not run", None)
    for n, r in results.items():
        share = r.check / r.build_wall
        line(f"briefings check <= 1/5 of the build, N = {n:,}", f"{share:.1%} ({r.check:.2f} s)",
             share <= CHECK_SHARE)  # fmt: skip
    for n, r in results.items():
        line(f"hourly decision, kept by commit, < 30 s, N = {n:,}",
             f"{r.decision_kept:.2f} s (reading: {r.decision_read:.2f} s)",
             r.decision_kept < DECISION_LIMIT)  # fmt: skip
    if 10000 in results:
        r = results[10000]
        peak = max(r.peak_rss, r.peak_tree)
        holds = r.build_wall < BUILD_LIMIT and peak <= MEMORY_LIMIT
        line("N = 10,000 build < 15 min, peak memory <= 2 GiB",
             f"{r.build_wall / 60:.1f} min, {_size(peak)}", holds)  # fmt: skip
    else:
        line("N = 10,000 build < 15 min, peak memory <= 2 GiB", "N = 10,000 not run", None)
    for n, r in results.items():
        line(f"briefing page HTML <= 30 KB, N = {n:,}", f"largest {_size(r.largest_page)}",
             r.largest_page <= PAGE_LIMIT)  # fmt: skip
    largest = results[max(results)]
    download = sum(largest.first_search.values())
    line(f"first search downloads <= 1 MB, N = {largest.n:,}", _size(download),
         download <= FIRST_SEARCH_LIMIT)  # fmt: skip
    scripts = {r.pagefind_js for r in results.values()}
    if len(scripts) > 1:
        print("\nWARNING: pagefind.js differs between sizes; one of them is damaged:")
        for r in results.values():
            size = r.first_search["pagefind.js"]
            print(f"  N = {r.n:,}: sha256 {r.pagefind_js[:16]}, {size:,} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated N (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, best kept")
    parser.add_argument("--profile", type=Path, help="write pyinstrument profiles to this folder")
    parser.add_argument("--json", type=Path, help="also write the raw results to this file")
    options = parser.parse_args()
    sizes = [int(size.replace("_", "")) for size in options.sizes.split(",")]
    if options.profile is not None:
        options.profile.mkdir(parents=True, exist_ok=True)
        options.profile = options.profile.resolve()

    results: dict[int, Result] = {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"briefings-bench-{n}-") as tmp:
            results[n] = measure(n, options.repeat, Path(tmp), options.profile)
        print_result(results[n])
    print_targets(results)
    if options.json is not None:
        options.json.write_text(
            json.dumps({n: asdict(r) for n, r in results.items()}, indent=2), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
