"""The machine-readable site (SPEC §5 and §5a): JSON API, JSON Schema, Atom feed, JSON-LD.

Like the pages, every output is computed from `SiteIndex`, so from public briefings only, and
from nothing that changes between two builds of the same input (no clock, no file times): the
feed's and the index's dates are the briefings' own.

Each output is escaped for its context by the library that writes it: `json` for the API,
feedgen (lxml) for the feed's XML, and `script_json` for JSON-LD inside an HTML `<script>`; the
words of the feed's stylesheet are escaped for XML as they are filled in (`feed_style`).
"""

from __future__ import annotations

import json
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import langcodes
from feedgen.feed import FeedGenerator
from markupsafe import Markup, escape

from . import urls
from . import vocabulary as words
from .locale import Locale, locale_for
from .markdown_fields import SiteLink, one_line, render_markdown, unlink_briefing
from .model import (
    VERDICTS,
    Actor,
    ActorKind,
    Assessment,
    EvidenceKind,
    Source,
    Stance,
    StatementKind,
    VerificationState,
    briefing_json_schema,
    undated_last,
)
from .pages import BriefingPage
from .security import policy_allowing
from .stories import Since, Thread
from .structure import SiteIndex
from .tables import ASSESSMENT_TABLE, STATE_TABLE, every_row
from .views import Appearance, BriefingView, ClaimView, EvidenceRef

FEED = "feed.xml"
FEED_STYLE = "feed.xsl"
"""The feed as a page in a browser: an XSLT stylesheet, beside the feed, since a browser
applies one only from the feed's own origin."""
FEED_CSS = "assets/stylesheets/feed.css"
"""The theme's stylesheet of that page, relative to the feed."""
FEED_ICON = "assets/images/favicon.png"
"""Material's icon, which every page of the site names."""
API_INDEX = "api/briefings.json"
SCHEMA = "schema/briefing.schema.json"
ROBOTS = "robots.txt"
SEARCH_WORDS = "search/words.json"
FEED_LENGTH = 50
"""The newest briefings the feed carries; readers poll it, so it does not grow with the archive."""


def api_briefing(briefing_id: str) -> str:
    return f"api/briefings/{briefing_id}.json"


def check_languages(language: str, languages: Sequence[str]) -> None:
    """Raise ValueError unless `languages`, the other languages a site in `language` is read
    in, are BCP 47 tags as written in their canonical form, each once, the site's not among
    them."""
    for tag in languages:
        if not langcodes.tag_is_valid(tag) or tag != langcodes.standardize_tag(tag):
            raise ValueError(
                f"languages: {tag!r} is not a BCP 47 language tag such as ru, fa or pt-BR"
            )
        if tag == language or list(languages).count(tag) > 1:
            raise ValueError(
                f"languages: {tag!r} is listed twice, or is the site's own language "
                "(theme.language); list each other language once"
            )


@dataclass(frozen=True)
class SiteInfo:
    """What the outputs say about the site itself, from the site's configuration."""

    name: str
    url: str
    """Absolute, ending in '/': every URL in the feed and the JSON-LD starts with it."""
    description: str = ""
    publisher: str = ""
    """The organization that publishes the briefings; the site's name when not set."""
    publisher_url: str = ""
    language: str = "en"
    languages: tuple[str, ...] = ()
    """The other languages the site is read in: each has its home page, list of briefings and
    verification states under `/<language>/` (SPEC §5a)."""

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")) or not self.url.endswith("/"):
            raise ValueError(f"the site URL must be absolute and end in '/': {self.url!r}")
        check_languages(self.language, self.languages)

    def absolute(self, path: str) -> str:
        """The absolute URL of a page ('briefings/x.md') or of a file ('feed.xml')."""
        return self.url + (urls.url_of(path) if path.endswith(".md") else path)

    @property
    def organization(self) -> dict[str, Any]:
        return {
            "@type": "NewsMediaOrganization",
            "name": self.publisher or self.name,
            "url": self.publisher_url or self.url,
        }


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


# --- JSON API ----------------------------------------------------------------------------------


