"""The site's structure: which pages exist, where they live, and what each one lists.

Everything here is derived from `Archive.shown` only, so that a private briefing can never be
listed, linked or counted. Pages are named by their path under the docs folder (`src_uri`);
`url_of` turns that into the stable directory URL of SPEC §5a.
"""

from __future__ import annotations

import posixpath
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from typing import Generic, TypeVar

from . import vocabulary as words
from .archive import Archive
from .desk import Audience
from .locale import DEFAULT
from .markdown_fields import SiteLink, checked_targets, classify
from .model import (
    Actor,
    Assessment,
    Briefing,
    Claim,
    Evidence,
    Figure,
    HistoryEntry,
    OpenQuestion,
    PartialDate,
    Source,
    Stance,
    Statement,
    Tlp,
    Update,
    UpdateKind,
    VerificationState,
    markdown_fields,
    undated_last,
)
from .threads import ancestors

# --- Pages and URLs (SPEC §5a) -----------------------------------------------------------------

HOME = "index.md"
BRIEFINGS = "briefings/index.md"
ACTORS = "actors/index.md"
STATES = "verification/index.md"
TAGS = "tags/index.md"
COUNTRIES = "countries/index.md"
TIMELINE = "timeline.md"
STORIES = "stories/index.md"
API = "api.md"
"""The page about the site's data for programs, which depends on whom the site is for."""

T = TypeVar("T")

RELATED_WINDOW = 100
"""How many briefings around one, in time, are candidates for its related briefings."""

LIST_SIZE = 50
"""Briefings or statements on one page of a list. A longer list goes on at `page/2/`,
`page/3/`... under the list's URL, so that no page grows with the archive."""


def briefing_page(briefing_id: str) -> str:
    return f"briefings/{briefing_id}.md"


