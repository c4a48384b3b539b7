"""The GitHub Pages workflow: valid for GitHub, publishing only from main, and its build step
run here as it runs there."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .building import build, copy_project
from .conftest import FIXTURES, ROOT

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


# --- The hourly decision -------------------------------------------------------------------------


BUILDING = "steps.decide.outputs.build != 'false'"
"""Runs unless the decision said there is nothing to build: on pull requests, which make none."""
PUBLISHING = "steps.decide.outputs.build == 'true'"


def test_a_scheduled_run_decides_first_and_checks_builds_and_deploys_only_on_a_change(
    workflow: dict[Any, Any],
) -> None:
    build = workflow["jobs"]["build"]
    names = [step.get("name", step.get("uses")) for step in build["steps"]]
    decide = _step(build, "Decide whether to build")

    at = names.index
    assert at("Install") < at("Fix the instant this run judges at") < at("Find the Pages URL")
    assert at("Find the Pages URL") < at("Decide whether to build") < at("Check the briefings")
    assert (
        "SOURCE_DATE_EPOCH=$(date +%s)" in _step(build, "Fix the instant this run judges at")["run"]
    )
    assert decide["id"] == "decide"
    assert "github.event_name != 'pull_request'" in decide["if"]
    command = " ".join(decide["run"].replace("\\\n", " ").split())
    assert 'briefings clock-state --commit "$GITHUB_SHA" --site-url "$site_url"' in command
    assert '--since "$published" --cache .cache/clock-state/facts.json' in command
    kept = _step(build, "Keep what the decision reads, by commit")
    assert at("Keep what the decision reads, by commit") < at("Decide whether to build")
    assert kept["with"] == {"path": ".cache/clock-state", "key": "clock-facts-${{ github.sha }}"}
    assert decide["env"]["BRIEFINGS_AUDIENCE"] == "public"  # the archive the build reads
    assert build["outputs"]["build"] == "${{ steps.decide.outputs.build }}"
    for name in (
        "Check the briefings",
        "Keep the share cards and pages between builds",
        "Build the site",
    ):
        assert _step(build, name)["if"] == BUILDING, name
    for name in ("Add the record of what the site was built from", "Upload the site",
                 "Push the site to the public repository"):  # fmt: skip
        assert PUBLISHING in _step(build, name)["if"], name
    assert at("Build the site") < at("Add the record of what the site was built from")
    assert at("Add the record of what the site was built from") < at("Upload the site")
    assert "needs.build.outputs.build == 'true'" in workflow["jobs"]["deploy"]["if"]


FAKE_CURL = """#!/bin/sh
# Stands in for curl: serves $SERVED/clock-state.json, or fails as `curl --fail` does on a 404.
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --output) out="$2"; shift 2 ;;
    --max-time) shift 2 ;;
    -*) shift ;;
    *) echo "$1" > "$(dirname "$0")/asked"; shift ;;
  esac
done
[ -f "$SERVED/clock-state.json" ] || exit 22
cp "$SERVED/clock-state.json" "$out"
"""

EMBARGO = 1795683600  # 2026-11-26T09:00:00Z
"""When the project's second briefing, under embargo, becomes public."""


def _desk_project(tmp_path: Path) -> Path:
    """The valid fixture in a private desk's project, with a copy of its briefing under embargo
    until EMBARGO; and a stand-in for curl in its bin/."""
    briefings = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", briefings)
    text = (briefings / "sample-briefing.yaml").read_text(encoding="utf-8")
    embargoed = text.replace("id: sample-briefing\n", "id: later-briefing\n").replace(
        "tlp: CLEAR\n", "tlp: CLEAR\nembargo_until: 2026-11-26T09:00:00Z\n"
    )
    (briefings / "later-briefing.yaml").write_text(embargoed, encoding="utf-8")
    project = copy_project(tmp_path / "desk", briefings, repository="private")
    (project / "bin").mkdir()
    (project / "bin" / "curl").write_text(FAKE_CURL, encoding="utf-8")
    (project / "bin" / "curl").chmod(0o755)
    return project


def _workflow_step(project: Path, name: str, event: str, sha: str, epoch: int) -> dict[str, str]:
    """Run a step of the build job in `project` as GitHub runs it, with the site served from
    `project/served`; what it wrote to GITHUB_OUTPUT, and its job summary."""
    temp = project / "runner-temp"
    temp.mkdir(exist_ok=True)
    outputs, summary = temp / "output", temp / "summary"
    outputs.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    script = _step(yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["build"], name)["run"]
    path = os.pathsep.join(
        [str(project / "bin"), str(Path(sys.executable).parent), os.environ["PATH"]]
    )
    env = {
        **os.environ, "PATH": path, "GITHUB_EVENT_NAME": event, "GITHUB_SHA": sha,
        "GITHUB_RUN_ID": "42", "GITHUB_REPOSITORY": "desk/briefings", "VISIBILITY": "private",
        "PAGES_URL": "https://desk.github.io/briefings", "PUBLIC_SITE_URL": "",
        "BRIEFINGS_AUDIENCE": "public", "SOURCE_DATE_EPOCH": str(epoch),
        "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary), "SERVED": str(project / "site"),
    }  # fmt: skip
    result = subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    said = dict(line.split("=", 1) for line in outputs.read_text("utf-8").splitlines())
    return {**said, "summary": summary.read_text("utf-8")}


@pytest.mark.slow  # the installed command, in a process of its own, for each run
def test_the_scheduled_run_stops_at_the_published_record_until_the_clock_or_commit_moves(
    tmp_path: Path,
) -> None:
    project = _desk_project(tmp_path)
    before = EMBARGO - 6 * 3600
    decide, record = "Decide whether to build", "Add the record of what the site was built from"

    first = _workflow_step(project, decide, "push", "c0ffee", before)
    (project / "site").mkdir()  # as the build leaves it
    _workflow_step(project, record, "push", "c0ffee", before)
    an_hour_later = _workflow_step(project, decide, "schedule", "c0ffee", before + 3600)
    lifted = _workflow_step(project, decide, "schedule", "c0ffee", EMBARGO + 60)
    another_commit = _workflow_step(project, decide, "schedule", "decade", before + 3600)
    pushed_again = _workflow_step(project, decide, "push", "c0ffee", before + 3600)

    assert first["build"] == "true"
    kept = json.loads((project / ".cache" / "clock-state" / "facts.json").read_text("utf-8"))
    assert kept["commit"] == "c0ffee"  # the later runs at this commit read it, not the briefings
    assert (
        "published-clock-state.json: no record of a published site; build it" in (first["summary"])
    )
    published = json.loads((project / "site" / "clock-state.json").read_text("utf-8"))
    assert (published["commit"], published["site_url"]) == (
        "c0ffee", "https://desk.github.io/briefings/"
    )  # fmt: skip
    assert published["state"]["public"] == ["sample-briefing"]
    assert (project / "bin" / "asked").read_text("utf-8") == (
        "https://desk.github.io/briefings/clock-state.json?run=42\n"
    )
    assert an_hour_later["build"] == "false"
    assert an_hour_later["summary"].startswith("Nothing to publish")
    assert lifted["build"] == "true"
    assert "now public: later-briefing" in lifted["summary"]
    assert another_commit["build"] == "true"
    assert "built from commit c0ffee, now decade" in another_commit["summary"]
    assert pushed_again["build"] == "true"
