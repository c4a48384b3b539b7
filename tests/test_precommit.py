"""The pre-commit hook, installed by pre-commit itself from this repository, as another
newsroom's repository would use it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A git repository of briefings, and an environment with its own pre-commit cache."""
    repo = tmp_path_factory.mktemp("newsroom")
    shutil.copytree(FIXTURES / "valid", repo / "briefings")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "x"]):
        subprocess.run(command, cwd=repo, env=env, check=True)
    return repo, env


def _hook(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "briefings-check", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_hook_reads_where_the_repository_is_and_stops_every_problem_at_once(
    newsroom: tuple[Path, dict[str, str]],
) -> None:
    # Each run installs the hook afresh (a minute), so one pair of runs tests it all: a
    # private desk's AMBER draft passes, then the same draft in a public repository (no
    # mkdocs.yml says otherwise) fails, with a typing mistake reported beside it.
    repo, env = newsroom
    briefing = repo / "briefings" / "sample-briefing.yaml"
    text = briefing.read_text(encoding="utf-8")
    briefing.write_text(text.replace("tlp: CLEAR", "tlp: AMBER"), encoding="utf-8")
    config = repo / "mkdocs.yml"
    config.write_text("site_name: Desk\nplugins:\n  - briefings:\n      repository: private\n")

    passed = _hook(repo, env)
    config.unlink()
    briefing.write_text(
        briefing.read_text(encoding="utf-8").replace("state: verified", "state: verifed", 1),
        encoding="utf-8",
    )
    failed = _hook(repo, env)

    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "check briefings" in passed.stdout
    assert failed.returncode == 1
    assert (
        "briefings/sample-briefing.yaml:6:6: TLP:AMBER in a public repository: anyone can read "
        "this file on GitHub"
    ) in failed.stdout
    assert (
        "briefings/sample-briefing.yaml:49:14: state: 'verifed' is not one of unverified, "
        "partially-verified, verified, disputed, misleading, unfounded, false, retracted; "
        "did you mean 'verified'?"
    ) in failed.stdout
