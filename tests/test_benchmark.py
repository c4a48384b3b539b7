"""The benchmark runs end to end on a small archive, and reports every stage and target."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_benchmark_prints_every_stage_and_target(tmp_path: Path) -> None:
    raw = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "20",
               "--repeat", "1", "--json", str(raw)]  # fmt: skip

    result = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ}, cwd=tmp_path
    )

    assert result.returncode == 0, result.stdout + result.stderr
    for stage in ("load + validate", "render pages", "search indexing", "MkDocs + Material",
                  "total wall time", "plain MkDocs baseline", "briefings check", "peak memory",
                  "site/pagefind*/", "briefing page HTML", "first search download",
                  "serve --dirty: edit one briefing to reload", "share cards written",
                  "card cache warm", "pictures on a briefing page",
                  "plain MkDocs with Material's search", "one summary edited",
                  "full rebuild, no page reused", "hourly decision (clock-state), reading",
                  "hourly decision (clock-state), kept by commit"):  # fmt: skip
        assert stage in result.stdout, stage
    targets = result.stdout.split("\nTargets\n")[1].splitlines()
    assert len(targets) == 12
    assert sum(line.endswith("not measured") for line in targets) == 7, "N = 20 only"
    figures = json.loads(raw.read_text(encoding="utf-8"))["20"]
    assert figures["pages"] > 0
    assert 0 < figures["build"]["load_archive"] < figures["build_wall"]
    assert figures["serve_reload"] > 0
    assert figures["warm_wall"] > 0
    assert figures["edit_wall"] > 0
    assert 0 < figures["cpu"]["edit"] < figures["cpu"]["full"]
    assert figures["searched_wall"] > 0
    assert figures["build"]["write_cards"] > 0
    assert figures["decision_kept"] > 0
    assert figures["decision_read"] > 0
