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
from .positions import location

pytestmark = pytest.mark.slow

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}


def _git(*args: str, cwd: Path, given: bytes | None = None) -> bytes:
    env = {**os.environ, **GIT_IDENTITY}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, input=given, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository as it is on disk, uncommitted and new files included, as one commit of
    a clone: pre-commit installs a hook once per repository and revision, so every run of
    this module shares one install (`try-repo` installs afresh each time)."""
    clone = tmp_path_factory.mktemp("hooks") / "briefing-site"
    _git("clone", "-q", str(ROOT), str(clone), cwd=ROOT)
    if diff := _git("diff", "HEAD", "--binary", cwd=ROOT):
        _git("apply", cwd=clone, given=diff)
    for name in _git("ls-files", "--others", "--exclude-standard", "-z", cwd=ROOT).split(b"\0"):
        if name:
            (clone / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name.decode(), clone / name.decode())
    _git("add", "-A", cwd=clone)
    _git("commit", "-q", "--allow-empty", "-m", "As on disk", cwd=clone)
    return clone, _git("rev-parse", "HEAD", cwd=clone).decode().strip()


@pytest.fixture(scope="module")
def newsroom(
    tmp_path_factory: pytest.TempPathFactory, snapshot: tuple[Path, str]
) -> tuple[Path, dict[str, str]]:
    """A git repository of briefings using the hook, and an environment with its own
    pre-commit cache."""
    repo = tmp_path_factory.mktemp("newsroom")
    shutil.copytree(FIXTURES / "valid", repo / "briefings")
    hooks, rev = snapshot
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: briefings-check\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        **GIT_IDENTITY,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
    }
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Briefings"]):
        _git(*command, cwd=repo)
    return repo, env


def _hook(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "run", "briefings-check", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_hook_reads_where_the_repository_is_and_stops_every_problem_at_once(
    newsroom: tuple[Path, dict[str, str]],
) -> None:
    # A private desk's AMBER draft passes; then the same draft in a public repository (no
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

    text = briefing.read_text(encoding="utf-8")
    tlp, state = location(text, "tlp: AMBER", "AMBER"), location(text, "state: verifed", "verifed")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "check briefings" in passed.stdout
    assert failed.returncode == 1
    assert (
        f"briefings/sample-briefing.yaml:{tlp}: TLP:AMBER in a public repository: anyone can "
        "read this file on GitHub"
    ) in failed.stdout
    assert (
        f"briefings/sample-briefing.yaml:{state}: state: 'verifed' is not one of unverified, "
        "partially-verified, verified, disputed, misleading, unfounded, false, retracted; "
        "did you mean 'verified'?"
    ) in failed.stdout
