"""Synthetic briefing archives of any size, shaped like a real newsroom's, for benchmarks.

    python -m benchmarks.synthetic OUT_DIR --count 1000 [--seed 0]

`write_archive(directory, count, seed)` writes `count` briefings and an `actors.yaml` registry
of a few hundred actors. Every archive passes `load_archive` with no error, and its shape
follows SPEC §2: 3-8 actors per briefing drawn from the shared registry (now and then one written
out inline), 4-12 statements (quotes and paraphrases of every kind, each saying of the claims
it is about whether it supports, contradicts, questions or only mentions them; some replying to
an earlier one, some giving figures), 1-4 claims in every state with dated verification
histories, 2-6 sources (some relaying others), evidence examined in about one briefing in three
(some of it first seen long before the event), tags, countries, dates at every precision,
Markdown summaries and notes, and names and quotes (with the desk's translation) in Cyrillic,
Persian, Arabic, Chinese, Japanese, Korean, Hebrew, Greek, Devanagari, Georgian and Armenian
script. About one briefing in five follows an earlier one, its key claim continuing that
one's, so that stories of several briefings run through the archive. Most briefings are public;
some are drafts, restricted (TLP other than CLEAR) or under embargo. Files are 4-8 KB each,
like the hand-written seed briefing.

The output depends on the seed only: every choice comes from a `random.Random` seeded per
briefing (so briefing 7 is the same in an archive of 100 as in one of 10,000), and every date
is an offset from the fixed instant `NOW`, which the benchmark also builds at. No clock, no
global random state.

The words come from `corpus.py`; people, outlets, events, quotes and URLs (under the reserved
`.example` domain) are invented.
"""

from __future__ import annotations

import argparse
import random
import re
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

