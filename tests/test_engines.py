"""`briefings render`: the generated tree without MkDocs, and Zensical building it.

MkDocs 1.x is unmaintained and Material for MkDocs is in maintenance mode; Zensical, its
successor, reads mkdocs.yml. These tests keep the way out open: the core writes the same pages
for any engine, and Zensical builds them into a site a reader can use.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.publish import SiteInfo
from generator.site import site_output

from .building import build, copy_project, page_of
from .conftest import FIXTURES, NOW, PRIVATE, ROOT, TEMPLATES

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
NOW_TEXT = NOW.isoformat()


def _render(
    out: Path, briefings: Path, *args: str, repository: str = "private"
) -> subprocess.CompletedProcess[str]:
    """`briefings render`; the fixture archive holds restricted drafts, as a private desk's."""
    env = {**os.environ, "BRIEFINGS_REPOSITORY": repository}
    return subprocess.run(
        [str(BIN / "briefings"), "render", "--out", str(out), "--dir", str(briefings),
         "--now", NOW_TEXT, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_render_writes_the_pages_and_files_mkdocs_builds(tmp_path: Path) -> None:
    site = SiteInfo(name="Verified news briefings", url="https://news.example.org/")
    expected = site_output(load_archive(FIXTURES / "archive", NOW, desk=PRIVATE), TEMPLATES, site)

    result = _render(tmp_path, FIXTURES / "archive", "--site-url", "https://news.example.org")

    assert result.returncode == 0, result.stderr
    written = {str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file()}
    assert written == set(expected.pages) | set(expected.files)
    for page, text in expected.pages.items():
        assert (tmp_path / page).read_text(encoding="utf-8") == text
    for name, content in expected.files.items():
        assert (tmp_path / name).read_bytes() == content


def test_render_writes_nothing_when_a_briefing_is_invalid(tmp_path: Path) -> None:
    briefings = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", briefings)
    sample = briefings / "sample-briefing.yaml"
    sample.write_text(sample.read_text("utf-8").replace("tlp: CLEAR", "tlp: AMBER"), "utf-8")

    result = _render(tmp_path / "out", briefings, repository="public")

    assert result.returncode == 1
    assert "sample-briefing.yaml:6:6: TLP:AMBER in a public repository" in result.stderr
    assert not (tmp_path / "out").exists()


def test_render_names_a_broken_template_and_writes_nothing(tmp_path: Path) -> None:
    templates = tmp_path / "markdown"
    shutil.copytree(TEMPLATES, templates)
    (templates / "tag.md").write_text("# {{ group.title ", encoding="utf-8")

    result = _render(tmp_path / "out", FIXTURES / "archive", "--templates", str(templates))

    assert result.returncode == 1
    shown = os.path.relpath(templates / "tag.md", ROOT)  # as briefings' own paths are shown
    assert result.stderr.startswith(f"{shown}:1: unexpected end of template")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_render_refuses_a_site_url_that_is_not_absolute(tmp_path: Path) -> None:
    result = _render(tmp_path / "out", FIXTURES / "valid", "--site-url", "/briefings/")

    assert result.returncode == 2
    assert "must be absolute" in result.stderr


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path, without the tag naming the engine that built it;
    the compressed sitemap decompressed (gzip stores the time it was written)."""
    files = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".gz":
                content = gzip.decompress(content)
            files[str(path.relative_to(site))] = GENERATOR.sub(b"", content)
    return files


def test_properdocs_builds_the_site_mkdocs_builds(tmp_path: Path) -> None:
    """ProperDocs continues MkDocs 1.x: switched to on 5 May 2027 (README, "Engines"), it
    must build the same site, plugin, theme overrides, JSON-LD and search included."""
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        project = copy_project(tmp_path / engine, FIXTURES / "archive", repository="private")
        result = build(project, engine=engine)
        assert result.returncode == 0, result.stderr
        sites[engine] = _files(project / "site")

    made, continued = sites["mkdocs"], sites["properdocs"]
    assert len(made) > 200
    assert sorted(made) == sorted(continued)
    assert [path for path in made if made[path] != continued[path]] == []
    assert any(path.startswith("pagefind/") for path in continued)


def _readme_recipe() -> str:
    """The shell lines of the README's Zensical recipe, but for installing Zensical."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Build with another engine", 1)[1].split("\n## ", 1)[0]
    blocks = [part.split("```", 1)[0] for part in section.split("```sh\n")[1:]]
    [block] = [block for block in blocks if "zensical build" in block]
    return "\n".join(line for line in block.splitlines() if not line.startswith("pip install"))


def test_zensical_builds_the_rendered_tree_as_the_readme_says(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "valid")
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "SOURCE_DATE_EPOCH": "1795608000",
    }

    result = subprocess.run(
        ["bash", "-e", "-c", _readme_recipe()], cwd=project, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "build" / "site"
    page = page_of(site / "briefings" / "sample-briefing" / "index.html")
    assert "✓ Key claim: Verified The river bridge is closed to traffic." in page.words
    assert "Sample agency says the river bridge closed <b>today</b> & *tomorrow*" in page.words
    assert "Corrected 12 September 2024" in page.words
    assert "briefings.css" in (site / "index.html").read_text("utf-8")
    feed = (site / "feed.xml").read_text("utf-8")
    assert "https://newsroom.example.org/briefings/sample-briefing/" in feed
    assert (site / "api" / "briefings" / "sample-briefing.json").is_file()
    assert "sample-briefing" in (site / "briefings" / "index.html").read_text("utf-8")
