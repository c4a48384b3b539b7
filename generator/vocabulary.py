"""The words readers see for each closed vocabulary of the format.

Kept apart from the model (which only knows the values written in YAML) and from the templates
(which only place words on the page), so that every page type uses the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import langcodes
import pycountry

from .locale import locale_for
from .model import (
    ActorKind,
    Assessment,
    Confidence,
    EvidenceKind,
    Figure,
    PartialDate,
    Reliability,
    SourceKind,
    Stance,
    StatementKind,
    StatementMode,
    Tlp,
    UpdateKind,
    VerificationState,
)


@dataclass(frozen=True)
class StateWords:
    label: str
    meaning: str
    symbol: str
    """Shown beside the label (and hidden from screen readers, which read the label)."""


EN = locale_for("en")
"""English: the site's words until pages take their briefing's language."""

SYMBOLS = {
    VerificationState.UNVERIFIED: "?",
    VerificationState.PARTIALLY_VERIFIED: "◐",
    VerificationState.VERIFIED: "✓",
    VerificationState.DISPUTED: "⇄",
    VerificationState.MISLEADING: "≈",
    VerificationState.UNFOUNDED: "∅",
    VerificationState.FALSE: "✗",
    VerificationState.RETRACTED: "↺",
}
"""Each state's symbol, the same in every language."""

STATES: dict[VerificationState, StateWords] = {
    state: StateWords(
        EN.word(f"state.{state.value}.label"), EN.word(f"state.{state.value}.meaning"), symbol
    )
    for state, symbol in SYMBOLS.items()
}


@dataclass(frozen=True)
class TlpWords:
    """A Traffic Light Protocol label as FIRST's TLP 2.0 standard writes it, and what it
    allows, in the standard's own summary."""

    label: str
    meaning: str

    @property
    def key(self) -> str:
        """The label as a CSS class name: amber, amber-strict."""
        return self.label.removeprefix("TLP:").lower().replace("+", "-")


TLP: dict[Tlp, TlpWords] = {
    Tlp.CLEAR: TlpWords(
        "TLP:CLEAR", "Recipients can spread this to the world, there is no limit on disclosure."
    ),
    Tlp.GREEN: TlpWords(
        "TLP:GREEN", "Limited disclosure, recipients can spread this within their community."
    ),
    Tlp.AMBER: TlpWords(
        "TLP:AMBER",
        "Limited disclosure, recipients can only spread this on a need-to-know basis within "
        "their organization and its clients.",
    ),
    Tlp.AMBER_STRICT: TlpWords(
        "TLP:AMBER+STRICT",
        "Limited disclosure, recipients can only spread this on a need-to-know basis within "
        "their organization.",
    ),
    Tlp.RED: TlpWords(
        "TLP:RED", "For the eyes and ears of individual recipients only, no further disclosure."
    ),
}


CONFIDENCE = {member: EN.word(f"confidence.{member.value}") for member in Confidence}

# Admiralty (NATO STANAG 2511) grading.
RELIABILITY = {member: EN.word(f"reliability.{member.value}") for member in Reliability}
CREDIBILITY = {grade: EN.word(f"credibility.{grade}") for grade in range(1, 7)}

SOURCE_KINDS = {member: EN.word(f"source-kind.{member.value}") for member in SourceKind}

STATEMENT_KINDS = {member: EN.word(f"statement-kind.{member.value}") for member in StatementKind}

STATEMENT_MODES = {member: EN.word(f"statement-mode.{member.value}") for member in StatementMode}

ACTOR_KINDS = {member: EN.word(f"actor-kind.{member.value}") for member in ActorKind}

UPDATE_KINDS = {member: EN.word(f"update-kind.{member.value}") for member in UpdateKind}


# What a statement says about one claim, in the order of the columns under each claim.
STANCES: dict[Stance, str] = {member: EN.word(f"stance.{member.value}") for member in Stance}

EVIDENCE_KINDS = {member: EN.word(f"evidence-kind.{member.value}") for member in EvidenceKind}

ASSESSMENTS = {member: EN.word(f"assessment.{member.value}") for member in Assessment}

# ISO 15924 scripts written right to left, for text in a language that uses one.
RTL_SCRIPTS = frozenset(
    {"Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"}
)


# --- Words for values ------------------------------------------------------------------------


def partial_date(value: PartialDate) -> str:
    """A partial date at its own precision: '2024', 'September 2024', '10 September 2024'."""
    return EN.partial_date(value)


def full_date(value: date) -> str:
    return EN.full_date(value)


@lru_cache(maxsize=256)
def language_name(tag: str) -> str:
    """The English name of a language tag: 'pt-BR' -> 'Portuguese (Brazil)'."""
    return str(langcodes.Language.get(tag).display_name())


@lru_cache(maxsize=256)
def direction(tag: str) -> str:
    """'rtl' for a language written right to left (fa, ar, he, ur...), else 'ltr'."""
    script = langcodes.Language.get(tag).maximize().script
    return "rtl" if script in RTL_SCRIPTS else "ltr"


def number(value: float | int) -> str:
    """A number as readers write it: 471, 1,200, 2.5."""
    return EN.number(value)


def figure(given: Figure) -> str:
    """A figure in words: '471', '100 to 300' (with an en dash), 'at least 500', 'up to 300'."""
    if given.value is not None:
        text = number(given.value)
    elif given.min is not None and given.max is not None:
        text = EN.word("figure.range", min=number(given.min), max=number(given.max))
    elif given.min is not None:
        text = EN.word("figure.at-least", min=number(given.min))
    else:
        assert given.max is not None  # the checks require a value, a min or a max
        text = EN.word("figure.up-to", max=number(given.max))
    return f"{text} {given.unit}" if given.unit else text


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code


_LABELS: dict[type, dict[Any, str]] = {
    type(key): table
    for table in (
        CONFIDENCE, RELIABILITY, SOURCE_KINDS, STATEMENT_KINDS,
        STATEMENT_MODES, ACTOR_KINDS, UPDATE_KINDS, EVIDENCE_KINDS, ASSESSMENTS,
    )
    for key in table
}  # fmt: skip


def label(value: Any) -> str:
    """The reader's word for a value of a closed vocabulary."""
    return _LABELS[type(value)][value]
