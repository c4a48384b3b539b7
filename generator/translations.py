"""The versions of a briefing in other languages (`translation_of`, SPEC §2), and the archive
as a reader of one language browses it.

A briefing and its translations are one work: each public version links the others, and a
reader who reads in a language is kept in it (`version`) wherever a link leads to a briefing.
A translation of a briefing that is not public names it nowhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property

from .views import BriefingView


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
            groups[view.briefing.translation_of or view.briefing.id].append(view)
        return {
            view.briefing.id: tuple(
                sorted((other for other in group if other is not view), key=self.language_of)
            )
            for group in groups.values()
            if len(group) > 1
            for view in group
        }

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
            group = view.briefing.translation_of or view.briefing.id
            if group in chosen:
                continue
            version = self.version(view.briefing.id, reader)
            if self.language_of(version) != reader and group in self.by_id:
                version = self.by_id[group]  # the original, when it is public
            chosen[group] = version
        return tuple(chosen.values())