def briefing_json(view: BriefingView) -> dict[str, Any]:
    """One briefing in the format's own JSON form, valid against its JSON Schema.

    Registry actors are written out in full, so that the file stands alone.
    """
    data: dict[str, Any] = view.briefing.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["actors"] = [_actor_json(actor) for actor in view.actors]
    if view.unlinked:
        _unlink(data, view.unlinked)
        # What it follows, translates, continues or replies to, when that is not public, goes
        # unsaid.
        for key in ("follows", "translation_of"):
            if data.get(key) in view.unlinked:
                del data[key]
        for claim in data["claims"]:
            if claim.get("continues", "").partition("/")[0] in view.unlinked:
                del claim["continues"]
        for statement in data.get("statements", ()):
            reply = statement.get("in_reply_to", "")
            if "/" in reply and reply.partition("/")[0] in view.unlinked:
                del statement["in_reply_to"]
    return data


_MARKDOWN_KEYS = frozenset({"summary", "methodology", "note"})


def _unlink(data: Any, hidden: frozenset[str]) -> None:
    """Reduce the links of the Markdown fields to briefings that are not public to their
    text, so that the API names no private briefing."""
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        if key in _MARKDOWN_KEYS and isinstance(value, str):
            for briefing_id in hidden:
                value = unlink_briefing(value, briefing_id)
            data[key] = value
        elif isinstance(value, dict | list):
            _unlink(value, hidden)


def _actor_json(actor: Actor) -> dict[str, Any]:
    return actor.model_dump(mode="json", exclude_none=True)


def api_index(index: SiteIndex, site: SiteInfo) -> dict[str, Any]:
    """The list of public briefings, newest first, with what a client needs to pick one."""
    return {
        "schema": 1,
        "site": site.url,
        "count": len(index.briefings),
        "briefings": [_index_entry(index, view, site) for view in index.briefings],
    }


def _index_entry(index: SiteIndex, view: BriefingView, site: SiteInfo) -> dict[str, Any]:
    b = view.briefing
    thread = index.stories.thread(view)
    language_of = index.translations.language_of
    verification = view.key_claim.claim.verification
    entry: dict[str, Any] = {
        "id": b.id,
        "title": b.title,
        "lang": language_of(view),
        "url": site.absolute(view.page),
        "json": site.absolute(api_briefing(b.id)),
        "published": b.published.isoformat() if b.published else None,
        "updated": view.changed.isoformat(),
        "state": verification.state.value,
        "as_of": verification.as_of.isoformat(),
        "event_date": str(b.event.date) if b.event.date else None,
        "countries": list(b.event.countries),
        "tags": list(b.tags),
        "corrected": bool(view.corrections),
        # The thread, as far as it is public: a private briefing is named nowhere.
        "follows": thread.follows.briefing.id if thread.follows else None,
        "followed_by": [later.briefing.id for later in thread.followed_by],
        "story": site.absolute(thread.story.page) if thread.story else None,
        "since": {
            claim: {
                "state": s.state.value,
                "as_of": s.as_of.isoformat(),
                "briefing": s.view.briefing.id,
            }
            for claim, s in thread.since.items()
        },
        # Its other public versions, by language: the original and its translations.
        "translations": {
            language_of(other): other.briefing.id for other in index.translations.of(view)
        },
    }
    if view.corrections:
        entry["last_correction"] = view.corrections[0].date.isoformat()
    return entry


def dump_json(data: Any, *, pretty: bool = True) -> bytes:
    """JSON as the API serves it: UTF-8, keys in a stable order, one trailing newline;
    indented when `pretty`, which Python writes five times slower (no C encoder)."""
    return (json.dumps(data, ensure_ascii=False, indent=2 if pretty else None) + "\n").encode()


# --- Feed --------------------------------------------------------------------------------------


def feed_xml(index: SiteIndex, site: SiteInfo) -> bytes:
    """An Atom feed of the newest public briefings, each dated by its last change."""
    # On one day, the newest briefing first: a follow-up dates its earlier briefings too.
    views = sorted(
        index.briefings,
        key=lambda v: (v.changed, v.briefing.published, v.briefing.id),
        reverse=True,
    )
    views = views[:FEED_LENGTH]
    feed = FeedGenerator()
    feed.id(site.url)
    feed.title(site.name)
    if site.description:
        feed.subtitle(site.description)
    feed.author({"name": site.publisher or site.name, "uri": site.publisher_url or site.url})
    feed.link(href=site.url, rel="alternate", type="text/html")
    feed.link(href=site.absolute(FEED), rel="self", type="application/atom+xml")
    feed.language(site.language)
    # An empty archive has no date of its own; the epoch keeps the feed valid and reproducible.
    feed.updated(_midnight(views[0].changed) if views else datetime(1970, 1, 1, tzinfo=UTC))
    for view in views:
        _feed_entry(feed, index, view, site)
    # A browser that opens the feed shows it through its stylesheet; feed readers ignore the
    # instruction. feedgen writes none, so the declaration and the instruction go before the
    # feed it writes.
    head = (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f'<?xml-stylesheet type="text/xsl" href="{FEED_STYLE}"?>\n'
    )
    return head.encode() + bytes(feed.atom_str(pretty=True, xml_declaration=False))


