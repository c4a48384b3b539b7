"""/sitemap.xml is an index of sitemaps, whose size does not grow with the archive: the
theme's script downloads it on every page view."""

from __future__ import annotations

from xml.etree import ElementTree

from generator.sitemap import split_sitemap

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://news.example.org/"


def _urlset(count: int) -> str:
    urls = "".join(
        f"<url><loc>{SITE}briefings/b-{n}/</loc><lastmod>2024-09-{n % 28 + 1:02d}</lastmod></url>"
        for n in range(count)
    )
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def _locs(xml: str, path: str) -> list[str | None]:
    return [element.text for element in ElementTree.fromstring(xml).iterfind(path)]


def test_every_url_is_in_exactly_one_listed_sitemap_in_order() -> None:
    index, parts = split_sitemap(_urlset(7), SITE, per_file=3)

    assert _locs(index, f"{NS}sitemap/{NS}loc") == [
        f"{SITE}sitemap-1.xml", f"{SITE}sitemap-2.xml", f"{SITE}sitemap-3.xml"
    ]  # fmt: skip
    found = [loc for name in sorted(parts) for loc in _locs(parts[name], f"{NS}url/{NS}loc")]
    assert found == [f"{SITE}briefings/b-{n}/" for n in range(7)]


def test_each_sitemap_is_dated_by_its_newest_page() -> None:
    index, _ = split_sitemap(_urlset(7), SITE, per_file=3)

    assert _locs(index, f"{NS}sitemap/{NS}lastmod") == ["2024-09-03", "2024-09-06", "2024-09-07"]


def test_the_index_stays_small_however_large_the_archive() -> None:
    small, _ = split_sitemap(_urlset(10), SITE)
    large, parts = split_sitemap(_urlset(20_000), SITE)

    assert len(large) == len(small) < 400
    assert sum(len(part) for part in parts.values()) > 1_000_000


def test_a_site_with_no_page_still_has_a_valid_index() -> None:
    index, parts = split_sitemap(_urlset(0), SITE)

    assert _locs(index, f"{NS}sitemap/{NS}loc") == [f"{SITE}sitemap-1.xml"]
    assert _locs(parts["sitemap-1.xml"], f"{NS}url") == []
