"""What one briefing's page shows, worked out from the briefing alone: its sources and
evidence numbered, each claim with the statements that take each stance on it and the figures
given for it, the statements grouped by actor.

A `BriefingView` depends on nothing but its briefing and the actors it names; what depends on
the rest of the archive (its story, its translations, the lists it is on) is
`generator.stories`, `generator.translations` and `generator.structure`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from urllib.parse import unquote, urlsplit

from . import vocabulary as words
from .archive import Archive
from .markdown_fields import SiteLink, checked_targets, classify
from .model import (
    Actor,
    Appeared,
    Assessment,
    Briefing,
    Claim,
    Evidence,
    Figure,
    HistoryEntry,
    OpenQuestion,
    Source,
    Stance,
    Statement,
    Tlp,
    Update,
    UpdateKind,
    markdown_fields,
    undated_last,
)
from .urls import briefing_page, claim_anchor


def site_of(url: str) -> str | None:
    """The web site an address is on ('reuters.com'), to name it by, so that a reader never
    has to read a raw address."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    return host.removeprefix("www.") or None


@dataclass(frozen=True)
class SourceRef:
    """A source with its number on the briefing page ([1], [2] ...)."""

    number: int
    source: Source
    relays: SourceRef | None = None
    site: str | None = None
    """Where it is on the web, named beside a source that has no title so that a reader never
    has to read a raw address: the site ('reuters.com'), or the site and path where two such
    sources of one outlet share a site; none when the outlet's name already says it."""

    @property
    def anchor(self) -> str:
        return f"source-{self.source.id}"


def _host(source: Source) -> str:
    return (site_of(str(source.url)) or "") if source.url else ""


def _sites(sources: Sequence[Source]) -> dict[str, str | None]:
    """What names each source's place on the web (`SourceRef.site`), by source id."""
    shared = Counter((s.outlet, _host(s)) for s in sources if s.url and not s.title)
    sites: dict[str, str | None] = {}
    for source in sources:
        host = _host(source)
        if not host or host in source.outlet.lower():
            sites[source.id] = None
        elif shared[source.outlet, host] > 1:
            path = unquote(urlsplit(str(source.url)).path).strip("/")
            sites[source.id] = shortened(f"{host}/{path}", SITE_PATH_AT_MOST)
        else:
            sites[source.id] = host
    return sites


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
        """Whether the desk has judged what it shows (when it is media, a MediaReview says
        so in the page's structured data)."""
        return self.evidence.assessment not in (None, Assessment.UNASSESSED)

    @property
    def short(self) -> str:
        """The item named in a few words, where it is referred to: the start of what it shows,
        cut at a word, so that no reader meets a bare number ('E5')."""
        return shortened(self.evidence.description, EVIDENCE_NAMED_IN)


@dataclass(frozen=True)
class Appearance:
    """A place where a claim itself was made public (`Claim.appeared`), and who made it."""

    appeared: Appeared
    by: Actor | None

    @property
    def site(self) -> str:
        """The site it is on, named instead of its address."""
        return site_of(self.appeared.url) or self.appeared.url


def appearances(claim: Claim, actors: dict[str, Actor]) -> tuple[Appearance, ...]:
    """Where the claim appeared, earliest first; undated places after dated ones, in the
    order written."""
    found = sorted(claim.appeared, key=lambda item: undated_last(item.date))
    return tuple(Appearance(item, actors.get(item.by or "")) for item in found)


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
    sources: tuple[SourceRef, ...]
    independent: int
    columns: tuple[Column, ...]
    """Supports, contradicts, questions: those that have statements, in that order."""
    mentions: tuple[StatementView, ...]
    """Statements that refer to the claim without taking a side."""
    history: tuple[HistoryEntry, ...]
    figures: tuple[FigureGroup, ...] = ()
    """The figures given about it (`_figures`): one group per quantity."""
    evidence: tuple[EvidenceRef, ...] = ()
    appeared: tuple[Appearance, ...] = ()
    """Where the claim itself was made public, earliest first (`appearances`)."""

    @property
    def anchor(self) -> str:
        return claim_anchor(self.claim)

    @property
    def short(self) -> str:
        """The claim in a few words, where there is room for no more (a table's heading)."""
        return shortened(self.claim.text, CLAIM_NAMED_IN)

    @property
    def tally(self) -> tuple[tuple[Stance, int], ...]:
        """How many statements take each stance on the claim, in the columns' order, those
        that only mention it last; none when no statement is about it."""
        found = [(column.stance, len(column.statements)) for column in self.columns]
        if self.mentions:
            found.append((Stance.MENTIONS, len(self.mentions)))
        return tuple(found)

    @property
    def mentioned_by(self) -> tuple[StatementView, ...]:
        """One statement per actor who refers to the claim and takes no side on it anywhere in
        the briefing: an actor listed under a stance is not also said to take none."""
        sided = {item.actor.id for column in self.columns for item in column.statements}
        first: dict[str, StatementView] = {}
        for item in self.mentions:
            if item.actor.id not in sided:
                first.setdefault(item.actor.id, item)
        return tuple(first.values())

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
    continues, in_reply_to) that are not public: shown as plain text, and named nowhere."""
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


CLAIM_NAMED_IN = 40
"""Characters of a claim's text that name it where there is room for no more."""