def feed_style(site: SiteInfo) -> bytes:
    """The XSLT stylesheet that shows the feed as a page in a browser (generator/feed.xsl),
    with its words in the site's language."""
    locale = locale_for(site.language)
    values = {
        key: locale.word(f"feed-page.{key}") for key in ("title", "about", "subscribe", "site")
    }
    values.update(
        latest=locale.word("home.latest"),
        language=site.language,
        direction=locale.direction,
        policy=policy_allowing(),
        stylesheet=FEED_CSS,
        icon=FEED_ICON,
    )
    template = string.Template((Path(__file__).parent / FEED_STYLE).read_text(encoding="utf-8"))
    filled = {name: xml_escape(value, {'"': "&quot;"}) for name, value in values.items()}
    return template.substitute(filled).encode()


def _absolute_link(index: SiteIndex, site: SiteInfo, target: SiteLink) -> str | None:
    """A `briefing:`/`actor:` link as an absolute URL: a feed entry is read off the site."""
    href = index.site_link(urls.HOME, target)
    return None if href is None else site.url + href


def _feed_entry(feed: FeedGenerator, index: SiteIndex, view: BriefingView, site: SiteInfo) -> None:
    """One briefing, in its own language's words."""
    b = view.briefing
    assert b.published is not None
    locale = locale_for(index.translations.language_of(view))
    thread = index.stories.thread(view)
    key = view.key_claim
    entry = feed.add_entry(order="append")
    url = site.absolute(view.page)
    entry.id(url)
    entry.link(href=url, rel="alternate", type="text/html")
    entry.title(locale.word("feed.corrected", title=b.title) if view.corrections else b.title)
    entry.published(_midnight(b.published))
    entry.updated(_midnight(view.changed))
    before = thread.before
    label = _label(key.claim.verification.state, locale)
    if (since := thread.key) is not None:
        state = locale.word("feed.state-since", state=label, since=_label(since.state, locale))
    elif (was := before.get(key.claim.id)) and was.state is not key.claim.verification.state:
        state = locale.word("feed.state-was", state=label, was=_label(was.state, locale))
    else:
        state = label
    summary = one_line(b.summary)
    entry.summary(locale.word("feed.summary", state=state, claim=key.claim.text, summary=summary))
    entry.content(_feed_content(index, view, thread, site, locale), type="html")
    entry.category(
        term=key.claim.verification.state.value,
        label=words.state_words(key.claim.verification.state, locale).label,
    )
    for tag in b.tags:
        entry.category(term=tag)


def _label(state: VerificationState, locale: Locale) -> str:
    """A state's name inside a sentence: 'verified', 'подтверждено'."""
    return words.state_words(state, locale).label.lower()


def _said(locale: Locale, key: str, **values: str | Markup) -> Markup:
    """The catalogue's HTML for `key`, its values escaped unless they are HTML already."""
    return Markup(locale.word(key, **{name: escape(value) for name, value in values.items()}))


