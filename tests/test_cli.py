"""`briefings`: output lines, summary and exit codes of each command.

The commands run in this process (the `briefings` fixture), as the console script runs them;
the tests under "The installed command" start the command itself, once for each exit code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, Briefings
from .positions import location, position

BRIEFINGS = Path(sys.executable).parent / "briefings"
UNKNOWN_ACTOR = FIXTURES / "errors" / "unknown-actor.yaml"
JANE_EXAMPEL = ("actor: jane-exampel", "jane-exampel")
"""Where unknown-actor.yaml misspells an actor's id, and the id itself."""


# --- The installed command -----------------------------------------------------------------------


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BRIEFINGS), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.mark.slow  # the installed command, in a process of its own
def test_valid_briefings_exit_zero_with_a_summary() -> None:
    result = _run("check", "--now", "2026-11-25T12:00:00Z")

    assert result.returncode == 0
    assert result.stdout == "1 valid briefing: 1 public, 0 private\n"


@pytest.mark.slow  # the installed command, in a process of its own
def test_invalid_briefings_exit_one_with_located_errors_and_no_traceback(tmp_path: Path) -> None:
    misspelled, unknown = FIXTURES / "errors" / "misspelled-key.yaml", UNKNOWN_ACTOR
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    shutil.copy(misspelled, tmp_path)
    shutil.copy(unknown, tmp_path)

    result = _run("check", ".", cwd=tmp_path)

    titel = location(misspelled.read_text(encoding="utf-8"), "titel:")
    actor = location(unknown.read_text(encoding="utf-8"), *JANE_EXAMPEL)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"misspelled-key.yaml:{titel}: unknown key 'titel'; did you mean 'title'?",
        f"unknown-actor.yaml:{actor}: unknown actor id 'jane-exampel'; "
        "did you mean 'jane-example'?",
        "0 valid briefings: 0 public, 0 private; 2 problems found",
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # the installed command, in a process of its own
def test_a_missing_folder_is_a_usage_error() -> None:
    result = _run("check", "no-such-folder")

    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


# --- briefings check -----------------------------------------------------------------------------


def test_a_verdict_on_a_claim_too_long_for_search_results_is_noted_without_failing(
    tmp_path: Path, briefings: Briefings
) -> None:
    shutil.copytree(FIXTURES / "valid", tmp_path / "briefings")
    sample = tmp_path / "briefings" / "sample-briefing.yaml"
    long_claim = (
        "The river bridge is closed to all traffic, in both directions, until further notice."
    )
    text = sample.read_text(encoding="utf-8").replace(
        "text: The river bridge is closed to traffic.", f"text: {long_claim}"
    )
    sample.write_text(text, encoding="utf-8")

    result = briefings("check", "briefings", cwd=tmp_path)

    assert result.exit_code == 0
    assert result.stdout == "1 valid briefing: 1 public, 0 private\n"
    assert result.stderr == (
        f"note: briefings/sample-briefing.yaml:{location(text, long_claim)}: the claim has a "
        "verdict and is 84 characters long; Google's fact-check markup shows up to 75; state "
        "it more briefly if it should show in full in search results\n"
    )


def test_json_format_lists_every_problem_sorted_by_file_and_line(
    tmp_path: Path, briefings: Briefings
) -> None:
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    shutil.copy(UNKNOWN_ACTOR, tmp_path)
    broken = tmp_path / "bad-date.yaml"
    text = (FIXTURES / "errors" / "bad-date.yaml").read_text(encoding="utf-8")
    # A second problem, above the first one in the file.
    text = text.replace("tlp: CLEAR", "tlp: clear", 1)
    broken.write_text(text, encoding="utf-8")

    result = briefings("check", ".", "--format", "json", cwd=tmp_path)

    actor = position(UNKNOWN_ACTOR.read_text(encoding="utf-8"), *JANE_EXAMPEL)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["path"], p["line"], p["column"]) for p in problems] == [
        ("bad-date.yaml", *position(text, "tlp: clear", "clear")),
        ("bad-date.yaml", *position(text, "published: 2024-13-01", "2024-13-01")),
        ("unknown-actor.yaml", *actor),
    ]
    assert problems[2] == {
        "path": "unknown-actor.yaml",
        "line": actor[0],
        "column": actor[1],
        "message": "unknown actor id 'jane-exampel'",
        "hint": "did you mean 'jane-example'?",
    }
    assert result.stderr == "0 valid briefings: 0 public, 0 private; 3 problems found\n"


