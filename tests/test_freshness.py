"""Freshness (SPEC §2 `review_by`): once a review date has passed at build time, the page
says the review is overdue, and `briefings check --due` lists what has come due."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from generator.archive import load_archive
from generator.site import render_site

from .conftest import NOW, PRIVATE, TEMPLATES, Briefings, reviewed_sample
from .positions import location, position
from .stories import story


def _page(folder: Path, days_later: int = 0) -> str:
    archive = load_archive(folder, NOW + timedelta(days=days_later))
    assert archive.errors == ()
    return render_site(archive, TEMPLATES)["briefings/sample-briefing.md"]


def test_a_past_review_date_says_the_verdict_is_overdue_beside_it(tmp_path: Path) -> None:
    page = _page(reviewed_sample(tmp_path, "2026-11-01"))

    banner = page.split('<div class="briefing-answer')[1].split("</div>")[0]
    claim = page.split("## Claims")[1].split("\n### 2.")[0]
    overdue = '<strong class="briefing-overdue">Review overdue since 1 November 2026</strong>'
    assert overdue in banner
    assert "review overdue since 1 November 2026" in claim
    assert "Next review by" not in page


def test_a_review_date_to_come_is_shown_as_the_next_review(tmp_path: Path) -> None:
    folder = reviewed_sample(tmp_path, "2026-12-01")

    before = _page(folder)
    after = _page(folder, days_later=7)  # 2 December 2026

    assert "<span>Next review by 1 December 2026</span>" in before
    assert "overdue" not in before.split("## Open questions")[0]
    assert "Review overdue since 1 December 2026" in after


def _check(briefings: Briefings, folder: Path, *args: str) -> Result:
    return briefings(
        "check", str(folder), "--now", "2026-11-25T12:00:00Z", *args, cwd=folder.parent
    )


def test_check_due_lists_each_review_that_has_come_due_at_its_line(
    tmp_path: Path, briefings: Briefings
) -> None:
    folder = reviewed_sample(tmp_path, "2026-11-25")
    sample = folder / "sample-briefing.yaml"
    sample.write_text(sample.read_text("utf-8").replace("status: published", "status: draft"))

    listed = _check(briefings, folder, "--due")
    quiet = _check(briefings, folder)

    text = sample.read_text(encoding="utf-8")
    claim = location(text, "review_by: 2026-11-25", "2026-11-25")
    question = location(text, "review_by: 2024-10-01", "2024-10-01")
    assert listed.exit_code == quiet.exit_code == 0
    assert listed.stdout.splitlines() == [
        f"briefings/sample-briefing.yaml:{claim}: claim 'bridge-closed' was to be assessed "
        "again by 2026-11-25; assess it again, then move as_of (with the old state in history) "
        "and review_by",
        f"briefings/sample-briefing.yaml:{question}: open question 1 was to be looked at again "
        "by 2024-10-01; answer it, or set a new review_by",
        "1 valid briefing: 0 public, 1 private; 2 reviews due",
    ]
    assert quiet.stdout == "1 valid briefing: 0 public, 1 private\n"


def test_check_due_speaks_json_and_github_annotations(tmp_path: Path, briefings: Briefings) -> None:
    folder = reviewed_sample(tmp_path, "2027-01-01")  # not due: only the open question is

    as_json = json.loads(_check(briefings, folder, "--due", "--format", "json").stdout)
    as_github = _check(briefings, folder, "--due", "--format", "github").stdout

    text = (folder / "sample-briefing.yaml").read_text(encoding="utf-8")
    line, column = position(text, "review_by: 2024-10-01", "2024-10-01")
    assert as_json["problems"] == []
    assert [item["line"] for item in as_json["due"]] == [line]
    assert as_github.startswith(
        f"::notice file=briefings/sample-briefing.yaml,line={line},col={column}::open question 1"
    )


def test_a_due_review_is_located_after_an_invalid_claim_before_it(tmp_path: Path) -> None:
    folder = reviewed_sample(tmp_path, "2026-11-01")
    sample = folder / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    # The first claim broken, so the file is checked from what is valid in it.
    moved = text.replace("state: verified", "state: verifed", 1).replace(
        "      state: disputed\n      as_of: 2024-09-12\n",
        "      state: disputed\n      as_of: 2024-09-12\n      review_by: 2026-11-02\n",
    )
    sample.write_text(moved, encoding="utf-8")

    archive = load_archive(folder, NOW)

    [line] = [n for n, text in enumerate(moved.splitlines(), start=1) if "2026-11-02" in text]
    due = [(e.line, e.message.split(" was ")[0]) for e in archive.due]
    assert (line, "claim 'bridge-reopens'") in due


# A story (tests/stories.py): the key claim assessed on 10 September 2024, again on 20
# September, and again on 1 October. Each briefing here means to review it a few days on.
_REVIEWS = {
    "bridge-closure": "2024-09-15",
    "bridge-closure-disputed": "2024-09-25",
    "bridge-closure-confirmed": "2024-10-15",
}


def _story(tmp_path: Path, **changes: dict[str, Any]) -> Path:
    folder = story(tmp_path, **changes)
    for briefing_id, when in _REVIEWS.items():
        path = folder / f"{briefing_id}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["claims"][0]["verification"]["review_by"] = date.fromisoformat(when)
        data.pop("open_questions")  # their reviews are not what is tested here
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return folder


def _review_notes(page: str) -> tuple[str, str]:
    """What the banner and the key claim's line say of the review."""
    banner = page.split('<div class="briefing-answer')[1].split("</div>")[0]
    claim = page.split('<p class="briefing-claim__state">')[1].split("</p>")[0]
    return banner, claim


