"""The search comparison runs end to end on a small archive, and both searches find results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.search import QUERIES

from ..conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_search_comparison_finds_results_with_both_backends(tmp_path: Path) -> None:
    raw = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "benchmarks" / "search.py"), "--sizes", "20",
               "--repeat", "1", "--json", str(raw)]  # fmt: skip

    result = subprocess.run(
        command, capture_output=True, text=True, check=False, env={**os.environ}, cwd=tmp_path
    )

    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout.split("\nN = 20 briefings")[1]
    assert "Pagefind (ours)" in table
    assert "Material search (lunr)" in table
    queries = {query for _, query in QUERIES}
    for query in queries:
        assert f"results, {query!r}" in table, query
    assert "\nAt N = 20 " in result.stdout
    backends = json.loads(raw.read_text(encoding="utf-8"))["20"]["backends"]
    assert set(backends) == {"Pagefind", "Material"}
    for name, figures in backends.items():
        assert figures["failures"] == [], name
        assert figures["index_bytes"] > 0, name
        assert figures["pages"] > 0, name
        assert set(figures["results"]) == queries, name
        for query, counts in figures["results"].items():
            assert min(counts) > 0, (name, query)
        assert 0 < figures["first_ms"][0] < 60_000, name
        assert figures["first_bytes"][0] > 0, name
    # The same pages are in both indexes, and Material's is fetched whole by the first search.
    assert backends["Pagefind"]["pages"] == backends["Material"]["pages"]
    assert backends["Material"]["first_bytes"][0] >= backends["Material"]["index_bytes"]
