"""The words readers see for each closed vocabulary of the format.

Kept apart from the model (which only knows the values written in YAML) and from the templates
(which only place words on the page), so that every page type uses the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pycountry

from .model import (
    ActorKind,
    Confidence,
    PartialDate,
    Reliability,
    SourceKind,
    StatementKind,
    StatementMode,
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
    VerificationState.FALSE: StateWords("False", "Shown to be untrue by reliable evidence.", "✗"),
    VerificationState.RETRACTED: StateWords("Retracted", "Withdrawn by those who made it.", "↺"),
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

# How a statement bears on the claims it is about, for the side-by-side view under each claim.
STANCES: dict[str, tuple[str, frozenset[StatementKind]]] = {
    "supporting": (
        "Asserting",
        frozenset({StatementKind.CLAIM, StatementKind.CONFIRMATION, StatementKind.REPORT}),
    ),
    "denying": ("Denying", frozenset({StatementKind.DENIAL})),
    "questioning": ("Questioning", frozenset({StatementKind.QUESTION})),
    "reacting": (
        "Reacting",
        frozenset({StatementKind.WARNING, StatementKind.CALL, StatementKind.ANNOUNCEMENT}),
    ),
}

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


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or country.name) if country else code


_LABELS: dict[type, dict[Any, str]] = {
    type(key): table
    for table in (
        CONFIDENCE, RELIABILITY, SOURCE_KINDS, STATEMENT_KINDS,
        STATEMENT_MODES, ACTOR_KINDS, UPDATE_KINDS,
    )
    for key in table
}  # fmt: skip


def label(value: Any) -> str:
    """The reader's word for a value of a closed vocabulary."""
    return _LABELS[type(value)][value]
