"""Long lists are cut into pages: a reader who follows "Next" sees every briefing once, in
order, and no list page grows with the archive."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from generator.archive import load_archive
from generator.structure import SiteIndex
from generator.urls import list_page, parts

from .building import build, copy_project, page_of
from .conftest import FIXTURES, NOW, PRIVATE

pytestmark = pytest.mark.slow

ARCHIVE = FIXTURES / "archive"
SIZE = 4
SITE_ROOT = "http://site.test/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive (32 public briefings) built with lists of 4."""
    project = copy_project(tmp_path_factory.mktemp("paged-site"), ARCHIVE, repository="private")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - briefings:\n", f"  - briefings:\n      list_size: {SIZE}\n"),
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    return SiteIndex(load_archive(ARCHIVE, NOW, desk=PRIVATE))


def _file(site: Path, url: str) -> Path:
    path = site / url.removeprefix(SITE_ROOT)
    return path / "index.html" if url.endswith("/") else path


def _walk(site: Path, start: str) -> list[tuple[str, str]]:
    """Follow the rel="next" links from a list's first page: (URL, HTML) of every page."""
    pages, url = [], SITE_ROOT + start
    while True:
        html = _file(site, url).read_text(encoding="utf-8")
        pages.append((url, html))
        found = re.search(r'<a rel="next" href="([^"]+)"', html)
        if found is None:
            return pages
        url = urljoin(url, found[1])


def _briefings_listed(url: str, html: str) -> list[str]:
    """The ids of the briefings a list page lists, in order."""
    hrefs = re.findall(r'class="briefing-item__title" href="([^"]+)"', html)
    return [urljoin(url, href).removeprefix(SITE_ROOT + "briefings/").strip("/") for href in hrefs]


def test_parts_cut_a_list_into_pages_of_the_size_and_keep_an_empty_list_as_one_page() -> None:
    assert [p.items for p in parts("tags/x.md", range(9), 4)] == [(0, 1, 2, 3), (4, 5, 6, 7), (8,)]
    assert [(p.number, p.count, p.start) for p in parts("tags/x.md", range(9), 4)] == [
        (1, 3, 0), (2, 3, 4), (3, 3, 8),
    ]  # fmt: skip
    (empty,) = parts("tags/x.md", [], 4)
    assert (empty.items, empty.count, empty.page) == ((), 1, "tags/x.md")
    assert list_page("briefings/index.md", 2) == "briefings/page/2.md"
    assert list_page("timeline.md", 3) == "timeline/page/3.md"
    assert list_page("tags/x.md", 1) == "tags/x.md"


def test_following_next_through_all_briefings_shows_each_once_newest_first(
    site: Path, index: SiteIndex
) -> None:
    pages = _walk(site, "briefings/")

    listed = [_briefings_listed(url, html) for url, html in pages]
    assert len(pages) == 8  # 32 public briefings, 4 a page
    assert all(len(items) <= SIZE for items in listed)
    assert [id for items in listed for id in items] == [
        view.briefing.id for view in index.briefings
    ]
    assert [url.removeprefix(SITE_ROOT) for url, _ in pages[:3]] == [
        "briefings/", "briefings/page/2/", "briefings/page/3/",
    ]  # fmt: skip


def test_a_page_says_where_it_is_and_links_the_first_previous_and_last(site: Path) -> None:
    first, second, *_, last = _walk(site, "briefings/")

    assert '<a rel="prev"' not in first[1]
    assert "Page 1 of 8" in page_of(_file(site, first[0])).words
    words = page_of(_file(site, second[0])).words
    assert "Page 2 of 8" in words
    assert "Here: 5 to 8 of 32 (page 2 of 8)." in words
    assert re.search(r"<title>All briefings, page 2 - ", second[1])
    assert '<a rel="next"' not in last[1]
    for url, html in (second, last):
        links = re.findall(r'<nav class="briefing-pager".*?</nav>', html, re.S)[0]
        targets = {urljoin(url, href) for href in re.findall(r'href="([^"]+)"', links)}
        assert SITE_ROOT + "briefings/" in targets
        assert SITE_ROOT + "briefings/page/8/" in targets or url.endswith("/8/")


def test_every_link_on_every_list_page_resolves(site: Path) -> None:
    paged = [path for path in site.rglob("index.html") if "page" in path.parts]
    assert len(paged) > 20
    broken = []
    for path in paged:
        url = SITE_ROOT + str(path.relative_to(site)).removesuffix("index.html")
        for href in page_of(path).links:
            target, _ = urldefrag(urljoin(url, href))
            if target.startswith(SITE_ROOT) and not _file(site, target).is_file():
                broken.append(f"{url} -> {href}")

    assert broken == []


def test_the_timeline_in_pages_keeps_date_order_and_repeats_a_month_cut_in_two(
    site: Path, index: SiteIndex
) -> None:
    pages = _walk(site, "timeline/")

    listed = [i for url, html in pages for i in _briefings_listed(url, html)]
    assert listed == [view.briefing.id for _, view in index.timeline_entries]
    months = [re.findall(r'<h2 id="t-([^"]+)"', html) for _, html in pages]
    assert all(months), "every page says which month its events are in"
    assert any(a[-1] == b[0] for a, b in pairwise(months)), "a cut month"


def test_each_timeline_page_links_to_the_page_where_each_year_starts(site: Path) -> None:
    pages = _walk(site, "timeline/")
    url, html = pages[-1]

    years = re.findall(r'<a href="([^"]+)">(\d{4}|Date not stated)</a>', html)

    assert len(years) >= 2
    for href, year in years:
        target = _file(site, urljoin(url, href)).read_text(encoding="utf-8")
        key = "undated" if year == "Date not stated" else year
        assert re.search(rf'<h2 id="t-{key}', target), (year, href)


def test_an_actor_with_many_statements_has_them_all_once_across_pages(
    site: Path, index: SiteIndex
) -> None:
    entry = max(index.actors, key=lambda entry: len(entry.statements))
    pages = _walk(site, f"actors/{entry.actor.id}/")

    shown = [re.findall(r'href="[^"]*#(statement-[^"]+)"', html) for _, html in pages]
    expected = [item.statement.anchor for item in entry.statements]
    assert len(pages) == -(-max(len(entry.statements), len(entry.briefings)) // SIZE)
    assert [a for page in shown for a in page if a in expected] == expected
    assert "data-pagefind-body" in pages[0][1]
    assert all("data-pagefind-body" not in html for _, html in pages[1:]), "searched once"


def test_a_list_size_below_one_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", ARCHIVE, repository="private")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - briefings:\n", "  - briefings:\n      list_size: 0\n"))

    result = build(project)

    assert result.returncode != 0
    assert "list_size must be 1 or more" in result.stderr
