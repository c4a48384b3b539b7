"""The synthetic archives the benchmark builds: deterministic, valid, and shaped like real ones."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from benchmarks.run import PRIVATE_DESK, edited_title
from benchmarks.synthetic import (
    ACTORS,
    CLAIMS,
    MAX_BYTES,
    MIN_BYTES,
    NOW,
    SOURCES,
    STATEMENTS,
    write_archive,
)
from generator.archive import load_archive
from generator.yamlio import load

COUNT = 50
NON_LATIN = re.compile(
    r"[\u0370-\u03ff\u0400-\u04ff\u0530-\u058f\u0590-\u05ff\u0600-\u06ff"
    r"\u0900-\u097f\u10a0-\u10ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]"
)


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("synthetic") / "briefings"
    write_archive(directory, COUNT, seed=1)
    return directory


def _files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.glob("*.yaml"))}


def _briefings(directory: Path) -> list[dict[str, Any]]:
    found = []
    for path in sorted(directory.glob("*.yaml")):
        if path.name != "actors.yaml":
            document, errors = load(path)
            assert document is not None, errors
            found.append(document.data)
    return found


def test_the_same_seed_writes_byte_identical_files(archive_dir: Path, tmp_path: Path) -> None:
    write_archive(tmp_path / "again", COUNT, seed=1)

    assert _files(tmp_path / "again") == _files(archive_dir)


def test_another_seed_writes_another_archive(archive_dir: Path, tmp_path: Path) -> None:
    write_archive(tmp_path / "other", COUNT, seed=2)

    other = _files(tmp_path / "other")
    assert other["actors.yaml"] != _files(archive_dir)["actors.yaml"]
    assert set(other) != set(_files(archive_dir))


def test_a_briefing_is_the_same_in_a_small_and_a_large_archive(
    archive_dir: Path, tmp_path: Path
) -> None:
    write_archive(tmp_path / "small", 10, seed=1)

    small = _files(tmp_path / "small")
    assert small.items() <= _files(archive_dir).items()


def test_the_archive_loads_without_errors_and_most_of_it_is_public(archive_dir: Path) -> None:
    archive = load_archive(archive_dir, NOW, desk=PRIVATE_DESK)

    assert archive.errors == ()
    assert len(archive.briefings) == COUNT
    assert COUNT * 0.75 <= len(archive.shown) < COUNT


def test_some_briefings_are_drafts_restricted_or_under_embargo(archive_dir: Path) -> None:
    briefings = _briefings(archive_dir)

    assert any(b["status"] == "draft" and b["tlp"] == "CLEAR" for b in briefings)
    assert any(b["tlp"] != "CLEAR" for b in briefings)
    assert any("embargo_until" in b and b["embargo_until"] > NOW.isoformat() for b in briefings)


def test_every_briefing_has_the_shape_of_a_real_one(archive_dir: Path) -> None:
    for briefing in _briefings(archive_dir):
        assert ACTORS[0] <= len(briefing["actors"]) <= ACTORS[1]
        assert STATEMENTS[0] <= len(briefing["statements"]) <= STATEMENTS[1]
        assert CLAIMS[0] <= len(briefing["claims"]) <= CLAIMS[1]
        assert SOURCES[0] <= len(briefing["sources"]) <= SOURCES[1]
        assert briefing["tags"]
        assert briefing["event"]["countries"]


def test_the_archive_uses_every_part_of_the_format(archive_dir: Path) -> None:
    briefings = _briefings(archive_dir)
    statements = [s for b in briefings for s in b["statements"]]
    claims = [c for b in briefings for c in b["claims"]]
    event_dates = [b["event"].get("date", "") for b in briefings]

    assert {s["mode"] for s in statements} == {"quote", "paraphrase"}
    assert len({s["kind"] for s in statements}) >= 6
    assert len({c["verification"]["state"] for c in claims}) >= 4
    assert sum(bool(c["verification"].get("history")) for c in claims) >= COUNT / 2
    assert any(isinstance(entry, dict) for b in briefings for entry in b["actors"])
    assert any(source.get("derived_from") for b in briefings for source in b["sources"])
    assert {len(d) for d in event_dates} >= {4, 7, 10}, "dates known to the year, month, day"
    # Format 2: a stance per claim, one statement taking different sides on two claims.
    stances = [stance for s in statements for stance in (s.get("about") or {}).values()]
    assert set(stances) == {"supports", "contradicts", "questions", "mentions"}
    assert any(len(set((s.get("about") or {}).values())) > 1 for s in statements)
    assert any(s.get("in_reply_to") for s in statements)
    assert any(s.get("translation") and s.get("lang") for s in statements)
    assert any(s.get("figure") for s in statements)
    assert any(b.get("evidence") for b in briefings)
    assert any(c.get("evidence") for c in claims)
    assert all(b["published"] <= NOW.date().isoformat() for b in briefings if "published" in b)


def test_the_registry_holds_a_few_hundred_actors(archive_dir: Path) -> None:
    document, _ = load(archive_dir / "actors.yaml")
    assert document is not None

    actors = document.data["actors"]
    assert 200 <= len(actors) <= 500
    assert {a["kind"] for a in actors} == {
        "person", "organization", "government", "state", "media", "group"
    }  # fmt: skip


def test_names_and_quotes_are_written_in_other_scripts_too(archive_dir: Path) -> None:
    registry = (archive_dir / "actors.yaml").read_text(encoding="utf-8")
    briefings = [p.read_text(encoding="utf-8") for p in archive_dir.glob("*.yaml")]

    scripts = {"Cyrillic": "\u0400-\u04ff", "Arabic": "\u0600-\u06ff", "Han": "\u4e00-\u9fff"}
    for script, letters in scripts.items():
        assert re.search(f"[{letters}]", registry), f"no {script} name in the registry"
    assert sum(bool(NON_LATIN.search(text)) for text in briefings) >= COUNT / 4


def test_briefing_files_are_as_large_as_hand_written_ones(archive_dir: Path) -> None:
    sizes = [p.stat().st_size for p in archive_dir.glob("*.yaml") if p.name != "actors.yaml"]

    assert all(MIN_BYTES <= size <= MAX_BYTES for size in sizes), sorted(sizes)
    assert len(Counter(size // 1000 for size in sizes)) >= 3, "sizes spread over the range"


def test_the_benchmarks_edit_keeps_a_briefing_valid(tmp_path: Path) -> None:
    write_archive(tmp_path, 20)
    for path in sorted(tmp_path.glob("*.yaml"))[1:]:
        path.write_text(edited_title(path.read_text(encoding="utf-8")), encoding="utf-8")

    archive = load_archive(tmp_path, NOW, desk=PRIVATE_DESK)

    assert archive.errors == ()
    assert all(briefing.title.endswith(" (edited)") for briefing in archive.briefings)
