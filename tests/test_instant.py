"""'Now' is decided in one place for every entry point, so that two outputs of one commit agree
on which embargoes have lifted: `briefings render` and `mkdocs build` at the same
SOURCE_DATE_EPOCH publish the same briefings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator import instant

from .building import copy_project
from .conftest import FIXTURES, Briefings

BIN = Path(sys.executable).parent
EMBARGO = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
BEFORE, AFTER = int(EMBARGO.timestamp()) - 60, int(EMBARGO.timestamp()) + 60


def test_an_explicit_instant_wins_then_the_epoch_then_the_clock() -> None:
    given = datetime(2024, 9, 10, 12, 0, tzinfo=UTC)

    assert instant.now(given, {"SOURCE_DATE_EPOCH": "0"}) == given
    assert instant.now(None, {"SOURCE_DATE_EPOCH": "0"}) == datetime(1970, 1, 1, tzinfo=UTC)
    assert abs(instant.now(None, {}) - datetime.now(UTC)).total_seconds() < 60


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2024-09-10 12:00", "'2024-09-10 12:00' needs a timezone, e.g. 2024-09-10T12:00:00Z"),
        # A date alone, with Z, is no instant: the example is one to copy as it is.
        ("2024-09-10", "'2024-09-10' needs a timezone, e.g. 2024-09-10T00:00:00Z"),
        ("soon", "'soon' is not an ISO 8601 date and time, e.g. 2024-09-10T12:00:00Z"),
    ],
)
def test_an_instant_without_timezone_or_not_iso_is_refused(written: str, message: str) -> None:
    with pytest.raises(instant.InstantError, match=f"^{message}$"):
        instant.parse_instant(written)


def test_an_epoch_that_is_not_whole_seconds_is_a_usage_error(briefings: Briefings) -> None:
    result = briefings("check", str(FIXTURES / "valid"), env={"SOURCE_DATE_EPOCH": "1.5e9"})

    assert result.exit_code == 2
    assert "Error: SOURCE_DATE_EPOCH must be whole seconds since 1970, not '1.5e9'" in result.stderr


def _embargoed(folder: Path) -> Path:
    shutil.copytree(FIXTURES / "valid", folder)
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(
        text.replace("tlp: CLEAR\n", f"tlp: CLEAR\nembargo_until: {EMBARGO.isoformat()}\n"),
        encoding="utf-8",
    )
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("epoch", [BEFORE, AFTER], ids=["before", "after"])
def test_render_and_mkdocs_build_agree_on_an_embargo_at_one_epoch(
    tmp_path: Path, epoch: int
) -> None:
    project = copy_project(
        tmp_path / "project", _embargoed(tmp_path / "briefings"), repository="private"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(epoch)}

    rendered = subprocess.run(
        [str(BIN / "briefings"), "render", "--out", str(tmp_path / "out"), "--dir", "briefings"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert rendered.returncode == 0, rendered.stderr
    assert built.returncode == 0, built.stderr
    published = epoch > EMBARGO.timestamp()
    assert (tmp_path / "out" / "briefings" / "sample-briefing.md").exists() is published
    assert (project / "site" / "briefings" / "sample-briefing" / "index.html").exists() is published
