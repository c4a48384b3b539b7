"""Where each page of the site lives: its path under the docs folder (`src_uri`), its
directory URL (SPEC §5a), links between pages, and long lists cut into pages.

Pages are named by their path under the docs folder; `url_of` turns that into the stable
directory URL, and `link` into a relative link, so that the site works under any path.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from .model import Claim, VerificationState

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
ABOUT = "about.md"
"""How to read a briefing: a page written by hand (docs/about.md), not generated."""

T = TypeVar("T")

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

    @property
    def pager(self) -> Pager:
        return Pager(self.first, self.number, self.count)


@dataclass(frozen=True)
class Pager:
    """Links from page `number` of a list of `count` pages to its first, previous, next and
    last pages; `first` is the list's first page."""

    first: str
    number: int
    count: int

    @property
    def first_page(self) -> str:
        return self.first

    @property
    def previous(self) -> str:
        return list_page(self.first, self.number - 1)

    @property
    def next(self) -> str:
        return list_page(self.first, self.number + 1)

    @property
    def last(self) -> str:
        return list_page(self.first, self.count)


def parts(first: str, items: Sequence[T], size: int = LIST_SIZE) -> tuple[Part[T], ...]:
    """The list cut into pages of `size` items, in order; an empty list is one empty page."""
    count = max(1, -(-len(items) // size))
    return tuple(
        Part(first, n + 1, count, n * size, tuple(items[n * size : (n + 1) * size]), len(items))
        for n in range(count)
    )
