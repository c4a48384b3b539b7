"""Publication rules (SPEC §4, §4a): only published, TLP:CLEAR, un-embargoed briefings are
public; the internal site adds published GREEN and AMBER ones; and a public repository holds
nothing that is not fit for everyone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.desk import Audience, Desk, Repository

from .conftest import NOW, PRIVATE
from .positions import location, position


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_published_clear_briefing_is_public(archive_dir: Path) -> None:
    archive = load_archive(archive_dir, NOW)

    assert archive.errors == ()
    assert [b.id for b in archive.shown] == ["sample-briefing"]


def test_a_draft_is_valid_but_private(archive_dir: Path) -> None:
    _edit(archive_dir / "sample-briefing.yaml", "status: published", "status: draft")

    archive = load_archive(archive_dir, NOW)

    assert archive.errors == ()
    assert [b.id for b in archive.briefings] == ["sample-briefing"]
    assert archive.shown == ()


def test_a_restricted_draft_is_valid_but_private_in_a_private_repository(
    archive_dir: Path,
) -> None:
    path = archive_dir / "sample-briefing.yaml"
    _edit(path, "status: published", "status: draft")
    _edit(path, "tlp: CLEAR", "tlp: AMBER+STRICT")

    archive = load_archive(archive_dir, NOW, desk=PRIVATE)

    assert archive.errors == ()
    assert archive.shown == ()


@pytest.mark.parametrize("tlp", ["GREEN", "AMBER", "AMBER+STRICT", "RED"])
def test_a_restricted_draft_in_a_public_repository_is_an_error_at_its_tlp_line(
    archive_dir: Path, tlp: str
) -> None:
    path = archive_dir / "sample-briefing.yaml"
    _edit(path, "status: published", "status: draft")
    _edit(path, "tlp: CLEAR", f"tlp: {tlp}")

    archive = load_archive(archive_dir, NOW)

    [error] = archive.errors
    assert (error.line, error.column) == position(_text(path), f"tlp: {tlp}", tlp)
    assert error.message == (
        f"TLP:{tlp} in a public repository: anyone can read this file on GitHub, and it "
        "stays in the history even once deleted"
    )
    assert "keep briefings that are not TLP:CLEAR in a private repository" in str(error.hint)
    assert "repository: private" in str(error.hint)
    assert archive.briefings == ()


def test_the_repository_setting_defaults_to_public(archive_dir: Path) -> None:
    _edit(archive_dir / "sample-briefing.yaml", "tlp: CLEAR", "tlp: GREEN")

    assert load_archive(archive_dir, NOW).errors
    assert load_archive(archive_dir, NOW, desk=Desk(repository=Repository.PUBLIC)).errors
    assert not load_archive(archive_dir, NOW, desk=PRIVATE).errors


EMBARGO = "tlp: CLEAR\nembargo_until: 2026-11-25T12:00:00+00:00\n"
EMBARGO_UNTIL = ("embargo_until: 2026-11-25T12:00:00+00:00", "2026-11-25T12:00:00+00:00")
"""The line of EMBARGO that sets the embargo, and its value."""


def test_an_embargoed_briefing_becomes_public_at_the_embargo_instant(archive_dir: Path) -> None:
    _edit(archive_dir / "sample-briefing.yaml", "tlp: CLEAR\n", EMBARGO)

    before = load_archive(archive_dir, NOW - timedelta(seconds=1), desk=PRIVATE)
    at = load_archive(archive_dir, NOW, desk=PRIVATE)

    assert before.errors == ()
    assert before.shown == ()
    assert [b.id for b in at.shown] == ["sample-briefing"]


def test_an_embargo_in_a_public_repository_is_an_error_until_it_ends(archive_dir: Path) -> None:
    path = archive_dir / "sample-briefing.yaml"
    _edit(path, "tlp: CLEAR\n", EMBARGO)

    before = load_archive(archive_dir, NOW - timedelta(seconds=1))
    at = load_archive(archive_dir, NOW)

    [error] = before.errors
    assert (error.line, error.column) == position(_text(path), *EMBARGO_UNTIL)
    assert error.message.startswith(
        "embargoed until 2026-11-25T12:00:00+00:00 in a public repository: anyone can read "
        "this file on GitHub before then"
    )
    assert "keep embargoed briefings in a private repository" in str(error.hint)
    assert at.errors == ()
    assert [b.id for b in at.shown] == ["sample-briefing"]


@pytest.mark.parametrize("tlp", ["GREEN", "AMBER", "AMBER+STRICT"])
def test_a_published_restricted_briefing_is_shown_only_to_the_internal_audience(
    archive_dir: Path, tlp: str
) -> None:
    _edit(archive_dir / "sample-briefing.yaml", "tlp: CLEAR", f"tlp: {tlp}")
    internal = Desk(repository=Repository.PRIVATE, audience=Audience.INTERNAL)

    public_site = load_archive(archive_dir, NOW, desk=PRIVATE)
    internal_site = load_archive(archive_dir, NOW, desk=internal)

    assert public_site.errors == internal_site.errors == ()
    assert public_site.shown == ()
    assert [b.id for b in internal_site.shown] == ["sample-briefing"]


def test_the_internal_audience_never_sees_drafts_or_embargoes(archive_dir: Path) -> None:
    path = archive_dir / "sample-briefing.yaml"
    _edit(path, "tlp: CLEAR\n", "tlp: AMBER\nembargo_until: 2026-11-25T12:00:00+00:00\n")
    internal = Desk(repository=Repository.PRIVATE, audience=Audience.INTERNAL)

    assert load_archive(archive_dir, NOW - timedelta(seconds=1), desk=internal).shown == ()
    _edit(path, "status: published", "status: draft")
    assert load_archive(archive_dir, NOW, desk=internal).shown == ()


def test_a_published_red_briefing_is_an_error_in_any_repository(archive_dir: Path) -> None:
    path = archive_dir / "sample-briefing.yaml"
    _edit(path, "tlp: CLEAR", "tlp: RED")
    internal = Desk(repository=Repository.PRIVATE, audience=Audience.INTERNAL)

    archive = load_archive(archive_dir, NOW, desk=internal)

    [error] = archive.errors
    assert (error.line, error.column) == position(_text(path), "tlp: RED", "RED")
    assert error.message.startswith("a published briefing cannot be TLP:RED")
    assert archive.shown == ()


def test_an_embargo_without_timezone_is_an_error(archive_dir: Path) -> None:
    path = archive_dir / "sample-briefing.yaml"
    _edit(path, "tlp: CLEAR\n", "tlp: CLEAR\nembargo_until: 2026-11-25T12:00:00\n")

    archive = load_archive(archive_dir, NOW)

    where = location(_text(path), "embargo_until: 2026-11-25T12:00:00", "2026-11-25")
    assert [str(e).split("/")[-1] for e in archive.errors] == [
        f"sample-briefing.yaml:{where}: embargo_until needs a timezone; "
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
    assert archive.shown == ()


def test_public_briefings_are_listed_newest_first(archive_dir: Path) -> None:
    older = (archive_dir / "sample-briefing.yaml").read_text(encoding="utf-8")
    older = older.replace("id: sample-briefing", "id: older-briefing")
    older = older.replace("published: 2024-09-10", "published: 2024-09-01")
    (archive_dir / "older-briefing.yaml").write_text(older, encoding="utf-8")

    archive = load_archive(archive_dir, NOW)

    assert [b.id for b in archive.shown] == ["sample-briefing", "older-briefing"]


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    archive = load_archive(tmp_path / "nowhere", NOW)

    assert [e.message for e in archive.errors] == ["no such folder of briefings"]


def test_loading_never_changes_the_input_files(archive_dir: Path) -> None:
    before = {p.name: p.read_bytes() for p in archive_dir.iterdir()}

    load_archive(archive_dir, NOW)

    assert {p.name: p.read_bytes() for p in archive_dir.iterdir()} == before
