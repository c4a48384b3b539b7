"""One table per closed vocabulary that the site draws or publishes: for each value of the
model, everything the site needs of it besides its words, in one row.

A verification state has a symbol, a colour in the light palette (the share cards' too) and
one in the dark, and, when it is a verdict, its ClaimReview rating; a stance has its mark in the
stance map and the state whose colour it borrows; an assessment has its MediaReview category;
a TLP label has FIRST's words and colour. A value's words in the reader's language are the
catalogues' (`generator/locales/`), under the keys `word_keys` gives.

Everything else is derived from these rows (`vocabulary.SYMBOLS`, `STATES` and `TLP`,
`cards.STATE_COLOURS`, `publish.RATINGS` and `MEDIA_CATEGORIES`, `pictures.STANCE_SYMBOLS`)
or held to them by `tests/copies.py`: the catalogues, the palettes and rules of the
stylesheet, the share cards' fonts, the JSON Schema, the scaffold, and the lists written in
the README and the site's pages. Each derivation goes through `every_row`, so a value added
to the model without a row here stops the import of what uses it, saying so, rather than
being left out of the pages.

Nothing here is read from a file: importing this module never fails, so that the check of the
copies can name every place a new value is missing from, this table included.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from .model import Assessment, Stance, Tlp, VerificationState

Value = TypeVar("Value", bound=StrEnum)
Row = TypeVar("Row")


# --- Verification states --------------------------------------------------------------------------


@dataclass(frozen=True)
class StateRow:
    symbol: str
    """Shown beside the state's words (and hidden from screen readers, which read the words).
    The share cards draw it too, so their fonts must have it (`fonts/make.py`)."""
    light: str
    """Its colour in the light palette and on share cards: dark enough for white text on it
    and for itself on white, and on its own tint under the verdict banner's title."""
    dark: str
    """Its colour in the dark (slate) palette: light enough for itself on the dark page.
    In either palette, every two states' colours are at least 20 apart by CIEDE2000, so that
    they tell apart side by side (tests/test_colours.py measures them)."""
    rating: int | None = None
    """A verdict's rating (`model.VERDICTS`) in its ClaimReview, on the 1 (false) to 5 (true)
    scale fact-checkers use; None for a state that is no verdict."""


STATE_TABLE: dict[VerificationState, StateRow] = {
    VerificationState.UNVERIFIED: StateRow("?", "#695918", "#e7c741"),
    VerificationState.PARTIALLY_VERIFIED: StateRow("◐", "#026566", "#2ac1bd", rating=3),
    VerificationState.VERIFIED: StateRow("✓", "#1b6e2a", "#73d175", rating=5),
    VerificationState.DISPUTED: StateRow("⇄", "#a35103", "#fea463"),
    VerificationState.MISLEADING: StateRow("≈", "#9b3470", "#f9b1d2", rating=2),
    VerificationState.UNFOUNDED: StateRow("∅", "#5d6574", "#d1dde4", rating=2),
    VerificationState.FALSE: StateRow("✗", "#b00020", "#fe6a6c", rating=1),
    VerificationState.RETRACTED: StateRow("↺", "#3c2d91", "#9e8fe5"),
}


# --- Stances --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StanceRow:
    symbol: str
    """Its mark in the stance map, explained by the map's legend."""
    colour: VerificationState
    """The state whose colour it is drawn in, in either palette: what supports a claim in the
    colour of verified, what contradicts it in the colour of false."""


STANCE_TABLE: dict[Stance, StanceRow] = {
    Stance.SUPPORTS: StanceRow("+", VerificationState.VERIFIED),
    Stance.CONTRADICTS: StanceRow("\u2212", VerificationState.FALSE),  # minus sign
    Stance.QUESTIONS: StanceRow("?", VerificationState.UNVERIFIED),
    Stance.MENTIONS: StanceRow("·", VerificationState.UNFOUNDED),
}


# --- Assessments of evidence ----------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentRow:
    category: str | None
    """schema.org MediaReview's MediaManipulationRatingEnumeration value, in the item's
    MediaReview; None for evidence not yet assessed, which gets none."""


