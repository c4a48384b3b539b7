"""A long check or build says how far it has got (generator/progress.py): nothing for a small
archive, a line every few seconds for a large one, and a last line with its count and time.
Time is a fake clock here: no test waits for the pace it checks."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from generator import cards, parallel, progress, search
from generator.archive import load_archive
from generator.cli import OnTerminal
from generator.progress import CHECKING, Progress, Stage, Tally
from generator.publish import SiteInfo
from generator.site import site_output
from generator.structure import SiteIndex

from .building import copy_project
from .conftest import FIXTURES, NOW, PRIVATE, TEMPLATES, Briefings

SITE = SiteInfo(name="Example briefings", url="https://news.example.org/")


class Clock:
    """A clock that moves only when the test moves it, by tenths of a second."""

    def __init__(self) -> None:
        self.tenths = 0

    def __call__(self) -> float:
        return 1000 + self.tenths / 10


class Ticking:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


def _checking(clock: Clock, lines: list[str], total: int = 10_000) -> Tally:
    return Progress(lines.append, clock=clock).stage(CHECKING, total)


def _every_tenth_of_a_second(tally: Tally, clock: Clock, seconds: float) -> None:
    for _ in range(round(seconds * 10)):
        clock.tenths += 1
        tally.advance()


# --- The pace ----------------------------------------------------------------------------------


def test_a_stage_says_nothing_before_its_quiet_period() -> None:
    clock, lines = Clock(), []
    checking = _checking(clock, lines)

    _every_tenth_of_a_second(checking, clock, progress.QUIET - 0.2)

    assert lines == []


def test_a_stage_that_runs_past_its_quiet_period_says_how_far_it_has_got() -> None:
    clock, lines = Clock(), []
    checking = _checking(clock, lines)

    _every_tenth_of_a_second(checking, clock, 3)

    assert lines == ["Checking briefings: 25 of 10,000 after 2 s"]


def test_a_stage_says_at_most_one_line_per_interval() -> None:
    clock, lines = Clock(), []
    checking = _checking(clock, lines)

    _every_tenth_of_a_second(checking, clock, 20)

    assert lines == [
        "Checking briefings: 25 of 10,000 after 2 s",
        "Checking briefings: 75 of 10,000 after 8 s",
        "Checking briefings: 125 of 10,000 after 12 s",
        "Checking briefings: 175 of 10,000 after 18 s",
    ]


def test_a_long_stage_ends_with_its_count_and_time() -> None:
    clock, lines = Clock(), []
    checking = _checking(clock, lines, total=120)

    _every_tenth_of_a_second(checking, clock, 12)
    checking.finish()  # already over: its count reached its total

    assert lines[-1] == "Checked 120 briefings in 12.0 s"
    assert len(lines) == 3


def test_a_short_stage_says_nothing_when_it_ends() -> None:
    clock, lines = Clock(), []
    checking = _checking(clock, lines)

    _every_tenth_of_a_second(checking, clock, 2)
    checking.finish()

    assert lines == []


def test_a_stage_with_few_things_to_do_says_nothing_however_long_it_takes() -> None:
    clock, lines = Clock(), []
    checking = _checking(clock, lines, total=progress.FEW - 1)

    for _ in range(progress.FEW - 1):
        clock.tenths += 100
        checking.advance()

    assert lines == []


def test_a_stage_that_counts_nothing_says_how_long_it_has_been_running() -> None:
    clock, lines = Clock(), []
    indexing = Progress(lines.append, clock=clock).stage(
        Stage("Indexing 1,268 pages for search", None, counted=False), 1268
    )

    for _ in range(80):
        clock.tenths += 1
        indexing.advance(0)
    indexing.finish()

    assert lines == [
        "Indexing 1,268 pages for search: 2 s so far",
        "Indexing 1,268 pages for search: 8 s so far",
    ]


def test_a_bar_on_a_terminal_is_drawn_only_after_the_quiet_period() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    clock, terminal = Clock(), Terminal()
    checking = OnTerminal(terminal, clock=clock).stage(CHECKING, 200)

    _every_tenth_of_a_second(checking, clock, 2)
    quiet = terminal.getvalue()
    _every_tenth_of_a_second(checking, clock, 18)

    assert quiet == ""
    assert re.search(r"Checking briefings +\[#+-+\] +100/200", terminal.getvalue())
    assert terminal.getvalue().endswith("\nChecked 200 briefings in 20.0 s\n")


# --- What the core counts ----------------------------------------------------------------------


def _told(lines: list[str]) -> Progress:
    """Every line, at once: no quiet period, no interval, however few things a stage does."""
    return Progress(lines.append, clock=Ticking(), quiet=0, interval=0, few=0)


def test_checking_an_archive_counts_each_briefing_file() -> None:
    lines: list[str] = []

    load_archive(FIXTURES / "archive", NOW, desk=PRIVATE, progress=_told(lines))

    files = len(list((FIXTURES / "archive").glob("*.yaml"))) - 1  # not actors.yaml
    assert lines[0] == f"Checking briefings: 1 of {files} after 1 s"
    assert re.fullmatch(rf"Checked {files} briefings in \d+\.0 s", lines[-1])
    assert len(lines) == files


def test_making_a_site_counts_each_page() -> None:
    lines: list[str] = []
    archive = load_archive(FIXTURES / "valid", NOW)

    output = site_output(archive, TEMPLATES, SITE, workers=1, progress=_told(lines))

    assert lines[0] == f"Making Markdown pages: 1 of {len(output.pages)} after 1 s"
    assert re.fullmatch(rf"Made {len(output.pages)} Markdown pages in \d+\.0 s", lines[-1])


def test_a_stream_counts_each_result_as_it_comes_back() -> None:
    class Counted(Tally):
        def __init__(self) -> None:
            self.count = 0

        def advance(self, count: int = 1) -> None:
            self.count += count

    counted = Counted()
    stream = parallel.Stream([lambda n=n: n for n in range(7)], 2, counted)
    try:
        first = stream.get(0)
        seen = counted.count
        results = [stream.get(n) for n in range(7)]
    finally:
        stream.close()

    assert first == 0
    assert seen >= 1
    assert results == list(range(7))
    assert counted.count == 7


def test_waiting_for_pagefind_tells_the_tally_that_time_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Waited(Tally):
        def __init__(self) -> None:
            self.beats = 0

        def advance(self, count: int = 1) -> None:
            assert count == 0, "Pagefind counts nothing while it runs"
            self.beats += 1

    monkeypatch.setattr(search, "HEARTBEAT", 0.01)
    waited = Waited()
    command = "import time; time.sleep(0.3); print('Indexed 3 pages')"
    process = subprocess.Popen(
        [sys.executable, "-c", command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )

    assert search._finished(process, waited) == 3
    assert waited.beats >= 1


@pytest.mark.slow  # a process of its own, started afresh, draws the cards
def test_cards_drawn_in_the_background_are_counted(tmp_path: Path) -> None:
    lines: list[str] = []
    index = SiteIndex(load_archive(FIXTURES / "valid", NOW), "en")
    view = index.briefings[0]
    card = cards.card_for(view, index.stories.thread(view), site_name="News", site_language="en")
    many = [replace(card, briefing=f"{card.briefing}-{n}") for n in range(cards.MIN_DRAWN)]

    drawn = cards.Cards(many, tmp_path, workers=1, progress=_told(lines))
    [drawn[each.name] for each in many]  # each waits until it is drawn
    deadline = time.monotonic() + 30  # the count follows each card by a moment
    while not (lines and lines[-1].startswith("Drew")) and time.monotonic() < deadline:
        time.sleep(0.01)

    assert re.fullmatch(rf"Drew {len(many)} share cards in \d+\.0 s", lines[-1])


# --- The command line --------------------------------------------------------------------------


def test_checking_a_small_folder_says_nothing_of_its_progress(briefings: Briefings) -> None:
    result = briefings("check", str(FIXTURES / "valid"), "--now", NOW.isoformat())

    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == "1 valid briefing: 1 public, 0 private\n"


def test_check_says_how_far_it_has_got_on_standard_error_only(
    briefings: Briefings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a large archive would on a slow machine: a line for every briefing.
    monkeypatch.setattr(progress, "QUIET", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    monkeypatch.setattr(progress, "FEW", 0)
    folder = FIXTURES / "archive"
    files = len(list(folder.glob("*.yaml"))) - 1  # not actors.yaml

    result = briefings(
        "check", str(folder), "--format", "json", "--due", "--now", NOW.isoformat(),
        env={"BRIEFINGS_REPOSITORY": "private"},
    )  # fmt: skip

    assert json.loads(result.stdout).keys() == {"problems", "due"}
    said = [line for line in result.stderr.splitlines() if line.startswith("Check")]
    assert said[0].startswith(f"Checking briefings: 1 of {files} after ")
    assert re.fullmatch(rf"Checked {files} briefings in \d+\.\d s", said[-1])


# --- The build ---------------------------------------------------------------------------------


@pytest.mark.slow  # a whole build, with Pagefind
def test_a_long_build_says_how_far_each_stage_has_got(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # As a large archive would: every stage says what it did.
    monkeypatch.setattr(progress, "QUIET", 0.0)
    monkeypatch.setattr(progress, "FEW", 0)
    monkeypatch.setattr(search, "HEARTBEAT", 0.001)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_project(tmp_path / "project", FIXTURES / "valid")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)

    with caplog.at_level("INFO", logger="mkdocs"):
        build(config)
        config.plugins.on_shutdown()

    pages = len(list((project / "site").rglob("index.html")))
    said = "\n".join(caplog.messages)
    for line in (
        r"Checked 1 briefings in \d+\.\d s",
        r"Made \d+ Markdown pages in \d+\.\d s",
        rf"Converted {pages} pages to HTML in \d+\.\d s",
        rf"Wrote {pages} pages in \d+\.\d s",
        r"Indexing \d+ pages for search: \d+ s so far",
        r"Search index built from \d+ pages in \d+\.\d s",
    ):
        assert re.search(f"^{line}$", said, re.MULTILINE), line