def test_github_format_annotates_the_lines_of_the_pull_request(
    tmp_path: Path, briefings: Briefings
) -> None:
    broken = FIXTURES / "errors" / "bad-date.yaml"
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    shutil.copy(broken, tmp_path)

    result = briefings("check", ".", "--format", "github", cwd=tmp_path)

    text = broken.read_text(encoding="utf-8")
    line, column = position(text, "published: 2024-13-01", "2024-13-01")
    assert result.exit_code == 1
    assert result.stdout == (
        f"::error file=bad-date.yaml,line={line},col={column}::"
        "published '2024-13-01' is not valid: month must be in 1..12\n"
    )


def test_a_now_without_timezone_is_a_usage_error(briefings: Briefings) -> None:
    result = briefings("check", "--now", "2024-09-10T12:00")

    assert result.exit_code == 2
    assert "needs a timezone" in result.stderr


def test_a_draft_is_counted_as_private(tmp_path: Path, briefings: Briefings) -> None:
    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "sample-briefing.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: published", "status: draft"),
        encoding="utf-8",
    )

    result = briefings("check", ".", cwd=tmp_path)

    assert (result.exit_code, result.stdout) == (0, "1 valid briefing: 0 public, 1 private\n")


def test_schema_command_prints_the_committed_schema(briefings: Briefings) -> None:
    result = briefings("schema")

    assert result.exit_code == 0
    assert result.stdout == (ROOT / "generator" / "briefing.schema.json").read_text(
        encoding="utf-8"
    )


def test_the_readme_example_of_errors_is_what_check_prints(
    tmp_path: Path, briefings: Briefings
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("as `path:line:column: message`:\n\n```text\n")[1].split("```")[0]
    shutil.copytree(ROOT / "briefings", tmp_path / "briefings")
    seed = tmp_path / "briefings" / "iran-russia-ballistic-missile-transfer.yaml"
    text = seed.read_text(encoding="utf-8").replace("\ntitle: U.S.", "\ntitel: U.S.")
    seed.write_text(text.replace("state: unverified", "state: unverifed", 1), encoding="utf-8")

    result = briefings("check", cwd=tmp_path)

    assert result.exit_code == 1
    assert result.stdout == example


def test_new_writes_a_draft_that_passes_check_and_stays_private(
    tmp_path: Path, briefings: Briefings
) -> None:
    result = briefings("new", "river-bridge-closure", "--dir", "briefings", cwd=tmp_path)

    assert result.exit_code == 0, result.stderr
    created = tmp_path / "briefings" / "river-bridge-closure.yaml"
    assert created.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../generator/briefing.schema.json\n"
    )
    check = briefings("check", "briefings", cwd=tmp_path)
    assert (check.exit_code, check.stdout) == (0, "1 valid briefing: 0 public, 1 private\n")


def test_new_never_overwrites_a_briefing(tmp_path: Path, briefings: Briefings) -> None:
    existing = tmp_path / "taken.yaml"
    existing.write_text("precious\n", encoding="utf-8")

    result = briefings("new", "taken", "--dir", ".", cwd=tmp_path)

    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert existing.read_text(encoding="utf-8") == "precious\n"


