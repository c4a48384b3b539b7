"""A site made on several cores is the site made on one, byte for byte, and a failure in a
worker still fails the build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from benchmarks.synthetic import NOW, write_archive
from generator import parallel, render, site
from generator.archive import Archive, load_archive
from generator.publish import SiteInfo
from generator.site import site_output

from .building import copy_project, site_digests
from .conftest import PRIVATE, ROOT, TEMPLATES

SITE = SiteInfo(name="Example briefings", url="https://news.example.org/")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """Enough briefings for their pages to be shared out among workers."""
    folder = tmp_path_factory.mktemp("synthetic")
    write_archive(folder, 60)
    archive = load_archive(folder, NOW, desk=PRIVATE)
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_list_items_made_once_are_the_items_made_every_time(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fragment's key must name all it depends on: reusing it changes no page."""
    reused = site.render_site(archive, TEMPLATES)

    def made_every_time(made: object, *key: object, caller: object) -> object:
        return caller()  # type: ignore[operator]

    monkeypatch.setattr(render, "_fragment", made_every_time)
    assert site.render_site(archive, TEMPLATES) == reused


def _slow(seconds: float, value: int) -> int:
    time.sleep(seconds)
    return value


def test_a_stream_hands_over_each_result_made_in_another_process() -> None:
    tasks = [lambda n=n: (n, os.getpid()) for n in range(7)]
    stream = parallel.Stream(tasks, 2)
    try:
        results = [stream.get(n) for n in reversed(range(7))]
    finally:
        stream.close()

    assert [n for n, _ in results] == list(reversed(range(7)))
    assert os.getpid() not in {pid for _, pid in results}


def test_a_stream_raises_a_workers_error_where_its_result_is_read() -> None:
    def broken() -> int:
        raise KeyError("no such template")

    stream = parallel.Stream([lambda: 1, broken, lambda: 3], 1)
    try:
        assert stream.get(0) == 1
        with pytest.raises(KeyError, match="no such template"):
            stream.get(1)
    finally:
        stream.close()


def test_a_worker_that_dies_is_reported_not_waited_for_forever() -> None:
    stream = parallel.Stream([lambda: 1, lambda: os._exit(3)], 1)
    try:
        with pytest.raises(parallel.WorkerFailed, match=r"task 1 \(exit codes 3\)"):
            stream.get(1)
    finally:
        stream.close()


def test_closing_a_stream_stops_its_workers() -> None:
    stream = parallel.Stream([partial(_slow, 60, 1)], 1)
    start = time.monotonic()

    stream.close()

    assert time.monotonic() - start < 10
    assert all(not worker.is_alive() for worker in stream._workers)


def _build(project: Path, *, one_core: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795608000"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--verbose"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=(lambda: os.sched_setaffinity(0, {0})) if one_core else None,
    )


@pytest.mark.slow
def test_a_build_whose_pages_are_made_by_workers_is_the_build_made_on_one_core(
    tmp_path: Path,
) -> None:
    assert parallel.cores() >= 2, "this machine has one core: the workers cannot be tested"
    projects = []
    for name in ("workers", "one-core"):
        project = copy_project(tmp_path / name, repository="private")
        shutil.rmtree(project / "briefings")
        write_archive(project / "briefings", 80)
        projects.append(project)

    streamed = _build(projects[0], one_core=False)
    alone = _build(projects[1], one_core=True)

    assert streamed.returncode == 0, streamed.stderr
    assert alone.returncode == 0, alone.stderr
    assert "MkDocs waited" in streamed.stderr, "the pages were made by workers"
    assert "MkDocs waited" not in alone.stderr
    assert site_digests(projects[0] / "site") == site_digests(projects[1] / "site")


@pytest.mark.slow
def test_a_broken_template_stops_the_build_in_one_line_on_several_cores_and_on_one(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project", repository="private")
    shutil.rmtree(project / "briefings")
    write_archive(project / "briefings", 80)
    actor = project / "theme" / "markdown" / "actor.md"
    text = actor.read_text(encoding="utf-8")
    actor.write_text(text.replace("if actor.wikidata", "if actor.wikidtaa", 1))

    for one_core in (False, True):
        result = _build(project, one_core=one_core)

        assert result.returncode == 1
        line = text[: text.index("if actor.wikidata")].count("\n") + 1
        assert f"briefings: theme/markdown/actor.md:{line}: " in result.stderr
        assert "has no attribute 'wikidtaa' (making actors/" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (project / "site").exists()