def test_a_claim_assessed_again_in_a_later_public_briefing_is_not_overdue(
    tmp_path: Path,
) -> None:
    pages = render_site(load_archive(_story(tmp_path), NOW), TEMPLATES)

    first = pages["briefings/bridge-closure.md"]
    banner, claim = _review_notes(first)
    newest_banner, newest_claim = _review_notes(pages["briefings/bridge-closure-confirmed.md"])
    assert "Verified</a> on 1 October 2024, in " in first  # "Since then", above the banner
    # Neither overdue nor to come: the review was done, in the newer briefings.
    assert "overdue" not in banner + claim
    assert "review by" not in (banner + claim).lower()
    assert "overdue" not in "".join(_review_notes(pages["briefings/bridge-closure-disputed.md"]))
    # The newest assessment's own review date has passed: that one is overdue.
    overdue = '<strong class="briefing-overdue">Review overdue since 15 October 2024</strong>'
    assert overdue in newest_banner
    assert "review overdue since 15 October 2024" in newest_claim


def test_an_assessment_in_a_draft_leaves_the_review_overdue_on_the_page(tmp_path: Path) -> None:
    drafts = {"status": "draft"}
    folder = _story(
        tmp_path, **{"bridge-closure-disputed": drafts, "bridge-closure-confirmed": drafts}
    )

    page = render_site(load_archive(folder, NOW), TEMPLATES)["briefings/bridge-closure.md"]

    banner, claim = _review_notes(page)
    assert "Since then" not in page
    assert (
        '<strong class="briefing-overdue">Review overdue since 15 September 2024</strong>' in banner
    )
    assert "review overdue since 15 September 2024" in claim


def _due_line(folder: Path, briefing_id: str) -> str:
    path = folder / f"{briefing_id}.yaml"
    text = path.read_text(encoding="utf-8")
    when = _REVIEWS[briefing_id]
    return (
        f"briefings/{briefing_id}.yaml:{location(text, f'review_by: {when}', when)}: claim "
        f"'bridge-closed' was to be assessed again by {when}"
    )


def test_check_due_leaves_out_a_review_done_in_a_later_public_briefing(
    tmp_path: Path, briefings: Briefings
) -> None:
    folder = _story(tmp_path)

    listed = _check(briefings, folder, "--due")

    assert listed.exit_code == 0
    assert listed.stdout.splitlines() == [
        f"{_due_line(folder, 'bridge-closure-confirmed')}; assess it again, then move as_of "
        "(with the old state in history) and review_by",
        "3 valid briefings: 3 public, 0 private; 1 review due",
    ]


def test_check_due_names_the_draft_that_assesses_a_due_claim_again(
    tmp_path: Path, briefings: Briefings
) -> None:
    folder = _story(tmp_path, **{"bridge-closure-confirmed": {"status": "draft"}})

    listed = _check(briefings, folder, "--due")

    # The public second briefing did the first one's review; the draft has not done the
    # second's yet, and is itself due.
    assert listed.stdout.splitlines() == [
        f"{_due_line(folder, 'bridge-closure-confirmed')}; assess it again, then move as_of "
        "(with the old state in history) and review_by",
        f"{_due_line(folder, 'bridge-closure-disputed')}; "
        "briefings/bridge-closure-confirmed.yaml assesses it again as of 2024-10-01, "
        "but is a draft: publish it",
        "3 valid briefings: 2 public, 1 private; 2 reviews due",
    ]


def test_an_assessment_under_embargo_leaves_the_review_due_and_says_until_when(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    embargo = {"embargo_until": "2999-01-01T00:00:00Z"}
    folder = _story(
        tmp_path, **{"bridge-closure-disputed": embargo, "bridge-closure-confirmed": embargo}
    )

    archive = load_archive(folder, NOW, desk=PRIVATE)

    [first] = [note for note in archive.due if note.path == "briefings/bridge-closure.yaml"]
    assert first.hint == (
        "briefings/bridge-closure-confirmed.yaml assesses it again as of 2024-10-01, "
        "but is under embargo until 2999-01-01T00:00:00+00:00"
    )
