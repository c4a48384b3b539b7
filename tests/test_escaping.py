"""Hostile text in every field, built into a real site whose `mkdocs.yml` turns on the
Markdown extensions that could be abused (snippets, md_in_html, attr_list): every output
context shows the text as written, and none of it runs, links, includes or templates.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import extruct
import feedparser
import pytest
import yaml

from generator.archive import load_archive
from generator.yamlio import load

from .building import build, copy_project, page_of
from .conftest import FIXTURES, NOW
from .positions import line_of

SITE_URL = "https://briefings.example.org/"
BRIEFING = "sample-briefing"
SECRET = "TOP-SECRET-7731"

# One line that means something to HTML, attributes, Markdown and its extensions, Jinja and
# XML. `{{ 'Qz' ~ 'Jx' }}` would print QzJx if any template evaluated it.
HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> " onmouseover="alert(3) \' '
    '[a](javascript:alert(4)) ![i](https://evil.example/i.png) {: onclick="alert(5)" } '
    "<div markdown=\"1\">**md**</div> {{ 'Qz' ~ 'Jx' }} {% if true %}jinja{% endif %} "
    "&amp; &lt; ]]> --> </title> *not emphasis* `not code` # not a heading"
)
# A Markdown field may link only to web pages and to the site's own pages (a `javascript:` or
# `data:` link is refused by the checks): it gets links of those kinds, with hostile text.
HOSTILE_MARKDOWN = HOSTILE.replace(
    "[a](javascript:alert(4))",
    '[<b>a</b>](briefing:sample-briefing) [b" onclick="alert(4)](actor:jane-example) '
    '[c](https://evil.example/" onmouseover="alert(4)) [d](mailto:x@example.org?subject=<i>)',
)
# Markdown fields get block-level tricks too, each on its own line.
HOSTILE_BLOCKS = (
    f'{HOSTILE_MARKDOWN}\n\n--8<-- "secret.txt"\n\n{{: onclick="alert(6)" }}\n\n'
    '<div markdown="1">\n*inside*\n</div>\n\n![c](javascript:alert(7))\n'
)
TEXT = {
    "title", "location", "name", "role", "outlet", "text", "attribution", "description",
    "translation", "quantity", "unit",
}  # fmt: skip
MARKDOWN = {"summary", "methodology"}

# Turned on in the test site's mkdocs.yml, as a publisher might.
HOSTILE_MARKDOWN_EXTENSIONS = """\
  - md_in_html
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: false
"""


def _hostile(value: Any, key: str = "") -> Any:
    """A copy of briefing data with the hostile text in every text field."""
    if isinstance(value, dict):
        return {k: _hostile(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key == "aliases":
            return [HOSTILE for _ in value]
        return [_hostile(item, key) for item in value]
    if isinstance(value, str) and key in TEXT:
        return f"{value} {HOSTILE}"
    if isinstance(value, str) and key == "note":  # notes are Markdown, written on one line
        return f"{value} {HOSTILE_MARKDOWN}"
    if isinstance(value, str) and key in MARKDOWN:
        return HOSTILE_BLOCKS
    return value


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


class _TextOf(HTMLParser):
    """The text inside the first element of a given class."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class = css_class
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or self.css_class in (dict(attrs).get("class") or "").split():
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def _text_of(path: Path, css_class: str) -> str:
    parser = _TextOf(css_class)
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def _elements(path: Path) -> _Elements:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pagefind_fragments(site: Path) -> list[dict[str, Any]]:
    fragments = []
    for path in (site / "pagefind" / "fragment").iterdir():
        content = gzip.decompress(path.read_bytes())
        fragments.append(json.loads(content.removeprefix(b"pagefind_dcd")))
    return fragments


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """The hostile briefing's data as read back from YAML, and the built site."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    document, _ = load(folder / f"{BRIEFING}.yaml")
    assert document is not None
    data = _hostile(document.data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    (folder / f"{BRIEFING}.yaml").write_text(text, encoding="utf-8")
    project = copy_project(root / "project", folder)
    (project / "secret.txt").write_text(SECRET, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "markdown_extensions:\n", "markdown_extensions:\n" + HOSTILE_MARKDOWN_EXTENSIONS, 1
    )
    # The control page is kept out of the menu, as the site's pages for editors are.
    text = text.replace("not_in_nav: |\n", "not_in_nav: |\n  /control.md\n", 1)
    config.write_text(text, encoding="utf-8")
    # A control: the same line in a page of the site does include the file.
    (project / "docs" / "control.md").write_text('# Control\n\n--8<-- "secret.txt"\n', "utf-8")

    result = build(project)

    assert result.returncode == 0, result.stderr
    return data, project / "site"


@pytest.mark.slow
def test_no_file_of_the_site_includes_a_file_or_evaluates_a_template(
    hostile: tuple[dict[str, Any], Path],
) -> None:
    _, site = hostile
    texts = {}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".gz", ""):
            content = path.read_bytes()
            if content[:2] == b"\x1f\x8b":
                content = gzip.decompress(content)
            texts[path] = content.decode("utf-8", "replace")

    assert any("{{ 'Qz' ~ 'Jx' }}" in text for text in texts.values())
    assert [p.relative_to(site) for p, text in texts.items() if SECRET in text] == [
        Path("control/index.html")
    ]
    assert [p for p, text in texts.items() if "QzJx" in text] == []


@pytest.mark.slow
def test_no_page_runs_or_links_to_anything_from_the_data(
    hostile: tuple[dict[str, Any], Path],
) -> None:
    _, site = hostile
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20

    for page in pages:
        parsed = _elements(page)
        for tag, attrs in parsed.elements:
            assert not [name for name in attrs if name.startswith("on")], (page, tag, attrs)
            for name in ("href", "src", "action", "formaction"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:")), (page, tag, attrs)
            assert not (tag == "img" and "evil.example" in (attrs.get("src") or "")), page
            assert attrs.get("markdown") is None, (page, tag, attrs)
        assert not [s for s in parsed.scripts if "alert(" in s and "@context" not in s], page


@pytest.mark.slow
def test_the_briefing_page_shows_every_hostile_text_as_written(
    hostile: tuple[dict[str, Any], Path],
) -> None:
    data, site = hostile
    words = page_of(site / "briefings" / BRIEFING / "index.html").words
    flat = " ".join(HOSTILE.split())

    for shown in (
        data["title"],
        data["event"]["title"],
        data["actors"][2]["name"],
        data["sources"][0]["title"],
        data["claims"][0]["text"],
        data["statements"][0]["text"],
        data["statements"][3]["translation"],
        data["statements"][3]["figure"]["quantity"],
        data["evidence"][0]["description"],
        data["attribution"],
    ):
        assert " ".join(shown.split()) in words
    # A Markdown field renders Markdown, but its raw HTML and block tricks stay text.
    methodology = _text_of(site / "briefings" / BRIEFING / "index.html", "briefing-methodology")
    assert flat.split(" [a]")[0] in methodology
    assert '--8<-- "secret.txt"' in methodology
    assert '{: onclick="alert(6)" }' in methodology
    assert '<div markdown="1"> inside </div>' in methodology


@pytest.mark.slow
def test_attributes_json_ld_feed_api_and_search_keep_the_text_intact(
    hostile: tuple[dict[str, Any], Path],
) -> None:
    data, site = hostile
    page = site / "briefings" / BRIEFING / "index.html"
    html = page.read_text(encoding="utf-8")
    metadata = extruct.extract(html, base_url=SITE_URL, syntaxes=["json-ld", "opengraph"])
    article = next(item for item in metadata["json-ld"] if item["@type"] == "NewsArticle")
    review = next(item for item in metadata["json-ld"] if item["@type"] == "ClaimReview")
    og = dict(metadata["opengraph"][0]["properties"])
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    api = json.loads((site / "api" / "briefings" / f"{BRIEFING}.json").read_text("utf-8"))
    fragment = next(f for f in _pagefind_fragments(site) if f["url"].endswith(f"/{BRIEFING}/"))

    assert article["headline"] == data["title"]
    assert review["claimReviewed"] == data["claims"][0]["text"]
    assert og["og:title"] == data["title"]
    # The share card's text alternative, in two attributes and in the JSON-LD.
    assert f" {data['title']}. " in og["og:image:alt"]
    assert article["image"]["caption"] == og["og:image:alt"]
    twitter = re.search(r'<meta name="twitter:image:alt" content="([^"]*)"', html)
    assert twitter is not None
    assert unescape(twitter[1]) == og["og:image:alt"]
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    assert title is not None
    assert unescape(title[1]) == f"{data['title']} - Verified news briefings"
    assert not feed.bozo
    assert feed.entries[0].title == f"{data['title']} (corrected)"
    assert api["title"] == data["title"]
    assert api["statements"][0]["text"] == data["statements"][0]["text"]
    assert api["summary"] == data["summary"]
    assert " ".join(data["title"].split()) in fragment["content"]


@pytest.mark.slow
def test_links_in_markdown_fields_lead_only_to_the_site_and_the_web(
    hostile: tuple[dict[str, Any], Path],
) -> None:
    _, site = hostile
    page = _elements(site / "briefings" / BRIEFING / "index.html")
    methodology = _text_of(site / "briefings" / BRIEFING / "index.html", "briefing-methodology")

    hrefs = [attrs.get("href") or "" for tag, attrs in page.elements if tag == "a"]
    assert "./" in hrefs  # briefing:sample-briefing, from its own page
    assert "../../actors/jane-example/" in hrefs
    assert [h for h in hrefs if h.startswith(("briefing:", "actor:", "javascript:", "data:"))] == []
    assert "<b>a</b>" in methodology
    assert 'b" onclick="alert(4)' in methodology


@pytest.mark.parametrize("target", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_a_script_or_data_link_in_a_markdown_field_is_refused(tmp_path: Path, target: str) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    path = folder / f"{BRIEFING}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("(actor:jane-example)", f"({target})", 1), encoding="utf-8")

    archive = load_archive(folder, NOW)

    assert [(e.line, e.message) for e in archive.errors] == [
        (
            line_of(text, "summary: |"),
            f"the link target {target!r} is not an address this site can use",
        )
    ]
    assert archive.shown == ()
