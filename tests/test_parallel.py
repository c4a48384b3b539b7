"""A site made on several cores is the site made on one, byte for byte, and a failure in a
worker still fails the build."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from benchmarks.synthetic import NOW, write_archive
from generator import parallel, render
from generator.archive import Archive, load_archive
from generator.publish import SiteInfo, site_output

from .conftest import ROOT, TEMPLATES

SITE = SiteInfo(name="Example briefings", url="https://news.example.org/")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """Enough briefings for their pages to be shared out among workers."""
    folder = tmp_path_factory.mktemp("synthetic")
    write_archive(folder, 60)
    archive = load_archive(folder, NOW)
    assert not archive.errors
    return archive


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Set how many processes `run_all` uses; yields the counts it was asked for."""
    asked: list[int] = []
    count = [1]

    def workers_for(tasks: int) -> int:
        asked.append(count[0])
        return count[0]

    monkeypatch.setattr(parallel, "workers_for", workers_for)
    yield count
    assert asked, "the site was not made through run_all"


def test_a_site_made_by_several_workers_is_the_site_made_by_one(
    archive: Archive, workers: list[int]
) -> None:
    one = site_output(archive, TEMPLATES, SITE)
    workers[0] = 3

    several = site_output(archive, TEMPLATES, SITE)

    assert len(one.pages) > 100
    assert several == one
    assert list(several.pages) == list(one.pages), "pages in the same order"
    assert list(several.files) == list(one.files), "files in the same order"


def test_tasks_run_in_other_processes_and_results_keep_their_order() -> None:
    tasks = [lambda n=n: (n, os.getpid()) for n in range(10)]

    results = parallel.run_all(tasks, workers=3)

    assert [n for n, _ in results] == list(range(10))
    assert os.getpid() not in {pid for _, pid in results}


def test_an_error_in_a_worker_is_raised_here() -> None:
    def broken() -> str:
        raise ValueError("undefined value in a template")

    tasks = [lambda: "fine"] * 5 + [broken]

    with pytest.raises(ValueError, match="undefined value in a template"):
        parallel.run_all(tasks, workers=2)


def test_a_process_with_other_threads_never_forks() -> None:
    """The preview server runs threads; forking it could copy a lock held by one of them."""
    script = """
import threading
from generator import parallel
alone = parallel.workers_for(10_000)
stop = threading.Event()
threading.Thread(target=stop.wait).start()
print(alone, parallel.workers_for(10_000))
stop.set()
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )

    alone, threaded = map(int, result.stdout.split())
    assert alone == min(parallel.cores(), parallel.MAX_WORKERS)
    assert threaded == 1


def test_a_small_archive_is_made_here() -> None:
    assert parallel.workers_for(parallel.MIN_TASKS - 1) == 1


def test_list_items_made_once_are_the_items_made_every_time(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fragment's key must name all it depends on: reusing it changes no page."""
    reused = render.render_site(archive, TEMPLATES)

    def made_every_time(made: object, *key: object, caller: object) -> object:
        return caller()  # type: ignore[operator]

    monkeypatch.setattr(render, "_fragment", made_every_time)
    assert render.render_site(archive, TEMPLATES) == reused
