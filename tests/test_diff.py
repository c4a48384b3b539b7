"""`briefings diff`: what a reader would see change between two versions of the briefings,
read from a temporary git repository as a reviewer's pull request would be."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from generator import diff

from .conftest import FIXTURES, Briefings

pytestmark = pytest.mark.slow  # a git repository, made and read by git processes

BRIEFINGS = Path(sys.executable).parent / "briefings"
NOW = "2026-11-25T12:00:00Z"
SAMPLE = "briefings/sample-briefing.yaml"


def _git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    return subprocess.run(
        ["git", *identity, *args], cwd=repo, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A desk's repository: the sample on main, and a branch for the work under review."""
    shutil.copytree(FIXTURES / "valid", tmp_path / "briefings")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "The sample")
    _git(tmp_path, "checkout", "-q", "-b", "work")
    return tmp_path


def _edit(repo: Path, change: Callable[[dict[str, Any]], object], name: str = SAMPLE) -> None:
    """Apply `change` to the data of a briefing file, and write it back."""
    path = repo / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _diff(briefings: Briefings, repo: Path, *args: str) -> Result:
    return briefings("diff", "--now", NOW, *args, cwd=repo)


def _move(data: dict[str, Any]) -> None:
    """The second claim, disputed on 2024-09-12, found verified on 2024-09-20."""
    data["claims"][1]["verification"].update(state="verified", as_of="2024-09-20")


def _move_with_history(data: dict[str, Any]) -> None:
    _move(data)
    data["claims"][1]["verification"]["history"] = [{"date": "2024-09-12", "state": "disputed"}]


def _add_a_source_and_an_update(data: dict[str, Any]) -> None:
    data["sources"].append({"id": "wire", "outlet": "Wire", "kind": "news-report"})
    data["claims"][0]["sources"].append("wire")
    data["updates"].append({"date": "2024-09-13", "kind": "update", "note": "Added *wire*."})


def test_a_verdict_that_moves_without_a_word_of_why_is_flagged(
    repo: Path, briefings: Briefings
) -> None:
    _edit(repo, _move)

    result = _diff(briefings, repo)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "sample-briefing (public): changed: Sample agency says the river bridge closed "
        "<b>today</b> & *tomorrow*",
        "  claim bridge-reopens: disputed -> verified (no history entry and no update says why)",
        "1 briefing changed; 1 claim state change without a history entry or update",
    ]


def test_a_verdict_that_moves_with_its_history_is_not_flagged(
    repo: Path, briefings: Briefings
) -> None:
    _edit(repo, _move_with_history)

    result = _diff(briefings, repo)

    assert "  claim bridge-reopens: disputed -> verified\n" in result.stdout
    assert result.stdout.endswith("1 briefing changed\n")


def test_what_was_added_removed_published_and_unpublished_between_two_commits(
    repo: Path, briefings: Briefings
) -> None:
    _edit(repo, _add_a_source_and_an_update)
    draft = (repo / SAMPLE).read_text(encoding="utf-8").replace("id: sample-briefing", "id: other")
    (repo / "briefings" / "other.yaml").write_text(draft, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Work")
    _edit(repo, lambda data: data.update(status="draft"))  # in the work tree only

    committed = _diff(briefings, repo, "main", "HEAD")
    unpublished = _diff(briefings, repo, "HEAD")

    assert committed.stdout.splitlines()[:4] == [
        "other (public): added: Sample agency says the river bridge closed <b>today</b> & "
        "*tomorrow*",
        "sample-briefing (public): changed: Sample agency says the river bridge closed "
        "<b>today</b> & *tomorrow*",
        "  sources added: wire",
        "  update 2024-09-13: Added *wire*.",
    ]
    assert unpublished.stdout.startswith("sample-briefing (private): unpublished: ")
    (repo / "briefings" / "other.yaml").unlink()
    assert "other (public): removed: " in _diff(briefings, repo, "HEAD").stdout


def test_markdown_for_the_job_summary_shows_the_editors_words_as_written(
    repo: Path, briefings: Briefings
) -> None:
    _edit(repo, _move)

    summary = _diff(briefings, repo, "--format", "markdown").stdout

    assert summary.startswith("## What readers will see change\n\n- `sample-briefing` (public)")
    assert "&#60;b&#62;today&#60;/b&#62; &#38; &#42;tomorrow&#42;" in summary
    assert "<b>" not in summary


def test_json_names_each_unexplained_move(repo: Path, briefings: Briefings) -> None:
    _edit(repo, _move)

    data = json.loads(_diff(briefings, repo, "--format", "json").stdout)

    [change] = data["changes"]
    assert change["claims"] == [
        {"claim": "bridge-reopens", "old": "disputed", "new": "verified", "explained": False}
    ]
    assert change["unexplained"] == ["bridge-reopens"]
    assert data["problems"] == {"base": 0, "head": 0}


def test_an_old_version_is_read_by_one_git_process(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "briefings" / "second.yaml").write_text(
        (repo / SAMPLE).read_text("utf-8").replace("id: sample-briefing", "id: second"), "utf-8"
    )
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "Two")
    calls: list[list[str]] = []
    run = subprocess.run

    def counted(command: list[str], **options: object) -> object:
        calls.append(command)
        return run(command, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counted)
    files = diff.read_revision(repo, "HEAD", "briefings")

    assert sorted(files) == ["actors.yaml", "sample-briefing.yaml", "second.yaml"]
    assert files["second.yaml"] == (repo / "briefings" / "second.yaml").read_bytes()
    assert [command[1] for command in calls] == ["ls-tree", "cat-file"]


def test_a_revision_git_does_not_know_is_a_usage_error(repo: Path, briefings: Briefings) -> None:
    result = _diff(briefings, repo, "no-such-branch")

    assert result.exit_code == 2
    assert "git: fatal: Not a valid object name no-such-branch:briefings" in result.stderr


def test_the_pull_request_step_writes_the_summary(repo: Path) -> None:
    workflow = yaml.safe_load((Path(__file__).parent.parent / ".github/workflows/site.yml")
                              .read_text("utf-8"))  # fmt: skip
    step = next(s for s in workflow["jobs"]["build"]["steps"]
                if s.get("name") == "Say what readers will see change")  # fmt: skip
    _git(repo, "update-ref", "refs/remotes/origin/main", "main")  # as actions/checkout fetches
    _edit(repo, _move)
    summary = repo.parent / "summary.md"
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(BRIEFINGS.parent), os.environ["PATH"]]),
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
    }

    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert step["if"] == "github.event_name == 'pull_request'"
    assert "disputed -> verified (no history entry and no update says why)" in summary.read_text()
