"""Property: whatever Unicode an editor writes in a text field, the briefing builds, and the
page shows the text exactly as written (HTML-escaped, never read as Markdown or HTML).

Each example goes through the whole core and what MkDocs does with a page: YAML file, check,
Markdown page, front matter, and Markdown with the extensions of the site's `mkdocs.yml`.
"""

from __future__ import annotations

import json
import re
import tempfile
from functools import cache
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from generator.archive import Archive, load_archive
from generator.markdown_fields import ALLOWED_TAGS, render_markdown
from generator.model import REFUSED_IN_TEXT
from generator.pages import briefing_page
from generator.publish import SiteInfo, script_json, structured_data
from generator.render import render_briefing
from generator.structure import SiteIndex
from generator.yamlio import load

from .building import PageText
from .conftest import FIXTURES, NOW, ROOT, TEMPLATES

pytestmark = pytest.mark.slow

SITE = SiteInfo(name="Briefings", url="https://briefings.example.org/")
LINK_PROBLEM = re.compile(
    r"the link target .* is not an address this site can use|.* does not name an? \w+ by its id"
    r"|unknown (briefing|actor) id"
)

# Any character the format accepts (control characters, surrogates, direction controls and
# zero-width spaces are refused, see test_model), with the ASCII that means something to
# Markdown, HTML, YAML and Jinja drawn more often than chance would.
SIGNIFICANT = list("\t\n <>&\"'`*_[]{}()#|\\~:-!=%$@^.+;/,?")
TEXT = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
    ).filter(lambda char: not REFUSED_IN_TEXT.match(char))
    | st.sampled_from(SIGNIFICANT),
    min_size=1,
    max_size=60,
).filter(lambda text: bool(text.strip()))


@cache
def _sample() -> dict[str, Any]:
    document, _ = load(FIXTURES / "valid" / "sample-briefing.yaml")
    assert document is not None
    return dict(document.data)


@cache
def _markdown() -> markdown.Markdown:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        extensions = yaml_load(file)["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): next(iter(e.values())) for e in extensions if isinstance(e, dict)}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def _words(text: str) -> str:
    return " ".join(text.split())


def _archive(data: dict[str, Any]) -> Archive:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "actors.yaml").write_bytes((FIXTURES / "valid" / "actors.yaml").read_bytes())
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / "sample-briefing.yaml").write_text(text, encoding="utf-8")
        return load_archive(folder, NOW)


def _build(data: dict[str, Any]) -> tuple[dict[str, Any], str, list[Any]]:
    """The front matter and HTML of the briefing page, and its structured data."""
    archive = _archive(data)
    assert archive.errors == ()
    (briefing,) = archive.shown
    body, meta = get_data(render_briefing(archive, briefing, TEMPLATES))
    index = SiteIndex(archive)
    structured = structured_data(briefing_page(index, index.by_id[briefing.id]), SITE)
    return meta, _markdown().reset().convert(body), structured


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain"
)
@given(
    title=TEXT,
    event=TEXT,
    location=TEXT,
    name=TEXT,
    outlet=TEXT,
    source_title=TEXT,
    claim=TEXT,
    statement=TEXT,
    translation=TEXT,
    quantity=TEXT,
    evidence=TEXT,
    question=TEXT,
    attribution=TEXT,
)
def test_any_text_builds_and_is_shown_exactly_as_written(
    title: str,
    event: str,
    location: str,
    name: str,
    outlet: str,
    source_title: str,
    claim: str,
    statement: str,
    translation: str,
    quantity: str,
    evidence: str,
    question: str,
    attribution: str,
) -> None:
    data = json.loads(json.dumps(_sample()))
    data["title"] = title
    data["event"].update(title=event, location=location)
    data["actors"][2]["name"] = name
    data["sources"][0].update(outlet=outlet, title=source_title)
    data["claims"][0]["text"] = claim
    data["statements"][0]["text"] = statement
    data["statements"][3].update(translation=translation, figure={"quantity": quantity, "value": 1})
    data["evidence"][0]["description"] = evidence
    data["open_questions"][0]["text"] = question
    data["attribution"] = attribution

    meta, html, structured = _build(data)

    page = PageText()
    page.feed(html)
    for written in (title, event, location, name, outlet, source_title, claim, statement):
        assert _words(written) in page.words
    for written in (translation, quantity, evidence, question, attribution):
        assert _words(written) in page.words
    assert unescape(meta["title"]) == title  # HTML-escaped, as the theme prints it raw
    assert json.loads(script_json(structured))[0]["headline"] == title


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}
        self.links += [value or "" for name, value in attrs if name == "href"]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain"
)
@given(summary=TEXT, methodology=TEXT, note=TEXT)
def test_any_markdown_field_builds_into_the_page_as_safe_html(
    summary: str, methodology: str, note: str
) -> None:
    data = json.loads(json.dumps(_sample()))
    data["summary"] = summary
    data["methodology"] = methodology
    data["claims"][0]["verification"]["note"] = note

    refused = _archive(data).errors
    # A link the site cannot use is refused, where it is written; anything else builds.
    assert all(LINK_PROBLEM.match(error.message) for error in refused), refused
    if refused:
        return
    _, html, _ = _build(data)

    for written in (summary, methodology, note):
        rendered = render_markdown(written)
        found = _Tags()
        found.feed(rendered)
        assert found.tags <= ALLOWED_TAGS
        assert found.attributes <= {"href", "title", "rel", "align"}
        assert all(link.startswith(("http://", "https://", "mailto:")) for link in found.links)
        # Placed as it was rendered: nothing in the field ended the HTML block around it.
        assert rendered in html


YAMLISH = st.text(alphabet=st.sampled_from("abc:-[]{}&*!|>'\"#%@`,?~\t\n \u00e9"))


@settings(max_examples=300, deadline=None, phases=[Phase.explicit, Phase.generate, Phase.shrink])
@given(content=st.binary() | YAMLISH.map(str.encode))
def test_any_file_content_ends_in_errors_or_a_briefing_never_an_exception(
    content: bytes,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "actors.yaml").write_bytes((FIXTURES / "valid" / "actors.yaml").read_bytes())
        (folder / "anything.yaml").write_bytes(content)

        archive = load_archive(folder, NOW)

    assert archive.errors or archive.briefings
    assert all(error.path.endswith("anything.yaml") for error in archive.errors)