def test_new_refuses_an_id_that_is_not_a_slug(tmp_path: Path, briefings: Briefings) -> None:
    result = briefings("new", "River Bridge", "--dir", ".", cwd=tmp_path)

    assert result.exit_code == 2
    assert "lowercase letters, digits and single hyphens" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_publishing_an_unfinished_scaffold_points_at_every_placeholder(
    tmp_path: Path, briefings: Briefings
) -> None:
    briefings("new", "unfinished", "--dir", ".", cwd=tmp_path)
    path = tmp_path / "unfinished.yaml"
    text = path.read_text(encoding="utf-8").replace("status: draft", "status: published")
    path.write_text(text.replace("# published:", "published:"), encoding="utf-8")

    result = briefings("check", ".", cwd=tmp_path)

    lines = result.stdout.splitlines()
    title = location(text, '\ntitle: "TODO', '"TODO')
    assert result.exit_code == 1
    assert lines[0] == (
        f"unfinished.yaml:{title}: a placeholder from `briefings new` is still here; "
        "replace it, or keep status: draft"
    )
    assert len(lines) == 17  # every TODO text and todo- id, then the summary


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = readme.split("## Run the tests\n\n```sh\n")[1].split("\n```")[0]

    tested = command.rsplit("&& ", 1)[1].split()
    assert tested[0] == "pytest"
    assert not {"-m", "-k", "--lf", "-x"} & set(tested)  # the whole suite, every failure
    assert f"\n{command}\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# --- Public and private repositories (SPEC §4a) --------------------------------------------------


def _desk_project(tmp_path: Path, mkdocs_yml: str | None) -> Path:
    """A folder with an AMBER draft in briefings/, and this mkdocs.yml (none if None)."""
    shutil.copytree(FIXTURES / "valid", tmp_path / "briefings")
    sample = tmp_path / "briefings" / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8")
    text = text.replace("status: published", "status: draft").replace("tlp: CLEAR", "tlp: AMBER")
    sample.write_text(text, encoding="utf-8")
    if mkdocs_yml is not None:
        (tmp_path / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    return tmp_path


PRIVATE_YML = "site_name: Desk\nplugins:\n  - search\n  - briefings:\n      repository: private\n"


def test_check_stops_an_amber_draft_when_no_mkdocs_yml_says_the_repository_is_private(
    tmp_path: Path, briefings: Briefings
) -> None:
    project = _desk_project(tmp_path, None)

    result = briefings("check", cwd=project)

    sample = (project / "briefings" / "sample-briefing.yaml").read_text(encoding="utf-8")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"briefings/sample-briefing.yaml:{location(sample, 'tlp: AMBER', 'AMBER')}: TLP:AMBER "
        "in a public repository: anyone can read this file on GitHub, and it stays in the "
        "history even once deleted; keep briefings that are not TLP:CLEAR in a private "
        'repository with repository: private (README, "Private desk")'
    )


