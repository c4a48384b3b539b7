"""The versions of a briefing in other languages (`translation_of`, SPEC §2), and the archive
as a reader of one language browses it.

A briefing and its translations are one work: each public version links the others, a
reader who reads in a language is kept in it (`version`) wherever a link leads to a briefing,
and a count counts the work once (`Count`). A translation of a briefing that is not public
names it nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .views import BriefingView


def work(view: BriefingView) -> str:
    """The work a version belongs to, by its original's id: a briefing and its translations
    are one."""
    return view.briefing.translation_of or view.briefing.id


@dataclass(frozen=True)
class Count:
    """How many briefings (or statements) a list holds, as a reader counts them.

    A reader who sees "False: 4 briefings" expects four fact-checks, not two with their
    translations, so every count counts a work once. The site's own lists still show every
    public version, each in its language, since a reader may want any of them; a list page
    says how many versions it shows when that differs (`listed`)."""

    number: int
    """Each work once."""
    listed: int
    """Each version the list shows."""
    restricted: int = 0
    """The works restricted (not TLP:CLEAR) in every version listed: an internal site's."""


def count_of(views: Iterable[BriefingView]) -> Count:
    """The count of a list of briefings: each work once."""
    listed = 0
    restricted: dict[str, bool] = {}  # work -> every version of it listed is restricted
    for view in views:
        listed += 1
        key = work(view)
        restricted[key] = restricted.get(key, True) and view.restricted is not None
    return Count(len(restricted), listed, sum(restricted.values()))


def one_per_work(views: Iterable[BriefingView]) -> tuple[BriefingView, ...]:
    """Each work of `views` once, in their order: its original when listed, else its first
    version (what a chart counts, by the original's date)."""
    chosen: dict[str, BriefingView] = {}
    for view in views:
        key = work(view)
        if key not in chosen or view.briefing.translation_of is None:
            chosen[key] = view
    return tuple(chosen.values())


class Translations:
    """The public versions of the public `briefings` (newest first), on a site in `language`
    (the language of a briefing that names none)."""

    def __init__(self, briefings: Sequence[BriefingView], language: str) -> None:
        self.briefings = briefings
        self.language = language
        self.by_id = {view.briefing.id: view for view in briefings}

    def language_of(self, view: BriefingView) -> str:
        """The language a public briefing is written in."""
        return view.briefing.lang or self.language

    @cached_property
    def versions(self) -> dict[str, tuple[BriefingView, ...]]:
        """For each public briefing that has them, its other public versions: its original
        and the original's translations, by language tag."""
        groups: dict[str, list[BriefingView]] = defaultdict(list)
        for view in self.briefings:
            groups[work(view)].append(view)
        return {
            view.briefing.id: tuple(
                sorted((other for other in group if other is not view), key=self.language_of)
            )
            for group in groups.values()
            if len(group) > 1
            for view in group
        }

    def work_of(self, briefing_id: str) -> str:
        """The work of a briefing by id (`work`); a briefing that is not public is its own."""
        view = self.by_id.get(briefing_id)
        return briefing_id if view is None else work(view)

    def of(self, view: BriefingView) -> tuple[BriefingView, ...]:
        """The other public versions of a briefing, by language; none for most."""
        return self.versions.get(view.briefing.id, ())

    def alternates(self, view: BriefingView) -> tuple[tuple[str, str], ...]:
        """Every public version of a briefing that has translations, itself included, as
        (language, page), by language; none for a briefing without."""
        others = self.versions.get(view.briefing.id)
        if not others:
            return ()
        return tuple(sorted((self.language_of(each), each.page) for each in (*others, view)))

    def version(self, briefing_id: str, language: str) -> BriefingView:
        """The public briefing `briefing_id` in `language` when it has a translation into it,
        else itself: a reader who reads in a language is kept in it."""
        view = self.by_id[briefing_id]
        if self.language_of(view) != language:
            for other in self.versions.get(briefing_id, ()):
                if self.language_of(other) == language:
                    return other
        return view

    def read_in(self, reader: str) -> tuple[BriefingView, ...]:
        """The archive as a reader of `reader` browses it: each briefing once, in that
        language when it has been translated into it, else as first written (its original
        when public), newest first."""
        chosen: dict[str, BriefingView] = {}
        for view in self.briefings:
            if work(view) not in chosen:
                chosen[work(view)] = self.read_as(view, reader)
        return tuple(chosen.values())

    def read_as(self, view: BriefingView, reader: str) -> BriefingView:
        """The version of a public briefing a reader of `reader` is shown: in that language
        when it has been translated into it, else as first written (its original when
        public)."""
        version = self.version(view.briefing.id, reader)
        if self.language_of(version) != reader and work(view) in self.by_id:
            version = self.by_id[work(view)]
        return version
