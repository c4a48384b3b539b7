"""Run `mkdocs build` with the time spent in each of the briefings plugin's hooks recorded.

    python benchmarks/timed_build.py PROJECT_DIR REPORT.json [--profile OUT_STEM]

`run.py` starts this as the build's own process, so that the build is a fresh interpreter as
in a real `mkdocs build`, and its memory can be accounted for on its own. Here the plugin's
hook methods, and the core functions its `on_pre_build` calls (`load_archive`, and
`site_stream` or `site_output`) and its `on_post_build` calls (`write_cards` for the share
cards, `index_site`), are wrapped with timers before MkDocs loads the plugin; so is
`Stream.get`, through which MkDocs, reading the pages, waits for those the workers have not
made yet (`page_wait`); and, inside `write_cards`, `Future.result`, through which the plugin
waits for the cards still being drawn (`card_wait`).
Then MkDocs' own command line runs `build` in this process.
Material's search plugin, when a project turns it on (`benchmarks/search.py` compares it with
Pagefind), has its indexing hooks timed too, as `search.on_page_context` (each page's text
parsed into the index) and `search.on_post_build` (`search/search_index.json` written).
The report is JSON: the seconds spent in each wrapped function and how often it ran, and the
seconds the whole `build` command took (imports and interpreter start excluded).

With `--profile`, the build runs under pyinstrument, which writes OUT_STEM.html,
OUT_STEM.txt and OUT_STEM-flat.txt (`benchmarks/profiles.py`); the timings are then
inflated by the profiler and only its shares are of use.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from material.plugins.search.plugin import SearchPlugin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.profiles import write_reports  # noqa: E402
from generator import parallel, plugin  # noqa: E402

HOOKS = (
    "on_startup",
    "on_config",
    "on_pre_build",
    "on_files",
    "on_post_page",
    "on_post_template",
    "on_post_build",
    "on_shutdown",
)
CORE_CALLS = ("load_archive", "site_output", "site_stream", "index_site", "write_cards")
"""The plugin calls `write_cards` for the share cards alone, in `on_post_build`."""
SEARCH_HOOKS = ("on_page_context", "on_post_build")
"""Material's search plugin indexes pages in these."""

seconds: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
running: set[str] = set()
"""The wrapped functions running now."""


def timed(name: str | Callable[[], str], function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, timed under `name` (or the name `name()` gives at each call)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        called = name if isinstance(name, str) else name()
        start = time.perf_counter()
        running.add(called)
        try:
            return function(*args, **kwargs)
        finally:
            running.discard(called)
            seconds[called] += time.perf_counter() - start
            calls[called] += 1

    return wrapper


def instrument() -> None:
    """Wrap the plugin's hooks, the core calls they make, and Material's search plugin's
    indexing hooks, with timers."""
    for hook in HOOKS:
        if hook in vars(plugin.BriefingsPlugin):
            setattr(
                plugin.BriefingsPlugin, hook, timed(hook, getattr(plugin.BriefingsPlugin, hook))
            )
    for name in CORE_CALLS:
        setattr(plugin, name, timed(name, getattr(plugin, name)))
    # Waiting for the workers: for pages while MkDocs reads them, and for the share cards once
    # MkDocs has written the pages (inside `write_cards`), apart.
    parallel.Stream.get = timed("page_wait", parallel.Stream.get)  # type: ignore[method-assign]
    result, card_wait = Future.result, timed("card_wait", Future.result)
    Future.result = lambda *args, **kwargs: (  # type: ignore[method-assign]
        card_wait if "write_cards" in running else result
    )(*args, **kwargs)
    for hook in SEARCH_HOOKS:
        setattr(SearchPlugin, hook, timed(f"search.{hook}", getattr(SearchPlugin, hook)))


def build(project: Path) -> float:
    """Run `mkdocs build` on the project; return its duration in seconds."""
    from mkdocs.__main__ import cli

    os.chdir(project)
    start = time.perf_counter()
    cli.main(args=["build"], prog_name="mkdocs", standalone_mode=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("project", type=Path)
    parser.add_argument("report", type=Path)
    parser.add_argument("--profile", type=Path, help="write a pyinstrument profile here")
    options = parser.parse_args()
    report = options.report.resolve()
    instrument()
    if options.profile is not None:
        from pyinstrument import Profiler

        stem = options.profile.resolve()
        profiler = Profiler()
        with profiler:
            total = build(options.project)
        write_reports(profiler, stem)
    else:
        total = build(options.project)
    report.write_text(
        json.dumps({"build": total, "seconds": seconds, "calls": calls}, indent=2),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