EVIDENCE_NAMED_IN = 48
"""Characters of an item of evidence's description that name it where it is referred to."""

SITE_PATH_AT_MOST = 40
"""Characters of a site and path that tell apart untitled sources of one outlet on one site."""


def shortened(text: str, limit: int) -> str:
    """`text` on one line, cut at a word before `limit` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"


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


class Views:
    """Each shown briefing's view, kept from one build to the next of a preview, where most
    briefings are the very objects checked before (`archive.CheckCache` keeps an unchanged
    file's): a view is made again unless its briefing is the same object, and the actors and
    the briefings shown are as before, which is all else a view is made from. A kept view is
    the same object, whose fingerprint the preview remembers (`pagecache.Fingerprints`)."""

    def __init__(self) -> None:
        self._made_with: tuple[object, frozenset[str]] | None = None
        self._kept: dict[int, tuple[Briefing, BriefingView]] = {}

    def of(self, archive: Archive, briefings: Iterable[Briefing]) -> list[BriefingView]:
        made_with = (archive.registry, archive.shown_ids)
        kept = self._kept if made_with == self._made_with else {}
        used: dict[int, tuple[Briefing, BriefingView]] = {}
        for briefing in briefings:
            found = kept.get(id(briefing))
            if found is None or found[0] is not briefing:
                found = (briefing, briefing_view(archive, briefing))
            used[id(briefing)] = found
        self._made_with, self._kept = made_with, used
        return [view for _, view in used.values()]


def briefing_view(archive: Archive, briefing: Briefing) -> BriefingView:
    """Everything the briefing page shows, numbered, counted and grouped."""
    by_id = {source.id: source for source in briefing.sources}
    numbers = {source.id: n for n, source in enumerate(briefing.sources, start=1)}
    sites = _sites(briefing.sources)
    plain = {s.id: SourceRef(numbers[s.id], s, site=sites[s.id]) for s in briefing.sources}
    refs = {
        s.id: replace(plain[s.id], relays=plain.get(s.derived_from or "")) for s in briefing.sources
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
                sources=_numbered(refs[i] for i in claim.sources),
                independent=independent_count((by_id[i] for i in claim.sources), by_id),
                columns=columns,
                mentions=tuple(v for v in about if v.statement.about[claim.id] is Stance.MENTIONS),
                history=claim.verification.history,
                figures=_figures(claim, statements),
                evidence=tuple(evidence[i] for i in claim.evidence),
                appeared=appearances(claim, actors),
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
                *(
                    statement.in_reply_to.split("/")[0]
                    for statement in briefing.statements
                    if statement.in_reply_to and "/" in statement.in_reply_to
                ),
            )
            if target is not None and target not in archive.shown_ids
        },
    )


def _figures(claim: Claim, statements: Iterable[StatementView]) -> tuple[FigureGroup, ...]:
    """The figures given about `claim`: those that name it (`Figure.claim`), and those that
    name no claim given by a statement that supports, contradicts or questions it, never by
    one that only mentions it. One group per quantity, in the order first given, each
    quantity's figures by the date they were given (undated ones last)."""
    rows: dict[str, list[FigureRow]] = defaultdict(list)
    for view in statements:
        stance = view.statement.about.get(claim.id)
        takes_a_side = stance is not None and stance is not Stance.MENTIONS
        for figure in view.statement.figure:
            if figure.claim == claim.id or (figure.claim is None and takes_a_side):
                rows[figure.quantity].append(FigureRow(view, figure))

    def when(row: FigureRow) -> tuple[int, tuple[int, int, int]]:
        return undated_last(row.statement.statement.date)

    return tuple(
        FigureGroup(quantity, tuple(sorted(found, key=when))) for quantity, found in rows.items()
    )
