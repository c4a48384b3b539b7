"""End to end: `mkdocs build --strict` on a copy of the project, and what the built site holds."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .building import build, copy_project, page_of, site_files
from .conftest import ROOT
from .positions import location

pytestmark = pytest.mark.slow

SEED = "iran-russia-ballistic-missile-transfer"


@pytest.fixture(scope="module")
def building(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built from the project's briefings, and what the build printed."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site", result.stderr


@pytest.fixture(scope="module")
def built(building: tuple[Path, str]) -> Path:
    return building[0]


def test_a_small_site_builds_in_a_few_lines_without_progress(building: tuple[Path, str]) -> None:
    site, printed = building

    lines = [
        re.sub(r"\d+(\.\d+)? (s|seconds)$", "T s", line.replace(str(site.parent), "PROJECT"))
        for line in printed.splitlines()
    ]
    lines = [re.sub(r"from \d+ pages", "from N pages", line) for line in lines]

    assert lines == [
        "INFO    -  1 briefing: 1 public",
        "INFO    -  Cleaning site directory",
        "INFO    -  Building documentation to directory: PROJECT/.site.building",
        "INFO    -  Search index built from N pages in T s",
        "INFO    -  Documentation built in T s",
        "INFO    -  Site written to PROJECT/site",
    ]


def test_the_briefing_page_shows_the_key_claim_state_in_its_banner(built: Path) -> None:
    page = page_of(built / "briefings" / SEED / "index.html")
    text = " ".join(" ".join(page.text).split())

    assert "Reported by Bloomberg" in text
    assert "? Unverified" in text
    assert "Iran has transferred ballistic missiles to Russia." in text
    assert "Assessed 25 November 2026" in text


def test_the_briefing_page_names_every_actor_and_links_every_source(built: Path) -> None:
    from generator.yamlio import load

    document, _ = load(ROOT / "briefings" / f"{SEED}.yaml")
    registry, _ = load(ROOT / "briefings" / "actors.yaml")
    assert document is not None
    assert registry is not None
    names = {a["id"]: a["name"] for a in registry.data["actors"]}
    page = page_of(built / "briefings" / SEED / "index.html")
    text = " ".join(" ".join(page.text).split())

    for actor in document.data["actors"]:
        assert (names[actor] if isinstance(actor, str) else actor["name"]) in text
    for source in document.data["sources"]:
        assert f"source-{source['id']}" in page.ids
        assert f"source-{source['id']}" in page.fragments
        assert source["outlet"] in text
    for statement in document.data["statements"]:
        assert " ".join(statement["text"].split()) in text
    assert set(page.fragments) <= page.ids, "every in-page link has a target"


def test_the_build_indexes_briefing_and_actor_pages_for_search(built: Path) -> None:
    # Searching itself is tested in a browser (tests/browser/); here, what gets indexed.
    assert (built / "pagefind" / "pagefind.js").is_file()
    assert not (built / "search" / "search_index.json").exists(), "one search index, not two"
    for page in (f"briefings/{SEED}", "actors/dmitry-peskov", "about"):
        assert "data-pagefind-body" in (built / page / "index.html").read_text(encoding="utf-8")
    for page in ("", "briefings", "timeline", "verification/unverified"):
        assert "data-pagefind-body" not in (built / page / "index.html").read_text(encoding="utf-8")


def test_the_home_page_links_to_the_briefing(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")

    assert f'href="briefings/{SEED}/"' in html


def test_the_404_page_offers_search_and_the_sites_main_pages(built: Path) -> None:
    page = page_of(built / "404.html")
    html = (built / "404.html").read_text(encoding="utf-8")

    assert "<title>Page not found - Verified news briefings</title>" in html
    assert "Nothing is published at this address" in page.words
    assert '<form class="briefing-not-found__search" role="search" data-briefing-search>' in html
    assert 'placeholder="Search the briefings"' in html
    # Pages serves it for a missing address at any depth: its links start at the site's root.
    links = html.split('class="briefing-not-found__links"', 1)[1].split("</ul>", 1)[0]
    main = re.findall(r'<a href="([^"]+)">', links)
    assert {link: (built / link.strip("/.") / "index.html").is_file() for link in main} == {
        "/.": True, "/briefings/": True, "/verification/": True, "/actors/": True,
        "/about/": True,
    }  # fmt: skip


def test_generated_pages_are_kept_out_of_the_navigation(built: Path) -> None:
    html = (built / "about" / "index.html").read_text(encoding="utf-8")

    assert SEED not in html


def test_invalid_input_fails_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous site", encoding="utf-8")
    seed = project / "briefings" / f"{SEED}.yaml"
    text = seed.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:")
    seed.write_text(text, encoding="utf-8")

    result = build(project)

    where = location(text, "\ntitel:", "titel")
    assert result.returncode == 1
    assert f"briefings/{SEED}.yaml:{where}: unknown key 'titel'; did you mean 'title'?" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous site"


def test_a_build_never_changes_the_input_files(tmp_path: Path) -> None:
    project = copy_project(tmp_path, cache_dir=".cache/briefings")  # the default
    digest: Callable[[], dict[str, str]] = lambda: {  # noqa: E731
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (project / "briefings").iterdir()
    }
    before = digest()

    result = build(project)

    assert result.returncode == 0, result.stderr
    assert digest() == before
    assert not (project / "docs" / "briefings").exists(), "nothing is written to the docs folder"
    written = sorted(path.name for path in project.iterdir())
    # Besides the site, only the share cards' cache (the plugin's cache_dir) is new.
    assert written == [".cache", "briefings", "docs", "mkdocs.yml", "site", "theme"]


def test_a_page_in_the_docs_folder_may_not_hide_a_generated_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "docs" / "timeline.md").write_text("# Mine\n", encoding="utf-8")

    result = build(project)

    assert result.returncode == 1
    assert "timeline.md clashes with a generated page" in result.stderr
    assert "Traceback" not in result.stderr


def test_directory_urls_are_required(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n")

    result = build(project)

    assert result.returncode == 1
    assert "set use_directory_urls: true" in result.stderr


def test_markup_written_in_the_data_reaches_the_built_page_as_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    seed = project / "briefings" / f"{SEED}.yaml"
    text = seed.read_text(encoding="utf-8").replace(
        "\ntitle: U.S. warns", '\ntitle: "</title><script>alert(1)</script> {{ config }} U.S. warns'
    )
    text = text.replace(" to Russia\nstatus:", ' to Russia"\nstatus:', 1)
    text = text.replace(
        "text: Iran has transferred ballistic missiles to Russia.",
        'text: "Iran *has* <img src=x onerror=alert(2)> [x](javascript:alert(3))"',
    )
    seed.write_text(text, encoding="utf-8")

    result = build(project)

    assert result.returncode == 0, result.stderr
    html = (project / "site" / "briefings" / SEED / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ config }} U.S." in html
    page = page_of(project / "site" / "briefings" / SEED / "index.html")
    assert "Iran *has* <img src=x onerror=alert(2)> [x](javascript:alert(3))" in page.words


def _built_in_process(project: Path) -> dict[str, bytes]:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    config.plugins.on_shutdown()
    return site_files(project / "site")


def test_a_large_build_holding_its_pages_compressed_writes_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import plugin

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(plugin, "index_site", lambda site_dir, language, **_: 0)
    plain = _built_in_process(copy_project(tmp_path / "plain", reuse="false"))
    # As a build of more pages than that would: each page's HTML kept compressed until the
    # theme writes it.
    monkeypatch.setattr(plugin, "DEFLATED_PAGES", 1)
    kept = []
    held = plugin._held
    monkeypatch.setattr(plugin, "_held", lambda *args: kept.append(held(*args)) or kept[-1])

    deflated = _built_in_process(copy_project(tmp_path / "deflated", reuse="false"))

    assert any(isinstance(html, plugin._Deflated) for html in kept)
    assert sorted(deflated) == sorted(plain)
    assert [name for name in plain if deflated[name] != plain[name]] == []
