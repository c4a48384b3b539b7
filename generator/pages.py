"""What each page shows, built once in Python and only read by its template.

A template (`theme/markdown/`) reads the attributes of the objects made here and loops over
them; it asks the indexes nothing. A briefing's page is one `BriefingPage`: its view, its
thread, its translations, its neighbours and related briefings, the geometry of its pictures
and its share card. Its JSON-LD and API file are made from the same object, and its feed
entry and share card from the same `Thread` (`generator.stories`), so that they all agree.
As in MkDocs' `structure/nav.py`, which sets `previous_page`/`next_page` on each page for
`base.html` to read, what a page links to is worked out here, by page path; the template
makes it relative (`href`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Generic, TypeVar

from . import pictures
from .locale import locale_for
from .model import VERDICTS, Actor, ActorKind, Stance, VerificationState, undated_last
from .stories import Since, Thread
from .structure import ActorEntry, ActorStatement, Group, SiteIndex
from .translations import Count
from .urls import (
    ABOUT,
    ACTORS,
    BRIEFINGS,
    COUNTRIES,
    HOME,
    STATES,
    STORIES,
    TAGS,
    TIMELINE,
    actor_page,
    country_page,
    link,
    state_page,
    tag_page,
    url_of,
)
from .views import BriefingView, ClaimView, Position, StatementView, independent_count

K = TypeVar("K")


class PageOf(Generic[K]):
    """The page of each thing of a kind, by its key: `pages.actor["nato"]`."""

    def __init__(self, page: Callable[[K], str]) -> None:
        self._page = page

    def __getitem__(self, key: K) -> str:
        return self._page(key)


@dataclass(frozen=True)
class Pages:
    """Where the site's pages are, by path under the docs folder, for templates to link to."""

    home: str = HOME
    briefings: str = BRIEFINGS
    states: str = STATES
    actors: str = ACTORS
    tags: str = TAGS
    countries: str = COUNTRIES
    timeline: str = TIMELINE
    stories: str = STORIES
    state: PageOf[VerificationState] = field(default_factory=lambda: PageOf(state_page))
    actor: PageOf[str] = field(default_factory=lambda: PageOf(actor_page))
    tag: PageOf[str] = field(default_factory=lambda: PageOf(tag_page))
    country: PageOf[str] = field(default_factory=lambda: PageOf(country_page))


PAGES = Pages()


@dataclass(frozen=True)
class SiteFacts:
    """What every page may say of the whole site."""

    language: str
    """The site's language (`theme.language`)."""
    today: date
    """The build's day: what is overdue is judged by it."""
    updated: date | None
    """The last day any public briefing changed: the day of the pages that list them."""
    internal: bool
    """Whether the site is the desk's own (`audience: internal`)."""

    @classmethod
    def of(cls, index: SiteIndex) -> SiteFacts:
        return cls(index.language, index.today, index.updated, index.internal)


@dataclass(frozen=True)
class Listed:
    """A briefing as a list shows it: with the language it is written in, and how its key
    claim stands in a newer public briefing of its story, if one assessed it again."""

    view: BriefingView
    language: str
    since: Since | None
    same_claim: bool = False
    """Whether its key claim is a claim of the page that lists it (a briefing of the same
    story, related): said so rather than repeated."""


def listed(index: SiteIndex, views: Iterable[BriefingView]) -> tuple[Listed, ...]:
    """The briefings as lists show them."""
    language_of, key_since = index.translations.language_of, index.stories.key_since
    return tuple(Listed(view, language_of(view), key_since(view)) for view in views)


@dataclass(frozen=True)
class Alternate:
    """One version of a page in a language: where it is, and a link to it from the page."""

    language: str
    page: str
    href: str
    """Relative to the page whose versions these are."""

    @property
    def url(self) -> str:
        return url_of(self.page)


def alternates(page: str, versions: Iterable[tuple[str, str]]) -> tuple[Alternate, ...]:
    """The versions of `page` (itself included), as (language, page), by language."""
    return tuple(Alternate(tag, other, link(page, other)) for tag, other in sorted(versions))


@dataclass(frozen=True)
class Version:
    """Another public version of a briefing, in `language`."""

    view: BriefingView
    language: str