def test_a_briefing_whose_only_problem_is_the_public_repository_is_counted_as_valid(
    tmp_path: Path, briefings: Briefings
) -> None:
    project = _desk_project(tmp_path, None)
    sample = project / "briefings" / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8").replace("status: draft", "status: published")
    sample.write_text(text, encoding="utf-8")

    result = briefings("check", cwd=project)

    summary = (
        "1 valid briefing: 0 public, 0 private, 1 that cannot be in a public repository; "
        "1 problem found"
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == summary
    assert f"\n{summary}\n" in (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")


def test_check_reads_the_repository_option_of_the_briefings_plugin(
    tmp_path: Path, briefings: Briefings
) -> None:
    result = briefings("check", cwd=_desk_project(tmp_path, PRIVATE_YML))

    assert result.exit_code == 0, result.stdout
    assert result.stdout == "1 valid briefing: 0 public, 1 private\n"


def test_check_reads_properdocs_yml_first_as_properdocs_does(
    tmp_path: Path, briefings: Briefings
) -> None:
    """A project moved to ProperDocs renames mkdocs.yml; its desk must not change."""
    project = _desk_project(tmp_path, None)
    (project / "properdocs.yml").write_text(PRIVATE_YML, encoding="utf-8")

    result = briefings("check", cwd=project)

    assert result.exit_code == 0, result.stdout
    assert result.stdout == "1 valid briefing: 0 public, 1 private\n"


def test_check_resolves_env_tags_in_mkdocs_yml_as_mkdocs_does(
    tmp_path: Path, briefings: Briefings
) -> None:
    project = _desk_project(
        tmp_path,
        "site_name: Desk\nplugins:\n  - briefings:\n"
        "      repository: !ENV [DESK_VISIBILITY, public]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    )

    public = briefings("check", cwd=project, env={"DESK_VISIBILITY": None})
    private = briefings("check", cwd=project, env={"DESK_VISIBILITY": "private"})

    assert public.exit_code == 1
    assert private.exit_code == 0, private.stdout + private.stderr


def test_the_environment_overrides_mkdocs_yml(tmp_path: Path, briefings: Briefings) -> None:
    project = _desk_project(tmp_path, PRIVATE_YML)

    result = briefings("check", cwd=project, env={"BRIEFINGS_REPOSITORY": "public"})

    assert result.exit_code == 1
    assert "TLP:AMBER in a public repository" in result.stdout


def test_a_repository_that_is_neither_public_nor_private_is_a_usage_error(
    tmp_path: Path, briefings: Briefings
) -> None:
    project = _desk_project(tmp_path, PRIVATE_YML.replace("private", "secret"))

    result = briefings("check", cwd=project)

    assert result.exit_code == 2
    assert "mkdocs.yml: repository must be public or private, not 'secret'" in result.stderr


def test_check_fails_when_a_private_desk_is_in_a_public_repository(
    tmp_path: Path, briefings: Briefings
) -> None:
    project = _desk_project(tmp_path, PRIVATE_YML)

    public = briefings("check", "--visibility", "public", cwd=project)
    private = briefings("check", "--visibility", "private", cwd=project)

    assert public.exit_code == 1
    assert public.stderr == (
        "mkdocs.yml: repository: private, but this repository is public on GitHub: every "
        "briefing in it can be read by anyone; move them to a private repository, or set "
        "repository: public\n"
    )
    assert private.exit_code == 0, private.stdout + private.stderr


# --- briefings finish: a site another engine built ------------------------------------------------

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
    "<script>var depth = {depth};</script></head>"
    "<body><main data-pagefind-body><h1>{title}</h1><p>The grain silo was damaged.</p></main>"
    "</body></html>"
)
URLSET = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<url><loc>https://news.example.org/</loc><lastmod>2024-09-12</lastmod></url>"
    "<url><loc>https://news.example.org/a/</loc></url></urlset>"
)


def _engine_site(site: Path) -> Path:
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(PAGE.format(title="Home", depth=0), encoding="utf-8")
    (site / "a" / "index.html").write_text(PAGE.format(title="Silo", depth=1), encoding="utf-8")
    (site / "sitemap.xml").write_text(URLSET, encoding="utf-8")
    return site


def test_finish_gives_each_page_its_policy_splits_the_sitemap_and_indexes_search(
    tmp_path: Path, briefings: Briefings
) -> None:
    site = _engine_site(tmp_path / "site")

    result = briefings("finish", str(site), "--site-url", "https://news.example.org")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{site}: 2 pages given their security policy, 1 sitemap listed in sitemap.xml, "
        "2 pages indexed for search\n"
    )
    home, silo = (
        (site / "index.html").read_text("utf-8"),
        (site / "a/index.html").read_text("utf-8"),
    )
    assert 'http-equiv="Content-Security-Policy"' in home
    assert home.count("'sha256-") == 1
    assert home.split("'sha256-")[1] != silo.split("'sha256-")[1]  # each page its own script
    index = (site / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://news.example.org/sitemap-1.xml</loc>" in index
    assert "<lastmod>2024-09-12</lastmod>" in index
    assert "<loc>https://news.example.org/a/</loc>" in (site / "sitemap-1.xml").read_text("utf-8")
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


def test_finishing_a_site_twice_changes_nothing_more(tmp_path: Path, briefings: Briefings) -> None:
    site = _engine_site(tmp_path / "site")
    briefings("finish", str(site), "--site-url", "https://news.example.org")
    pages = {path: path.read_bytes() for path in site.rglob("*.*ml")}

    result = briefings("finish", str(site), "--site-url", "https://news.example.org")

    assert result.exit_code == 0, result.stderr
    assert "0 pages given their security policy, 0 sitemaps listed" in result.stdout
    assert {path: path.read_bytes() for path in site.rglob("*.*ml")} == pages


def test_finish_names_a_sitemap_that_is_not_xml_without_a_traceback(
    tmp_path: Path, briefings: Briefings
) -> None:
    site = _engine_site(tmp_path / "site")
    (site / "sitemap.xml").write_text("<urlset><url>", encoding="utf-8")

    result = briefings("finish", str(site))

    assert result.exit_code == 1
    assert result.stderr.startswith(f"{site / 'sitemap.xml'}: not a sitemap: ")
