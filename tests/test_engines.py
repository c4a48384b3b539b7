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
from xml.etree import ElementTree

import extruct
import lxml.html
import pytest

from generator import cards
from generator.archive import load_archive
from generator.cards import card_for
from generator.pages import Card, briefing_page
from generator.publish import SiteInfo, structured_data
from generator.site import site_output
from generator.structure import SiteIndex
from generator.views import BriefingView

from .building import build, build_with_zensical, built_site, copy_project
from .conftest import FIXTURES, NOW, PRIVATE, ROOT, TEMPLATES
from .positions import location

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
         "--now", NOW_TEXT, "--cache", str(out.with_name(f"{out.name}-cards")), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_render_writes_the_pages_and_files_mkdocs_builds(tmp_path: Path) -> None:
    site = SiteInfo(name="Verified news briefings", url="https://news.example.org/")
    expected = site_output(load_archive(FIXTURES / "archive", NOW, desk=PRIVATE), TEMPLATES, site)

    result = _render(tmp_path, FIXTURES / "archive", "--site-url", "https://news.example.org")

    assert result.returncode == 0, result.stderr
    written = {str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file()}
    assert written == set(expected.pages) | set(expected.files) | set(expected.cards)
    for page, text in expected.pages.items():
        assert (tmp_path / page).read_text(encoding="utf-8") == text
    for name, content in [*expected.files.items(), *expected.cards.items()]:
        assert (tmp_path / name).read_bytes() == content


def test_render_writes_nothing_when_a_briefing_is_invalid(tmp_path: Path) -> None:
    briefings = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", briefings)
    sample = briefings / "sample-briefing.yaml"
    text = sample.read_text("utf-8").replace("tlp: CLEAR", "tlp: AMBER")
    sample.write_text(text, "utf-8")

    result = _render(tmp_path / "out", briefings, repository="public")

    where = location(text, "tlp: AMBER", "AMBER")
    assert result.returncode == 1
    assert f"sample-briefing.yaml:{where}: TLP:AMBER in a public repository" in result.stderr
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


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built with MkDocs: what every other engine is held to."""
    return built_site(tmp_path_factory.mktemp("mkdocs"), FIXTURES / "archive", repository="private")


def test_properdocs_builds_the_site_mkdocs_builds(mkdocs_site: Path, tmp_path: Path) -> None:
    """ProperDocs continues MkDocs 1.x: switched to on 5 May 2027 (README, "Engines"), it
    must build the same site, plugin, theme overrides, JSON-LD and search included."""
    project = copy_project(tmp_path / "properdocs", FIXTURES / "archive", repository="private")
    result = build(project, engine="properdocs")
    assert result.returncode == 0, result.stderr

    made, continued = _files(mkdocs_site), _files(project / "site")
    assert len(made) > 200
    assert sorted(made) == sorted(continued)
    assert [path for path in made if made[path] != continued[path]] == []
    assert any(path.startswith("pagefind/") for path in continued)


ZENSICAL_URL = "https://newsroom.example.org/desk/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built with Zensical, as the README's recipe says."""
    project = copy_project(
        tmp_path_factory.mktemp("zensical"), FIXTURES / "archive", repository="private"
    )
    result = build_with_zensical(project, ZENSICAL_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "build" / "site"


def _index() -> SiteIndex:
    return SiteIndex(load_archive(FIXTURES / "archive", NOW, desk=PRIVATE))


def _shown() -> list[BriefingView]:
    return list(_index().briefings)


def test_zensical_gives_every_briefing_page_its_structured_data(zensical_site: Path) -> None:
    index = _index()
    shown = list(index.briefings)
    assert len(shown) > 20

    site = SiteInfo(name="Verified news briefings", url=ZENSICAL_URL)  # as render's defaults

    for view in shown:
        url = f"{ZENSICAL_URL}briefings/{view.briefing.id}/"
        html = (zensical_site / "briefings" / view.briefing.id / "index.html").read_text("utf-8")
        found = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
        thread = index.stories.thread(view)
        card = card_for(view, thread, site_name=site.name, site_language=site.language)
        shared = Card(site.absolute(card.name), cards.WIDTH, cards.HEIGHT, card.alt)
        page = briefing_page(index, view, card=shared)
        assert found == structured_data(page, site), view.briefing.id
        assert (zensical_site / card.name).is_file()
        article = found[0]
        assert (article["@type"], article["url"]) == ("NewsArticle", url)
        assert article["dateModified"] == view.changed.isoformat()


def test_zensical_sitemap_dates_each_page_by_its_last_change(zensical_site: Path) -> None:
    index = ElementTree.parse(zensical_site / "sitemap.xml").getroot()
    [listed] = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    part = ElementTree.parse(zensical_site / str(listed).removeprefix(ZENSICAL_URL)).getroot()
    dated = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in part.iter(f"{SITEMAP}url")
    }
    shown = _shown()
    newest = max(view.changed for view in shown).isoformat()

    assert index.tag == f"{SITEMAP}sitemapindex"
    for view in shown:
        assert dated[f"{ZENSICAL_URL}briefings/{view.briefing.id}/"] == view.changed.isoformat()
    assert dated[ZENSICAL_URL] == newest  # a list changes with the briefings it lists
    assert dated[f"{ZENSICAL_URL}about/"] is None  # written by hand: when it changed is unknown
    assert len(dated) == len(list(zensical_site.rglob("index.html")))


def test_zensical_site_keeps_the_templates_out_and_every_page_under_a_policy(
    zensical_site: Path,
) -> None:
    pages = list(zensical_site.rglob("*.html"))

    assert not (zensical_site / "markdown").exists()
    assert not list(zensical_site.rglob("*.md"))
    unguarded = [
        str(path.relative_to(zensical_site))
        for path in pages
        if "pagefind" not in path.parts
        and 'http-equiv="Content-Security-Policy"' not in path.read_text("utf-8")
    ]
    assert unguarded == []
    assert (zensical_site / "pagefind" / "pagefind-entry.json").is_file()


def test_zensical_site_has_the_feed_and_api_and_the_theme_stylesheet(zensical_site: Path) -> None:
    assert "assets/stylesheets/briefings.css" in (zensical_site / "index.html").read_text("utf-8")
    feed = (zensical_site / "feed.xml").read_text("utf-8")
    assert f"{ZENSICAL_URL}briefings/synthetic-briefing-00/" in feed
    assert (zensical_site / "api" / "briefings" / "synthetic-briefing-00.json").is_file()


def _content(page: Path) -> str:
    """The words a reader reads in a page's content, without the permalink marks of its
    headings."""
    root = lxml.html.parse(str(page)).getroot()
    [article] = root.xpath("//article[contains(concat(' ', @class, ' '), ' md-content__inner ')]")
    for mark in article.xpath('.//a[@class="headerlink"]'):
        mark.drop_tree()
    return " ".join(article.text_content().split())


def test_zensical_pages_read_word_for_word_as_the_mkdocs_pages(
    mkdocs_site: Path, zensical_site: Path
) -> None:
    pages = [
        path.relative_to(mkdocs_site)
        for path in sorted(mkdocs_site.rglob("index.html"))
        if "pagefind" not in path.parts
    ]
    assert len(pages) > 100

    differ = [
        str(page)
        for page in pages
        if _content(mkdocs_site / page) != _content(zensical_site / page)
    ]
    assert differ == []
