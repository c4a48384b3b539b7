"""The sitemap as a small index of sitemaps, so that no page view downloads the whole archive.

Material's bundle fetches `sitemap.xml` next to the address of every `<link rel="alternate">`
of a page (for its language selector), and the feed link every page carries for feed readers
is one: each page view downloaded the full list of the site's pages, megabytes at 10,000
briefings. `/sitemap.xml` is therefore a sitemap index (sitemaps.org), a few hundred bytes
whatever the archive's size, which crawlers follow to `/sitemap-1.xml` and on; Material finds
no page in it, which changes nothing on a site without instant navigation or languages.
"""

from __future__ import annotations

from xml.etree import ElementTree

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
PER_FILE = 50_000
"""The most URLs one sitemap may list (sitemaps.org)."""

XHTML = "http://www.w3.org/1999/xhtml"
"""Of the hreflang links between a briefing's translations."""

ElementTree.register_namespace("", NAMESPACE)
ElementTree.register_namespace("xhtml", XHTML)


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _xml(root: ElementTree.Element) -> str:
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def split_sitemap(
    urlset: str, site_url: str, per_file: int = PER_FILE
) -> tuple[str, dict[str, str]]:
    """The sitemap index to serve as /sitemap.xml, and the sitemaps it lists by file name,
    from the full sitemap MkDocs wrote (`urlset`). Each entry of the index is dated by the
    newest `<lastmod>` among its URLs."""
    urls = ElementTree.fromstring(urlset).findall(_tag("url"))
    index = ElementTree.Element(_tag("sitemapindex"))
    parts: dict[str, str] = {}
    for number, start in enumerate(range(0, max(len(urls), 1), per_file), start=1):
        chunk = urls[start : start + per_file]
        name = f"sitemap-{number}.xml"
        part = ElementTree.Element(_tag("urlset"))
        part.extend(chunk)
        parts[name] = _xml(part)
        entry = ElementTree.SubElement(index, _tag("sitemap"))
        ElementTree.SubElement(entry, _tag("loc")).text = site_url + name
        dates = [d.text for url in chunk if (d := url.find(_tag("lastmod"))) is not None]
        if dates := [d for d in dates if d]:
            ElementTree.SubElement(entry, _tag("lastmod")).text = max(dates)
    return _xml(index), parts