def _feed_content(
    index: SiteIndex, view: BriefingView, thread: Thread, site: SiteInfo, locale: Locale
) -> str:
    """The entry's HTML: the key claim's state, what moved in the briefing's story (how its
    claims stood in the briefings they continue, and stand since), the summary, and the
    corrections."""
    resolve = partial(_absolute_link, index, site)
    key = view.key_claim
    state = words.state_words(key.claim.verification.state, locale).label
    parts = [f"<p>{_said(locale, 'feed.key-claim', state=state, claim=key.claim.text)}</p>"]
    claims = {claim.claim.id: claim for claim in view.claims}
    # A follow-up says what it moved; an earlier briefing, where its claims went since.
    for claim_id, was in thread.before.items():
        claim = claims[claim_id]
        now = words.state_words(claim.claim.verification.state, locale).label
        then = words.state_words(was.state, locale).label
        moved = (
            locale.word("feed.moved", then=then, now=now)
            if was.state is not claim.claim.verification.state
            else locale.word("feed.still", now=now)
        )
        said = _said(
            locale, "feed.assessed-again", claim=claim.claim.text, moved=moved,
            date=locale.full_date(was.as_of), briefing=_feed_link(was, site),
        )  # fmt: skip
        parts.append(f"<p>{said}</p>")
    for claim_id, since in thread.since.items():
        said = _said(
            locale, "feed.since-then", claim=claims[claim_id].claim.text,
            state=words.state_words(since.state, locale).label,
            date=locale.full_date(since.as_of), briefing=_feed_link(since, site),
        )  # fmt: skip
        parts.append(f"<p>{said}</p>")
    parts.append(str(render_markdown(view.briefing.summary, resolve)))
    for correction in view.corrections:
        parts.append(
            f"<p>{_said(locale, 'feed.correction', date=locale.full_date(correction.date))}</p>"
            + str(render_markdown(correction.note, resolve))
        )
    return "\n".join(parts)


def _feed_link(other: Since, site: SiteInfo) -> Markup:
    href = f"{site.absolute(other.view.page)}#{other.anchor}"
    return Markup(f'<a href="{escape(href)}">{escape(other.view.briefing.title)}</a>')


# --- schema.org JSON-LD ------------------------------------------------------------------------

_ACTOR_TYPES = {
    ActorKind.PERSON: "Person",
    ActorKind.ORGANIZATION: "Organization",
    ActorKind.GOVERNMENT: "GovernmentOrganization",
    ActorKind.STATE: "Country",
    ActorKind.MEDIA: "NewsMediaOrganization",
    ActorKind.GROUP: "Organization",
}

# The verdicts' ratings (`model.VERDICTS`) on the 1 (false) to 5 (true) scale fact-checkers
# use; the rating's `alternateName` is the state's own word, in the page's language.
RATINGS = {
    state: row.rating
    for state, row in every_row(STATE_TABLE, VerificationState).items()
    if row.rating is not None
}

# schema.org MediaReview's MediaManipulationRatingEnumeration, by the desk's assessment.
MEDIA_CATEGORIES = {
    assessment: row.category
    for assessment, row in every_row(ASSESSMENT_TABLE, Assessment).items()
    if row.category is not None
}

# The evidence that is media, by the schema.org type of its item. schema.org's MediaReview
# reviews media content (its categories are defined for images, videos and audio), so only
# these get one; a document, a dataset or other material the desk assessed does not.
_MEDIA_TYPES = {
    EvidenceKind.PHOTO: "ImageObject",
    EvidenceKind.SATELLITE_IMAGE: "ImageObject",
    EvidenceKind.VIDEO: "VideoObject",
    EvidenceKind.AUDIO: "AudioObject",
}


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML <script> element: '<', '>' and '&' are escaped, so no
    text from a briefing can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def structured_data(page: BriefingPage, site: SiteInfo) -> list[dict[str, Any]]:
    """The briefing as a schema.org NewsArticle, then a ClaimReview per claim with a verdict.
    Of its other public versions, the article names the one it translates
    (`translationOfWork`) or, being the original, its translations (`workTranslation`). Its
    share card is the article's `image`."""
    view, card = page.view, page.card
    b = view.briefing
    assert b.published is not None
    # What a reader may see of it (a search result's rating, a name) is in the page's language.
    language = page.language
    url = site.absolute(view.page)
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": url,
        "headline": b.title,
        "description": one_line(b.summary, limit=300),
        "datePublished": b.published.isoformat(),
        "dateModified": view.changed.isoformat(),
        "inLanguage": b.lang or site.language,
        "isAccessibleForFree": True,
        "author": site.organization,
        "publisher": site.organization,
        "about": _event(view),
        "mentions": [_actor(actor, language) for actor in view.actors],
    }
    if b.tags:
        article["keywords"] = list(b.tags)
    if card is not None:
        article["image"] = {
            "@type": "ImageObject",
            "url": card.url,
            "width": card.width,
            "height": card.height,
            "caption": card.alt,
        }
    for other in (version.view for version in page.versions):
        work = {
            "@type": "NewsArticle",
            "@id": f"{site.absolute(other.page)}#article",
            "url": site.absolute(other.page),
            "inLanguage": other.briefing.lang or site.language,
        }
        if other.briefing.id == b.translation_of:
            article["translationOfWork"] = work
        elif b.translation_of is None:
            article.setdefault("workTranslation", []).append(work)
    if view.corrections:
        article["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": u.date.isoformat(),
                "text": one_line(u.note, limit=500),
            }
            for u in view.corrections
        ]
    reviews = [
        _claim_review(view, claim, site, language) for claim in view.claims if _is_verdict(claim)
    ]
    media = [
        _media_review(view, item, site)
        for item in view.evidence
        if item.assessed and item.evidence.kind in _MEDIA_TYPES
    ]
    return [article, *reviews, *media]


