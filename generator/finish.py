"""Finish a site that an engine other than MkDocs built from the `briefings render` tree.

The MkDocs plugin does three things to the built site through MkDocs' hooks: it gives every
page its Content-Security-Policy (`security`), serves the sitemap as a small index of sitemaps
(`sitemap`), and indexes the pages for search (`search`). An engine that runs no plugins, such
as Zensical, leaves them undone; `finish_site` does them to the finished folder instead, with
the same functions. Running it twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from .search import index_site
from .security import POLICY_META, with_policy
from .sitemap import NAMESPACE, split_sitemap

SITEMAP = "sitemap.xml"


class SitemapError(ValueError):
    """The engine's sitemap is not XML; the message says where."""


@dataclass(frozen=True)
class Finished:
    """What `finish_site` did: pages given a policy, sitemaps written, pages indexed."""

    policies: int
    sitemaps: int
    indexed: int


def finish_site(site_dir: Path, site_url: str, language: str = "en") -> Finished:
    """Give each HTML page of `site_dir` its Content-Security-Policy, split its sitemap and
    index it for search in the site's `language`. `site_url` is the site's absolute address,
    ending in "/"."""
    policies = 0
    for path in sorted(site_dir.rglob("*.html")):
        if path.is_relative_to(site_dir / "pagefind"):
            continue
        html = path.read_text(encoding="utf-8")
        if POLICY_META in html:
            continue
        finished = with_policy(html)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
            policies += 1
    return Finished(policies, _split_sitemap(site_dir, site_url), index_site(site_dir, language))


def _split_sitemap(site_dir: Path, site_url: str) -> int:
    """Replace the engine's sitemap with an index of sitemaps (see `sitemap`); return how
    many sitemaps it lists, 0 when there is no sitemap or it is one already."""
    path = site_dir / SITEMAP
    if not path.is_file():
        return 0
    urlset = path.read_text(encoding="utf-8")
    try:
        root = ElementTree.fromstring(urlset)
    except ElementTree.ParseError as error:
        raise SitemapError(f"{path}: not a sitemap: {error}") from None
    if root.tag != f"{{{NAMESPACE}}}urlset":
        return 0
    index, parts = split_sitemap(urlset, site_url)
    for name, content in parts.items():
        (site_dir / name).write_text(content, encoding="utf-8")
    path.write_text(index, encoding="utf-8")
    return len(parts)
