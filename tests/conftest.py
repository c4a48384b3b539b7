"""Shared paths and options of the test suite."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import pytest
from click.testing import CliRunner, Result

from generator.desk import Desk, Repository

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
TEMPLATES = ROOT / "theme" / "markdown"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PRIVATE = Desk(repository=Repository.PRIVATE)
"""A desk whose briefings live in a private repository, as the fixture archive's restricted
drafts and embargoes require."""


ARTIFACTS = ROOT / "tests" / "artifacts"
"""Screenshots and accessibility reports of the browser tests, to be looked at."""


def pytest_sessionstart(session: pytest.Session) -> None:
    # Once per run: with pytest-xdist, in the controller only, not in each worker (which
    # would delete what the others already wrote).
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(ARTIFACTS, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files under tests/golden/ from the current output; "
        "review the diff before committing.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture archive."""
    target = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", target)
    return target


APPEARED = """\
    appeared:
      - url: https://social.example.net/@ministry/closed
        by: example-ministry
      - url: https://radio.example/2024/09/09/bridge
        date: 2024-09-09
      - url: https://www.video.example/watch?v=bridge
        date: 2024-09-08
        archived_url: https://web.archive.org/web/2024/https://www.video.example/watch?v=bridge
        by: jane-example
"""
"""Where the sample's verified claim appeared: out of date order, the undated place first."""


@pytest.fixture
def appeared_dir(archive_dir: Path) -> Path:
    """The valid fixture archive, its verified claim with the places it appeared (`APPEARED`)."""
    sample = archive_dir / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    marker = "    evidence: [barrier-photo]\n  - id: bridge-reopens\n"
    assert marker in text
    text = text.replace(marker, marker.replace("\n  - id", f"\n{APPEARED}  - id"))
    sample.write_text(text, encoding="utf-8")
    return archive_dir


def reviewed_sample(tmp_path: Path, review_by: str) -> Path:
    """A folder with the valid fixture's sample, whose key claim was assessed on 2024-09-12,
    to be reviewed by `review_by`."""
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    assessed = "      as_of: 2024-09-12\n"
    assert assessed in text
    text = text.replace(assessed, f"{assessed}      review_by: {review_by}\n", 1)
    sample.write_text(text, encoding="utf-8")
    return folder


class Briefings(Protocol):
    """The `briefings` fixture: runs the command with these arguments."""

    def __call__(
        self, *args: str, cwd: Path = ..., env: Mapping[str, str | None] | None = ...
    ) -> Result: ...


@pytest.fixture
def briefings(monkeypatch: pytest.MonkeyPatch) -> Briefings:
    """`briefings` with these arguments, run in this process (a process of its own takes half
    a second to start), in the folder `cwd`, with these environment variables set (or unset,
    if None): its exit code, standard output and standard error are `result.exit_code`,
    `.stdout` and `.stderr`.

    An exception the command does not turn into a message and an exit code is raised rather
    than kept in the result: where the installed command would print a traceback, the test
    fails."""

    # Imported here, not above: the command imports the whole generator, which a run of one
    # core module's tests need not wait for.
    from generator.cli import main

    def run(*args: str, cwd: Path = ROOT, env: Mapping[str, str | None] | None = None) -> Result:
        monkeypatch.chdir(cwd)
        return CliRunner().invoke(
            main, args, env=env, prog_name="briefings", catch_exceptions=False
        )

    return run
