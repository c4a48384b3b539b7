"""pyinstrument reports of a profiled stage, as the benchmark writes them."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def write_reports(profiler: Any, stem: Path) -> None:
    """STEM.html (interactive), STEM.txt (the call tree) and STEM-flat.txt (functions by their
    own time, as a share of the whole), from a stopped pyinstrument Profiler."""
    stem.with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
    stem.with_suffix(".txt").write_text(profiler.output_text(), encoding="utf-8")
    flat = profiler.output_text(flat=True, time="percent_of_total")
    stem.with_name(f"{stem.name}-flat.txt").write_text(flat, encoding="utf-8")