from .corpus import (
    ASSESSMENTS,
    ATTRIBUTION,
    COUNTRIES,
    EVIDENCE,
    FIGURES,
    GENERIC_TAGS,
    GROUPS,
    HISTORY_NOTES,
    INTERNATIONAL,
    LANGUAGES,
    LOWER_STARTS,
    METHODOLOGY,
    MINISTRIES,
    NATIVE_QUOTES,
    NATIVE_TITLES,
    NOTES,
    OBSERVERS,
    OUTLETS,
    QUESTIONS,
    QUOTE_TRANSLATIONS,
    ROLES_GOVERNMENT,
    ROLES_MEDIA,
    ROLES_ORGANIZATION,
    STANCES_BY_KIND,
    STATE_FLOW,
    STATE_WEIGHTS,
    STATEMENT_TEMPLATES,
    TOPICS,
    TRANSLITERATION,
    UPDATES,
    Country,
    Language,
    Name,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
"""The instant archives are dated from, and the instant the benchmark judges embargoes at."""

REGISTRY_SIZE = 300
MIN_BYTES = 4_000
MAX_BYTES = 8_000
STATEMENTS = (4, 12)
ACTORS = (3, 8)
CLAIMS = (1, 4)
SOURCES = (2, 6)
FOLLOWS = 0.2
"""The share of briefings that follow an earlier one, their key claim continuing its key claim."""
FOLLOWS_WITHIN = 50
"""How far back, in briefing numbers, the briefing followed is."""


def slug(text: str) -> str:
    """An id from Latin text: 'Élodie Lefèvre' -> 'elodie-lefevre'."""
    folded = unicodedata.normalize("NFKD", text.translate(TRANSLITERATION))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _clause(sentence: str) -> str:
    """A claim sentence as it reads after 'that': no final stop, common first word lowered."""
    text = sentence.rstrip(".")
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first in LOWER_STARTS else text


def _sentence(text: str) -> str:
    """Text with its first letter in capitals ('the United States said' at a sentence start)."""
    return text[0].upper() + text[1:]


def _paragraphs(*paragraphs: str) -> str:
    """Markdown as an editor writes it: paragraphs wrapped at 96 columns, a blank line apart."""
    return "\n\n".join(
        textwrap.fill(p, 96, break_long_words=False, break_on_hyphens=False)
        if not p.startswith("- ")
        else p
        for p in paragraphs
    )


# --- The registry -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Registered:
    """A registry actor, with what the briefings need to know about it."""

    data: dict[str, Any]
    country: Country | None
    language: str | None

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def kind(self) -> str:
        return str(self.data["kind"])

    @property
    def name(self) -> str:
        return str(self.data["name"])


class Flow(list[Any]):
    """A list written on one line, `[US, IR]`, as editors write short lists."""


class FlowMap(dict[str, Any]):
    """A mapping written on one line, `{claim-id: supports}`, as editors write short ones."""


def _person_name(rng: random.Random, language: Language) -> tuple[str, str | None]:
    feminine = bool(language.feminine) and rng.random() < 0.4
    given = rng.choice(language.feminine if feminine else language.given)
    family = rng.choice(language.family)
    if feminine and family[0].endswith(("ov", "ev", "in")):
        latin, native = language.feminine_ending
        family = (family[0] + latin, family[1] + native if family[1] else None)
    parts = (family, given) if language.family_first else (given, family)
    latin = " ".join(part[0] for part in parts)
    if given[1] is None or family[1] is None:
        return latin, None
    joiner = " " if language.spaced else ""
    return latin, joiner.join(str(part[1]) for part in parts)


def make_registry(seed: int, size: int = REGISTRY_SIZE) -> list[Registered]:
    """The shared actors: states, their ministries, international bodies, outlets, observers,
    groups, and people who speak for them; `size` in all."""
    rng = random.Random(f"{seed}:registry")
    actors: list[Registered] = []
    ids: set[str] = set()

    def add(data: dict[str, Any], country: Country | None, language: str | None) -> Registered:
        assert data["id"] not in ids, data["id"]
        ids.add(data["id"])
        entry = Registered(
            {k: v for k, v in data.items() if v not in (None, [], ())}, country, language
        )
        actors.append(entry)
        return entry

    states = {}
    for country in COUNTRIES:
        aliases = Flow([*country.aliases, *([country.native] if country.native else [])])
        states[country.code] = add(
            {"id": slug(country.name), "name": country.name, "kind": "state",
             "country": country.code, "aliases": aliases, "wikidata": country.wikidata},
            country, country.language,
        )  # fmt: skip
    bodies: list[Registered] = []
    for country in COUNTRIES:
        for ministry in rng.sample(sorted(MINISTRIES), rng.randint(2, 4)):
            native = MINISTRIES[ministry].get(country.language)
            bodies.append(add(
                {"id": slug(f"{country.name} {ministry}"), "name": f"{ministry} of {country.name}",
                 "kind": "organization" if ministry == "Central Bank" else "government",
                 "affiliation": states[country.code].id, "country": country.code,
                 "aliases": Flow([native] if native else [])},
                country, country.language,
            ))  # fmt: skip
    organizations = [
        add({"id": slug(name), "name": name, "kind": "organization", "aliases": Flow(aliases)},
            None, None)
        for name, aliases in INTERNATIONAL
    ]  # fmt: skip
    observers = [
        add({"id": slug(name), "name": name, "kind": "organization"}, None, None)
        for name in OBSERVERS
    ]
    outlets = []
    for name, native, code in OUTLETS:
        home = next((c for c in COUNTRIES if c.code == code), None)
        outlets.append(add(
            {"id": slug(name), "name": name, "kind": "media", "country": code,
             "aliases": Flow([native] if native else [])},
            home, home.language if home else None,
        ))  # fmt: skip
    for group_id, name in GROUPS:
        add({"id": group_id, "name": name, "kind": "group"}, None, None)

    speaks_for = [
        (bodies, ROLES_GOVERNMENT, 6),
        (outlets, ROLES_MEDIA, 2),
        (organizations + observers, ROLES_ORGANIZATION, 2),
    ]
    weights = [weight for _, _, weight in speaks_for]
    while len(actors) < size:
        pool, roles, _ = rng.choices(speaks_for, weights)[0]
        employer = rng.choice(pool)
        country = employer.country or rng.choice(COUNTRIES)
        latin, native = _person_name(rng, LANGUAGES[country.language])
        if slug(latin) in ids:
            continue
        role = rng.choice(roles)
        add(
            {"id": slug(latin), "name": latin, "kind": "person",
             "role": f"{role}, {employer.name}", "affiliation": employer.id,
             "country": country.code, "aliases": Flow([native] if native else [])},
            country, country.language,
        )  # fmt: skip
    return actors[:size]


def registry_document(registry: Sequence[Registered]) -> dict[str, Any]:
    return {"schema": 2, "actors": [actor.data for actor in registry]}


def _inline_actor(country: Country, city: Name) -> dict[str, Any]:
    """An actor written out in a briefing; the same city always gives the same actor, so that
    two briefings never write one id two ways."""
    data: dict[str, Any] = {
        "id": f"residents-of-{slug(city[0])}",
        "name": f"Residents of {city[0]}",
        "kind": "group",
        "country": country.code,
    }
    if city[1]:
        data["aliases"] = Flow([city[1]])
    return data


# --- One briefing -------------------------------------------------------------------------------


def _partial(rng: random.Random, day: date) -> str | date:
    """A date at the precision a source gives: mostly the day, sometimes the month or year."""
    roll = rng.random()
    if roll < 0.65:
        return day
    if roll < 0.9:
        return f"{day.year:04d}-{day.month:02d}"
    return str(day.year)


class _Briefing:
    """Builds one briefing's data from its own random stream."""

    def __init__(self, index: int, seed: int, registry: Sequence[Registered], now: datetime):
        self.rng = random.Random(f"{seed}:briefing:{index}")
        self.index = index
        self.seed = seed
        self.registry = registry
        self.today = now.date()
        self.now = now

    def build(self) -> dict[str, Any]:
        rng = self.rng
        self.topic = topic = rng.choice(TOPICS)
        a, b, c = rng.sample(COUNTRIES, 3)
        self.countries = (a, b, c)
        self.city = rng.choice(a.cities)
        self.thing = rng.choice(topic.things)
        self.words = {"a": a.in_prose, "b": b.in_prose, "c": c.in_prose, "city": self.city[0],
                      "thing": self.thing}  # fmt: skip
        self.words["stakes"] = topic.stakes.format(**self.words)

        published = self.today - timedelta(days=rng.randint(1, 3 * 365))
        earlier = self._earlier()
        if earlier is not None and "published" in earlier:
            published = max(published, earlier["published"])  # a follow-up comes after
        self.published = published
        event_day = published - timedelta(days=rng.randint(0, 20))
        self.event_day = event_day

        status, tlp, embargo = self._publication()
        data: dict[str, Any] = {
            "schema": 2,
            "id": f"{topic.slug}-{slug(self.city[0])}-{self.index:05d}",
        }
        data["title"] = self._title()
        # About one briefing in five is in another language, that of its first country (its
        # prose stays the corpus's English): what that costs is the page's words, its search
        # bundle and its language's stemmer. Drawn apart, so the rest of the archive is as before.
        if random.Random(f"{self.seed}:lang:{self.index}").random() < 0.2:
            data["lang"] = a.language if a.language != "en" else "fr"
        data["status"] = status
        data["tlp"] = tlp
        if status == "published" or rng.random() < 0.5:
            data["published"] = published
        if rng.random() < 0.3 and published < self.today:
            data["updated"] = published + timedelta(
                days=rng.randint(1, (self.today - published).days)
            )
        if embargo is not None:
            data["embargo_until"] = embargo
        if earlier is not None:
            data["follows"] = earlier["id"]

        self.actors = self._actors(a, b, c)
        self.sources = self._sources()
        self.evidence = self._evidence()
        self.claims = self._claims()
        data["summary"] = self._summary()
        data["event"] = self._event()
        tags = list(topic.tags[: rng.randint(1, len(topic.tags))])
        tags += rng.sample(GENERIC_TAGS, rng.randint(0, 2))
        data["tags"] = Flow(tags)
        data["actors"] = [entry for entry, _ in self.actors]
        data["sources"] = self.sources
        if self.evidence:
            data["evidence"] = self.evidence
        data["claims"] = self.claims
        if earlier is not None:
            key = earlier["claims"][0]["id"]
            self.claims[0] = {"id": self.claims[0]["id"], "text": self.claims[0]["text"],
                              "continues": f"{earlier['id']}/{key}",
                              **self.claims[0]}  # fmt: skip
        self.said: list[str] = []
        data["statements"] = [self._statement(n) for n in range(rng.randint(*STATEMENTS))]
        data["attribution"] = rng.choice(ATTRIBUTION)
        if rng.random() < 0.5:
            data["methodology"] = _paragraphs(*rng.sample(METHODOLOGY, rng.randint(1, 2)))
        if rng.random() < 0.4:
            data["open_questions"] = self._questions()
        if rng.random() < 0.25:
            data["updates"] = self._updates()
        return data

    def _earlier(self) -> dict[str, Any] | None:
        """The earlier briefing this one follows, about one time in five. Drawn from a stream
        of its own, so that the rest of the briefing is what it would be without."""
        rng = random.Random(f"{self.seed}:follows:{self.index}")
        if self.index == 0 or rng.random() >= FOLLOWS:
            return None
        target = rng.randint(max(0, self.index - FOLLOWS_WITHIN), self.index - 1)
        return make_briefing(target, self.seed, self.registry, self.now)

    def _publication(self) -> tuple[str, str, datetime | None]:
        """Mostly public; a few drafts, restricted drafts and embargoes."""
        roll = self.rng.random()
        if roll < 0.06:
            return "draft", "CLEAR", None
        if roll < 0.10:
            return "draft", self.rng.choice(["GREEN", "AMBER", "AMBER+STRICT", "RED"]), None
        if roll < 0.12:  # embargoed until after the build
            until = self.now + timedelta(days=self.rng.randint(1, 60))
            return "published", "CLEAR", datetime.combine(until.date(), time(9), UTC)
        if roll < 0.14:  # an embargo that has ended
            return "published", "CLEAR", datetime.combine(self.published, time(6), UTC)
        return "published", "CLEAR", None

    def _title(self) -> str:
        w = self.words
        speaker = self.rng.choice([w["a"], w["b"]])
        verb = self.rng.choice(["warns of", "denies reports of", "confirms", "questions reports of",
                                "responds to reports of"])  # fmt: skip
        event = self.topic.event.format(**w)
        return _sentence(f"{speaker} {verb} {event[0].lower()}{event[1:]}")

    def _actors(self, a: Country, b: Country, c: Country) -> list[tuple[Any, Registered | None]]:
        """3-8 actors from the registry, mostly of the three countries, now and then one
        written out inline."""
        rng = self.rng
        near = [r for r in self.registry if r.country in (a, b, c) and r.kind != "state"]
        media = [r for r in self.registry if r.kind == "media"]
        others = [r for r in self.registry if r.country is None and r.kind != "media"]
        count = rng.randint(*ACTORS)
        inline = rng.random() < 0.2
        chosen: dict[str, Registered] = {}
        states = [r for r in self.registry if r.kind == "state" and r.country in (a, b)]
        for pool in (rng.sample(near, min(3, len(near))), [rng.choice(media)], states,
                     rng.sample(others, 2), rng.sample(near, min(4, len(near)))):  # fmt: skip
            for actor in pool:
                if len(chosen) < count - inline:
                    chosen.setdefault(actor.id, actor)
        entries: list[tuple[Any, Registered | None]] = [
            (actor.id, actor) for actor in chosen.values()
        ]
        if inline:
            entries.append((_inline_actor(a, self.city), None))
        return entries

    def _source_url(self, outlet: str, day: date, title: str) -> str:
        return f"https://{slug(outlet)}.example/{day.year}/{day.month:02d}/{slug(title)[:60].strip('-')}"

    def _sources(self) -> list[dict[str, Any]]:
        rng = self.rng
        registered = [actor for _, actor in self.actors if actor is not None]
        media = [r for r in registered if r.kind == "media"] or [
            r for r in self.registry if r.kind == "media"
        ]
        official = [r for r in registered if r.kind in ("government", "organization", "state")]
        sources: list[dict[str, Any]] = []
        ids: set[str] = set()
        for n in range(rng.randint(*SOURCES)):
            roll = rng.random()
            if n == 0 or roll < 0.45 or not official:
                outlet = rng.choice(media)
                kind = "news-report"
                title = f"{self.topic.event.format(**self.words)}: what we know"
            elif roll < 0.75:
                outlet = rng.choice(official)
                kind = rng.choice(["official-statement", "press-briefing"])
                native = NATIVE_TITLES.get(outlet.language or "")
                title = (
                    native if native and rng.random() < 0.5 else f"Statement on the {self.thing}"
                )
            else:
                outlet = rng.choice(registered)
                kind = rng.choice(["social-media", "document", "dataset"])
                title = {"social-media": f"Post by {outlet.name}",
                         "document": f"Report on the {self.thing}",
                         "dataset": f"Satellite imagery of {self.city[0]}"}[kind]  # fmt: skip
            source_id = f"{outlet.id}-{kind}"[:40].strip("-")
            while source_id in ids:
                source_id = f"{source_id}-{n + 1}"
            ids.add(source_id)
            day = self.event_day + timedelta(days=rng.randint(0, 6))
            source: dict[str, Any] = {"id": source_id}
            if rng.random() < 0.8:
                source["title"] = title
            source["outlet"] = outlet.name
            source["kind"] = kind
            if rng.random() < 0.8:
                url = self._source_url(outlet.name, day, title if title.isascii() else kind)
                source["url"] = url
                if rng.random() < 0.3:
                    stamp = f"{day:%Y%m%d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}00"
                    source["archived_url"] = f"https://web.archive.org/web/{stamp}/{url}"
            if rng.random() < 0.85:
                source["date"] = _partial(rng, day)
            if rng.random() < 0.7:
                source["reliability"] = rng.choice("ABCDEF")
            if sources and kind == "news-report" and rng.random() < 0.3:
                source["derived_from"] = rng.choice(sources)["id"]
            sources.append(source)
        return sources

    def _claims(self) -> list[dict[str, Any]]:
        rng = self.rng
        texts = [
            self.topic.claims[0],
            *rng.sample(self.topic.claims[1:], len(self.topic.claims) - 1),
        ]
        claims: list[dict[str, Any]] = []
        for n in range(min(rng.randint(*CLAIMS), len(texts))):
            template = texts[n]
            state = rng.choices(list(STATE_WEIGHTS), list(STATE_WEIGHTS.values()))[0]
            as_of = min(self.today, self.published + timedelta(days=rng.randint(0, 60)))
            verification: dict[str, Any] = {"state": state, "as_of": as_of}
            if rng.random() < 0.8:
                verification["confidence"] = rng.choice(["low", "moderate", "high"])
            if rng.random() < 0.5:
                verification["credibility"] = rng.randint(1, 6)
            if rng.random() < 0.85:
                verification["note"] = self._note()
            earlier = STATE_FLOW[state]
            steps = rng.randint(0, len(earlier) + 1)
            if steps:
                start = self.event_day
                span = max((as_of - start).days, steps)
                days = sorted(rng.sample(range(span), steps))
                history = []
                for k, offset in enumerate(days):
                    entry: dict[str, Any] = {
                        "date": min(as_of, start + timedelta(days=offset)),
                        "state": earlier[min(k, len(earlier) - 1)],
                    }
                    if rng.random() < 0.5:
                        entry["note"] = rng.choice(HISTORY_NOTES).format(outlet=self._outlet())
                    history.append(entry)
                verification["history"] = history
            picked = rng.sample(self.sources, rng.randint(1, min(3, len(self.sources))))
            text = _sentence(template.format(**self.words))
            claims.append({
                "id": slug(" ".join(text.rstrip(".").split()[:5]))[:40].strip("-"),
                "text": text,
                "verification": verification,
                "sources": Flow(s["id"] for s in picked),
            })  # fmt: skip
            if self.evidence and rng.random() < 0.6:
                examined = rng.sample(self.evidence, rng.randint(1, len(self.evidence)))
                claims[-1]["evidence"] = Flow(e["id"] for e in examined)
        seen: set[str] = set()
        for n, claim in enumerate(claims):
            if claim["id"] in seen:
                claim["id"] = f"{claim['id']}-{n + 1}"
            seen.add(claim["id"])
        return claims

    def _evidence(self) -> list[dict[str, Any]]:
        """Material examined, in about one briefing in three; some of it first seen long
        before the event it is said to show."""
        rng = self.rng
        if rng.random() >= 0.35:
            return []
        found: list[dict[str, Any]] = []
        for kind, description in rng.sample(EVIDENCE, rng.randint(1, 2)):
            item: dict[str, Any] = {
                "id": f"{kind}-{len(found) + 1}",
                "kind": kind,
                "description": description.format(**self.words),
            }
            if rng.random() < 0.7:
                earlier = rng.choice([0, 0, 1, 400, 1500])
                item["first_seen"] = _partial(rng, self.event_day - timedelta(days=earlier))
            if rng.random() < 0.6:
                item["source"] = rng.choice(self.sources)["id"]
            if rng.random() < 0.8:
                item["assessment"] = rng.choice(ASSESSMENTS)
            found.append(item)
        return found

    def _outlet(self) -> str:
        return str(self.rng.choice(self.sources)["outlet"])

    def _note(self) -> str:
        source = self.rng.choice(self.sources)
        url = source.get("url") or f"https://{slug(source['outlet'])}.example/"
        return textwrap.fill(
            self.rng.choice(NOTES).format(outlet=source["outlet"], url=url, **self.words), 96,
            break_long_words=False, break_on_hyphens=False,
        )  # fmt: skip

    def _summary(self) -> str:
        rng = self.rng
        w = self.words
        key = self.claims[0]
        speakers = [actor for _, actor in self.actors if actor is not None]
        first = rng.choice(speakers).name
        second = rng.choice(speakers).name
        when = rng.choice(["on Tuesday", "late on Friday", "this week", "in a statement",
                           "at a press briefing"])  # fmt: skip
        source = next((s for s in self.sources if "url" in s), None)
        cited = (
            f"[{source['outlet']}]({source['url']})" if source else str(self.sources[0]["outlet"])
        )
        state = str(key["verification"]["state"]).replace("-", " ")
        paragraphs = [
            f"{first} said {when} that {_clause(key['text'])}. {second} gave a different "
            f"account, and the reports could not at first be checked against independent "
            f"evidence. The first detailed report came from {cited}, which cited officials in "
            f"{w['a']} and {w['b']}.",
            f"**The key claim is {state}.** If it holds, it would mean {w['stakes']}. "
            f"Officials in {w['c']} said they were *following the situation closely* and "
            f"would decide on a response after consulting their partners.",
        ]
        if rng.random() < 0.5:
            paragraphs.append(
                f"Analysts pointed to earlier incidents involving the {self.thing}, and to the "
                f"timing of the reports, days before a scheduled meeting of officials from "
                f"{w['a']} and {w['c']}."
            )
        if rng.random() < 0.15:
            paragraphs.append(f"- what {w['a']} says\n- what {w['b']} says\n- what remains open")
        return _paragraphs(*paragraphs)

    def _event(self) -> dict[str, Any]:
        rng = self.rng
        event: dict[str, Any] = {"title": self.topic.event.format(**self.words)}
        if rng.random() < 0.95:
            when = _partial(rng, self.event_day)
            event["date"] = when
            if isinstance(when, date) and rng.random() < 0.2:
                event["end"] = when + timedelta(days=rng.randint(1, 5))
        if rng.random() < 0.6:
            city, native = self.city
            place = f"{city} ({native})" if native and rng.random() < 0.5 else city
            event["location"] = f"{place}, {self.countries[0].name}"
        chosen = self.countries[: rng.randint(1, 3)]
        event["countries"] = Flow(country.code for country in chosen)
        if rng.random() < 0.2:
            extra = rng.choice(COUNTRIES).code
            if extra not in event["countries"]:
                event["countries"].append(extra)
        return event

    def _statement(self, n: int) -> dict[str, Any]:
        rng = self.rng
        entry, actor = rng.choice(self.actors)
        actor_id = entry if isinstance(entry, str) else entry["id"]
        kind = (
            "report"
            if actor is not None and actor.kind == "media" and rng.random() < 0.7
            else (rng.choice(list(STATEMENT_TEMPLATES)))
        )
        claim = rng.choice(self.claims)
        natives = NATIVE_QUOTES.get(actor.language or "", {}) if actor is not None else {}
        lang = None
        if kind in natives and actor is not None and actor.kind == "person" and rng.random() < 0.6:
            text, mode = rng.choice(natives[kind]), "quote"
            lang = actor.language
        else:
            template, mode = rng.choice(STATEMENT_TEMPLATES[kind])
            text = template.format(clause=_clause(str(claim["text"])), **self.words)
        statement: dict[str, Any] = {"id": f"{actor_id}-{kind}"[:44].strip("-") + f"-{n + 1}"}
        statement["actor"] = actor_id
        if rng.random() < 0.8:
            statement["date"] = _partial(rng, self.event_day + timedelta(days=rng.randint(0, 5)))
        statement["kind"] = kind
        statement["mode"] = mode
        statement["text"] = text
        if lang is not None:
            statement["lang"] = lang
            statement["translation"] = QUOTE_TRANSLATIONS[text]
        if rng.random() < 0.85:
            about = rng.sample(self.claims, rng.randint(1, min(2, len(self.claims))))
            stances = STANCES_BY_KIND[kind]
            statement["about"] = FlowMap(
                (claim["id"], stances[n] if rng.random() < 0.85 else "mentions")
                for n, claim in enumerate(about)
            )
        if n and rng.random() < 0.2:
            statement["in_reply_to"] = self.said[rng.randrange(n)]
        if rng.random() < 0.15:
            quantity, low, high = rng.choice(FIGURES)
            value = rng.randint(low, high)
            if rng.random() < 0.3:
                figure: dict[str, Any] = {"quantity": quantity, "min": value, "max": value * 2}
            else:
                figure = {"quantity": quantity, "value": value}
            statement["figure"] = FlowMap(figure.items())
        if self.evidence and rng.random() < 0.15:
            statement["evidence"] = Flow([rng.choice(self.evidence)["id"]])
        picked = rng.sample(self.sources, rng.randint(1, min(2, len(self.sources))))
        statement["sources"] = Flow(s["id"] for s in picked)
        self.said[n:] = [statement["id"]]
        return statement

    def _questions(self) -> list[dict[str, Any]]:
        rng = self.rng
        questions = []
        for template in rng.sample(QUESTIONS, rng.randint(1, 2)):
            question: dict[str, Any] = {
                "text": template.format(outlet=self._outlet(), **self.words)
            }
            if rng.random() < 0.7:
                question["would_change"] = Flow([rng.choice(self.claims)["id"]])
            if rng.random() < 0.4:
                question["review_by"] = self.today + timedelta(days=rng.randint(-200, 90))
            questions.append(question)
        return questions

    def _updates(self) -> list[dict[str, Any]]:
        rng = self.rng
        span = (self.today - self.published).days
        days = sorted(rng.sample(range(span + 1), min(span + 1, rng.randint(1, 3))))
        return [
            {"date": self.published + timedelta(days=offset), "kind": kind,
             "note": note.format(outlet=self._outlet(), **self.words)}
            for offset, (kind, note) in zip(days, rng.sample(UPDATES, len(days)), strict=True)
        ]  # fmt: skip


def make_briefing(
    index: int, seed: int, registry: Sequence[Registered], now: datetime = NOW
) -> dict[str, Any]:
    """Briefing number `index` of the archive of `seed`, within MIN_BYTES..MAX_BYTES as YAML."""
    builder = _Briefing(index, seed, registry, now)
    data = builder.build()
    size = len(dump(data))
    # Trim or pad the tails of the size distribution with statements, which nothing refers to.
    while size > MAX_BYTES and len(data["statements"]) > STATEMENTS[0]:
        data["statements"].pop()
        size = len(dump(data))
    while size < MIN_BYTES and len(data["statements"]) < STATEMENTS[1]:
        data["statements"].append(builder._statement(len(data["statements"])))
        size = len(dump(data))
    return data


# --- Writing ------------------------------------------------------------------------------------


class _Dumper(yaml.CSafeDumper):
    """YAML as an editor writes it: Markdown in literal blocks, short lists on one line."""


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow(dumper: _Dumper, value: Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Flow, _represent_flow)


def _represent_flow_map(dumper: _Dumper, value: FlowMap) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


_Dumper.add_representer(FlowMap, _represent_flow_map)


def dump(data: dict[str, Any]) -> bytes:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8")


@dataclass(frozen=True)
class WrittenArchive:
    directory: Path
    briefings: int
    registry: int
    bytes: int


def write_archive(
    directory: Path,
    count: int,
    seed: int = 0,
    now: datetime = NOW,
    registry_size: int = REGISTRY_SIZE,
    progress: Callable[[int], None] | None = None,
) -> WrittenArchive:
    """Write `count` briefings and `actors.yaml` into `directory` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    registry = make_registry(seed, registry_size)
    written = (directory / "actors.yaml").write_bytes(dump(registry_document(registry)))
    for index in range(count):
        data = make_briefing(index, seed, registry, now)
        written += (directory / f"{data['id']}.yaml").write_bytes(dump(data))
        if progress is not None:
            progress(index + 1)
    return WrittenArchive(directory, count, len(registry), written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    archive = write_archive(options.directory, options.count, options.seed)
    print(f"{archive.directory}: {archive.briefings} briefings, {archive.registry} actors, "
          f"{archive.bytes / 1024:.0f} KiB")  # fmt: skip


if __name__ == "__main__":
    main()
