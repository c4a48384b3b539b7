"""Shared paths and options of the test suite."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

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