ASSESSMENT_TABLE: dict[Assessment, AssessmentRow] = {
    Assessment.AUTHENTIC: AssessmentRow("OriginalMediaContent"),
    Assessment.MISCAPTIONED: AssessmentRow("DecontextualizedContent"),
    Assessment.EDITED: AssessmentRow("EditedOrCroppedContent"),
    Assessment.STAGED: AssessmentRow("StagedContent"),
    Assessment.FABRICATED: AssessmentRow("TransformedContent"),
    Assessment.UNASSESSED: AssessmentRow(None),
}


# --- Traffic Light Protocol -----------------------------------------------------------------------


@dataclass(frozen=True)
class TlpRow:
    """A Traffic Light Protocol label as FIRST's TLP 2.0 standard writes it, what it allows in
    the standard's own summary, and the colour the standard gives it (on black). The same in
    every language: the standard is what recipients know."""

    label: str
    meaning: str
    colour: str

    @property
    def key(self) -> str:
        """The label as a CSS class name: amber, amber-strict."""
        return self.label.removeprefix("TLP:").lower().replace("+", "-")


TLP_TABLE: dict[Tlp, TlpRow] = {
    Tlp.CLEAR: TlpRow(
        "TLP:CLEAR",
        "Recipients can spread this to the world, there is no limit on disclosure.",
        "#fff",
    ),
    Tlp.GREEN: TlpRow(
        "TLP:GREEN",
        "Limited disclosure, recipients can spread this within their community.",
        "#33ff00",
    ),
    Tlp.AMBER: TlpRow(
        "TLP:AMBER",
        "Limited disclosure, recipients can only spread this on a need-to-know basis within "
        "their organization and its clients.",
        "#ffc000",
    ),
    Tlp.AMBER_STRICT: TlpRow(
        "TLP:AMBER+STRICT",
        "Limited disclosure, recipients can only spread this on a need-to-know basis within "
        "their organization.",
        "#ffc000",
    ),
    Tlp.RED: TlpRow(
        "TLP:RED",
        "For the eyes and ears of individual recipients only, no further disclosure.",
        "#ff2b2b",
    ),
}


# --- The tables together --------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A closed vocabulary of the model with its table here."""

    vocabulary: type[StrEnum]
    name: str
    """What one value is, in messages: 'verification state'."""
    table: str
    """The table's name in this module."""
    rows: Mapping[Any, Any]


TABLES = (
    Table(VerificationState, "verification state", "STATE_TABLE", STATE_TABLE),
    Table(Stance, "stance", "STANCE_TABLE", STANCE_TABLE),
    Table(Assessment, "assessment", "ASSESSMENT_TABLE", ASSESSMENT_TABLE),
    Table(Tlp, "TLP label", "TLP_TABLE", TLP_TABLE),
)

WORD_GROUPS: dict[type[StrEnum], str] = {
    VerificationState: "state",
    Stance: "stance",
    Assessment: "assessment",
}
"""The catalogues' group of keys for each vocabulary's words. A TLP label has none: its words
are FIRST's, in its row."""


def word_keys(value: StrEnum) -> tuple[str, ...]:
    """The catalogue keys of a value's words: a state's or an assessment's label and meaning
    (state.verified.label, state.verified.meaning), another value's label (stance.supports);
    none for a TLP label."""
    group = WORD_GROUPS.get(type(value))
    if group is None:
        return ()
    key = f"{group}.{value.value}"
    if isinstance(value, VerificationState | Assessment):
        return (f"{key}.label", f"{key}.meaning")
    return (key,)


class MissingRow(LookupError):
    """A value of the model without its row in a table here: a mistake in the package, named
    as soon as anything derived from the table is imported."""


def every_row(table: Mapping[Value, Row], vocabulary: type[Value]) -> dict[Value, Row]:
    """The table's rows in the vocabulary's order; MissingRow if a value has none."""
    missing = [value for value in vocabulary if value not in table]
    if missing:
        [known] = [known for known in TABLES if known.vocabulary is vocabulary]
        values = ", ".join(f"'{value.value}'" for value in missing)
        raise MissingRow(
            f"{known.name} {values} has no row in generator/tables.py ({known.table}): add "
            "one. README, 'Add a value to a closed vocabulary', lists the other places a new "
            "value goes, and `python -m tests.copies` names those still missing it."
        )
    return {value: table[value] for value in vocabulary}
