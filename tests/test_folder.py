"""What in the folder of briefings is read: YAML files only, and nothing from outside it."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.archive import load_archive
from generator.errors import BriefingError

from .conftest import FIXTURES, NOW, Briefings


def _messages(errors: tuple[BriefingError, ...]) -> list[str]:
    """Each error with its file's name rather than its path."""
    return [f"{Path(e.path).name}: {str(e).removeprefix(e.location + ': ')}" for e in errors]


def test_a_briefing_linked_from_outside_the_folder_is_refused(
    archive_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere" / "leaked.yaml"
    outside.parent.mkdir()
    shutil.move(archive_dir / "sample-briefing.yaml", outside)
    (archive_dir / "sample-briefing.yaml").symlink_to(outside)

    archive = load_archive(archive_dir, NOW)

    assert _messages(archive.errors) == [
        f"sample-briefing.yaml: is a symbolic link to {outside}, outside the folder of "
        "briefings; copy the file here instead of linking to it"
    ]
    assert archive.briefings == ()


def test_an_actor_registry_linked_from_outside_is_refused(
    archive_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "actors.yaml"
    shutil.move(archive_dir / "actors.yaml", outside)
    (archive_dir / "actors.yaml").symlink_to(outside)

    archive = load_archive(archive_dir, NOW)

    assert _messages(archive.errors) == [
        f"actors.yaml: is a symbolic link to {outside}, outside the folder of "
        "briefings; copy the file here instead of linking to it"
    ]


def test_a_link_to_a_file_inside_the_folder_is_read(archive_dir: Path) -> None:
    kept = archive_dir / "2024" / "sample-briefing.yaml"
    kept.parent.mkdir()
    shutil.move(archive_dir / "sample-briefing.yaml", kept)
    (archive_dir / "sample-briefing.yaml").symlink_to(Path("2024") / "sample-briefing.yaml")

    archive = load_archive(archive_dir, NOW)

    assert archive.errors == ()
    assert [b.id for b in archive.briefings] == ["sample-briefing"]


def test_a_link_to_nothing_is_an_error_not_a_crash(archive_dir: Path) -> None:
    (archive_dir / "gone.yaml").symlink_to(archive_dir / "missing" / "gone.yaml")

    archive = load_archive(archive_dir, NOW)

    assert _messages(archive.errors) == [
        "gone.yaml: cannot read the file: No such file or directory"
    ]


def test_other_files_are_not_read_and_are_named_in_notes(archive_dir: Path) -> None:
    (archive_dir / "README.md").write_text("status: published\n", encoding="utf-8")
    (archive_dir / "notes.txt").write_text("{{ not: yaml", encoding="utf-8")
    (archive_dir / "drafts").mkdir()
    (archive_dir / "drafts" / "later.yaml").write_text("id: later\n", encoding="utf-8")
    # Hidden files are editors' and git's, and are skipped without a note.
    (archive_dir / ".gitkeep").write_text("", encoding="utf-8")
    (archive_dir / ".#sample-briefing.yaml").write_text("not: [closed", encoding="utf-8")

    archive = load_archive(archive_dir, NOW)

    assert archive.errors == ()
    assert [b.id for b in archive.briefings] == ["sample-briefing"]
    assert _messages(archive.notes) == [
        "README.md: not a .yaml file, not read",
        "drafts: a folder, not read",
        "notes.txt: not a .yaml file, not read",
    ]


def test_check_prints_notes_apart_from_errors(tmp_path: Path, briefings: Briefings) -> None:
    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    (tmp_path / "README.md").write_text("About these briefings.\n", encoding="utf-8")

    text = briefings("check", ".", cwd=tmp_path)
    github = briefings("check", ".", "--format", "github", cwd=tmp_path)

    assert (text.exit_code, github.exit_code) == (0, 0)
    assert text.stdout == "1 valid briefing: 1 public, 0 private\n"
    assert text.stderr == "note: README.md: not a .yaml file, not read\n"
    assert github.stdout == "::notice file=README.md::not a .yaml file, not read\n"
