"""Markdown fields (summary, notes, methodology): the links they hold, and their HTML.

One Markdown configuration serves both the checks and the pages, so that the links a check
finds are exactly the links a page would show. A field may link to web pages (`https://`,
`mailto:`) and to the site's own pages by id: `[text](briefing:<id>)`, `[text](actor:<id>)`.
The page rewrites those into relative links, or into plain text when the target has no
public page: a private briefing is never linked, and its title is never shown.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import markdown as markdown_lib
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .model import SLUG_PATTERN

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h3", "h4", "h5", "h6", "del", "sup", "sub", "abbr", "table", "thead", "tbody", "tr", "th",
    "td",
}  # fmt: skip

WEB_SCHEMES = ("http://", "https://", "mailto:")
SITE_KINDS = ("briefing", "actor")
_SITE_LINK = re.compile(rf"^(?P<kind>{'|'.join(SITE_KINDS)}):(?P<id>[^#]*)(?P<fragment>#.*)?$")
_SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class SiteLink:
    """A link to one of the site's own pages, by the id of what it shows."""

    kind: str
    """'briefing' or 'actor'."""
    id: str
    fragment: str = ""


@dataclass(frozen=True)
class LinkProblem:
    target: str
    message: str
    hint: str


LINK_FORMS = (
    "link to another briefing as [text](briefing:<id>), to an actor as [text](actor:<id>), "
    "or to a web page with its full https:// address"
)


def classify(target: str) -> SiteLink | LinkProblem | None:
    """What a link target is: a site link, a problem, or None for a web address."""
    if target.startswith(WEB_SCHEMES):
        return None
    found = _SITE_LINK.match(target)
    if found is None:
        return LinkProblem(
            target, f"the link target {target!r} is not an address this site can use", LINK_FORMS
        )
    kind, value = found["kind"], found["id"]
    if not _SLUG.match(value):
        return LinkProblem(
            target,
            f"{target!r} does not name a {kind} by its id",
            f"write [text]({kind}:<id>), with the {kind}'s id, e.g. {kind}:some-id",
        )
    return SiteLink(kind, value, found["fragment"] or "")


class _NoRawHtml(markdown_lib.Extension):
    """Raw HTML in a Markdown field is shown as text, never passed to the page."""

    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


Resolver = Callable[[SiteLink], str | None]
"""The href of a site link from the page being made, or None when it has no public page."""


class _SiteLinks(Treeprocessor):
    """Collects every link target; rewrites site links through `resolve`, and turns any link
    without a usable address (a private briefing, a typing mistake) into its plain text."""

    def __init__(self, md: markdown_lib.Markdown) -> None:
        super().__init__(md)
        self.targets: list[str] = []
        self.resolve: Resolver | None = None

    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            target = element.get("href", "")
            self.targets.append(target)
            found = classify(target)
            href = target if found is None else None
            if isinstance(found, SiteLink) and self.resolve is not None:
                href = self.resolve(found)
            if href is None:
                element.tag = "span"
                element.attrib.clear()
            else:
                element.set("href", href)


class _Links(markdown_lib.Extension):
    def extendMarkdown(self, md: markdown_lib.Markdown) -> None:
        md.treeprocessors.register(_SiteLinks(md), "site_links", 0)


def _converter() -> tuple[markdown_lib.Markdown, _SiteLinks]:
    md = markdown_lib.Markdown(extensions=[_NoRawHtml(), "sane_lists", _Links()])
    links = md.treeprocessors["site_links"]
    assert isinstance(links, _SiteLinks)
    return md, links


_MARKDOWN, _LINKS = _converter()

# Where Markdown may find a link target: after `](`, in a reference definition `]:`, or in an
# autolink `<...>`. A field whose every `](` is followed by a web address holds no other target.
_LINK_OPENING = re.compile(r"\]\(\s*<?")
_WEB_TARGET = re.compile(r"\]\(\s*<?(?:https?://|mailto:)")


