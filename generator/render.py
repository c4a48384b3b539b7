"""Briefings to Markdown pages, through the Jinja templates in `theme/markdown/`.

Python prepares a view of each page (numbers, counts, groupings, words); the templates only
place it. Every value from YAML is escaped for the context it lands in, by one filter each:

- HTML text and attributes: Jinja autoescape (the templates emit raw HTML blocks, which
  Python-Markdown passes through untouched, so Markdown syntax in data stays literal);
- Markdown (headings, the only places data meets Markdown syntax): `md_inline`;
- Markdown fields (summary, notes, methodology): `markdown`, which renders them with raw HTML
  switched off and then sanitizes the HTML with nh3, dropping `javascript:`/`data:` links.

Nothing here imports MkDocs: the plugin hands the pages to MkDocs, tests call this directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markdown as markdown_lib
import nh3
import pycountry
from markupsafe import Markup, escape

from . import vocabulary as words
from .archive import Archive
from .model import (
    Actor,
    Briefing,
    Claim,
    HistoryEntry,
    OpenQuestion,
    PartialDate,
    Source,
    Statement,
    Update,
)

# --- Escaping ----------------------------------------------------------------------------------

# Every ASCII character that means something to Markdown, its extensions, HTML or Jinja.
_MARKDOWN_SIGNIFICANT = re.compile(r"""[\\`*_{}\[\]()<>#+\-.!|~:=^"'&$%@]""")

_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h3", "h4", "h5", "h6", "del", "sup", "sub", "abbr", "table", "thead", "tbody", "tr", "th",
    "td",
}  # fmt: skip


def md_inline(text: str) -> Markup:
    """Plain text made safe for a Markdown line: every significant character becomes an
    HTML character reference, which Markdown leaves alone and the browser shows as written."""
    flat = " ".join(text.split())
    return Markup(_MARKDOWN_SIGNIFICANT.sub(lambda m: f"&#{ord(m.group())};", flat))


class _NoRawHtml(markdown_lib.Extension):
    """Raw HTML in a Markdown field is shown as text, never passed to the page."""

    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


def render_markdown(text: str) -> Markup:
    """A Markdown field as sanitized HTML: no raw HTML, only http(s) and mailto links."""
    html = markdown_lib.markdown(text, extensions=[_NoRawHtml(), "sane_lists"])
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # A blank line would end the raw HTML block this lands in; a newline is enough.
    return Markup(re.sub(r"\n\s*\n", "\n", clean).strip())


# --- Words for values ----------------------------------------------------------------------------


def partial_date(value: PartialDate) -> str:
    """A partial date at its own precision: '2024', 'September 2024', '10 September 2024'."""
    if value.month is None:
        return str(value.year)
    month = words.MONTHS[value.month - 1]
    if value.day is None:
        return f"{month} {value.year}"
    return f"{value.day} {month} {value.year}"


def full_date(value: date) -> str:
    return f"{value.day} {words.MONTHS[value.month - 1]} {value.year}"


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code


_LABELS: dict[type, dict[Any, str]] = {
    type(key): table
    for table in (
        words.CONFIDENCE, words.RELIABILITY, words.SOURCE_KINDS, words.STATEMENT_KINDS,
        words.STATEMENT_MODES, words.ACTOR_KINDS, words.UPDATE_KINDS,
    )
    for key in table
}  # fmt: skip


def label(value: Any) -> str:
    """The reader's word for a value of a closed vocabulary."""
    return _LABELS[type(value)][value]


# --- Views -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRef:
    """A source with its number on the page ([1], [2] ...)."""

    number: int
    source: Source
    relays: SourceRef | None = None

    @property
    def anchor(self) -> str:
        return f"source-{self.source.id}"


@dataclass(frozen=True)
class StatementView:
    statement: Statement
    actor: Actor
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Stance:
    key: str
    label: str
    statements: tuple[StatementView, ...]


@dataclass(frozen=True)
class ClaimView:
    number: int
    claim: Claim
    state: words.StateWords
    sources: tuple[SourceRef, ...]
    independent: int
    stances: tuple[Stance, ...]
    history: tuple[HistoryEntry, ...]

    @property
    def anchor(self) -> str:
        return f"claim-{self.claim.id}"


@dataclass(frozen=True)
class ActorStatements:
    actor: Actor
    affiliation: Actor | None
    statements: tuple[StatementView, ...]


@dataclass(frozen=True)
class QuestionView:
    question: OpenQuestion
    claims: tuple[ClaimView, ...]


@dataclass(frozen=True)
class BriefingView:
    briefing: Briefing
    actors: tuple[Actor, ...]
    key_claim: ClaimView
    claims: tuple[ClaimView, ...]
    by_actor: tuple[ActorStatements, ...]
    sources: tuple[SourceRef, ...]
    questions: tuple[QuestionView, ...]
    updates: tuple[Update, ...]
    countries: tuple[tuple[str, str], ...]


def independent_count(sources: Iterable[Source], all_sources: dict[str, Source]) -> int:
    """Sources that relay one original (`derived_from`) count once, as that original."""
    roots = set()
    for source in sources:
        seen = set()
        while source.derived_from and source.derived_from in all_sources and source.id not in seen:
            seen.add(source.id)
            source = all_sources[source.derived_from]
        roots.add(source.id)
    return len(roots)


def briefing_view(archive: Archive, briefing: Briefing) -> BriefingView:
    """Everything the briefing page shows, numbered, counted and grouped."""
    by_id = {source.id: source for source in briefing.sources}
    numbers = {source.id: n for n, source in enumerate(briefing.sources, start=1)}
    plain = {s.id: SourceRef(numbers[s.id], s) for s in briefing.sources}
    refs = {
        s.id: SourceRef(numbers[s.id], s, plain.get(s.derived_from or "")) for s in briefing.sources
    }
    actors = archive.actors_of(briefing)

    statements = [
        StatementView(
            st,
            actors[st.actor],
            tuple(sorted((refs[i] for i in st.sources), key=lambda r: r.number)),
        )
        for st in briefing.statements
    ]

    claims = []
    for number, claim in enumerate(briefing.claims, start=1):
        about = [view for view in statements if claim.id in view.statement.about]
        stances = tuple(
            Stance(key, stance_label, chosen)
            for key, (stance_label, kinds) in words.STANCES.items()
            if (chosen := tuple(view for view in about if view.statement.kind in kinds))
        )
        claims.append(
            ClaimView(
                number=number,
                claim=claim,
                state=words.STATES[claim.verification.state],
                sources=tuple(sorted((refs[i] for i in claim.sources), key=lambda r: r.number)),
                independent=independent_count((by_id[i] for i in claim.sources), by_id),
                stances=stances,
                history=claim.verification.history,
            )
        )
    claim_views = {view.claim.id: view for view in claims}

    by_actor = []
    for actor in actors.values():
        said = tuple(view for view in statements if view.actor.id == actor.id)
        if said:
            affiliation = archive.find_actor(briefing, actor.affiliation or "")
            by_actor.append(ActorStatements(actor, affiliation, said))

    return BriefingView(
        briefing=briefing,
        actors=tuple(actors.values()),
        key_claim=claims[0],
        claims=tuple(claims),
        by_actor=tuple(by_actor),
        sources=tuple(refs.values()),
        questions=tuple(
            QuestionView(q, tuple(claim_views[c] for c in q.would_change))
            for q in briefing.open_questions
        ),
        updates=tuple(sorted(briefing.updates, key=lambda u: u.date, reverse=True)),
        countries=tuple((code, country_name(code)) for code in briefing.event.countries),
    )


# --- Templates ---------------------------------------------------------------------------------


@cache
def environment(template_dir: Path) -> jinja2.Environment:
    """The Jinja environment of the Markdown templates; undefined values are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md_inline=md_inline,
        markdown=render_markdown,
        partial_date=partial_date,
        full_date=full_date,
        label=label,
        credibility=words.CREDIBILITY.__getitem__,
        state_label=lambda state: words.STATES[state].label,
    )
    env.globals.update(escape=escape)
    return env


def render_briefing(archive: Archive, briefing: Briefing, template_dir: Path) -> str:
    """The Markdown page of one briefing."""
    template = environment(template_dir).get_template("briefing.md")
    return template.render(view=briefing_view(archive, briefing))


def render_home(archive: Archive, template_dir: Path) -> str:
    """The home page: the latest public briefings."""
    template = environment(template_dir).get_template("home.md")
    latest = [briefing_view(archive, briefing) for briefing in archive.public]
    return template.render(latest=latest)


def render_site(archive: Archive, template_dir: Path) -> dict[str, str]:
    """Every generated page, by its path under the docs folder. Public briefings only."""
    pages = {"index.md": render_home(archive, template_dir)}
    for briefing in archive.public:
        pages[f"briefings/{briefing.id}.md"] = render_briefing(archive, briefing, template_dir)
    return pages
