"""Rules that relate values, files and dates: each mistake gets one located, actionable error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.errors import BriefingError

from .conftest import NOW
from .positions import location, position

SAMPLE = "sample-briefing.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(folder: Path) -> list[str]:
    """Every error of the folder as `file:line:column: message; hint`, file names only."""
    return [
        f"{Path(e.path).name}:{e.line}:{e.column}: {str(e).removeprefix(e.location + ': ')}"
        for e in load_archive(folder, NOW).errors
    ]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _second_briefing(folder: Path, briefing_id: str) -> Path:
    copy = folder / f"{briefing_id}.yaml"
    shutil.copy(folder / SAMPLE, copy)
    _edit(copy, "id: sample-briefing", f"id: {briefing_id}")
    return copy


def test_two_files_cannot_claim_one_id(archive_dir: Path) -> None:
    # File names are unique in a folder and an id must equal its file's name, so a copied
    # briefing that keeps its id is reported where the id is written.
    copy = archive_dir / "sample-briefing-copy.yaml"
    shutil.copy(archive_dir / SAMPLE, copy)

    where = location(_text(copy), "\nid: sample-briefing", "sample-briefing")
    assert _errors(archive_dir) == [
        f"sample-briefing-copy.yaml:{where}: id 'sample-briefing' does not match the file name "
        "'sample-briefing-copy'; rename the file to sample-briefing.yaml or set id: "
        "sample-briefing-copy"
    ]


def test_no_briefing_or_actor_may_take_the_place_of_a_list(archive_dir: Path) -> None:
    # briefings/index.md is the list of all briefings, actors/index.md of all actors.
    index = _second_briefing(archive_dir, "index")
    _edit(index, "  - id: sample-news\n", "  - id: index\n")

    errors = _errors(archive_dir)

    briefing = location(_text(index), "\nid: index", "index")
    actor = location(_text(index), "  - id: index\n", "index")
    assert (
        f"index.yaml:{briefing}: briefing id 'index' would replace the list of all briefings at "
        "/briefings/; choose another id"
    ) in errors
    assert (
        f"index.yaml:{actor}: actor id 'index' would replace the list of all actors at "
        "/actors/; choose another id"
    ) in errors


def test_no_registry_actor_may_take_the_place_of_the_list_of_actors(archive_dir: Path) -> None:
    registry = archive_dir / "actors.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8") + "  - id: index\n    name: Index\n    kind: group\n",
        encoding="utf-8",
    )

    assert any(
        e.startswith("actors.yaml:")
        and "actor id 'index' would replace the list of all actors" in e
        for e in _errors(archive_dir)
    )


def test_unknown_keys_are_found_at_any_depth(archive_dir: Path) -> None:
    path = archive_dir / SAMPLE
    _edit(path, "    archived_url:", "    archive_url:")
    _edit(path, "      confidence: high", "      confidence: high\n      confidense: high")
    _edit(path, "        - date: 2024-09-11\n", "        - date: 2024-09-11\n          stat: x\n")

    text = _text(path)
    assert _errors(archive_dir) == [
        f"{SAMPLE}:{location(text, '    archive_url:', 'archive_url')}: unknown key "
        "'archive_url'; did you mean 'archived_url'?",
        f"{SAMPLE}:{location(text, '      confidense:', 'confidense')}: unknown key "
        "'confidense'; did you mean 'confidence'?",
        f"{SAMPLE}:{location(text, '          stat: x', 'stat')}: unknown key 'stat'; "
        "did you mean 'state'?",
    ]


@pytest.mark.parametrize(
    ("old", "new", "their_id", "expected"),
    [
        (
            "    about: {bridge-closed: supports}",
            "    about: {road-closed: supports}",
            "road-closed",
            "unknown claim id 'road-closed'; 'road-closed' is a claim of "
            "other-briefing.yaml, and a briefing can refer only to its own claims; "
            "write the claim here too",
        ),
        (
            "    sources: [ministry-notice]\n  - id: news",
            "    sources: [road-notice]\n  - id: news",
            "road-notice",
            "unknown source id 'road-notice'; 'road-notice' is a source of "
            "other-briefing.yaml, and a briefing can refer only to its own sources; "
            "write the source here too",
        ),
        (
            "    actor: sample-news",
            "    actor: road-news",
            "road-news",
            "unknown actor id 'road-news'; 'road-news' is written out in "
            "other-briefing.yaml; move it to actors.yaml to use it in both",
        ),
    ],
    ids=["claim", "source", "actor"],
)
def test_an_id_defined_in_another_briefing_is_pointed_at(
    archive_dir: Path, old: str, new: str, their_id: str, expected: str
) -> None:
    other = _second_briefing(archive_dir, "other-briefing")
    text = other.read_text(encoding="utf-8")
    for mine, theirs in (
        ("bridge-closed", "road-closed"),
        ("ministry-notice", "road-notice"),
        ("sample-news\n", "road-news\n"),
    ):
        text = text.replace(mine, theirs)
    other.write_text(text, encoding="utf-8")
    assert _errors(archive_dir) == []

    _edit(archive_dir / SAMPLE, old, new)

    where = location(_text(archive_dir / SAMPLE), new, their_id)
    assert _errors(archive_dir) == [f"{SAMPLE}:{where}: {expected}"]


def test_history_out_of_order_is_reported_at_the_later_entry(archive_dir: Path) -> None:
    _edit(archive_dir / SAMPLE, "        - date: 2024-09-11\n", "        - date: 2024-09-09\n")

    where = location(_text(archive_dir / SAMPLE), "        - date: 2024-09-09", "2024-09-09")
    assert _errors(archive_dir) == [
        f"{SAMPLE}:{where}: history is out of order: 2024-09-09 comes after 2024-09-10; "
        "list earlier assessments oldest first"
    ]


def test_updated_before_published_is_an_error(archive_dir: Path) -> None:
    _edit(archive_dir / SAMPLE, "updated: 2024-09-12", "updated: 2024-09-01")

    where = location(_text(archive_dir / SAMPLE), "updated: 2024-09-01", "2024-09-01")
    assert _errors(archive_dir) == [
        f"{SAMPLE}:{where}: updated (2024-09-01) is earlier than published (2024-09-10); "
        "updated is the date of the last change, on or after published"
    ]


def test_an_id_that_is_not_the_file_name_says_both_ways_to_fix_it(archive_dir: Path) -> None:
    _edit(archive_dir / SAMPLE, "id: sample-briefing", "id: sample-briefing-2")

    errors = load_archive(archive_dir, NOW).errors

    text = _text(archive_dir / SAMPLE)
    assert errors == (
        BriefingError(
            str(Path(errors[0].path)),
            *position(text, "\nid: sample-briefing-2", "sample-briefing-2"),
            "id 'sample-briefing-2' does not match the file name 'sample-briefing'",
            "rename the file to sample-briefing-2.yaml or set id: sample-briefing",
        ),
    )


def test_yaml_1_1_values_keep_what_the_author_wrote(archive_dir: Path) -> None:
    path = archive_dir / SAMPLE
    _edit(
        path,
        "title: Sample agency says the river bridge closed <b>today</b> & *tomorrow*",
        "title: 2024-09-06",
    )
    _edit(path, "  location: Sampletown", "  location: NO")
    _edit(path, "    outlet: Open traffic data", "    outlet: 0755")
    _edit(path, "attribution: Synthetic data for tests.", "attribution: off")
    _edit(path, "  - text: When will the bridge reopen?", "  - text: 1:30")

    archive = load_archive(archive_dir, NOW)

    assert archive.errors == ()
    briefing = archive.briefings[0]
    assert briefing.title == "2024-09-06"
    assert briefing.event is not None
    assert briefing.event.location == "NO"
    assert briefing.sources[2].outlet == "0755"
    assert briefing.attribution == "off"
    assert briefing.open_questions[0].text == "1:30"


def test_values_yaml_reads_as_numbers_booleans_or_nothing_fail_where_text_is_needed(
    archive_dir: Path,
) -> None:
    path = archive_dir / SAMPLE
    _edit(path, "  title: Closure of the sample river bridge", "  title: ~")
    _edit(path, "    outlet: Open traffic data", "    outlet: 1984")
    _edit(path, "attribution: Synthetic data for tests.", "attribution: true")

    text = _text(path)
    assert _errors(archive_dir) == [
        f"{SAMPLE}:{location(text, '  title: ~', '~')}: title: expected text, got nothing; "
        "write the text here; an empty value and ~ both mean nothing",
        f"{SAMPLE}:{location(text, '    outlet: 1984', '1984')}: outlet: expected text, got "
        '1984; put it in quotes to keep it as text: "1984"',
        f"{SAMPLE}:{location(text, 'attribution: true', 'true')}: attribution: expected text, "
        'got true/false; put it in quotes to keep it as text: "true"',
    ]