def actor_page(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def state_page(state: VerificationState) -> str:
    return f"verification/{state.value}.md"


def story_page(story_id: str) -> str:
    """A story is named by its first public briefing (SPEC §5a)."""
    return f"stories/{story_id}.md"


def tag_page(tag: str) -> str:
    return f"tags/{tag}.md"


def country_page(code: str) -> str:
    return f"countries/{code.lower()}.md"


def claim_anchor(claim: Claim) -> str:
    """Where a claim is on its briefing's page: the id of its heading."""
    return f"claim-{claim.id}"


def url_of(page: str) -> str:
    """The directory URL of a page, relative to the site root: 'actors/x.md' -> 'actors/x/'."""
    path = page.removesuffix(".md")
    if path == "index":
        return ""
    return path.removesuffix("index") if path.endswith("/index") else f"{path}/"


def list_page(first: str, number: int) -> str:
    """Page `number` of the list whose first page is `first`.

    'tags/x.md', 2 -> 'tags/x/page/2.md'; 'briefings/index.md', 3 -> 'briefings/page/3.md'.
    """
    return first if number == 1 else f"{url_of(first)}page/{number}.md"


def in_tree(page: str) -> bool:
    """Whether a page is one of those a site in several languages makes for each (SPEC §5a,
    `/<lang>/`): the home page, the list of briefings and the verification states."""
    return page in (HOME, BRIEFINGS, STATES) or page.startswith(
        ("briefings/page/", "verification/")
    )


def tree_link(from_page: str, to_page: str, fragment: str = "", *, tree: str) -> str:
    """A `link` from a page of the `tree` of a language ('ru/'), which leads to that
    language's page where there is one."""
    return link(from_page, tree + to_page if in_tree(to_page) else to_page, fragment)


def link(from_page: str, to_page: str, fragment: str = "") -> str:
    """A relative link between two pages, so the site works under any `site_url` path."""
    href = _relative(from_page, to_page)
    return f"{href}#{fragment}" if fragment else href


@lru_cache(maxsize=1 << 16)  # the same few page-to-page links recur on thousands of pages
def _relative(from_page: str, to_page: str) -> str:
    start = url_of(from_page) or "."
    target = posixpath.relpath(url_of(to_page) or ".", start)
    return "./" if target == "." else f"{target}/"


# --- One briefing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRef:
    """A source with its number on the briefing page ([1], [2] ...)."""

    number: int
    source: Source
    relays: SourceRef | None = None

    @property
    def anchor(self) -> str:
        return f"source-{self.source.id}"


@dataclass(frozen=True)
class EvidenceRef:
    """An item of evidence with its number on the briefing page (E1, E2 ...)."""

    number: int
    evidence: Evidence
    source: SourceRef | None

    @property
    def anchor(self) -> str:
        return f"evidence-{self.evidence.id}"

    @property
    def assessed(self) -> bool:
        """Whether the desk has judged what it shows (MediaReview is emitted for it)."""
        return self.evidence.assessment not in (None, Assessment.UNASSESSED)


@dataclass(frozen=True)
class Position:
    """What one statement says about one claim of its briefing."""

    stance: Stance
    claim: Claim
    number: int
    """The claim's number on the page."""

    @property
    def anchor(self) -> str:
        return claim_anchor(self.claim)


@dataclass(frozen=True)
class StatementView:
    statement: Statement
    actor: Actor
    sources: tuple[SourceRef, ...]
    positions: tuple[Position, ...] = ()
    """Its stance on each claim it is about, in the order of the claims."""
    evidence: tuple[EvidenceRef, ...] = ()
    translated_by: SourceRef | None = None
    reply_to: StatementView | None = None
    """The statement it answers."""
    replies: tuple[StatementView, ...] = ()
    """The statements that answer it, in the briefing's order."""

    @property
    def anchor(self) -> str:
        return f"statement-{self.statement.id}"


@dataclass(frozen=True)
class Column:
    """The statements that take one stance on a claim, side by side with the others."""

    stance: Stance
    statements: tuple[StatementView, ...]


@dataclass(frozen=True)
class FigureRow:
    statement: StatementView
    figure: Figure


@dataclass(frozen=True)
class FigureGroup:
    """The figures given for one quantity ("killed"), by whoever gave them, oldest first."""

    quantity: str
    rows: tuple[FigureRow, ...]


@dataclass(frozen=True)
class ClaimView:
    number: int
    claim: Claim
    state: words.StateWords
    sources: tuple[SourceRef, ...]
    independent: int
    columns: tuple[Column, ...]
    """Supports, contradicts, questions: those that have statements, in that order."""
    mentions: tuple[StatementView, ...]
    """Statements that refer to the claim without taking a side."""
    history: tuple[HistoryEntry, ...]
    figures: tuple[FigureGroup, ...] = ()
    evidence: tuple[EvidenceRef, ...] = ()

    @property
    def anchor(self) -> str:
        return claim_anchor(self.claim)

    def taking(self, stance: Stance) -> tuple[StatementView, ...]:
        """The statements that take `stance` on this claim, in the briefing's order."""
        for column in self.columns:
            if column.stance is stance:
                return column.statements
        return self.mentions if stance is Stance.MENTIONS else ()


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
    statements: tuple[StatementView, ...]
    by_actor: tuple[ActorStatements, ...]
    sources: tuple[SourceRef, ...]
    questions: tuple[QuestionView, ...]
    updates: tuple[Update, ...]
    countries: tuple[tuple[str, str], ...]
    evidence: tuple[EvidenceRef, ...] = ()
    unlinked: frozenset[str] = frozenset()
    """Briefings it links to (in its Markdown fields) or names (follows, translation_of,
    continues) that are not public: shown as plain text, and named nowhere."""
    followed: date | None = None
    """The last change of the newest public briefing that follows it, directly or not: the
    page then says how its claims stand since, which is a change too."""

    @property
    def page(self) -> str:
        return briefing_page(self.briefing.id)

    @property
    def restricted(self) -> words.TlpWords | None:
        """The briefing's TLP label when it is not CLEAR: only an internal site shows it."""
        tlp = self.briefing.tlp
        return None if tlp is Tlp.CLEAR else words.TLP[tlp]

    @property
    def corrections(self) -> tuple[Update, ...]:
        """Corrections, newest first: the page, the feed and the JSON index flag them."""
        return tuple(u for u in self.updates if u.kind is UpdateKind.CORRECTION)

    @cached_property
    def changed(self) -> date:
        """The last day the briefing changed: publication, `updated`, an update's date, or a
        claim's assessment (`as_of`): a new verdict is a change a reader must be told of, in
        the page's dateModified, the sitemap, the feed and the API alike."""
        b = self.briefing
        assert b.published is not None  # public briefings always have one
        return max((
            b.published,
            *([b.updated] if b.updated else []),
            *(u.date for u in b.updates),
            *(claim.verification.as_of for claim in b.claims),
            *([self.followed] if self.followed else []),
        ))  # fmt: skip


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


def _numbered(refs: Iterable[SourceRef]) -> tuple[SourceRef, ...]:
    return tuple(sorted(refs, key=lambda ref: ref.number))


def briefing_view(archive: Archive, briefing: Briefing) -> BriefingView:
    """Everything the briefing page shows, numbered, counted and grouped."""
    by_id = {source.id: source for source in briefing.sources}
    numbers = {source.id: n for n, source in enumerate(briefing.sources, start=1)}
    plain = {s.id: SourceRef(numbers[s.id], s) for s in briefing.sources}
    refs = {
        s.id: SourceRef(numbers[s.id], s, plain.get(s.derived_from or "")) for s in briefing.sources
    }
    actors = archive.actors_of(briefing)
    evidence = {
        item.id: EvidenceRef(n, item, refs[item.source] if item.source else None)
        for n, item in enumerate(briefing.evidence, start=1)
    }
    claim_numbers = {claim.id: n for n, claim in enumerate(briefing.claims, start=1)}
    claims_by_id = {claim.id: claim for claim in briefing.claims}

    base = {
        st.id: StatementView(
            st,
            actors[st.actor],
            _numbered(refs[i] for i in st.sources),
            positions=tuple(
                Position(stance, claims_by_id[c], claim_numbers[c])
                for c, stance in sorted(st.about.items(), key=lambda item: claim_numbers[item[0]])
            ),
            evidence=tuple(evidence[i] for i in st.evidence),
            translated_by=refs[st.translated_by] if st.translated_by else None,
        )
        for st in briefing.statements
    }
    replies: dict[str, list[StatementView]] = defaultdict(list)
    for view in base.values():
        if view.statement.in_reply_to:
            replies[view.statement.in_reply_to].append(view)
    statements = tuple(
        replace(
            view,
            reply_to=base.get(view.statement.in_reply_to or ""),
            replies=tuple(replies[view.statement.id]),
        )
        for view in base.values()
    )

    claims = []
    for number, claim in enumerate(briefing.claims, start=1):
        about = [view for view in statements if claim.id in view.statement.about]
        columns = tuple(
            Column(stance, chosen)
            for stance in Stance
            if stance is not Stance.MENTIONS
            and (chosen := tuple(v for v in about if v.statement.about[claim.id] is stance))
        )
        claims.append(
            ClaimView(
                number=number,
                claim=claim,
                state=words.STATES[claim.verification.state],
                sources=_numbered(refs[i] for i in claim.sources),
                independent=independent_count((by_id[i] for i in claim.sources), by_id),
                columns=columns,
                mentions=tuple(v for v in about if v.statement.about[claim.id] is Stance.MENTIONS),
                history=claim.verification.history,
                figures=_figures(about),
                evidence=tuple(evidence[i] for i in claim.evidence),
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
        statements=statements,
        by_actor=tuple(by_actor),
        sources=tuple(refs.values()),
        questions=tuple(
            QuestionView(q, tuple(claim_views[c] for c in q.would_change))
            for q in briefing.open_questions
        ),
        updates=tuple(sorted(briefing.updates, key=lambda u: u.date, reverse=True)),
        countries=tuple((code, words.country_name(code)) for code in briefing.event.countries),
        evidence=tuple(evidence.values()),
        unlinked=frozenset(
            target.id
            for _, text in markdown_fields(briefing)
            if "briefing:" in text
            for target in map(classify, checked_targets(text))
            if isinstance(target, SiteLink)
            and target.kind == "briefing"
            and target.id not in archive.shown_ids
        )
        | {
            target
            for target in (
                briefing.follows,
                briefing.translation_of,
                *(claim.continues.split("/")[0] for claim in briefing.claims if claim.continues),
            )
            if target is not None and target not in archive.shown_ids
        },
    )


def _figures(statements: Iterable[StatementView]) -> tuple[FigureGroup, ...]:
    """The figures the statements give, by quantity in the order first given, each
    quantity's figures by the date they were given (undated ones last)."""
    rows: dict[str, list[FigureRow]] = defaultdict(list)
    for view in statements:
        for figure in view.statement.figure:
            rows[figure.quantity].append(FigureRow(view, figure))

    def when(row: FigureRow) -> tuple[int, tuple[int, int, int]]:
        return undated_last(row.statement.statement.date)

    return tuple(
        FigureGroup(quantity, tuple(sorted(found, key=when))) for quantity, found in rows.items()
    )


# --- Indexes across briefings ------------------------------------------------------------------


@dataclass(frozen=True)
class ActorStatement:
    """A statement on an actor's page, with the briefing it belongs to."""

    view: BriefingView
    statement: StatementView


@dataclass(frozen=True)
class ActorEntry:
    actor: Actor
    affiliation: Actor | None
    members: tuple[Actor, ...]
    """Actors whose affiliation is this one."""
    statements: tuple[ActorStatement, ...]
    """Newest first: by statement date where given, else by the briefing's date."""
    briefings: tuple[BriefingView, ...]

    @property
    def page(self) -> str:
        return actor_page(self.actor.id)


@dataclass(frozen=True)
class Since:
    """How a claim stands in another public briefing of its thread: a newer one (`since`) or
    the one it continues (`before`)."""

    words: words.StateWords
    state: VerificationState
    as_of: date
    view: BriefingView
    claim: Claim
    """The claim of `view` that assessed it."""

    @property
    def anchor(self) -> str:
        return claim_anchor(self.claim)


@dataclass(frozen=True)
class StoryStep:
    """A claim as one briefing of a story assessed it, or as an earlier assessment recorded
    in that briefing's history (`entry`) said it stood."""

    view: BriefingView
    claim: ClaimView
    entry: HistoryEntry | None = None

    @property
    def state(self) -> VerificationState:
        return self.entry.state if self.entry else self.claim.claim.verification.state

    @property
    def as_of(self) -> date:
        return self.entry.date if self.entry else self.claim.claim.verification.as_of


@dataclass(frozen=True)
class ClaimLine:
    """One claim followed through a story: each public briefing that assessed it, oldest
    first. The claims are linked by `continues`, across private briefings too."""

    steps: tuple[StoryStep, ...]
    """Each briefing's assessment, preceded by the assessments its history records since the
    briefing before it, so that a change between two briefings is not lost."""

    @property
    def latest(self) -> StoryStep:
        return self.steps[-1]

    @property
    def briefings(self) -> int:
        """How many briefings of the story assessed the claim."""
        return sum(1 for step in self.steps if step.entry is None)

    @property
    def moved(self) -> bool:
        """Whether the claim's state changed along the story."""
        return len({step.state for step in self.steps}) > 1


@dataclass(frozen=True)
class Story:
    """One story told over several public briefings (`follows`), oldest first."""

    id: str
    """Its first public briefing's id, which every other follows."""
    views: tuple[BriefingView, ...]
    """Oldest first; one that follows another always after it."""
    lines: tuple[ClaimLine, ...]
    """The claims assessed in more than one of its briefings: the key claim's first."""

    @property
    def page(self) -> str:
        return story_page(self.id)

    @property
    def first(self) -> BriefingView:
        return self.views[0]

    @property
    def latest(self) -> BriefingView:
        return self.views[-1]


def _with_history(steps: Sequence[StoryStep]) -> tuple[StoryStep, ...]:
    """Each step preceded by the assessments its history records after the step before."""
    found: list[StoryStep] = []
    for step in steps:
        after = found[-1].as_of if found else None
        found += (
            replace(step, entry=entry)
            for entry in step.claim.history
            if after is not None and after < entry.date < step.as_of
        )
        found.append(step)
    return tuple(found)


def _assessed(view: BriefingView, claim: Claim) -> Since:
    state = claim.verification.state
    return Since(words.STATES[state], state, claim.verification.as_of, view, claim)


def _newer(view: BriefingView, claim: Claim, than: BriefingView, than_claim: Claim) -> bool:
    def order(v: BriefingView, c: Claim) -> tuple[date, date, str]:
        assert v.briefing.published is not None
        return (c.verification.as_of, v.briefing.published, v.briefing.id)

    return order(view, claim) > order(than, than_claim)


@dataclass(frozen=True)
class Group:
    """A titled list of briefings: one tag, one country, one month of the timeline..."""

    key: str
    title: str
    briefings: tuple[BriefingView, ...]
    page: str = ""
    when: PartialDate | None = None
    """A month or year of the timeline (None: undated), for its title in the page's language
    (`vocabulary.period`)."""


@dataclass(frozen=True)
class Part(Generic[T]):
    """One page of a list cut into pages by `parts`."""

    first: str
    """The list's first page, whose URL is the list's."""
    number: int
    """From 1."""
    count: int
    """How many pages the list has; 1 for a short (or empty) list."""
    start: int
    """Position of the page's first item in the whole list, from 0."""
    items: tuple[T, ...]
    total: int
    """Items in the whole list."""

    @property
    def page(self) -> str:
        return list_page(self.first, self.number)


def parts(first: str, items: Sequence[T], size: int = LIST_SIZE) -> tuple[Part[T], ...]:
    """The list cut into pages of `size` items, in order; an empty list is one empty page."""
    count = max(1, -(-len(items) // size))
    return tuple(
        Part(first, n + 1, count, n * size, tuple(items[n * size : (n + 1) * size]), len(items))
        for n in range(count)
    )


def runs(items: Iterable[tuple[Group, BriefingView]]) -> list[tuple[Group, list[BriefingView]]]:
    """Consecutive briefings of the same group, with it: a timeline page's months."""
    grouped: list[tuple[Group, list[BriefingView]]] = []
    for group, view in items:
        if not grouped or grouped[-1][0] is not group:
            grouped.append((group, []))
        grouped[-1][1].append(view)
    return grouped


def _statement_order(item: ActorStatement) -> tuple[object, ...]:
    said = item.statement.statement.date
    published = item.view.briefing.published
    return (said.latest if said else published, item.view.briefing.id, item.statement.anchor)


class SiteIndex:
    """Every index of the public archive, computed once per build, for a site in `language`
    (the language of a briefing that names none)."""

    def __init__(self, archive: Archive, language: str = DEFAULT) -> None:
        self.archive = archive
        self.language = language

    def language_of(self, view: BriefingView) -> str:
        """The language a public briefing is written in."""
        return view.briefing.lang or self.language

    @cached_property
    def translations(self) -> dict[str, tuple[BriefingView, ...]]:
        """For each public briefing that has them, its other public versions: its original
        and the original's translations, by language tag."""
        versions: dict[str, list[BriefingView]] = defaultdict(list)
        for view in self.briefings:
            versions[view.briefing.translation_of or view.briefing.id].append(view)
        return {
            view.briefing.id: tuple(
                sorted((other for other in group if other is not view), key=self.language_of)
            )
            for group in versions.values()
            if len(group) > 1
            for view in group
        }

    def alternates(self, view: BriefingView) -> tuple[tuple[str, str], ...]:
        """Every public version of a briefing that has translations, itself included, as
        (language, page), by language; none for a briefing without."""
        others = self.translations.get(view.briefing.id)
        if not others:
            return ()
        return tuple(sorted((self.language_of(each), each.page) for each in (*others, view)))

    def version(self, briefing_id: str, language: str) -> BriefingView:
        """The public briefing `briefing_id` in `language` when it has a translation into it,
        else itself: a reader who reads in a language is kept in it."""
        view = self.by_id[briefing_id]
        if self.language_of(view) != language:
            for other in self.translations.get(briefing_id, ()):
                if self.language_of(other) == language:
                    return other
        return view

    @property
    def today(self) -> date:
        """The build's day, by the one clock (`generator.instant`): what is overdue is judged by
        it, so two builds at one instant say the same."""
        return self.archive.now.date()

    @property
    def internal(self) -> bool:
        """Whether the site is the desk's own (`audience: internal`), not the public one."""
        return self.archive.audience is Audience.INTERNAL

    @staticmethod
    def restricted(views: Iterable[BriefingView]) -> int:
        """How many of these briefings are restricted (not TLP:CLEAR)."""
        return sum(1 for view in views if view.restricted is not None)

    @cached_property
    def briefings(self) -> tuple[BriefingView, ...]:
        """Public briefings, newest first."""
        views = [briefing_view(self.archive, briefing) for briefing in self.archive.shown]
        own = {view.briefing.id: view.changed for view in views}
        # Every valid briefing connects a thread; only the public ones date it.
        children: dict[str, list[str]] = defaultdict(list)
        for briefing in self.archive.briefings:
            if briefing.follows is not None:
                children[briefing.follows].append(briefing.id)
        dated = []
        for view in views:
            pending, seen, newest = list(children.get(view.briefing.id, ())), set(), None
            while pending:
                later = pending.pop()
                if later in seen:
                    continue
                seen.add(later)
                pending += children.get(later, ())
                if later in own and (newest is None or own[later] > newest):
                    newest = own[later]
            dated.append(replace(view, followed=newest) if newest else view)
        return tuple(dated)

    @cached_property
    def by_id(self) -> dict[str, BriefingView]:
        return {view.briefing.id: view for view in self.briefings}

    @cached_property
    def updated(self) -> date | None:
        """The last day any public briefing changed: the day of the pages that list them."""
        return max((view.changed for view in self.briefings), default=None)

    @cached_property
    def by_state(self) -> tuple[Group, ...]:
        """Every verification state, in the vocabulary's order, with the briefings whose key
        claim is in it now. A key claim assessed again in a newer public briefing counts once
        (SPEC §5b): at that briefing when it is its key claim too, else here, at its newest
        state."""
        filed: dict[VerificationState, list[BriefingView]] = defaultdict(list)
        for view in self.briefings:
            since = self.key_since(view)
            if since is None:
                filed[view.key_claim.claim.verification.state].append(view)
            elif since.claim.id != since.view.key_claim.claim.id:
                filed[since.state].append(view)
        return tuple(
            Group(state.value, wording.label, tuple(filed[state]), state_page(state))
            for state, wording in words.STATES.items()
        )

    def key_since(self, view: BriefingView) -> Since | None:
        """How the briefing's key claim stands in the newest public briefing continuing it."""
        return self._key_since.get(view.briefing.id)

    @cached_property
    def _key_since(self) -> dict[str, Since]:
        found = {}
        for view in self.briefings:
            if view.briefing.id in self._continuing_claims:
                since = self.since(view).get(view.key_claim.claim.id)
                if since is not None:
                    found[view.briefing.id] = since
        return found

    @cached_property
    def by_tag(self) -> tuple[Group, ...]:
        tagged: dict[str, list[BriefingView]] = defaultdict(list)
        for view in self.briefings:
            for tag in view.briefing.tags:
                tagged[tag].append(view)
        return tuple(Group(t, t, tuple(tagged[t]), tag_page(t)) for t in sorted(tagged))

    @cached_property
    def by_country(self) -> tuple[Group, ...]:
        found: dict[str, list[BriefingView]] = defaultdict(list)
        for view in self.briefings:
            for code in view.briefing.event.countries:
                found[code].append(view)
        groups = (
            Group(code, words.country_name(code), tuple(found[code]), country_page(code))
            for code in found
        )
        return tuple(sorted(groups, key=lambda group: group.title))

    @cached_property
    def actors(self) -> tuple[ActorEntry, ...]:
        """Every actor of a public briefing, and the actors they are affiliated with, by name."""
        known: dict[str, Actor] = {}
        for view in self.briefings:
            for actor in view.actors:
                known.setdefault(actor.id, actor)
        pending = [actor.affiliation for actor in known.values() if actor.affiliation]
        while pending:
            actor_id = pending.pop()
            if actor_id not in known and actor_id in self.archive.registry_actors:
                known[actor_id] = self.archive.registry_actors[actor_id]
                pending.extend(filter(None, [known[actor_id].affiliation]))

        said: dict[str, list[ActorStatement]] = defaultdict(list)
        appears: dict[str, list[BriefingView]] = defaultdict(list)
        for view in self.briefings:
            for statement in view.statements:
                said[statement.actor.id].append(ActorStatement(view, statement))
            for actor in view.actors:
                appears[actor.id].append(view)
        entries = (
            ActorEntry(
                actor=actor,
                affiliation=known.get(actor.affiliation or ""),
                members=tuple(
                    sorted(
                        (a for a in known.values() if a.affiliation == actor.id),
                        key=lambda a: a.name.casefold(),
                    )
                ),
                statements=tuple(sorted(said[actor.id], key=_statement_order, reverse=True)),
                briefings=tuple(appears[actor.id]),
            )
            for actor in known.values()
        )
        return tuple(sorted(entries, key=lambda entry: entry.actor.name.casefold()))

    @cached_property
    def actor_by_id(self) -> dict[str, ActorEntry]:
        return {entry.actor.id: entry for entry in self.actors}

    def site_link(self, from_page: str, target: SiteLink, language: str = "") -> str | None:
        """The relative href of a `briefing:`/`actor:` link from a page in `language`, or None
        when its target has no public page (a private briefing is never linked). A briefing
        with a translation into the page's language is linked in that language."""
        if target.kind == "briefing" and target.id in self.by_id:
            page = self.version(target.id, language).page
            if page == from_page:  # a link to another version of this very briefing
                page = briefing_page(target.id)
        elif target.kind == "actor" and target.id in self.actor_by_id:
            page = actor_page(target.id)
        else:
            return None
        return link(from_page, page) + target.fragment

    def most_active(self, count: int) -> tuple[ActorEntry, ...]:
        """The actors with the most statements, then by name."""
        active = [entry for entry in self.actors if entry.statements]
        active.sort(key=lambda entry: (-len(entry.statements), entry.actor.name.casefold()))
        return tuple(active[:count])

    @cached_property
    def timeline(self) -> tuple[Group, ...]:
        """Events in date order, by month; a date known only to the year gets its own group
        before that year's months, and undated events come last."""
        dated = sorted(
            (v for v in self.briefings if v.briefing.event.date),
            key=lambda v: (_event_date(v).sort_key, v.briefing.id),
        )
        groups: dict[tuple[int, int], list[BriefingView]] = defaultdict(list)
        for view in dated:
            when = _event_date(view)
            groups[(when.year, when.month or 0)].append(view)
        result = []
        for (year, month), views in groups.items():
            key = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
            when = PartialDate(year, month or None)
            result.append(Group(key, words.period(when), tuple(views), when=when))
        undated = tuple(v for v in self.briefings if not v.briefing.event.date)
        if undated:
            result.append(Group("undated", words.period(None), undated))
        return tuple(result)

    @cached_property
    def timeline_entries(self) -> tuple[tuple[Group, BriefingView], ...]:
        """The timeline's briefings in order, each with its group, to be cut into pages."""
        return tuple((group, view) for group in self.timeline for view in group.briefings)

    @cached_property
    def _sharing(self) -> dict[str, tuple[int, ...]]:
        """For each actor, tag and country: the positions (newest first) of its briefings."""
        postings: dict[str, list[int]] = defaultdict(list)
        for position, view in enumerate(self.briefings):
            for facet in _facets(view):
                postings[facet].append(position)
        return {facet: tuple(positions) for facet, positions in postings.items()}

    @cached_property
    def _continued_by(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """(briefing, claim) -> the claims that continue it. Every valid briefing counts here,
        so that a thread holds across a draft; only public ones are ever shown (`since`)."""
        found: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for briefing in self.archive.briefings:
            for claim in briefing.claims:
                if claim.continues is not None:
                    target, _, target_claim = claim.continues.partition("/")
                    found[(target, target_claim)].append((briefing.id, claim.id))
        return found

    @cached_property
    def _followers(self) -> dict[str, tuple[BriefingView, ...]]:
        found: dict[str, list[BriefingView]] = defaultdict(list)
        for later in reversed(self.briefings):  # oldest first
            earlier = self._public_parent.get(later.briefing.id)
            if earlier is not None:
                found[earlier].append(later)
        return {briefing: tuple(views) for briefing, views in found.items()}

    def follows(self, view: BriefingView) -> BriefingView | None:
        """The public briefing this one follows, directly or through private ones."""
        earlier = self._public_parent.get(view.briefing.id)
        return None if earlier is None else self.by_id[earlier]

    def followed_by(self, view: BriefingView) -> tuple[BriefingView, ...]:
        """The public briefings that follow this one, directly or through private ones,
        oldest first."""
        return self._followers.get(view.briefing.id, ())

    @cached_property
    def _continuing_claims(self) -> frozenset[str]:
        """The briefings some claim of which is continued by another briefing."""
        return frozenset(target for target, _ in self._continued_by)

    @cached_property
    def _public_parent(self) -> dict[str, str]:
        """Public briefing -> the public briefing it follows, directly or through private ones."""
        follows = {b.id: b.follows for b in self.archive.briefings if b.follows is not None}
        found = {}
        for view in self.briefings:
            earlier = ancestors(view.briefing.id, follows)
            public = next((b for b in earlier if b in self.by_id), None)
            if public is not None:
                found[view.briefing.id] = public
        return found

    @cached_property
    def stories(self) -> tuple[Story, ...]:
        """Every story of two public briefings or more, the one with the newest briefing first.
        A story starts at its first public briefing: a private one before it is never named."""
        parent = self._public_parent
        members: dict[str, list[tuple[int, BriefingView]]] = defaultdict(list)
        for view in self.briefings:
            first, depth = view.briefing.id, 0
            while first in parent:
                first, depth = parent[first], depth + 1
            members[first].append((depth, view))
        found = []
        for first, told in members.items():
            if len(told) > 1:
                # By date; on one day, what is followed before what follows it.
                told.sort(
                    key=lambda item: (item[1].briefing.published, item[0], item[1].briefing.id)
                )
                views = [view for _, view in told]
                found.append(Story(first, tuple(views), self._lines(views)))
        found.sort(key=lambda story: (story.latest.briefing.published, story.id), reverse=True)
        return tuple(found)

    def _lines(self, views: Sequence[BriefingView]) -> tuple[ClaimLine, ...]:
        """The claims of a story's briefings (oldest first) assessed in more than one."""
        assessed: dict[tuple[str, str], list[StoryStep]] = defaultdict(list)
        for view in views:
            for claim in view.claims:
                assessed[self._first_claim(view.briefing.id, claim.claim.id)].append(
                    StoryStep(view, claim)
                )
        order = {view.briefing.id: n for n, view in enumerate(views)}
        key = self._first_claim(views[0].briefing.id, views[0].key_claim.claim.id)
        lines = sorted(
            (line for line in assessed.items() if len(line[1]) > 1),
            key=lambda line: (
                line[0] != key,
                order[line[1][0].view.briefing.id],
                line[1][0].claim.number,
            ),
        )
        return tuple(ClaimLine(_with_history(steps)) for _, steps in lines)

    def _first_claim(self, briefing: str, claim: str) -> tuple[str, str]:
        """The claim this one continues, through every briefing back to the first."""
        key, seen = (briefing, claim), set()
        while key in self._continues and key not in seen:
            seen.add(key)
            key = self._continues[key]
        return key

    @cached_property
    def _continues(self) -> dict[tuple[str, str], tuple[str, str]]:
        return {
            later: earlier for earlier, laters in self._continued_by.items() for later in laters
        }

    @cached_property
    def story_of(self) -> dict[str, Story]:
        """Public briefing id -> the story it is part of, when it is part of one."""
        return {view.briefing.id: story for story in self.stories for view in story.views}

    def since(self, view: BriefingView) -> dict[str, Since]:
        """How each claim of the briefing stands in the newest public briefing that continues
        it, directly or through others; claims not continued publicly are left out."""
        found = {}
        for claim in view.briefing.claims:
            newest: tuple[BriefingView, Claim] | None = None
            pending, seen = [(view.briefing.id, claim.id)], set()
            while pending:
                key = pending.pop()
                for later in self._continued_by.get(key, ()):
                    if later in seen:
                        continue
                    seen.add(later)
                    pending.append(later)
                    shown = self.by_id.get(later[0])
                    if shown is None:
                        continue  # a draft or an embargo: it connects, and says nothing
                    continued = next(c for c in shown.briefing.claims if c.id == later[1])
                    if newest is None or _newer(shown, continued, *newest):
                        newest = (shown, continued)
            if newest is not None:
                found[claim.id] = _assessed(*newest)
        return found

    def before(self, view: BriefingView) -> dict[str, Since]:
        """How each claim the briefing continues stood in the nearest earlier public briefing
        that assessed it: what a reader of this one is told it moved from."""
        found = {}
        for claim in view.briefing.claims:
            key, seen = (view.briefing.id, claim.id), set()
            while key in self._continues and key not in seen:
                seen.add(key)
                key = self._continues[key]
                earlier = self.by_id.get(key[0])
                if earlier is not None:
                    assessed = next(c for c in earlier.briefing.claims if c.id == key[1])
                    found[claim.id] = _assessed(earlier, assessed)
                    break
        return found

    def related(self, view: BriefingView, count: int = 3) -> tuple[BriefingView, ...]:
        """Other briefings sharing the most actors, tags and countries with this one, the
        closest in time first among equals.

        Only the `RELATED_WINDOW` briefings nearest in time are looked at for each shared
        facet, so that a tag on every briefing costs the same at 100 briefings as at 10,000.
        """
        here = self._position[view.briefing.id]
        shared: Counter[int] = Counter()
        half = RELATED_WINDOW // 2
        for facet in _facets(view):
            positions = self._sharing[facet]
            middle = bisect_left(positions, here)
            shared.update(positions[max(0, middle - half) : middle + half + 1])
        del shared[here]
        ranked = sorted(shared, key=lambda p: (-shared[p], abs(p - here), p))
        return tuple(self.briefings[p] for p in ranked[:count])

    @cached_property
    def _position(self) -> dict[str, int]:
        return {view.briefing.id: n for n, view in enumerate(self.briefings)}

    def neighbours(self, view: BriefingView) -> tuple[BriefingView | None, BriefingView | None]:
        """The briefings published just before and just after this one."""
        index = self._position[view.briefing.id]
        newer = self.briefings[index - 1] if index > 0 else None
        older = self.briefings[index + 1] if index + 1 < len(self.briefings) else None
        return older, newer


def _event_date(view: BriefingView) -> PartialDate:
    when = view.briefing.event.date
    assert when is not None
    return when


def _facets(view: BriefingView) -> set[str]:
    return (
        {f"actor:{actor.id}" for actor in view.actors}
        | {f"tag:{tag}" for tag in view.briefing.tags}
        | {f"country:{code}" for code in view.briefing.event.countries}
    )


class LanguageIndex(SiteIndex):
    """The archive as a reader of `language` browses it: each briefing once, in that language
    when it has been translated into it, else as first written (its original when public).
    Links and translations are the whole site's."""

    def __init__(self, site: SiteIndex, language: str) -> None:
        super().__init__(site.archive, site.language)
        self.site = site
        self.reader = language

    @cached_property
    def briefings(self) -> tuple[BriefingView, ...]:
        chosen: dict[str, BriefingView] = {}
        for view in self.site.briefings:
            group = view.briefing.translation_of or view.briefing.id
            if group in chosen:
                continue
            version = self.site.version(view.briefing.id, self.reader)
            if self.site.language_of(version) != self.reader and group in self.site.by_id:
                version = self.site.by_id[group]  # the original, when it is public
            chosen[group] = version
        return tuple(chosen.values())

    @cached_property
    def by_id(self) -> dict[str, BriefingView]:
        return self.site.by_id

    @cached_property
    def translations(self) -> dict[str, tuple[BriefingView, ...]]:
        return self.site.translations
