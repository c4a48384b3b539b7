"""Measure how the generator scales: parsing, checking, rendering and a whole site build.

    python tests/benchmark_build.py [--count 1000] [--mkdocs]

Writes COUNT synthetic briefings (the fixture archive's generator, with unique ids) to a
temporary folder and prints timings, best of three, with ratios between figures measured in
the same run. Nothing is asserted: machines here are noisy, so the figures are for reading.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.archive import load_archive  # noqa: E402
from generator.render import render_site  # noqa: E402
from generator.search import index_site  # noqa: E402
from generator.yamlio import load  # noqa: E402
from tests.fixtures.make_archive import REGISTRY, briefing  # noqa: E402

NOW = datetime(2026, 11, 25, tzinfo=UTC)


def write_archive(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    dump = {"sort_keys": False, "allow_unicode": True, "width": 100}
    (folder / "actors.yaml").write_text(yaml.safe_dump(REGISTRY, **dump), encoding="utf-8")
    for i in range(count):
        data = briefing(i % 32)  # the public ones
        data["id"] = f"benchmark-briefing-{i:05d}"
        (folder / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, **dump), encoding="utf-8")


def best_of(runs: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--mkdocs", action="store_true", help="also time a whole mkdocs build")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "briefings"
        write_archive(folder, options.count)
        files = sorted(folder.glob("benchmark-*.yaml"))
        texts = [path.read_text(encoding="utf-8") for path in files]
        n = len(files)

        # Each result is dropped at once, as load_archive drops each file's node tree.
        c_loader = best_of(3, lambda: all(yaml.load(t, Loader=yaml.CSafeLoader) for t in texts))
        py_loader = best_of(3, lambda: all(yaml.load(t, Loader=yaml.SafeLoader) for t in texts))
        ours = best_of(3, lambda: all(load(path) for path in files))
        check = best_of(3, lambda: load_archive(folder, NOW))

        archive = load_archive(folder, NOW)
        if archive.errors:
            sys.exit(f"benchmark data is invalid: {archive.errors[0]}")
        templates = ROOT / "theme" / "markdown"
        render = best_of(3, lambda: render_site(archive, templates))
        pages = render_site(archive, templates)

        tracemalloc.start()
        load_archive(folder, NOW)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()

        print(f"{n} briefings")
        print(f"  parse, yaml CSafeLoader        {c_loader:7.2f} s")
        slower = py_loader / c_loader
        print(f"  parse, yaml SafeLoader (Python){py_loader:7.2f} s   {slower:5.1f}x C")
        print(f"  parse, generator.yamlio        {ours:7.2f} s   {ours / c_loader:5.1f}x C")
        print(f"  load + validate (load_archive) {check:7.2f} s   {n / check:7.0f} briefings/s")
        print(f"    peak memory                  {peak:7.1f} MiB")
        print(f"  render {len(pages):6d} pages           {render:7.2f} s")

        if options.mkdocs:
            project = Path(tmp) / "project"
            project.mkdir()
            for name in ("mkdocs.yml", "docs", "theme"):
                source = ROOT / name
                copy = shutil.copytree if source.is_dir() else shutil.copy
                copy(source, project / name)
            shutil.move(str(folder), project / "briefings")
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            command = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
            start = time.perf_counter()
            subprocess.run(command, cwd=project, env=env, check=True)
            whole = time.perf_counter() - start
            site = project / "site"
            search = best_of(1, lambda: index_site(site))
            page = site / "briefings" / "benchmark-briefing-00000" / "index.html"
            total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20
            index = sum(p.stat().st_size for p in (site / "pagefind").rglob("*")) / 2**20
            print(f"  mkdocs build, whole site       {whole:7.2f} s")
            print(f"    of which search indexing     {search:7.2f} s (timed again on its own)")
            print(f"    one briefing page            {page.stat().st_size / 1024:7.1f} KiB")
            print(f"    site                         {total:7.1f} MiB")
            print(f"    search index                 {index:7.1f} MiB")


if __name__ == "__main__":
    main()