@dataclass(frozen=True)
class Card:
    """A briefing's share card as its page names it (og:image)."""

    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Answer:
    """The top of a briefing's page, which answers before it explains: the key claim, who
    made it, the verdict and the desk's conclusion; and, when the briefing weighs more than
    one verdict or its title asks a question, every claim with its verdict, a line each."""

    claim: ClaimView
    by: tuple[Actor, ...]
    """Who made the claim, by their statements that support it, earliest first; a few."""
    others: int
    """How many more made it."""
    reported: bool
    """Whether those named are news outlets reporting it, rather than parties claiming it."""
    findings: tuple[ClaimView, ...]


ACTORS_LISTED = 6
"""Actors listed in full among a briefing's facts; more are folded, to open on demand."""

NAMED_AT_MOST = 2
"""Makers of a claim named at the top of its page; the rest are counted."""

QUESTION_MARKS = ("?", "\u061f", "\uff1f")  # Latin, Arabic (Persian), full-width


def answer(view: BriefingView) -> Answer:
    """What the top of a briefing's page says."""
    key = view.key_claim
    said = sorted(key.taking(Stance.SUPPORTS), key=lambda item: undated_last(item.statement.date))
    makers = tuple({item.actor.id: item.actor for item in said}.values())
    verdicts = sum(1 for claim in view.claims if claim.claim.verification.state in VERDICTS)
    asks = view.briefing.title.rstrip().endswith(QUESTION_MARKS)
    several = len(view.claims) > 1 and (verdicts > 1 or asks)
    named = makers[:NAMED_AT_MOST]
    return Answer(
        claim=key,
        by=named,
        others=max(0, len(makers) - NAMED_AT_MOST),
        reported=bool(makers) and all(actor.kind is ActorKind.MEDIA for actor in named),
        findings=view.claims if several else (),
    )


@dataclass(frozen=True)
class BriefingPage:
    """Everything a briefing's page shows."""

    view: BriefingView
    language: str
    """The page's language: its briefing's."""
    answer: Answer
    independent: int
    """How many of its sources are independent of one another (`views.independent_count`)."""
    many_actors: bool
    """Whether its actors are too many to list in full among the event's facts."""
    many_speakers: bool
    """Whether those who made its statements are too many to list one under another."""
    thread: Thread
    versions: tuple[Version, ...]
    """Its other public versions, by language."""
    original: Version | None
    """The briefing it translates, when it is a translation of a public one."""
    alternates: tuple[Alternate, ...]
    """Every public version, itself included (none without translations)."""
    related: tuple[Listed, ...]
    older: BriefingView | None
    newer: BriefingView | None
    stance_map: pictures.StanceMap | None
    timelines: Mapping[str, pictures.Timeline | None]
    """Claim id -> its states over time."""
    figure_bars: Mapping[str, tuple[pictures.FigureScale | None, ...]]
    """Claim id -> for each of its figure groups, its figures on one scale (None for a group
    not drawn)."""
    card: Card | None = None
    structured_data: str = ""
    """Its JSON-LD, ready for a <script> element (`publish.structured_data`)."""


def briefing_page(
    index: SiteIndex, view: BriefingView, *, card: Card | None = None
) -> BriefingPage:
    """The page of a public briefing, in its own language."""
    translations = index.translations
    locale = locale_for(translations.language_of(view))
    versions = tuple(
        Version(other, translations.language_of(other)) for other in translations.of(view)
    )
    original = next(
        (
            version
            for version in versions
            if version.view.briefing.id == view.briefing.translation_of
        ),
        None,
    )
    older, newer = index.neighbours(view)
    claims = {claim.claim.text for claim in view.claims}
    return BriefingPage(
        view=view,
        language=translations.language_of(view),
        answer=answer(view),
        independent=independent_count(
            (ref.source for ref in view.sources),
            {ref.source.id: ref.source for ref in view.sources},
        ),
        many_actors=len(view.actors) > ACTORS_LISTED,
        many_speakers=len(view.by_actor) > ACTORS_LISTED,
        thread=index.stories.thread(view),
        versions=versions,
        original=original,
        alternates=alternates(view.page, translations.alternates(view)),
        related=tuple(
            replace(item, same_claim=item.view.key_claim.claim.text in claims)
            for item in listed(index, index.related(view))
        ),
        older=older,
        newer=newer,
        stance_map=pictures.stance_map(view),
        timelines={claim.claim.id: pictures.claim_timeline(claim, locale) for claim in view.claims},
        figure_bars={
            claim.claim.id: tuple(pictures.figure_scale(group) for group in claim.figures)
            for claim in view.claims
        },
        card=card,
    )