def _is_verdict(claim: ClaimView) -> bool:
    return claim.claim.verification.state in VERDICTS


def _event(view: BriefingView) -> dict[str, Any]:
    event = view.briefing.event
    data: dict[str, Any] = {"@type": "Event", "name": event.title}
    if event.date:
        data["startDate"] = str(event.date)
    if event.end:
        data["endDate"] = str(event.end)
    if event.location:
        data["location"] = {"@type": "Place", "name": event.location}
    return data


def _actor(actor: Actor, language: str) -> dict[str, Any]:
    """The actor as a page in `language` names it: in that language where it has a name in
    it (`vocabulary.name_in`), its other names as alternates."""
    data: dict[str, Any] = {
        "@type": _ACTOR_TYPES[actor.kind],
        "name": words.name_in(actor, language),
    }
    if others := words.other_names(actor, language):
        data["alternateName"] = list(others)
    role = words.role_in(actor, language)
    if role and actor.kind is ActorKind.PERSON:
        data["jobTitle"] = role
    if actor.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata}"
    return data


def _claim_review(
    view: BriefingView, claim: ClaimView, site: SiteInfo, language: str
) -> dict[str, Any]:
    verification = claim.claim.verification
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{site.absolute(view.page)}#{claim.anchor}",
        "claimReviewed": claim.claim.text,
        "datePublished": verification.as_of.isoformat(),
        "author": site.organization,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[verification.state],
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": words.state_words(verification.state, locale_for(language)).label,
        },
        "itemReviewed": _claim(view, claim, site, language),
    }
    return review


def _claim(view: BriefingView, claim: ClaimView, site: SiteInfo, language: str) -> dict[str, Any]:
    """The claim as schema.org sees it: who made it, when and where it first appeared, and
    where else. Where the desk recorded the places it was made public (`appeared`), from
    those; else from the statements that support it. A statement that contradicts or questions
    it is a reply, never its author; an assessment (a fact-checker's rating) never makes it,
    even one that agrees; and a fact-check's page (a source of an assessment that does not
    support the claim), or the desk's own, is never where it appeared."""
    # Earliest first; the sort is stable, so undated statements keep the briefing's order.
    supporting = sorted(
        (
            said
            for said in claim.taking(Stance.SUPPORTS)
            if said.statement.kind is not StatementKind.ASSESSMENT
        ),
        key=lambda said: undated_last(said.statement.date),
    )
    # A source that reports an assessment not agreeing with the claim is a fact-check: it
    # quotes the claim to rate it. One that reports an agreeing assessment may be where the
    # claim was made (an official notice that both announces and confirms).
    checks = {
        ref.source.id
        for said in view.statements
        if said.statement.kind is StatementKind.ASSESSMENT
        and said.statement.about.get(claim.claim.id) is not Stance.SUPPORTS
        for ref in said.sources
    }
    data: dict[str, Any] = {"@type": "Claim"}
    places = [place for place in claim.appeared if not _on_site(place.appeared.url, site)]
    if places:
        first, *others = places
        maker = first.by or (supporting[0].actor if supporting else None)
        if maker is not None:
            data["author"] = _actor(maker, language)
        if first.appeared.date is not None:
            data["datePublished"] = str(first.appeared.date)
        data["firstAppearance"] = _appearance(first, language)
        if others:
            data["appearance"] = [_appearance(place, language) for place in others]
        return data
    said_in = [ref for said in supporting for ref in said.sources] if supporting else claim.sources
    refs = [
        ref
        for ref in dict.fromkeys(said_in)
        if ref.source.id not in checks and not _on_site(ref.source.url, site)
    ]
    works = [_creative_work(ref.source) for ref in refs]
    if supporting:
        data["author"] = _actor(supporting[0].actor, language)
    dated = [said.statement.date for said in supporting if said.statement.date] or [
        ref.source.date for ref in refs if ref.source.date
    ]
    if dated:
        data["datePublished"] = str(min(dated, key=lambda when: when.sort_key))
    # Where the claim was first made; without a statement making it, the earliest known
    # appearance of the material it rests on (a recycled video, first seen years before).
    first_seen = _first_seen(claim)
    if first_seen is not None and not supporting:
        data["firstAppearance"] = first_seen
    elif works:
        data["firstAppearance"] = works[0]
    if works:
        # The works with an address first: a consumer can follow those.
        data["appearance"] = sorted(works, key=lambda work: "url" not in work)
    return data


