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


STATES: dict[VerificationState, StateWords] = {
    VerificationState.UNVERIFIED: StateWords(
        "Unverified", "Reported, but not yet confirmed by independent evidence.", "?"
    ),
    VerificationState.PARTIALLY_VERIFIED: StateWords(
        "Partially verified", "Parts of the claim are confirmed; others are not.", "◐"
    ),
    VerificationState.VERIFIED: StateWords(
        "Verified", "Confirmed by independent, reliable evidence.", "✓"
    ),
    VerificationState.DISPUTED: StateWords(
        "Disputed", "Credible sources contradict each other.", "⇄"
    ),
    VerificationState.MISLEADING: StateWords(
        "Misleading",
        "Built on true elements, arranged to give a false impression.",
        "≈",
    ),
    VerificationState.UNFOUNDED: StateWords(
        "Unfounded", "Examined, and nothing supports it; not shown to be untrue either.", "∅"
    ),
    VerificationState.FALSE: StateWords("False", "Shown to be untrue by reliable evidence.", "✗"),
    VerificationState.RETRACTED: StateWords("Retracted", "Withdrawn by those who made it.", "↺"),
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


CONFIDENCE = {
    Confidence.LOW: "Low confidence",
    Confidence.MODERATE: "Moderate confidence",
    Confidence.HIGH: "High confidence",
}

# Admiralty (NATO STANAG 2511) grading.
RELIABILITY = {
    Reliability.A: "A — completely reliable",
    Reliability.B: "B — usually reliable",
    Reliability.C: "C — fairly reliable",
    Reliability.D: "D — not usually reliable",
    Reliability.E: "E — unreliable",
    Reliability.F: "F — reliability cannot be judged",
}
CREDIBILITY = {
    1: "1 — confirmed by other sources",
    2: "2 — probably true",
    3: "3 — possibly true",
    4: "4 — doubtful",
    5: "5 — improbable",
    6: "6 — truth cannot be judged",
}

SOURCE_KINDS = {
    SourceKind.NEWS_REPORT: "News report",
    SourceKind.OFFICIAL_STATEMENT: "Official statement",
    SourceKind.PRESS_BRIEFING: "Press briefing",
    SourceKind.DOCUMENT: "Document",
    SourceKind.SOCIAL_MEDIA: "Social media post",
    SourceKind.DATASET: "Dataset",
    SourceKind.OTHER: "Other source",
}

STATEMENT_KINDS = {
    StatementKind.WARNING: "Warning",
    StatementKind.CLAIM: "Claim",
    StatementKind.DENIAL: "Denial",
    StatementKind.CONFIRMATION: "Confirmation",
    StatementKind.REPORT: "Report",
    StatementKind.CALL: "Call",
    StatementKind.QUESTION: "Question",
    StatementKind.ANNOUNCEMENT: "Announcement",
    StatementKind.ADMISSION: "Admission",
    StatementKind.RETRACTION: "Retraction",
    StatementKind.ASSESSMENT: "Assessment",
}

STATEMENT_MODES = {StatementMode.QUOTE: "Quote", StatementMode.PARAPHRASE: "Paraphrase"}

ACTOR_KINDS = {
    ActorKind.PERSON: "Person",
    ActorKind.ORGANIZATION: "Organization",
    ActorKind.GOVERNMENT: "Government body",
    ActorKind.STATE: "State",
    ActorKind.MEDIA: "Media outlet",
    ActorKind.GROUP: "Group",
}

UPDATE_KINDS = {UpdateKind.UPDATE: "Update", UpdateKind.CORRECTION: "Correction"}


# What a statement says about one claim, in the order of the columns under each claim.
STANCES: dict[Stance, str] = {
    Stance.SUPPORTS: "Supports",
    Stance.CONTRADICTS: "Contradicts",
    Stance.QUESTIONS: "Questions",
    Stance.MENTIONS: "Mentions",
}

EVIDENCE_KINDS = {
    EvidenceKind.PHOTO: "Photo",
    EvidenceKind.VIDEO: "Video",
    EvidenceKind.AUDIO: "Audio recording",
    EvidenceKind.DOCUMENT: "Document",
    EvidenceKind.SATELLITE_IMAGE: "Satellite image",
    EvidenceKind.DATASET: "Dataset",
    EvidenceKind.OTHER: "Other material",
}

ASSESSMENTS = {
    Assessment.AUTHENTIC: "Authentic: shown as it was recorded, in its true context",
    Assessment.MISCAPTIONED: "Miscaptioned: genuine, but presented as something it does not show",
    Assessment.EDITED: "Edited: altered or cut in a way that changes what it shows",
    Assessment.STAGED: "Staged: recorded to deceive",
    Assessment.FABRICATED: "Fabricated: made up or generated",
    Assessment.UNASSESSED: "Not yet assessed",
}

# ISO 15924 scripts written right to left, for text in a language that uses one.
RTL_SCRIPTS = frozenset(
    {"Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"}
)

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# --- Words for values ------------------------------------------------------------------------


def partial_date(value: PartialDate) -> str:
    """A partial date at its own precision: '2024', 'September 2024', '10 September 2024'."""
    if value.month is None:
        return str(value.year)
    month = MONTHS[value.month - 1]
    if value.day is None:
        return f"{month} {value.year}"
    return f"{value.day} {month} {value.year}"


def full_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


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
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def figure(given: Figure) -> str:
    """A figure in words: '471', '100 to 300' (with an en dash), 'at least 500', 'up to 300'."""
    if given.value is not None:
        text = number(given.value)
    elif given.min is not None and given.max is not None:
        text = f"{number(given.min)}\N{EN DASH}{number(given.max)}"
    elif given.min is not None:
        text = f"at least {number(given.min)}"
    else:
        assert given.max is not None  # the checks require a value, a min or a max
        text = f"up to {number(given.max)}"
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