@dataclass(frozen=True)
class Verdict:
    """What a statement says of one claim, beside the desk's verdict on that claim today: as
    its briefing gave it, or as a newer public briefing of its story has given it since."""

    position: Position
    state: VerificationState
    since: Since | None = None
    """Where the verdict of today was given, when not in the statement's own briefing."""


@dataclass(frozen=True)
class ActorItem:
    """A statement on its actor's page, with the verdict on each claim it is about."""

    view: BriefingView
    statement: StatementView
    verdicts: tuple[Verdict, ...]
    """In the order of its positions."""


def actor_items(index: SiteIndex, said: Iterable[ActorStatement]) -> tuple[ActorItem, ...]:
    """Statements as their actor's page shows them: never beside their briefing's key-claim
    verdict, which may be about another claim, but beside each claim's own."""
    items = []
    for item in said:
        since = index.stories.thread(item.view).since
        verdicts = tuple(
            _verdict(position, since.get(position.claim.id))
            for position in item.statement.positions
        )
        items.append(ActorItem(item.view, item.statement, verdicts))
    return tuple(items)


def _verdict(position: Position, since: Since | None) -> Verdict:
    if since is None:
        return Verdict(position, position.claim.verification.state)
    return Verdict(position, since.state, since)


@dataclass(frozen=True)
class RecordRow:
    """How many claims an actor took one stance on, by the desk's verdict on each today."""

    stance: Stance
    total: int
    by_state: tuple[tuple[VerificationState, int], ...]
    """The states with a claim in them, in the vocabulary's order."""


RECORDED = (Stance.SUPPORTS, Stance.CONTRADICTS)
"""The stances an actor's record counts: taking a side, not questioning or mentioning."""


def record(index: SiteIndex, items: Iterable[ActorItem]) -> tuple[RecordRow, ...]:
    """The claims an actor supported or contradicted in their statements (`actor_items`),
    each once however many briefings of its story assessed it, in however many languages,
    and however often the actor spoke of it, by its verdict today."""
    found: dict[Stance, dict[tuple[str, str], VerificationState]] = {s: {} for s in RECORDED}
    for item in items:
        for verdict in item.verdicts:
            if verdict.position.stance in found:
                briefing, claim = index.stories.origin(item.view, verdict.position.claim)
                work = index.translations.work_of(briefing)
                found[verdict.position.stance][(work, claim)] = verdict.state
    rows = []
    for stance, claims in found.items():
        if claims:
            counted = Counter(claims.values())
            by_state = tuple(
                (state, counted[state]) for state in VerificationState if counted[state]
            )
            rows.append(RecordRow(stance, len(claims), by_state))
    return tuple(rows)


@dataclass(frozen=True)
class HomePage:
    """The home page of the site, or of one of its languages."""

    latest: tuple[Listed, ...]
    total: Count
    """Every briefing the lists hold, each work once, with the restricted ones."""
    by_state: tuple[Group, ...]
    charts: tuple[pictures.Chart, ...]
    active: tuple[ActorEntry, ...]
    """The most active actors."""
    has_stories: bool


@dataclass(frozen=True)
class PageLink:
    """A link to one of the site's pages, by its URL relative to the site's root."""

    label: str
    url: str


@dataclass(frozen=True)
class NotFoundPage:
    """The page a reader gets at an address with no page (the theme's 404.html), in the
    site's language: what happened, a search box, and the site's main pages."""

    title: str
    lead: str
    search: str
    search_button: str
    go_to: str
    links: tuple[PageLink, ...]


def not_found_page(language: str) -> NotFoundPage:
    """The 404 page of a site in `language`. It names no briefing: an address that leads
    nowhere may be that of one not yet public."""
    locale = locale_for(language)
    word = locale.word
    return NotFoundPage(
        title=word("not-found.title"),
        lead=word("not-found.lead"),
        search=word("not-found.search"),
        search_button=word("not-found.search-button"),
        go_to=word("not-found.go-to"),
        links=tuple(
            PageLink(word(key), url_of(page))
            for key, page in (
                ("not-found.home", HOME),
                ("home.all-briefings", BRIEFINGS),
                ("states.heading", STATES),
                ("home.actors", ACTORS),
                ("home.how-to-read", ABOUT),
            )
        ),
    )
