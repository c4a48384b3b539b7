"""`briefings check`: output lines, summary and exit codes, run as the installed command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, ROOT

BRIEFINGS = Path(sys.executable).parent / "briefings"


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BRIEFINGS), *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_valid_briefings_exit_zero_with_a_summary() -> None:
    result = _run("check", "--now", "2026-11-25T12:00:00Z")

    assert result.returncode == 0
    assert result.stdout == "1 valid briefing: 1 public, 0 private\n"


def test_a_verdict_on_a_claim_too_long_for_search_results_is_noted_without_failing(
    tmp_path: Path,
) -> None:
    shutil.copytree(FIXTURES / "valid", tmp_path / "briefings")
    sample = tmp_path / "briefings" / "sample-briefing.yaml"
    text = sample.read_text(encoding="utf-8").replace(
        "text: The river bridge is closed to traffic.",
        "text: The river bridge is closed to all traffic, in both directions, until further "
        "notice.",
    )
    sample.write_text(text, encoding="utf-8")

    result = _run("check", "briefings", cwd=tmp_path)

    assert result.returncode == 0
    assert result.stdout == "1 valid briefing: 1 public, 0 private\n"
    assert result.stderr == (
        "note: briefings/sample-briefing.yaml:47:11: the claim has a verdict and is 84 "
        "characters long; Google's fact-check markup shows up to 75; state it more briefly if "
        "it should show in full in search results\n"
    )


def test_invalid_briefings_exit_one_with_located_errors_and_no_traceback(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    shutil.copy(FIXTURES / "errors" / "misspelled-key.yaml", tmp_path)
    shutil.copy(FIXTURES / "errors" / "unknown-actor.yaml", tmp_path)

    result = _run("check", ".", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "misspelled-key.yaml:3:1: unknown key 'titel'; did you mean 'title'?",
        "unknown-actor.yaml:29:12: unknown actor id 'jane-exampel'; did you mean 'jane-example'?",
        "0 valid briefings: 0 public, 0 private; 2 problems found",
    ]
    assert "Traceback" not in result.stderr


def test_json_format_lists_every_problem_sorted_by_file_and_line(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    shutil.copy(FIXTURES / "errors" / "unknown-actor.yaml", tmp_path)
    broken = tmp_path / "bad-date.yaml"
    text = (FIXTURES / "errors" / "bad-date.yaml").read_text(encoding="utf-8")
    # A second problem, above the first one in the file.
    broken.write_text(text.replace("tlp: CLEAR", "tlp: clear", 1), encoding="utf-8")

    result = _run("check", ".", "--format", "json", cwd=tmp_path)

    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert [(p["path"], p["line"], p["column"]) for p in problems] == [
        ("bad-date.yaml", 5, 6),
        ("bad-date.yaml", 6, 12),
        ("unknown-actor.yaml", 29, 12),
    ]
    assert problems[2] == {
        "path": "unknown-actor.yaml",
        "line": 29,
        "column": 12,
        "message": "unknown actor id 'jane-exampel'",
        "hint": "did you mean 'jane-example'?",
    }
    assert result.stderr == "0 valid briefings: 0 public, 0 private; 3 problems found\n"


def test_github_format_annotates_the_lines_of_the_pull_request(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    shutil.copy(FIXTURES / "errors" / "bad-date.yaml", tmp_path)

    result = _run("check", ".", "--format", "github", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == (
        "::error file=bad-date.yaml,line=6,col=12::"
        "published '2024-13-01' is not valid: month must be in 1..12\n"
    )


def test_a_missing_folder_is_a_usage_error() -> None:
    result = _run("check", "no-such-folder")

    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_now_without_timezone_is_a_usage_error() -> None:
    result = _run("check", "--now", "2024-09-10T12:00")

    assert result.returncode == 2
    assert "needs a timezone" in result.stderr


def test_a_draft_is_counted_as_private(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "sample-briefing.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: published", "status: draft"),
        encoding="utf-8",
    )

    result = _run("check", ".", cwd=tmp_path)

    assert (result.returncode, result.stdout) == (0, "1 valid briefing: 0 public, 1 private\n")


def test_schema_command_prints_the_committed_schema() -> None:
    result = _run("schema")

    assert result.returncode == 0
    assert result.stdout == (ROOT / "generator" / "briefing.schema.json").read_text(
        encoding="utf-8"
    )


def test_the_readme_example_of_errors_is_what_check_prints(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("as `path:line:column: message`:\n\n```text\n")[1].split("```")[0]
    shutil.copytree(ROOT / "briefings", tmp_path / "briefings")
    seed = tmp_path / "briefings" / "iran-russia-ballistic-missile-transfer.yaml"
    text = seed.read_text(encoding="utf-8").replace("\ntitle: U.S.", "\ntitel: U.S.")
    seed.write_text(text.replace("state: unverified", "state: unverifed", 1), encoding="utf-8")

    result = _run("check", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == example


def test_new_writes_a_draft_that_passes_check_and_stays_private(tmp_path: Path) -> None:
    result = _run("new", "river-bridge-closure", "--dir", "briefings", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    created = tmp_path / "briefings" / "river-bridge-closure.yaml"
    assert created.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../generator/briefing.schema.json\n"
    )
    check = _run("check", "briefings", cwd=tmp_path)
    assert (check.returncode, check.stdout) == (0, "1 valid briefing: 0 public, 1 private\n")


def test_new_never_overwrites_a_briefing(tmp_path: Path) -> None:
    existing = tmp_path / "taken.yaml"
    existing.write_text("precious\n", encoding="utf-8")

    result = _run("new", "taken", "--dir", ".", cwd=tmp_path)

    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert existing.read_text(encoding="utf-8") == "precious\n"


def test_new_refuses_an_id_that_is_not_a_slug(tmp_path: Path) -> None:
    result = _run("new", "River Bridge", "--dir", ".", cwd=tmp_path)

    assert result.returncode == 2
    assert "lowercase letters, digits and single hyphens" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_publishing_an_unfinished_scaffold_points_at_every_placeholder(tmp_path: Path) -> None:
    _run("new", "unfinished", "--dir", ".", cwd=tmp_path)
    path = tmp_path / "unfinished.yaml"
    text = path.read_text(encoding="utf-8").replace("status: draft", "status: published")
    path.write_text(text.replace("# published:", "published:"), encoding="utf-8")

    result = _run("check", ".", cwd=tmp_path)

    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines[0] == (
        "unfinished.yaml:6:8: a placeholder from `briefings new` is still here; "
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
    tmp_path: Path,
) -> None:
    result = _run("check", cwd=_desk_project(tmp_path, None))

    assert result.returncode == 1
    assert result.stdout.startswith(
        "briefings/sample-briefing.yaml:6:6: TLP:AMBER in a public repository: anyone can read "
        "this file on GitHub, and it stays in the history even once deleted; keep briefings "
        "that are not TLP:CLEAR in a private repository with repository: private (README, "
        '"Private desk")'
    )


def test_check_reads_the_repository_option_of_the_briefings_plugin(tmp_path: Path) -> None:
    result = _run("check", cwd=_desk_project(tmp_path, PRIVATE_YML))

    assert result.returncode == 0, result.stdout
    assert result.stdout == "1 valid briefing: 0 public, 1 private\n"


def test_check_reads_properdocs_yml_first_as_properdocs_does(tmp_path: Path) -> None:
    """A project moved to ProperDocs renames mkdocs.yml; its desk must not change."""
    project = _desk_project(tmp_path, None)
    (project / "properdocs.yml").write_text(PRIVATE_YML, encoding="utf-8")

    result = _run("check", cwd=project)

    assert result.returncode == 0, result.stdout
    assert result.stdout == "1 valid briefing: 0 public, 1 private\n"


def test_check_resolves_env_tags_in_mkdocs_yml_as_mkdocs_does(tmp_path: Path) -> None:
    project = _desk_project(
        tmp_path,
        "site_name: Desk\nplugins:\n  - briefings:\n"
        "      repository: !ENV [DESK_VISIBILITY, public]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    )

    public = _run("check", cwd=project)
    private = subprocess.run(
        [str(BRIEFINGS), "check"],
        cwd=project,
        env={**os.environ, "DESK_VISIBILITY": "private"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert public.returncode == 1
    assert private.returncode == 0, private.stdout + private.stderr


def test_the_environment_overrides_mkdocs_yml(tmp_path: Path) -> None:
    project = _desk_project(tmp_path, PRIVATE_YML)
    env = {**os.environ, "BRIEFINGS_REPOSITORY": "public"}

    result = subprocess.run(
        [str(BRIEFINGS), "check"], cwd=project, env=env, capture_output=True, text=True
    )

    assert result.returncode == 1
    assert "TLP:AMBER in a public repository" in result.stdout


def test_a_repository_that_is_neither_public_nor_private_is_a_usage_error(tmp_path: Path) -> None:
    project = _desk_project(tmp_path, PRIVATE_YML.replace("private", "secret"))

    result = _run("check", cwd=project)

    assert result.returncode == 2
    assert "mkdocs.yml: repository must be public or private, not 'secret'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_fails_when_a_private_desk_is_in_a_public_repository(tmp_path: Path) -> None:
    project = _desk_project(tmp_path, PRIVATE_YML)

    public = _run("check", "--visibility", "public", cwd=project)
    private = _run("check", "--visibility", "private", cwd=project)

    assert public.returncode == 1
    assert public.stderr == (
        "mkdocs.yml: repository: private, but this repository is public on GitHub: every "
        "briefing in it can be read by anyone; move them to a private repository, or set "
        "repository: public\n"
    )
    assert private.returncode == 0, private.stdout + private.stderr


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
    tmp_path: Path,
) -> None:
    site = _engine_site(tmp_path / "site")

    result = _run("finish", str(site), "--site-url", "https://news.example.org")

    assert result.returncode == 0, result.stderr
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


def test_finishing_a_site_twice_changes_nothing_more(tmp_path: Path) -> None:
    site = _engine_site(tmp_path / "site")
    _run("finish", str(site), "--site-url", "https://news.example.org")
    pages = {path: path.read_bytes() for path in site.rglob("*.*ml")}

    result = _run("finish", str(site), "--site-url", "https://news.example.org")

    assert result.returncode == 0, result.stderr
    assert "0 pages given their security policy, 0 sitemaps listed" in result.stdout
    assert {path: path.read_bytes() for path in site.rglob("*.*ml")} == pages


def test_finish_names_a_sitemap_that_is_not_xml_without_a_traceback(tmp_path: Path) -> None:
    site = _engine_site(tmp_path / "site")
    (site / "sitemap.xml").write_text("<urlset><url>", encoding="utf-8")

    result = _run("finish", str(site))

    assert result.returncode == 1
    assert result.stderr.startswith(f"{site / 'sitemap.xml'}: not a sitemap: ")
    assert "Traceback" not in result.stderr
