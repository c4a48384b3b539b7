"""The GitHub Pages workflow: valid for GitHub, publishing only from main, and its build step
run here as it runs there."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .building import build, copy_project
from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def _step(job: dict[str, Any], name: str) -> dict[str, Any]:
    return next(step for step in job["steps"] if step.get("name") == name)


def test_the_workflow_is_valid_for_github_actions() -> None:
    # check-jsonschema carries SchemaStore's schema of workflow files; no network needed.
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr


def _scripts(workflow: dict[Any, Any]) -> list[tuple[str, str]]:
    """Every `run:` block, by job and step, with each ${{ expression }} as GitHub leaves it
    for the shell: replaced by a value (here a plain word, as actionlint does)."""
    return [
        (f"{job}: {step.get('name', step['run'][:20])}", re.sub(r"\$\{\{.*?\}\}", "x", step["run"]))
        for job, spec in workflow["jobs"].items()
        for step in spec["steps"]
        if "run" in step
    ]


def test_every_run_block_passes_shellcheck(workflow: dict[Any, Any]) -> None:
    found = []
    for where, script in _scripts(workflow):
        # GitHub runs each block with `bash -e`.
        result = subprocess.run(
            ["shellcheck", "--shell=bash", "-"],
            input=script, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            found.append(f"{where}:\n{result.stdout}")

    assert len(_scripts(workflow)) >= 3
    assert found == []


def test_shellcheck_finds_a_mistake_in_a_run_block() -> None:
    # The control: an unquoted variable in a test is what shellcheck exists to find.
    result = subprocess.run(
        ["shellcheck", "--shell=bash", "-"],
        input='if [ -n $PAGES_URL ]; then echo "$PAGES_URL"; fi\n',
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert result.returncode == 1
    assert "SC2070" in result.stdout


def test_pull_requests_are_checked_and_built_but_never_published(workflow: dict[Any, Any]) -> None:
    # PyYAML reads the key `on` as the boolean true (YAML 1.1); GitHub reads it as "on".
    triggers = workflow[True]
    build = workflow["jobs"]["build"]
    uploads = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    pushes = [s for s in build["steps"] if "ghp-import" in s.get("run", "")]
    publishing = [*uploads, *pushes, workflow["jobs"]["deploy"]]

    assert "pull_request" in triggers
    assert "briefings check --format github" in _step(build, "Check the briefings")["run"]
    assert "mkdocs build --strict" in _step(build, "Build the site")["run"]
    assert len(publishing) == 3
    assert all("github.event_name != 'pull_request'" in s["if"] for s in publishing)


def test_a_private_desk_pushes_to_its_public_repository_instead_of_its_own_pages(
    workflow: dict[Any, Any],
) -> None:
    build = workflow["jobs"]["build"]
    push = _step(build, "Push the site to the public repository")

    assert "vars.PUBLIC_SITE_REPOSITORY != ''" in push["if"]
    assert "refs/heads/main" in push["if"]
    for own_pages in (
        _step(build, "Find the Pages URL"),
        _step(build, "Upload the site"),
        workflow["jobs"]["deploy"],
    ):
        assert "vars.PUBLIC_SITE_REPOSITORY == ''" in own_pages["if"]
    # Whatever mkdocs.yml says, the workflow builds the public site.
    assert _step(build, "Build the site")["env"]["BRIEFINGS_AUDIENCE"] == "public"


def test_main_is_deployed_with_the_official_pages_actions(workflow: dict[Any, Any]) -> None:
    deploy = workflow["jobs"]["deploy"]
    build = workflow["jobs"]["build"]
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))

    assert workflow[True]["push"]["branches"] == ["main"]
    assert "refs/heads/main" in deploy["if"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert upload["with"]["path"] == "site"
    assert workflow["permissions"] == {"contents": "read"}


def test_a_scheduled_run_publishes_briefings_whose_embargo_has_ended(
    workflow: dict[Any, Any],
) -> None:
    assert workflow[True]["schedule"][0]["cron"].split()[1:] == ["*", "*", "*", "*"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("pages_url", "site_url"),
    [("https://owner.github.io/briefings", "https://owner.github.io/briefings/"),
     ("", "https://briefings.example.org/")],
)  # fmt: skip
def test_the_build_step_publishes_at_the_pages_address(
    tmp_path: Path, pages_url: str, site_url: str
) -> None:
    project = copy_project(tmp_path)
    script = _step(yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["build"], "Build the site")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PAGES_URL": pages_url,
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("SITE_URL", None)

    result = subprocess.run(
        ["bash", "-e", "-c", script["run"]], cwd=project, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert f'<link href="{site_url}feed.xml" rel="self"' in feed


def _check_step(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The workflow's check step, run in `project` as GitHub runs it, `briefings` on the PATH."""
    script = _step(
        yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["build"], "Check the briefings"
    )
    path = os.pathsep.join(
        [str(project / "bin"), str(Path(sys.executable).parent), os.environ["PATH"]]
    )
    return subprocess.run(
        ["bash", "-e", "-c", script["run"]],
        cwd=project, env={**os.environ, "PATH": path, "GITHUB_REPOSITORY": "desk/briefings", **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("option", "visibility", "passes"),
    [("repository: private", "public", False), ("repository: private", "private", True),
     ("audience: internal", "public", False), ("audience: internal", "private", True),
     (None, "public", True)],
)  # fmt: skip
def test_the_check_step_fails_when_mkdocs_yml_contradicts_the_repositorys_visibility(
    tmp_path: Path, option: str | None, visibility: str, passes: bool
) -> None:
    project = copy_project(
        tmp_path, ROOT / "briefings", **dict([option.split(": ")] if option else [])
    )

    result = _check_step(project, {"VISIBILITY": visibility})

    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    if not passes:
        assert f"mkdocs.yml: {option}, but this repository is public on GitHub" in result.stderr


@pytest.mark.slow
def test_a_scheduled_run_asks_the_api_for_the_visibility(tmp_path: Path) -> None:
    project = copy_project(tmp_path, ROOT / "briefings", repository="private")
    # A stand-in for GitHub's CLI that records what it was asked and answers "public".
    (project / "bin").mkdir()
    gh = project / "bin" / "gh"
    gh.write_text('#!/bin/sh\necho "$@" > "$(dirname "$0")/asked"\necho public\n', "utf-8")
    gh.chmod(0o755)

    result = _check_step(project, {"VISIBILITY": ""})

    assert (project / "bin" / "asked").read_text(
        "utf-8"
    ) == "api repos/desk/briefings --jq .visibility\n"
    assert result.returncode == 1
    assert (
        "mkdocs.yml: repository: private, but this repository is public on GitHub" in result.stderr
    )


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.slow
def test_the_push_step_puts_the_built_site_alone_on_the_public_repositorys_pages_branch(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "desk", ROOT / "briefings", repository="private")
    assert build(project).returncode == 0
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=Desk", "-c",
                    "user.email=desk@example.org", "commit", "-qm", "Briefings"]):  # fmt: skip
        _git(*command, cwd=project)
    public = tmp_path / "github" / "newsroom" / "site.git"
    _git("init", "-q", "--bare", str(public), cwd=tmp_path)
    script = _step(yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["build"],
                   "Push the site to the public repository")["run"]  # fmt: skip
    env = {
        **os.environ,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
        "PUBLIC_SITE_REPOSITORY": "newsroom/site",
        "DEPLOY_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_SHA": "0123abc",
        # GitHub's address, redirected to the bare repository standing in for it.
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{tmp_path / 'github'}/.insteadOf",
        "GIT_CONFIG_VALUE_0": "git@github.com:",
    }

    for _ in range(2):  # a second run replaces the first: the branch never grows a history
        result = subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env,
                                capture_output=True, text=True, check=False)  # fmt: skip
        assert result.returncode == 0, result.stderr

    pushed = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=public).split())
    built = {str(p.relative_to(project / "site")) for p in (project / "site").rglob("*")
             if p.is_file()}  # fmt: skip
    assert pushed == built | {".nojekyll"}
    assert _git("log", "--format=%s", "gh-pages", cwd=public).splitlines() == [
        "Site built from 0123abc"
    ]
    assert not any("briefings/" in path and path.endswith(".yaml") for path in pushed)
    assert not (tmp_path / "public-site-key").exists()
