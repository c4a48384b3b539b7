"""`briefings upgrade`: a format 1 archive moved to format 2 by the mechanical part, comments and
every other line kept, and each stance left for the editor, whom `check` points at each one."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.archive import load_archive
from generator.upgrade import upgrade_text

from .conftest import FIXTURES, NOW, Briefings
from .positions import positions

FORMAT_1 = FIXTURES / "format-1"
SEED = "iran-russia-ballistic-missile-transfer.yaml"


def test_upgrade_changes_the_schema_and_each_about_list_and_nothing_else(
    tmp_path: Path, briefings: Briefings
) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FORMAT_1, folder)
    before = (folder / SEED).read_text(encoding="utf-8").splitlines()

    result = briefings("upgrade", str(folder))

    after = (folder / SEED).read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "1 briefing upgraded; choose each of 9 stance(s) written <stance>, "
        "where `briefings check` points"
    )
    assert changed[0] == ("schema: 1", "schema: 2")
    assert changed[2] == (
        "    about: [iran-transferred-ballistic-missiles, sanctions-consultations]",
        "    about: {iran-transferred-ballistic-missiles: <stance>, "
        "sanctions-consultations: <stance>}",
    )
    assert len(changed) == 1 + 8  # the schema, and the eight statements with claims
    assert after[0].startswith("# yaml-language-server:")  # comments stay
    assert (folder / "actors.yaml").read_bytes() == (FORMAT_1 / "actors.yaml").read_bytes()


def test_after_the_upgrade_check_points_at_each_stance_to_choose(
    tmp_path: Path, briefings: Briefings
) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FORMAT_1, folder)
    briefings("upgrade", str(folder))

    archive = load_archive(folder, NOW)

    stances = positions((folder / SEED).read_text(encoding="utf-8"), "<stance>")
    assert len(archive.errors) == 9
    assert {(e.message.split(": ", 1)[1], e.hint) for e in archive.errors} == {
        (
            "'<stance>' is not one of supports, contradicts, questions, mentions",
            "choose what this statement says of that claim",
        )
    }
    assert [(e.line, e.column) for e in archive.errors] == stances


def test_a_second_upgrade_changes_nothing(tmp_path: Path, briefings: Briefings) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FORMAT_1, folder)
    briefings("upgrade", str(folder))
    upgraded = (folder / SEED).read_bytes()

    result = briefings("upgrade", str(folder))

    assert result.stdout == "nothing to upgrade: no briefing here is in format 1\n"
    assert (folder / SEED).read_bytes() == upgraded


def test_a_list_written_as_a_block_and_windows_line_ends_are_upgraded_in_place() -> None:
    text = (
        "schema: 1\r\n"
        "statements:\r\n"
        "  - id: a  # the first\r\n"
        "    about:\r\n"
        "      - one\r\n"
        "      - two\r\n"
        "    sources: [x]\r\n"
    )

    upgraded = upgrade_text(text, "x.yaml")

    assert upgraded is not None
    assert upgraded.stances == 2
    assert upgraded.text == (
        "schema: 2\r\n"
        "statements:\r\n"
        "  - id: a  # the first\r\n"
        "    about:\r\n"
        "      {one: <stance>, two: <stance>}\r\n"
        "    sources: [x]\r\n"
    )
