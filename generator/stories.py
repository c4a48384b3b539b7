"""The public story graph: which public briefing follows which, and how each claim moved.

Briefings are linked by `follows`, and their claims by `continues` (SPEC §2). Every valid
briefing connects a thread, so that it holds across a draft or an embargo; only public
briefings are ever shown, named or counted. What one public briefing's story says of it is its
`Thread`: its page, its API entry, its feed entry and its share card read the same one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from . import vocabulary as words
from .archive import Archive
from .model import Claim, HistoryEntry, VerificationState
from .threads import ancestors
from .translations import Count, count_of
from .urls import claim_anchor, story_page
from .views import BriefingView, ClaimView, StatementView


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
class StoryStatement:
    """A statement of a public briefing of the story, as another briefing's page names it:
    the earlier one a statement replies to, or a later one that replies to it."""

    view: BriefingView
    said: StatementView

    @property
    def anchor(self) -> str:
        return self.said.anchor


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
    def count(self) -> Count:
        """How many briefings tell it, each work once (`translations.Count`)."""
        return count_of(self.views)

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


def _open_reviews(view: BriefingView, since: Mapping[str, Since]) -> dict[str, date]:
    """The review dates of the briefing's claims that no newer public assessment has met."""
    found = {}
    for claim in view.briefing.claims:
        when, newer = claim.verification.review_by, since.get(claim.id)
        if when is not None and (newer is None or newer.as_of <= claim.verification.as_of):
            found[claim.id] = when
    return found


@dataclass(frozen=True)
class Thread:
    """Where one public briefing stands in its story: what it follows and what follows it,
    and how its claims stood before it and stand since."""

    follows: BriefingView | None = None
    """The public briefing it follows, directly or through private ones."""
    followed_by: tuple[BriefingView, ...] = ()
    """The public briefings that follow it, directly or through private ones, oldest first."""
    story: Story | None = None
    number: int = 0
    """Its place in `story`, from 1."""
    since: Mapping[str, Since] = field(default_factory=dict)
    """Claim id -> how it stands in the newest public briefing that continues it."""
    before: Mapping[str, Since] = field(default_factory=dict)
    """Claim id -> how it stood in the nearest earlier public briefing that assessed it."""
    key: Since | None = None
    """How its key claim stands since, when a newer public briefing assessed it again."""
    reviews: Mapping[str, date] = field(default_factory=dict)
    """Claim id -> when the desk means to assess it again (`review_by`), unless a newer public
    briefing has assessed it since: the old page keeps its dated verdict (SPEC §5b), and a
    review that was done is neither due nor overdue."""
    answers: Mapping[str, StoryStatement] = field(default_factory=dict)
    """Statement id -> the statement of an earlier public briefing it replies to
    (`in_reply_to: <briefing id>/<statement id>`); a reply to a briefing that is not public is
    left out."""
    answered: Mapping[str, tuple[StoryStatement, ...]] = field(default_factory=dict)
    """Statement id -> the statements of later public briefings that reply to it, oldest
    first; those of briefings that are not public are left out."""


def dated(archive: Archive, views: Iterable[BriefingView]) -> tuple[BriefingView, ...]:
    """The public briefings, each dated also by the last change of the newest public briefing
    that follows it (`BriefingView.followed`): its page then says how its claims stand since,
    which is a change too."""
    views = tuple(views)
    own = {view.briefing.id: view.changed for view in views}
    # Every valid briefing connects a thread; only the public ones date it.
    children: dict[str, list[str]] = defaultdict(list)
    for briefing in archive.briefings:
        if briefing.follows is not None:
            children[briefing.follows].append(briefing.id)
    found = []
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
        found.append(replace(view, followed=newest) if newest else view)
    return tuple(found)


class StoryGraph:
    """The stories of the public `briefings` (newest first), joined through every valid
    briefing of the `archive`."""

    def __init__(self, archive: Archive, briefings: Sequence[BriefingView]) -> None:
        self.archive = archive
        self.briefings = briefings
        self.by_id = {view.briefing.id: view for view in briefings}
        self._threads: dict[str, Thread] = {}

    def thread(self, view: BriefingView) -> Thread:
        """Everything its story says of one public briefing."""
        found = self._threads.get(view.briefing.id)
        if found is None:
            found = self._threads[view.briefing.id] = self._thread(view)
        return found

    def origin(self, view: BriefingView, claim: Claim) -> tuple[str, str]:
        """The claim a claim of a public briefing continues, through every briefing back to
        the first, as (briefing id, claim id): one claim however often it was assessed."""
        return self._first_claim(view.briefing.id, claim.id)

    def _thread(self, view: BriefingView) -> Thread:
        story = self.story_of.get(view.briefing.id)
        since = self.since(view)
        return Thread(
            follows=self.follows(view),
            followed_by=self.followed_by(view),
            story=story,
            number=story.views.index(view) + 1 if story else 0,
            since=since,
            before=self.before(view),
            key=since.get(view.key_claim.claim.id),
            reviews=_open_reviews(view, since),
            answers=self._answers.get(view.briefing.id, {}),
            answered={
                statement: tuple(replies)
                for statement, replies in self._answered.get(view.briefing.id, {}).items()
            },
        )

    @cached_property
    def _exchanges(self) -> tuple[tuple[StoryStatement, StoryStatement], ...]:
        """(reply, statement it answers) for each reply to a statement of another briefing,
        both public, oldest reply first. Only public briefings are looked at: a draft's reply
        is never shown on the page it answers."""
        found = []
        for view in reversed(self.briefings):  # oldest first
            for said in view.statements:
                target, _, statement = (said.statement.in_reply_to or "").partition("/")
                earlier = self.by_id.get(target) if statement else None
                if earlier is None:
                    continue  # in its own briefing, or in one that is not public
                answered = next(
                    (other for other in earlier.statements if other.statement.id == statement),
                    None,
                )
                if answered is not None:
                    found.append((StoryStatement(view, said), StoryStatement(earlier, answered)))
        return tuple(found)

    @cached_property
    def _answers(self) -> dict[str, dict[str, StoryStatement]]:
        """Briefing id -> statement id -> the statement of an earlier briefing it answers."""
        found: dict[str, dict[str, StoryStatement]] = defaultdict(dict)
        for reply, answered in self._exchanges:
            found[reply.view.briefing.id][reply.said.statement.id] = answered
        return found

    @cached_property
    def _answered(self) -> dict[str, dict[str, list[StoryStatement]]]:
        """Briefing id -> statement id -> the statements of later briefings answering it."""
        found: dict[str, dict[str, list[StoryStatement]]] = defaultdict(lambda: defaultdict(list))
        for reply, answered in self._exchanges:
            found[answered.view.briefing.id][answered.said.statement.id].append(reply)
        return found

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