@lru_cache(maxsize=8192)  # a field is checked, its briefing: links collected, then shown
def checked_targets(text: str) -> tuple[str, ...]:
    """The link targets of a Markdown field that are not web addresses, as Markdown reads
    them: links to the site's pages by id, and mistakes. Most fields hold none, or only web
    links, and are not parsed for them."""
    only_web = len(_LINK_OPENING.findall(text)) == len(_WEB_TARGET.findall(text))
    if only_web and "]:" not in text and "<" not in text:
        return ()
    _LINKS.targets, _LINKS.resolve = [], None
    _MARKDOWN.reset().convert(text)
    return tuple(target for target in _LINKS.targets if not target.startswith(WEB_SCHEMES))


@lru_cache(maxsize=8192)
def located_targets(text: str) -> tuple[tuple[str, int], ...]:
    """Each of `checked_targets(text)`, with how many times its text is written in the field
    before the link that holds it: where in the field the link is, for its error. The n-th
    link to a target is the n-th place it is written as a link's target (after `](` or a
    reference's `]:`); a reference used twice is one place."""
    located = []
    seen: dict[str, int] = {}
    for target in checked_targets(text):
        nth = seen[target] = seen.get(target, -1) + 1
        written = rf"\]\(\s*<?({re.escape(target)})|\]:\s*<?({re.escape(target)})"
        places = [found.start(found.lastindex or 0) for found in re.finditer(written, text)]
        place = places[min(nth, len(places) - 1)] if places else text.find(target)
        located.append((target, text.count(target, 0, max(place, 0))))
    return tuple(located)


def _sanitized(converted: str) -> Markup:
    clean = nh3.clean(
        converted,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # A blank line would end the raw HTML block this lands in; a newline is enough.
    return Markup(re.sub(r"\n\s*\n", "\n", clean).strip())


@lru_cache(maxsize=8192)
def _plain_links(text: str) -> Markup:
    _LINKS.targets, _LINKS.resolve = [], None
    return _sanitized(_MARKDOWN.reset().convert(text))


def render_markdown(text: str, resolve: Resolver | None = None) -> Markup:
    """A Markdown field as sanitized HTML: no raw HTML, only http(s) and mailto links, and
    links to the site's pages made by `resolve` (without it, they are shown as plain text)."""
    if resolve is None or not any(f"{kind}:" in text for kind in SITE_KINDS):
        return _plain_links(text)
    _LINKS.targets, _LINKS.resolve = [], resolve
    try:
        return _sanitized(_MARKDOWN.reset().convert(text))
    finally:
        _LINKS.resolve = None


@lru_cache(maxsize=8192)
def one_line(text: str, limit: int = 180) -> str:
    """The first paragraph of a Markdown field as plain text, cut at a word near `limit`."""
    first = render_markdown(text.strip().split("\n\n")[0])
    plain = " ".join(html.unescape(nh3.clean(first, tags=set())).split())
    if len(plain) <= limit:
        return plain
    return plain[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def shown_text(text: str) -> str:
    """All a reader sees of a Markdown field, as plain text: link texts without their
    addresses, no markup."""
    return html.unescape(nh3.clean(render_markdown(text), tags=set()))


def cache_clear() -> None:
    """Forget every field rendered so far (for measuring a first build)."""
    _plain_links.cache_clear()
    one_line.cache_clear()
    checked_targets.cache_clear()
    located_targets.cache_clear()


# `[text](briefing:<id> "title")`, the form `checked_targets` finds, with one level of brackets
# inside the text; and the bare target, wherever else Markdown may have read it from.
_INLINE_LINK = (
    r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"  # [text], with [brackets] inside
    r"\(\s*<?briefing:{id}(?:#[^\s)>]*)?>?"  # (briefing:<id>#fragment
    r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)"""  # "title")
)


def unlink_briefing(text: str, briefing_id: str) -> str:
    """The Markdown text with its links to one briefing reduced to their text, and any other
    mention of the target removed: what a field shows of a briefing that is not public."""
    escaped = re.escape(briefing_id)
    text = re.sub(_INLINE_LINK.format(id=escaped), r"\g<text>", text)
    return re.sub(rf"briefing:{escaped}(?![a-z0-9-])", "briefing:", text)
