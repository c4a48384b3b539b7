"""The words readers see for each closed vocabulary of the format.

Kept apart from the model (which only knows the values written in YAML) and from the templates
(which only place words on the page), so that every page type uses the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import langcodes
import pycountry
from babel.core import get_global
from fontTools import unicodedata

from .locale import Locale, languages, locale_for
from .model import (
    Actor,
    ActorKind,
    Assessment,
    Confidence,
    EvidenceKind,
    Figure,
    PartialDate,
    Reliability,
    SourceKind,
    StatementKind,
    StatementMode,
    Tlp,
    UpdateKind,
    VerificationState,
)
from .tables import STATE_TABLE, TLP_TABLE, WORD_GROUPS, TlpRow, every_row, word_keys


@dataclass(frozen=True)
class StateWords:
    label: str
    meaning: str
    symbol: str
    """Shown beside the label (and hidden from screen readers, which read the label)."""


EN = locale_for("en")
"""English: the site's words until pages take their briefing's language."""

SYMBOLS = {state: row.symbol for state, row in every_row(STATE_TABLE, VerificationState).items()}
"""Each state's symbol, the same in every language (`tables.STATE_TABLE`)."""

TlpWords = TlpRow
"""A Traffic Light Protocol label's words, as FIRST's TLP 2.0 standard writes them."""

TLP: dict[Tlp, TlpWords] = every_row(TLP_TABLE, Tlp)
"""Each TLP label's words (`tables.TLP_TABLE`), in English in every language."""


# The catalogue's group of keys for each closed vocabulary without a table: a value's word is
# "<group>.<value>" (Reliability: the Admiralty grading of NATO STANAG 2511). The tabled ones'
# keys are `tables.word_keys`.
_GROUPS: dict[type, str] = {
    Confidence: "confidence",
    Reliability: "reliability",
    SourceKind: "source-kind",
    StatementKind: "statement-kind",
    StatementMode: "statement-mode",
    ActorKind: "actor-kind",
    UpdateKind: "update-kind",
    EvidenceKind: "evidence-kind",
}


# ISO 15924 scripts written right to left, for text in a language that uses one.
RTL_SCRIPTS = frozenset(
    {"Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"}
)


# --- Words for values ------------------------------------------------------------------------


def label(value: Any, locale: Locale = EN) -> str:
    """The reader's word for a value of a closed vocabulary."""
    if type(value) in WORD_GROUPS:
        return locale.word(word_keys(value)[0])
    return locale.word(f"{_GROUPS[type(value)]}.{value.value}")


def meaning(value: Assessment, locale: Locale = EN) -> str:
    """What an assessment of evidence says of it, after its word ('Miscaptioned')."""
    return locale.word(word_keys(value)[1])


def _for_language(texts: Mapping[str, str], language: str) -> str | None:
    """The text of `texts` (by BCP 47 tag) for a reader of `language`: its own tag's, else its
    language's without the region ('pt' for 'pt-BR'), else that language's in a region."""
    if language in texts:
        return texts[language]
    primary = language.split("-")[0].lower()
    for tag, text in texts.items():
        if tag.lower() == primary:
            return text
    for tag, text in texts.items():
        if tag.split("-")[0].lower() == primary:
            return text
    return None


def name_in(actor: Actor, language: str) -> str:
    """How a page in `language` names an actor: by its name in that language where the
    actor has one (`names`), else by its `name`."""
    return _for_language(actor.names, language) or actor.name


def role_in(actor: Actor, language: str) -> str | None:
    """An actor's role in `language` where given (`roles`), else its `role`."""
    return _for_language(actor.roles, language) or actor.role


def other_names(actor: Actor, language: str) -> tuple[str, ...]:
    """The actor's other names, for a page in `language` that names it `name_in`: its
    registered name, its aliases, then its names in other languages, each once."""
    shown = name_in(actor, language)
    found = [actor.name, *actor.aliases, *actor.names.values()]
    return tuple(dict.fromkeys(name for name in found if name != shown))


def credibility(grade: int, locale: Locale = EN) -> str:
    """An Admiralty credibility grade, 1 to 6, with its meaning."""
    return locale.word(f"credibility.{grade}")


@lru_cache(maxsize=64)
def state_words(state: VerificationState, locale: Locale = EN) -> StateWords:
    label_key, meaning_key = word_keys(state)
    return StateWords(locale.word(label_key), locale.word(meaning_key), SYMBOLS[state])


