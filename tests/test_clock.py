"""The clock state (`generator.clock`): what of the site changes with time alone. It changes
when an embargo lifts, a review falls due, the charts' month turns or a briefing's publication
day comes, and at no other instant; and two instants with one clock state build the same site.
`briefings clock-state` prints it as the record published beside the site, and with `--since`
says whether the published site would change if built now."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import Result

from generator.archive import load_archive
from generator.clock import (
    ClockState,
    Record,
    RecordError,
    changes,
    clock_facts,
    clock_state,
    unchanged,
)
from generator.publish import SiteInfo
from generator.site import render_site, site_files
from generator.structure import SiteIndex

from .conftest import FIXTURES, NOW, PRIVATE, ROOT, TEMPLATES, Briefings, reviewed_sample

EMBARGO = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
REVIEW_BY = "2026-11-27"
DATED = "2026-11-29"
"""The publication date of the embargoed briefing, after the day its embargo lifts."""


def _archive_folder(tmp_path: Path) -> Path:
    """The sample, public, its key claim to be reviewed by REVIEW_BY; and a copy of it under
    embargo until EMBARGO, dated DATED (a private desk's folder)."""
    folder = reviewed_sample(tmp_path, REVIEW_BY)
    text = (FIXTURES / "valid" / "sample-briefing.yaml").read_text(encoding="utf-8")
    embargoed = (
        text.replace("id: sample-briefing\n", "id: later-briefing\n")
        .replace("tlp: CLEAR\n", f"tlp: CLEAR\nembargo_until: {EMBARGO.isoformat()}\n")
        .replace("published: 2024-09-10\nupdated: 2024-09-12\n", f"published: {DATED}\n")
    )
    (folder / "later-briefing.yaml").write_text(embargoed, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _archive_folder(tmp_path_factory.mktemp("clock"))


def _state(folder: Path, at: datetime) -> ClockState:
    archive = load_archive(folder, at, desk=PRIVATE)
    assert archive.errors == ()
    return clock_state(archive)


def test_an_embargo_lifting_makes_the_briefing_public_in_the_clock_state(folder: Path) -> None:
    before = _state(folder, EMBARGO - timedelta(seconds=1))
    after = _state(folder, EMBARGO)

    assert before.public == ("sample-briefing",)
    assert after.public == ("later-briefing", "sample-briefing")
    assert before.digest != after.digest


def test_a_review_is_overdue_from_the_day_after_its_review_by(folder: Path) -> None:
    on_the_day = _state(folder, datetime(2026, 11, 27, 23, 59, tzinfo=UTC))
    next_day = _state(folder, datetime(2026, 11, 28, 0, 0, tzinfo=UTC))

    assert "sample-briefing/bridge-closed" not in on_the_day.overdue
    assert "sample-briefing/bridge-closed" in next_day.overdue
    # The open question's review_by, 2024-10-01, is long past, in the embargoed copy too.
    assert "later-briefing/open-question-1" in on_the_day.overdue


def test_hours_and_days_with_nothing_due_leave_the_clock_state_as_it_was(folder: Path) -> None:
    # From NOW to the embargo: a day passes, with no review falling due on it.
    hours = [NOW + timedelta(hours=n) for n in range(0, 21)]

    digests = {_state(folder, at).digest for at in hours}

    assert len(digests) == 1


def test_the_month_the_charts_end_in_and_a_publication_day_come_change_it(folder: Path) -> None:
    lifted = _state(folder, datetime(2026, 11, 28, 12, 0, tzinfo=UTC))
    dated = _state(folder, datetime(2026, 11, 29, 0, 0, tzinfo=UTC))
    december = _state(folder, datetime(2026, 12, 1, 0, 0, tzinfo=UTC))

    assert (lifted.dated_ahead, dated.dated_ahead) == (("later-briefing",), ())
    assert (dated.month, december.month) == ("2026-11", "2026-12")


INSTANTS = [
    NOW,
    datetime(2026, 11, 26, 8, 59, tzinfo=UTC),  # the next day, before the embargo lifts
    datetime(2026, 11, 26, 9, 1, tzinfo=UTC),  # just after
    datetime(2026, 11, 27, 18, 0, tzinfo=UTC),  # the day of the review
    datetime(2026, 11, 28, 0, 30, tzinfo=UTC),  # the day after it: overdue
    datetime(2026, 11, 29, 6, 0, tzinfo=UTC),  # the embargoed briefing's publication day
    datetime(2026, 11, 30, 23, 0, tzinfo=UTC),
    datetime(2026, 12, 1, 0, 0, tzinfo=UTC),  # a new month
]


def test_two_instants_build_the_same_site_exactly_when_their_clock_states_are_equal(
    folder: Path,
) -> None:
    site = SiteInfo(name="Briefings", url="https://briefings.example.org/")
    built = {}
    states = {}
    for at in INSTANTS:
        archive = load_archive(folder, at, desk=PRIVATE)
        pages = render_site(archive, TEMPLATES)
        files = site_files(SiteIndex(archive), site)
        built[at] = (pages, files)
        states[at] = clock_state(archive)

    disagree = [
        (first.isoformat(), second.isoformat())
        for first, second in combinations(INSTANTS, 2)
        if (states[first] == states[second]) != (built[first] == built[second])
    ]
    assert disagree == []
    alike = [
        [n for n, at in enumerate(INSTANTS) if states[at] == state] for state in states.values()
    ]
    assert sorted(map(tuple, alike)) == [(0, 1), (0, 1), (2, 3), (2, 3), (4,), (5, 6), (5, 6), (7,)]


def test_what_the_clock_state_is_computed_from_is_the_same_at_every_instant(
    folder: Path,
) -> None:
    kept = {
        clock_facts(
            load_archive(folder, at, desk=PRIVATE), commit="abc123", repository=PRIVATE.repository
        )
        for at in INSTANTS
    }

    [facts] = kept
    assert [b.id for b in facts.briefings] == ["later-briefing", "sample-briefing"]
    assert all(facts.state(at) == _state(folder, at) for at in INSTANTS)


def _record(state: ClockState, commit: str | None = "abc123") -> Record:
    return Record.of(state, now=NOW, commit=commit, site_url="https://briefings.example.org/")


def test_a_record_is_unchanged_only_for_the_same_commit_and_clock_state(folder: Path) -> None:
    state = _state(folder, NOW)
    lifted = _state(folder, EMBARGO)

    assert unchanged(_record(state), _record(state))
    assert not unchanged(_record(state), _record(state, "def456"))
    assert not unchanged(_record(state, None), _record(state, None))
    assert not unchanged(_record(state), _record(lifted))
    assert changes(_record(state), _record(lifted)) == [
        "now public: later-briefing",
        "review now overdue: later-briefing/open-question-1",
        "publication day ahead, not in the charts yet: later-briefing",
    ]


def test_a_record_reads_back_as_written_and_a_tampered_one_is_refused(folder: Path) -> None:
    record = _record(_state(folder, NOW))
    data = json.loads(record.text())
    data["state"]["public"] = []

    assert Record.parse(record.text()) == record
    with pytest.raises(RecordError, match=r"^its digest is not that of its clock state$"):
        Record.parse(json.dumps(data))
    with pytest.raises(RecordError, match=r"^state: Field required$"):
        Record.parse(json.dumps({k: v for k, v in data.items() if k != "state"}))


# --- briefings clock-state ----------------------------------------------------------------------


def _clock_state(briefings: Briefings, folder: Path, at: datetime, *args: str) -> Result:
    return briefings(
        "clock-state", str(folder), "--now", at.isoformat(), "--commit", "abc123", *args,
        cwd=folder.parent, env={"BRIEFINGS_REPOSITORY": "private", "SITE_URL": None},
    )  # fmt: skip


def _published(briefings: Briefings, folder: Path, at: datetime) -> Path:
    result = briefings(
        "clock-state", str(folder), "--now", at.isoformat(), "--commit", "abc123",
        cwd=folder.parent, env={"BRIEFINGS_REPOSITORY": "private", "SITE_URL": None},
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    record = folder.parent / "clock-state.json"
    record.write_text(result.stdout, encoding="utf-8")
    return record


def test_clock_state_prints_the_record_to_publish_beside_the_site(
    folder: Path, briefings: Briefings
) -> None:
    result = briefings(
        "clock-state", str(folder), "--now", "2026-11-28T12:00:00Z", "--commit", "abc123",
        "--site-url", "https://briefings.example.org/", cwd=folder.parent,
        env={"BRIEFINGS_REPOSITORY": "private"},
    )  # fmt: skip

    record = json.loads(result.stdout)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert {k: record[k] for k in ("commit", "site_url", "now")} == {
        "commit": "abc123",
        "site_url": "https://briefings.example.org/",
        "now": "2026-11-28T12:00:00Z",
    }
    assert record["state"] == {
        "public": ["later-briefing", "sample-briefing"],
        "overdue": [
            "later-briefing/open-question-1",
            "sample-briefing/bridge-closed",
            "sample-briefing/open-question-1",
        ],
        "month": "2026-11",
        "dated_ahead": ["later-briefing"],
    }
    assert len(record["digest"]) == 64


def test_clock_state_since_an_unchanged_site_exits_zero_and_says_there_is_nothing_to_build(
    folder: Path, briefings: Briefings
) -> None:
    record = _published(briefings, folder, NOW)

    result = briefings(
        "clock-state", str(folder), "--commit", "abc123", "--since", record.name,
        cwd=folder.parent, env={"BRIEFINGS_REPOSITORY": "private", "SITE_URL": None,
                                "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()) + 3600)},
    )  # fmt: skip

    assert result.exit_code == 0
    assert result.stderr == (
        "clock-state.json: unchanged since the site was built from abc123 as of "
        "2026-11-25T12:00:00+00:00; nothing to build\n"
    )


def test_clock_state_since_exits_three_and_names_what_the_clock_changed(
    folder: Path, briefings: Briefings
) -> None:
    record = _published(briefings, folder, NOW)

    result = _clock_state(
        briefings, folder, datetime(2026, 11, 28, 1, 0, tzinfo=UTC), "--since", record.name
    )

    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "clock-state.json: now public: later-briefing",
        "clock-state.json: review now overdue: later-briefing/open-question-1, "
        "sample-briefing/bridge-closed",
        "clock-state.json: publication day ahead, not in the charts yet: later-briefing",
        "clock-state.json: the site would change; build it",
    ]


def test_clock_state_since_a_site_built_from_another_commit_exits_three(
    folder: Path, briefings: Briefings
) -> None:
    record = _published(briefings, folder, NOW)

    result = briefings(
        "clock-state", str(folder), "--now", NOW.isoformat(), "--commit", "def456",
        "--since", record.name, cwd=folder.parent,
        env={"BRIEFINGS_REPOSITORY": "private", "SITE_URL": None},
    )  # fmt: skip

    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "clock-state.json: built from commit abc123, now def456",
        "clock-state.json: the site would change; build it",
    ]


def test_clock_state_since_no_record_or_not_a_record_exits_three(
    folder: Path, briefings: Briefings
) -> None:
    record = folder.parent / "fetched.json"
    record.unlink(missing_ok=True)

    missing = _clock_state(briefings, folder, NOW, "--since", record.name)
    record.write_text("<!doctype html><title>Page not found</title>", encoding="utf-8")
    not_one = _clock_state(briefings, folder, NOW, "--since", record.name)

    assert missing.exit_code == not_one.exit_code == 3
    assert missing.stderr == "fetched.json: no record of a published site; build it\n"
    said = not_one.stderr
    assert said.startswith("fetched.json: not the record of a published site (Invalid JSON")
    assert said.endswith("); build it\n")


def test_clock_state_since_without_a_commit_is_a_usage_error(
    folder: Path, briefings: Briefings
) -> None:
    result = briefings("clock-state", str(folder), "--since", "clock-state.json", cwd=folder.parent)

    assert result.exit_code == 2
    assert "Error: --since needs --commit: a site published from another commit is built " in (
        result.stderr
    )


def test_clock_state_of_briefings_with_problems_exits_one_with_them(
    briefings: Briefings, tmp_path: Path
) -> None:
    folder = _archive_folder(tmp_path)  # embargoed: an error in a public repository

    result = briefings(
        "clock-state", str(folder), "--now", NOW.isoformat(), cwd=tmp_path,
        env={"BRIEFINGS_REPOSITORY": None},
    )  # fmt: skip

    assert result.exit_code == 1
    assert result.stdout == ""
    assert "briefings/later-briefing.yaml:" in result.stderr
    assert "embargo" in result.stderr


def test_clock_state_judges_at_the_plugins_now_as_the_build_does(
    briefings: Briefings, tmp_path: Path
) -> None:
    folder = _archive_folder(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  - briefings:\n      repository: private\n"
        f"      now: '{EMBARGO.isoformat()}'\n",
        encoding="utf-8",
    )

    result = briefings(
        "clock-state", str(folder), cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "0",
                                                       "BRIEFINGS_REPOSITORY": None},
    )  # fmt: skip

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["now"] == "2026-11-26T09:00:00Z"


def test_clock_state_with_a_cache_for_the_commit_reads_the_briefings_once(
    briefings: Briefings, tmp_path: Path
) -> None:
    folder = _archive_folder(tmp_path)
    env = {"BRIEFINGS_REPOSITORY": "private", "SITE_URL": None}
    cache = ("--cache", ".cache/facts.json")

    def run(at: datetime, commit: str) -> Result:
        return briefings("clock-state", str(folder), "--now", at.isoformat(), "--commit",
                         commit, *cache, cwd=tmp_path, env=env)  # fmt: skip

    first = run(NOW, "abc123")
    (folder / "sample-briefing.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    kept = run(EMBARGO, "abc123")  # the broken file is not read: the cache holds for abc123
    another_commit = run(EMBARGO, "def456")

    assert first.exit_code == kept.exit_code == 0
    assert json.loads(first.stdout)["state"]["public"] == ["sample-briefing"]
    assert json.loads(kept.stdout)["state"]["public"] == ["later-briefing", "sample-briefing"]
    assert another_commit.exit_code == 1
    assert another_commit.stderr.startswith("briefings/sample-briefing.yaml:2:1: invalid YAML")


def test_clock_state_cache_without_a_commit_is_a_usage_error(
    folder: Path, briefings: Briefings
) -> None:
    result = briefings("clock-state", str(folder), "--cache", "facts.json", cwd=folder.parent)

    assert result.exit_code == 2
    assert "Error: --cache needs --commit: what it keeps holds for one commit" in result.stderr


def test_the_readme_example_of_a_change_is_what_clock_state_says(
    briefings: Briefings, tmp_path: Path
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = 'briefings clock-state --commit "$(git rev-parse HEAD)" --since clock-state.json\n'
    example = readme.split(f"{command}```\n\n```text\n")[1].split("```")[0]
    folder = tmp_path / "briefings"
    shutil.copytree(ROOT / "briefings", folder)
    seed = folder / "iran-russia-ballistic-missile-transfer.yaml"
    text = seed.read_text(encoding="utf-8")
    assessed = "      as_of: 2026-11-25\n"
    seed.write_text(text.replace(assessed, f"{assessed}      review_by: 2026-12-01\n", 1), "utf-8")
    (folder / "iran-missile-transfer-confirmed.yaml").write_text(
        text.replace("id: iran-russia-ballistic-missile-transfer\n",
                     "id: iran-missile-transfer-confirmed\n")
        .replace("tlp: CLEAR\n", "tlp: CLEAR\nembargo_until: 2026-12-01T09:00:00Z\n"),
        encoding="utf-8",
    )  # fmt: skip
    env = {"BRIEFINGS_REPOSITORY": "private", "SITE_URL": None}

    published = briefings("clock-state", "--now", "2026-12-01T08:00:00Z", "--commit", "abc123",
                          cwd=tmp_path, env=env)  # fmt: skip
    (tmp_path / "clock-state.json").write_text(published.stdout, encoding="utf-8")
    result = briefings("clock-state", "--now", "2026-12-02T08:00:00Z", "--commit", "abc123",
                       "--since", "clock-state.json", cwd=tmp_path, env=env)  # fmt: skip

    assert published.exit_code == 0, published.stderr
    assert result.exit_code == 3
    assert result.stderr == example
