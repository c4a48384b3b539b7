"""The site's indexes: every list of briefings the site shows, and what each one lists.

Everything here is derived from the public briefings only (`Archive.shown`), so that a private
briefing can never be listed, linked or counted. The pages and their URLs are `generator.urls`'s;
what one briefing shows is `generator.views`'s; stories and translations, which join briefings
across the site, are `generator.stories`' and `generator.translations`'.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from . import vocabulary as words
from .archive import Archive
from .desk import Audience
from .locale import DEFAULT
from .markdown_fields import SiteLink
from .model import Actor, PartialDate, VerificationState
from .stories import StoryGraph, dated
from .translations import Count, Translations, count_of, one_per_work, work
from .urls import actor_page, briefing_page, country_page, link, state_page, tag_page
from .views import BriefingView, StatementView, Views, briefing_view

RELATED_WINDOW = 100
"""How many briefings around one, in time, are candidates for its related briefings."""


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
    """Newest first: by statement date where given, else by the briefing's date; a statement
    of a briefing with translations is here in each version."""
    briefings: tuple[BriefingView, ...]

    @property
    def page(self) -> str:
        return actor_page(self.actor.id)

    @cached_property
    def said(self) -> Count:
        """How many statements the actor made: one of a briefing and its translations once."""
        said = {(work(item.view), item.statement.statement.id) for item in self.statements}
        return Count(len(said), len(self.statements))

    @cached_property
    def count(self) -> Count:
        """How many briefings the actor is in, each work once (`translations.Count`)."""
        return count_of(self.briefings)

    @property
    def counted(self) -> ActorEntry:
        """The entry as a chart counts its statements: each once, in its original briefing
        when that is public."""
        chosen: dict[tuple[str, str], ActorStatement] = {}
        for item in self.statements:
            key = (work(item.view), item.statement.statement.id)
            if key not in chosen or item.view.briefing.translation_of is None:
                chosen[key] = item
        return replace(self, statements=tuple(chosen.values()))


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

    @cached_property
    def count(self) -> Count:
        """How many briefings it holds, each work once (`translations.Count`)."""
        return count_of(self.briefings)

    @property
    def counted(self) -> Group:
        """The group as a chart counts it: each work once, by its original."""
        return replace(self, briefings=one_per_work(self.briefings))


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


class Public:
    """Every public briefing, and what joins them across the site: their stories and their
    translations. Shared by the site's index and each language's."""

    def __init__(
        self, archive: Archive, language: str = DEFAULT, views: Views | None = None
    ) -> None:
        self.archive = archive
        self.language = language
        self.views = views
        """The views kept by a preview's last build, if any."""

    @cached_property
    def briefings(self) -> tuple[BriefingView, ...]:
        """Public briefings, newest first."""
        shown = self.archive.shown
        if self.views is not None:
            return dated(self.archive, self.views.of(self.archive, shown))
        return dated(self.archive, (briefing_view(self.archive, b) for b in shown))

    @cached_property
    def by_id(self) -> dict[str, BriefingView]:
        return {view.briefing.id: view for view in self.briefings}

    @cached_property
    def stories(self) -> StoryGraph:
        return StoryGraph(self.archive, self.briefings)

    @cached_property
    def translations(self) -> Translations:
        return Translations(self.briefings, self.language)


class SiteIndex:
    """Every index of the public archive, computed once per build, for a site in `language`
    (the language of a briefing that names none). The lists hold every public briefing, or
    those of `listed` (a language's index, `in_language`); stories, translations and links
    are always the whole site's (`public`)."""

    def __init__(
        self,
        archive: Archive,
        language: str = DEFAULT,
        *,
        public: Public | None = None,
        listed: tuple[BriefingView, ...] | None = None,
        views: Views | None = None,
    ) -> None:
        self.archive = archive
        self.language = language
        self.public = public or Public(archive, language, views)
        self._listed = listed

    def in_language(self, reader: str) -> SiteIndex:
        """The archive as a reader of `reader` browses it: each briefing once, in that
        language when it has been translated into it, else as first written."""
        listed = self.public.translations.read_in(reader)
        return SiteIndex(self.archive, self.language, public=self.public, listed=listed)

    @property
    def stories(self) -> StoryGraph:
        return self.public.stories

    @property
    def translations(self) -> Translations:
        return self.public.translations

    @property
    def by_id(self) -> dict[str, BriefingView]:
        """Every public briefing by id, whatever the lists hold."""
        return self.public.by_id

    @cached_property
    def briefings(self) -> tuple[BriefingView, ...]:
        """The briefings the lists hold, newest first."""
        return self.public.briefings if self._listed is None else self._listed

    @cached_property
    def count(self) -> Count:
        """How many briefings the lists hold, each work once (`translations.Count`)."""
        return count_of(self.briefings)

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
            since = self.stories.key_since(view)
            if since is None:
                filed[view.key_claim.claim.verification.state].append(view)
            elif since.claim.id != since.view.key_claim.claim.id:
                filed[since.state].append(view)
        return tuple(
            Group(state.value, wording.label, tuple(filed[state]), state_page(state))
            for state, wording in words.STATES.items()
        )

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
            page = self.translations.version(target.id, language).page
            if page == from_page:  # a link to another version of this very briefing
                page = briefing_page(target.id)
        elif target.kind == "actor" and target.id in self.actor_by_id:
            page = actor_page(target.id)
        else:
            return None
        return link(from_page, page) + target.fragment

    def most_active(self, count: int) -> tuple[ActorEntry, ...]:
        """The actors with the most statements, each counted once (`ActorEntry.said`), then
        by name."""
        active = [entry for entry in self.actors if entry.statements]
        active.sort(key=lambda entry: (-entry.said.number, entry.actor.name.casefold()))
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

    def related(self, view: BriefingView, count: int = 3) -> tuple[BriefingView, ...]:
        """Other briefings sharing the most actors, tags and countries with this one, the
        closest in time first among equals: never one of its own versions (its original or
        a translation, which share everything with it), and each other work once, in the
        version a reader of this one is shown (`Translations.read_as`).

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
        ranked = sorted(shared, key=lambda p: (-shared[p], abs(p - here), p))
        reader = self.translations.language_of(view)
        found: dict[str, BriefingView] = {work(view): view}
        for position in ranked:
            other = self.briefings[position]
            if work(other) not in found:
                found[work(other)] = self.translations.read_as(other, reader)
                if len(found) > count:
                    break
        return tuple(found.values())[1:]

    @cached_property
    def _position(self) -> dict[str, int]:
        return {view.briefing.id: n for n, view in enumerate(self.briefings)}

    def neighbours(self, view: BriefingView) -> tuple[BriefingView | None, BriefingView | None]:
        """The briefings published just before and just after this one, passing over its
        own versions, each in the version a reader of this one is shown."""
        here, reader = self._position[view.briefing.id], self.translations.language_of(view)
        older, newer = (_next_work(self.briefings, here, step) for step in (1, -1))
        return (
            None if older is None else self.translations.read_as(older, reader),
            None if newer is None else self.translations.read_as(newer, reader),
        )


def _next_work(briefings: tuple[BriefingView, ...], here: int, step: int) -> BriefingView | None:
    """The first briefing after position `here`, going by `step`, that is not a version of
    the one there (a work has few versions: this looks at few)."""
    own, position = work(briefings[here]), here + step
    while 0 <= position < len(briefings):
        if work(briefings[position]) != own:
            return briefings[position]
        position += step
    return None


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
