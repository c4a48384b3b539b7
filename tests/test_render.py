"""Rendering: golden pages, escaping per context, and what the briefing page states."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from jinja2 import meta

from generator.archive import load_archive
from generator.markdown_fields import render_markdown
from generator.model import PartialDate, Stance, VerificationState
from generator.render import (
    TemplateProblem,
    environment,
    md_inline,
    render_briefing,
)
from generator.site import render_site
from generator.views import briefing_view
from generator.vocabulary import partial_date

from .conftest import FIXTURES, GOLDEN, NOW, PRIVATE, ROOT, TEMPLATES
from .positions import positions


def _archive(directory: Path):  # type: ignore[no-untyped-def]
    archive = load_archive(directory, NOW)
    assert archive.errors == ()
    return archive


@pytest.mark.parametrize(
    ("directory", "briefing_id"),
    [
        (ROOT / "briefings", "iran-russia-ballistic-missile-transfer"),
        (FIXTURES / "valid", "sample-briefing"),
    ],
)
def test_briefing_markdown_matches_the_reviewed_golden_file(
    directory: Path, briefing_id: str, update_golden: bool
) -> None:
    archive = _archive(directory)
    briefing = next(b for b in archive.shown if b.id == briefing_id)
    golden = GOLDEN / f"{briefing_id}.md"

    page = render_briefing(archive, briefing, TEMPLATES)

    if update_golden:
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8"), "run pytest --update-golden and review"


@pytest.mark.parametrize(
    ("written", "shown"),
    [("2024", "2024"), ("2024-09", "September 2024"), ("2024-09-05", "5 September 2024")],
)
def test_partial_dates_are_shown_as_precisely_as_written(written: str, shown: str) -> None:
    assert partial_date(PartialDate.parse(written)) == shown


def test_text_in_a_markdown_line_cannot_become_markup() -> None:
    escaped = md_inline("*bold* _x_ [a](javascript:1) <b> {{ x }} {% y %} # h & `c`\nnext")

    assert re.fullmatch(r"[A-Za-z0-9 ;&#]+", escaped)
    assert "\n" not in escaped


def test_markdown_fields_render_markdown_but_no_raw_html_or_script_links() -> None:
    html = render_markdown(
        "**bold** [ok](https://example.org) [bad](javascript:alert(1)) "
        "<script>alert(2)</script> <img src=x onerror=alert(3)> [d](data:text/html,x)"
    )

    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in html
    assert "javascript:" not in html
    assert "data:" not in html
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_markdown_fields_never_contain_a_blank_line() -> None:
    # A blank line would end the raw HTML block the field is placed in.
    html = render_markdown("para one\n\n```\ncode\n\nmore\n```\n\n- a\n\n- b\n")

    assert "\n\n" not in html


def test_sources_relaying_another_count_once() -> None:
    archive = _archive(FIXTURES / "valid")
    view = briefing_view(archive, archive.shown[0])

    closed = view.claims[0]

    assert [ref.number for ref in closed.sources] == [1, 2, 3]
    assert closed.independent == 2  # the news report relays the ministry notice


def test_statements_about_a_claim_are_grouped_by_their_stance_on_it() -> None:
    archive = _archive(FIXTURES / "valid")
    view = briefing_view(archive, archive.shown[0])

    reopening = view.claims[1]

    assert [(c.stance, [v.actor.name for v in c.statements]) for c in reopening.columns] == [
        (Stance.SUPPORTS, ["Sample News"]),
        (
            Stance.CONTRADICTS,
            ["Example Ministry of Information", "Example Ministry of Information"],
        ),
    ]
    # The ministry's quote supports the first claim while it contradicts the second.
    closed = view.claims[0]
    assert [(c.stance, [v.statement.id for v in c.statements]) for c in closed.columns] == [
        (Stance.SUPPORTS, ["jane-closure", "ministry-quote"]),
    ]
    assert [v.statement.id for v in closed.mentions] == ["jane-admission"]


def test_updates_are_listed_newest_first() -> None:
    archive = _archive(FIXTURES / "valid")

    view = briefing_view(archive, archive.shown[0])

    assert [u.kind.value for u in view.updates] == ["correction", "update"]


def test_a_quote_is_a_quotation_and_a_paraphrase_never_is() -> None:
    archive = _archive(FIXTURES / "valid")

    page = render_briefing(archive, archive.shown[0], TEMPLATES)

    quote = page.split('id="statement-jane-closure"')[1].split("</div>")[0]
    paraphrase = page.split('id="statement-news-reopening"')[1].split("</div>")[0]
    assert '<blockquote class="briefing-quote"><p>“The bridge is closed' in quote
    assert "<blockquote" not in paraphrase
    assert "“" not in paraphrase
    assert "Paraphrase" in paraphrase


def test_text_values_are_html_escaped_in_the_page() -> None:
    archive = _archive(FIXTURES / "valid")

    page = render_briefing(archive, archive.shown[0], TEMPLATES)

    assert "closed &lt;until further notice&gt;." in page
    assert "<until" not in page
    assert 'title: "Sample agency says the river bridge closed &lt;b&gt;today&lt;/b&gt;' in page


def test_private_briefings_produce_no_page(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "sample-briefing.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: published", "status: draft"),
        encoding="utf-8",
    )
    archive = _archive(tmp_path)

    pages = render_site(archive, TEMPLATES)

    indexes = [
        "index.md",
        "briefings/index.md",
        "verification/index.md",
        "tags/index.md",
        "countries/index.md",
        "actors/index.md",
        "timeline.md",
        "stories/index.md",
        "api.md",
    ]
    states = [f"verification/{state.value}.md" for state in VerificationState]
    assert sorted(pages) == sorted(indexes + states)
    for page, text in pages.items():
        for private in ("Sample agency", "Jane Example", "infrastructure", "France"):
            assert private not in text, (page, private)
    assert "Nothing published yet" in pages["index.md"]
    assert "No briefings yet." in pages["briefings/index.md"]


def test_the_reading_guide_explains_every_state_in_the_words_pages_use() -> None:
    from generator.vocabulary import STATES

    guide = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")

    for words in STATES.values():
        assert f"| {words.symbol} {words.label} | {words.meaning} |" in guide


@pytest.mark.parametrize(
    ("broken", "replacement", "expected"),
    [
        ("{% if actor.wikidata %}", "{% if actor.wikidtaa %}",
         r"actor\.md:{line}: .* has no attribute 'wikidtaa' \(making actors/.+\.md\)$"),
        ("{% for item in said.items %}", "{% for item in said.items %",
         r"actor\.md:\d+: unexpected '%'$"),
    ],
)  # fmt: skip
def test_a_broken_template_is_named_with_its_line(
    tmp_path: Path, broken: str, replacement: str, expected: str
) -> None:
    templates = tmp_path / "markdown"
    shutil.copytree(TEMPLATES, templates)
    actor = templates / "actor.md"
    text = actor.read_text(encoding="utf-8")
    actor.write_text(text.replace(broken, replacement, 1))

    with pytest.raises(TemplateProblem) as raised:
        render_site(load_archive(FIXTURES / "archive", NOW, desk=PRIVATE), templates)

    [(line, _), *_] = positions(text, broken)  # the first, which replace() broke
    assert re.search(expected.replace("{line}", str(line)), str(raised.value)), str(raised.value)
    assert str(raised.value).startswith(os.path.relpath(actor))


def test_templates_read_their_page_and_ask_the_indexes_nothing() -> None:
    """Each template reads the objects of `generator.pages` it is given; the page, the API,
    the feed and the share card then cannot disagree on what the indexes say."""
    env = environment(TEMPLATES)
    asked = {
        template.name: sorted(
            meta.find_undeclared_variables(env.parse(template.read_text(encoding="utf-8")))
            & {"index", "structure", "pictures", "stories", "translations"}
        )
        for template in sorted(TEMPLATES.glob("*.md"))
    }

    assert asked == {name: [] for name in asked}


def test_a_template_that_asks_the_index_stops_the_build_with_its_line(tmp_path: Path) -> None:
    templates = tmp_path / "markdown"
    shutil.copytree(TEMPLATES, templates)
    home = templates / "home.md"
    home.write_text(
        home.read_text(encoding="utf-8") + "{{ index.briefings | length }}\n", encoding="utf-8"
    )

    with pytest.raises(TemplateProblem) as raised:
        render_site(load_archive(FIXTURES / "valid", NOW), templates)

    assert re.search(r"home\.md:\d+: 'index' is undefined \(making index\.md\)", str(raised.value))


def _appeared(page: str) -> str:
    """The line under a claim that says where the claim itself was made public."""
    return page.split('<p class="briefing-claim__appeared">')[1].split("</p>")[0]


def test_a_claim_says_where_it_was_first_seen_and_where_else_by_whom_and_when(
    appeared_dir: Path,
) -> None:
    archive = _archive(appeared_dir)

    page = render_briefing(archive, archive.shown[0], TEMPLATES)

    assert _appeared(page) == (
        '<strong>First seen:</strong> <a href="../../actors/jane-example/">Jane Example</a> on '
        '8 September 2024, <a href="https://www.video.example/watch?v=bridge" '
        'rel="noopener noreferrer">video.example</a> (<a href="https://web.archive.org/web/2024/'
        'https://www.video.example/watch?v=bridge" rel="noopener noreferrer">archived copy</a>)'
        '<br><strong>Also seen:</strong> 9 September 2024, <a href="https://radio.example/2024/'
        '09/09/bridge" rel="noopener noreferrer">radio.example</a>; <a href="../../actors/'
        'example-ministry/">Example Ministry of Information</a>, <a href="https://social.example'
        '.net/@ministry/closed" rel="noopener noreferrer">social.example.net</a>'
    )
    # Under its own claim only, and every place named by its site, never by its address.
    assert page.count('class="briefing-claim__appeared"') == 1
    where = page.index("briefing-claim__appeared")
    assert page.index("{ #claim-bridge-closed }") < where < page.index("{ #claim-bridge-reopens }")
    assert re.findall(r">https?:", _appeared(page)) == []


def test_where_a_claim_was_first_seen_is_said_in_the_pages_language(appeared_dir: Path) -> None:
    archive = _archive(appeared_dir)

    russian = render_site(archive, TEMPLATES, language="ru")["briefings/sample-briefing.md"]
    persian = render_site(archive, TEMPLATES, language="fa")["briefings/sample-briefing.md"]

    assert _appeared(russian).startswith("<strong>Впервые появилось:</strong> ")
    assert ", 8 сентября 2024, " in _appeared(russian)
    assert "<strong>Появлялось также:</strong> 9 сентября 2024, " in _appeared(russian)
    assert "архивная копия" in _appeared(russian)
    assert _appeared(persian).startswith("<strong>نخستین بار دیده‌شده:</strong> ")
    assert "، ۸ سپتامبر ۲۰۲۴، " in _appeared(persian)