STATES: dict[VerificationState, StateWords] = {state: state_words(state) for state in SYMBOLS}
"""Each state's words in English, every state of the model in its order (`SYMBOLS` has them
all, or this module cannot be imported)."""


def partial_date(value: PartialDate, locale: Locale = EN) -> str:
    """A partial date at its own precision: '2024', 'September 2024', '10 September 2024'."""
    return locale.partial_date(value)


def full_date(value: date, locale: Locale = EN) -> str:
    return locale.full_date(value)


def period(when: PartialDate | None, locale: Locale = EN) -> str:
    """A month or year of the timeline: 'September 2024', '2024, month not stated', or for
    events without a date, 'Date not stated'."""
    if when is None:
        return locale.word("timeline.undated")
    if when.month is None:
        return locale.word("timeline.year-only", year=locale.partial_date(when))
    return locale.partial_date(when)


@lru_cache(maxsize=256)
def language_name(tag: str, locale: Locale = EN) -> str:
    """The name of a language tag in the locale's language: 'pt-BR' -> 'Portuguese
    (Brazil)', in Russian 'португальский (Бразилия)'."""
    return str(langcodes.Language.get(tag).display_name(locale.language))


@lru_cache(maxsize=256)
def autonym(tag: str) -> str:
    """A language's name in that language, as readers look for it among others: 'English',
    'Русский', 'فارسی'."""
    name = str(langcodes.Language.get(tag).autonym())
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=256)
def direction(tag: str) -> str:
    """'rtl' for a language written right to left (fa, ar, he, ur...), else 'ltr'."""
    return "rtl" if script(tag) in RTL_SCRIPTS else "ltr"


@lru_cache(maxsize=256)
def script(tag: str) -> str:
    """The ISO 15924 script a language is written in: 'ru' -> 'Cyrl', 'fa' -> 'Arab'."""
    return str(langcodes.Language.get(tag).maximize().script)


# ISO 15924 codes for a writing that mixes scripts, as Unicode's Script property names them.
_MIXED_SCRIPTS = {"Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani"),
                  "Hans": ("Hani",), "Hant": ("Hani",)}  # fmt: skip


def letters(tag: str) -> tuple[str, ...]:
    """The Unicode scripts of a language's letters: 'ru' -> ('Cyrl',), 'ja' -> ('Hani',
    'Hira', 'Kana')."""
    written = script(tag)
    return _MIXED_SCRIPTS.get(written, (written,))


@lru_cache(maxsize=1024)
def language_of_name(text: str, page_language: str) -> str | None:
    """The language a name is written in, when its script is not the page's: 'Кремль' on an
    English page -> 'ru'; None for a name in the page's script ('Moscow', 'U.S.').

    Names carry no language in the format, so the script chooses: the first language with a
    catalogue written in it, else the language the script most often writes (CLDR's likely
    subtags: Hebrew script -> 'he')."""
    letter = next((char for char in text if char.isalpha()), None)
    if letter is None:
        return None
    written = unicodedata.script(letter)
    if written in ("Zyyy", "Zinh", "Zzzz") or written in letters(page_language):
        return None
    for language in languages():
        if written in letters(language):
            return language
    likely = get_global("likely_subtags").get(f"und_{written}")
    return likely.split("_")[0] if likely else None


def number(value: float | int, locale: Locale = EN) -> str:
    """A number as readers write it: 471, 1,200, 2.5."""
    return locale.number(value)


def figure(given: Figure, locale: Locale = EN) -> str:
    """A figure in words: '471', '100 to 300' (with an en dash), 'at least 500', 'up to 300'."""
    if given.value is not None:
        text = locale.number(given.value)
    elif given.min is not None and given.max is not None:
        text = locale.word(
            "figure.range", min=locale.number(given.min), max=locale.number(given.max)
        )
    elif given.min is not None:
        text = locale.word("figure.at-least", min=locale.number(given.min))
    else:
        assert given.max is not None  # the checks require a value, a min or a max
        text = locale.word("figure.up-to", max=locale.number(given.max))
    return f"{text} {given.unit}" if given.unit else text


def country_name(code: str, locale: Locale = EN) -> str:
    """A country's name by its ISO 3166-1 code: in English the common name ISO gives, in
    another language CLDR's (Babel's). ISO's names written inverted for sorting ("Palestine,
    State of"), which read as two countries in a list, give way to CLDR's."""
    if locale is not EN:
        return locale.territory(code) or country_name(code)
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    return (EN.territory(code) or name) if ", " in name else name
