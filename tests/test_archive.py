"""Publication rules (SPEC §4): only published, TLP:CLEAR, un-embargoed briefings are public."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from generator.archive import load_archive

from .conftest import NOW


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_published_clear_briefing_is_public(archive_dir: Path) -> None:
    archive = load_archive(archive_dir, NOW)

    assert archive.errors == ()
    assert [b.id for b in archive.public] == ["sample-briefing"]


def test_a_draft_is_valid_but_private(archive_dir: Path) -> None:
    _edit(archive_dir / "sample-briefing.yaml", "status: published", "status: draft")

    archive = load_archive(archive_dir, NOW)

    assert archive.errors == ()
    assert [b.id for b in archive.briefings] == ["sample-briefing"]
    assert archive.public == ()


def test_a_restricted_draft_is_valid_but_private(archive_dir: Path) -> None:
    path = archive_dir / "sample-briefing.yaml"
    _edit(path, "status: published", "status: draft")
    _edit(path, "tlp: CLEAR", "tlp: AMBER+STRICT")

    archive = load_archive(archive_dir, NOW)

    assert archive.errors == ()
    assert archive.public == ()


def test_an_embargoed_briefing_becomes_public_at_the_embargo_instant(archive_dir: Path) -> None:
    _edit(
        archive_dir / "sample-briefing.yaml",
        "tlp: CLEAR\n",
        "tlp: CLEAR\nembargo_until: 2026-11-25T12:00:00+00:00\n",
    )

    before = load_archive(archive_dir, NOW - timedelta(seconds=1))
    at = load_archive(archive_dir, NOW)

    assert before.errors == ()
    assert before.public == ()
    assert [b.id for b in at.public] == ["sample-briefing"]


def test_an_embargo_without_timezone_is_an_error(archive_dir: Path) -> None:
    _edit(
        archive_dir / "sample-briefing.yaml",
        "tlp: CLEAR\n",
        "tlp: CLEAR\nembargo_until: 2026-11-25T12:00:00\n",
    )

    archive = load_archive(archive_dir, NOW)

    assert [str(e).split("/")[-1] for e in archive.errors] == [
        "sample-briefing.yaml:7:16: embargo_until needs a timezone; "
        "end it with Z or an offset, e.g. 2024-09-10T14:00:00Z"
    ]


def test_a_published_briefing_without_a_publication_date_is_an_error(archive_dir: Path) -> None:
    _edit(archive_dir / "sample-briefing.yaml", "published: 2024-09-10\nupdated: 2024-09-12\n", "")

    archive = load_archive(archive_dir, NOW)

    assert [e.message for e in archive.errors] == ["a published briefing needs a 'published' date"]


def test_a_misspelled_status_is_an_error_not_a_draft(archive_dir: Path) -> None:
    _edit(archive_dir / "sample-briefing.yaml", "status: published", "status: publshed")

    archive = load_archive(archive_dir, NOW)

    assert [e.hint for e in archive.errors] == ["did you mean 'published'?"]
    assert archive.public == ()


def test_public_briefings_are_listed_newest_first(archive_dir: Path) -> None:
    older = (archive_dir / "sample-briefing.yaml").read_text(encoding="utf-8")
    older = older.replace("id: sample-briefing", "id: older-briefing")
    older = older.replace("published: 2024-09-10", "published: 2024-09-01")
    (archive_dir / "older-briefing.yaml").write_text(older, encoding="utf-8")

    archive = load_archive(archive_dir, NOW)

    assert [b.id for b in archive.public] == ["sample-briefing", "older-briefing"]


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    archive = load_archive(tmp_path / "nowhere", NOW)

    assert [e.message for e in archive.errors] == ["no such folder of briefings"]


def test_loading_never_changes_the_input_files(archive_dir: Path) -> None:
    before = {p.name: p.read_bytes() for p in archive_dir.iterdir()}

    load_archive(archive_dir, NOW)

    assert {p.name: p.read_bytes() for p in archive_dir.iterdir()} == before
