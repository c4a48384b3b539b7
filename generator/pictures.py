"""Pictures drawn at build time, as inline SVG: where each shape goes, worked out from the data.

Each function here returns the geometry of one picture as plain data; the templates write it
as SVG (`theme/markdown/_pictures.md`), where every word is escaped like the rest of the page
and colours come from the stylesheet's classes, so that a picture follows the reader's palette.
No picture carries meaning by colour alone: each shape is labelled with the state's symbol
and words, or a stance's symbol explained in a legend, and each SVG has a text alternative
that says what it shows. Nothing is computed in the reader's browser.

The SVG coordinates are in units meant to be shown at about their size in pixels: a picture
360 units wide fills a phone's column at 375 px and is shown no wider than 480 px, so that its
12-unit text is read at the size of the page's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .locale import Locale
from .model import Actor, Stance, VerificationState
from .structure import BriefingView, ClaimView, FigureGroup
from .vocabulary import state_words

WIDTH = 360
"""Width of a picture of the briefing page, in SVG units."""


# --- A claim's history ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One state of a claim's history: a bar from the day it was assessed so."""

    state: VerificationState
    date: date
    current: bool
    x: float
    y: float
    width: float
    text_x: float
    """Where its words start: the bar's left end, or its right end on a right-to-left page."""


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]
    height: int
    anchor: str
    """SVG text-anchor of every label: 'start', or 'end' on a right-to-left page."""
    width: int = WIDTH


STEP_HEIGHT = 46
GAP = 6
LONG_LABEL = 16
"""Characters of a state's words beyond which two steps, not three, share a row."""


def claim_timeline(claim: ClaimView, locale: Locale) -> Timeline | None:
    """The states a claim has been in, oldest first, as steps in rows of three (two when a
    state's words are long in the page's language), each starting with its date, right to
    left in a language written so; None for a claim never assessed otherwise."""
    if not claim.history:
        return None
    states = [(entry.state, entry.date, False) for entry in claim.history]
    verification = claim.claim.verification
    states.append((verification.state, verification.as_of, True))
    rtl = locale.direction == "rtl"
    longest = max(len(state_words(state, locale).label) for state, _, _ in states)
    per_row = 2 if longest > LONG_LABEL else 3
    width = (WIDTH - GAP * (per_row - 1)) / per_row
    steps = []
    for n, (state, day, current) in enumerate(states):
        row, column = divmod(n, per_row)
        x = column * (width + GAP)
        if rtl:
            x = WIDTH - x - width
        steps.append(
            Step(
                state,
                day,
                current,
                round(x, 1),
                row * STEP_HEIGHT,
                round(width, 1),
                round(x + width if rtl else x, 1),
            )
        )
    rows = (len(states) + per_row - 1) // per_row
    return Timeline(tuple(steps), rows * STEP_HEIGHT, "end" if rtl else "start")


# --- Who stands where ---------------------------------------------------------------------------


STANCE_SYMBOLS = {
    Stance.SUPPORTS: "+",
    Stance.CONTRADICTS: "\u2212",  # minus sign
    Stance.QUESTIONS: "?",
    Stance.MENTIONS: "·",
}
"""Each stance's mark in the stance map, explained by its legend."""


@dataclass(frozen=True)
class StanceRow:
    actor: Actor
    cells: tuple[tuple[Stance, ...], ...]
    """For each claim, the stances the actor's statements take on it, in the briefing's order
    (one actor may first question a claim, then contradict it)."""


@dataclass(frozen=True)
class StanceMap:
    claims: tuple[ClaimView, ...]
    rows: tuple[StanceRow, ...]
    stances: tuple[Stance, ...]
    """The stances the map shows, in the legend's order."""


def stance_map(view: BriefingView) -> StanceMap | None:
    """Actors against claims: what each actor's statements say of each claim. Shown when two
    actors or more take a stance, since a map of one row says no more than its statements."""
    rows = []
    for group in view.by_actor:
        cells: list[list[Stance]] = [[] for _ in view.claims]
        for item in group.statements:
            for position in item.positions:
                cell = cells[position.number - 1]
                if position.stance not in cell:
                    cell.append(position.stance)
        if any(cells):
            rows.append(StanceRow(group.actor, tuple(tuple(cell) for cell in cells)))
    if len(rows) < 2:
        return None
    shown = {stance for row in rows for cell in row.cells for stance in cell}
    return StanceMap(view.claims, tuple(rows), tuple(s for s in STANCE_SYMBOLS if s in shown))


# --- Figures of one quantity ----------------------------------------------------------------------


@dataclass(frozen=True)
class Extent:
    """One figure on the group's common scale, in percent of the scale: a point (`low` ==
    `high`) or a range; an open range ends at the scale's edge."""

    low: float
    high: float
    open_low: bool = False
    open_high: bool = False


def figure_extents(group: FigureGroup) -> tuple[Extent, ...] | None:
    """Each figure of a group on one scale from 0 to the largest number given (a quarter
    more when a range is open upwards), when there are two figures or more, all in the same
    unit, none negative; else None."""
    figures = [row.figure for row in group.rows]
    if len(figures) < 2 or len({figure.unit for figure in figures}) > 1:
        return None
    numbers = [n for f in figures for n in (f.value, f.min, f.max) if n is not None]
    if min(numbers) < 0 or max(numbers) <= 0:
        return None
    # A range open upwards ("at least 500") goes on past the largest number given.
    top = max(numbers) * (1.25 if any(f.min is not None and f.max is None for f in figures) else 1)

    def at(n: float) -> float:
        return round(100 * n / top, 2)

    extents = []
    for f in figures:
        if f.value is not None:
            extents.append(Extent(at(f.value), at(f.value)))
        else:
            low, high = f.min, f.max
            extents.append(Extent(at(low or 0), at(high if high is not None else top),
                                  low is None, high is None))  # fmt: skip
    return tuple(extents)