def _on_site(url: str | None, site: SiteInfo) -> bool:
    """Whether an address is one of the desk's own pages: never where a claim appeared."""
    return url is not None and url.startswith(site.url)


def _appearance(place: Appearance, language: str) -> dict[str, Any]:
    """A place where the claim itself was made public (`Claim.appeared`), as a CreativeWork."""
    data: dict[str, Any] = {"@type": "CreativeWork", "url": place.appeared.url}
    if place.appeared.date is not None:
        data["datePublished"] = str(place.appeared.date)
    if place.by is not None:
        data["author"] = _actor(place.by, language)
    if place.appeared.archived_url is not None:
        data["archivedAt"] = place.appeared.archived_url
    return data


def _first_seen(claim: ClaimView) -> dict[str, Any] | None:
    """The earliest appearance of the claim's evidence, when the desk dated one: a recycled
    video shows the claim was around before the event it is said to show."""
    dated = [ref for ref in claim.evidence if ref.evidence.first_seen is not None]
    if not dated:
        return None
    earliest = min(dated, key=lambda ref: undated_last(ref.evidence.first_seen))
    return _media_object(earliest)


def _media_object(ref: EvidenceRef) -> dict[str, Any]:
    item = ref.evidence
    data: dict[str, Any] = {
        "@type": _MEDIA_TYPES.get(item.kind, "MediaObject"),
        "description": item.description,
    }
    if item.url:
        data["contentUrl"] = item.url
    if item.archived_url:
        data["archivedAt"] = item.archived_url
    if item.first_seen:
        data["datePublished"] = str(item.first_seen)
    return data


def _media_review(view: BriefingView, ref: EvidenceRef, site: SiteInfo) -> dict[str, Any]:
    """A MediaReview of an item of media (a photo, a video, a recording) the desk has
    assessed."""
    assert ref.evidence.assessment is not None
    return {
        "@context": "https://schema.org",
        "@type": "MediaReview",
        "url": f"{site.absolute(view.page)}#{ref.anchor}",
        "datePublished": view.changed.isoformat(),
        "author": site.organization,
        "mediaAuthenticityCategory": MEDIA_CATEGORIES[ref.evidence.assessment],
        "itemReviewed": {
            "@type": "MediaReviewItem",
            "mediaItemAppearance": [_media_object(ref)],
        },
    }


def _creative_work(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "CreativeWork",
        "publisher": {"@type": "Organization", "name": source.outlet},
    }
    if source.title:
        data["headline"] = source.title
    if source.url:
        data["url"] = source.url
    if source.date:
        data["datePublished"] = str(source.date)
    return data


# --- Files about the whole site ----------------------------------------------------------------


def published_schema(site: SiteInfo) -> dict[str, Any]:
    """The JSON Schema as the site publishes it, named by its own address (`$id`), so that a
    validator can tell it from the copy an editor uses."""
    schema = briefing_json_schema()
    return {"$schema": schema.pop("$schema"), "$id": site.absolute(SCHEMA), **schema}


def robots_txt(site: SiteInfo, internal: bool = False) -> bytes:
    """Every page of the public site may be crawled; the sitemap lists them, dated by their
    last change. No page of an internal site may."""
    if internal:
        return b"User-agent: *\nDisallow: /\n"
    return f"User-agent: *\nAllow: /\nSitemap: {site.absolute('sitemap.xml')}\n".encode()


def api_file(view: BriefingView) -> bytes:
    # One file per briefing, thousands of them: compact. The index and schema, which people
    # open to learn the API, stay indented.
    return dump_json(briefing_json(view), pretty=False)
