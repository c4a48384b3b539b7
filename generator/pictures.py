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

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .locale import Locale, locale_for
from .model import Actor, Stance, VerificationState
from .structure import ActorEntry, Group
from .tables import STANCE_TABLE, every_row
from .views import BriefingView, ClaimView, FigureGroup
from .vocabulary import label, state_words

WIDTH = 360
"""Width of a picture of the briefing page, in SVG units."""


# --- A claim's history ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One state of a claim's history: its words on a row of their own, and under them a bar
    from the day it was assessed so to the day the next state was, on the history's time
    axis."""

    state: VerificationState
    date: date
    current: bool
    y: float
    """The top of its row."""
    x: float
    width: float
    """Its bar, on the time axis."""


@dataclass(frozen=True)
class Timeline:
    steps: tuple[Step, ...]
    height: int
    text_x: int
    """Where every row's words start: the left edge, or the right one on a right-to-left page
    (the SVG takes the page's direction, so that its words start there with text-anchor
    'start')."""
    width: int = WIDTH

    def baseline(self, step: Step) -> float:
        return step.y + TEXT_BASELINE

    def bar_top(self, step: Step) -> float:
        return step.y + BAR_TOP


STEP_HEIGHT = 32
TEXT_BASELINE = 13
BAR_TOP = 19
BAR_HEIGHT = 8
NOW_ROOM = 48
"""The width of the current state's bar, past the last day assessed: it goes on."""
MIN_BAR = 4
"""A state held for a day or less is still drawn this wide."""


def claim_timeline(claim: ClaimView, locale: Locale) -> Timeline | None:
    """The states a claim has been in, oldest first, a row each: its words and the day it was
    assessed so, above a bar on one time axis from the first day to `as_of`, so that a state
    held for three days is drawn shorter than one held for five weeks; the current state's bar
    goes on past `as_of`. Right to left in a language written so. None for a claim never
    assessed otherwise."""
    if not claim.history:
        return None
    verification = claim.claim.verification
    states = [(entry.state, entry.date) for entry in claim.history]
    states.append((verification.state, verification.as_of))
    first, last = states[0][1], verification.as_of
    axis = WIDTH - NOW_ROOM
    days = (last - first).days

    def at(day: date) -> float:
        return axis * (day - first).days / days if days else 0.0

    rtl = locale.direction == "rtl"
    steps = []
    for n, (state, day) in enumerate(states):
        current = n == len(states) - 1
        x = at(day)
        end = WIDTH if current else max(at(states[n + 1][1]), x + MIN_BAR)
        width = end - x
        if rtl:
            x = WIDTH - x - width
        steps.append(Step(state, day, current, n * STEP_HEIGHT, round(x, 1), round(width, 1)))
    return Timeline(tuple(steps), len(steps) * STEP_HEIGHT, WIDTH if rtl else 0)


# --- Who stands where ---------------------------------------------------------------------------


STANCE_SYMBOLS = {stance: row.symbol for stance, row in every_row(STANCE_TABLE, Stance).items()}
"""Each stance's mark in the stance map (`tables.STANCE_TABLE`), explained by its legend."""


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
    symbols: Mapping[Stance, str] = field(default_factory=lambda: STANCE_SYMBOLS)
    """Each stance's mark."""


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

    @property
    def point(self) -> bool:
        return self.low == self.high

    @property
    def x(self) -> float:
        """Where its shape starts: a point's mark, 2 wide, is centred on it and kept within
        the track."""
        return min(max(self.low - MARK / 2, 0), 100 - MARK) if self.point else self.low

    @property
    def width(self) -> float:
        return MARK if self.point else round(self.high - self.low, 2)


MARK = 2
"""The width of a single figure's mark, in percent of the track."""


@dataclass(frozen=True)
class FigureScale:
    """The figures of one quantity on one axis from zero, each drawn in its own cell of the
    same width so that every row's track starts and ends at the same place."""

    extents: tuple[Extent, ...]
    """Each figure, in the order of the group's rows."""
    top: float
    """The number at the axis's far end, written under it beside 0: a round number at or
    above the largest figure, and past an open range ("at least 500") so that it is seen to
    go on."""


NICE = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
"""The first digits of a scale's end: 500, 600, 800, 1,000, 1,200."""
OPEN_ROOM = 1.2
"""How far past its start a range open upwards is drawn, at least, before the scale ends."""


def nice_top(largest: float) -> float:
    """The smallest round number (`NICE` times a power of ten) at or above `largest` > 0."""
    power = 10 ** math.floor(math.log10(largest))
    for first in NICE:
        top = float(f"{first * power:.6g}")  # 1.2 * 0.1 is 0.12, not 0.12000000000000001
        if top >= largest * (1 - 1e-9):
            return top
    raise AssertionError("NICE ends at 10, above any number's first digits")


def figure_scale(group: FigureGroup) -> FigureScale | None:
    """Each figure of a group on one scale from 0 to a round number at or above the largest
    number given (and past the start of a range open upwards), when there are two figures or
    more, all in the same unit, none negative; else None."""
    figures = [row.figure for row in group.rows]
    if len(figures) < 2 or len({figure.unit for figure in figures}) > 1:
        return None
    numbers = [n for f in figures for n in (f.value, f.min, f.max) if n is not None]
    if min(numbers) < 0 or max(numbers) <= 0:
        return None
    # A range open upwards ("at least 500") goes on past the largest number given.
    open_starts = [f.min for f in figures if f.min is not None and f.max is None]
    top = nice_top(max([*numbers, *(n * OPEN_ROOM for n in open_starts)]))

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
    return FigureScale(tuple(extents), top)


# --- Counts over time -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One column of a chart over time: a month, or a year."""

    start: date
    by_year: bool
    x: float
    """The column's centre."""
    name: str
    """Its name as the axis writes it: "Sep", "сент.", "2024"."""
    named: bool = True
    """Whether its name is written: all when they fit side by side, else one in every two
    (or three...), so that no two names touch."""


@dataclass(frozen=True)
class Year:
    """The year of a run of months, written under the months' names, centred on them."""

    name: str
    x: float


@dataclass(frozen=True)
class Bar:
    count: int
    x: float
    y: float
    """The top of the bar."""
    height: float


@dataclass(frozen=True)
class Strip:
    """One row of a chart over time: the counts of one state or stance, period by period."""

    key: VerificationState | Stance
    y: float
    """The row's baseline."""
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Strips:
    """Counts over time as small multiples: a row per state (or stance) with a bar per
    period, all on one scale, each row named in words, each bar with its number. A reader
    reads a row without telling colours apart."""

    periods: tuple[Period, ...]
    strips: tuple[Strip, ...]
    height: int
    label_width: int
    bar_width: float
    years_named: tuple[Year, ...] = ()
    """The years under a chart by month, those that fit."""
    width: int = WIDTH

    @property
    def axis(self) -> float:
        """Where the periods' names are written, under the last row."""
        return len(self.strips) * ROW + 14

    @property
    def years(self) -> float:
        """Where the years of a chart by month are written, under the months."""
        return self.axis + 13


ROW = 34
BAR_ROOM = 22
"""Height of the tallest bar; the rest of a row holds its number."""
LABEL_WIDTH = 118
"""The room for the rows' names, at least; more when a name is longer, up to LABEL_MOST."""
LABEL_MOST = 180
MONTHS_AT_MOST = 24
"""A longer span is counted by year."""
NAME_SIZE = 12
"""The size of a row's name, as the stylesheet draws it (`.briefing-picture text`)."""
DATE_SIZE = 11
"""The size of the periods' and years' names (`.briefing-picture__date`)."""
SPACE = 6
"""The least room between two names written side by side."""


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of `text` drawn at `size` px in the page's sans-serif:
    wider than Arial, Roboto, Noto Sans or DejaVu Sans draw it, so that what is judged to
    fit does (the browser tests measure the pictures as drawn)."""
    width = 0.0
    for character in text:
        if unicodedata.east_asian_width(character) in "WF":
            width += 1.0
        elif character in " .,:;'!|iIlj()[]":
            width += 0.34
        elif character.isupper() or character in "mwMW\u2014\u2013":
            width += 0.8
        else:
            width += 0.6
    return width * size


def _month(day: date) -> date:
    return day.replace(day=1)


def _months(first: date, last: date) -> list[date]:
    months, current = [], _month(first)
    while current <= last:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def last_months(now: date, count: int = 12) -> tuple[date, date]:
    """The first and last day of the `count` months up to and including `now`'s."""
    first = _month(now)
    for _ in range(count - 1):
        first = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    return first, now


Key = VerificationState | Stance


@dataclass(frozen=True)
class Said:
    """How a row of a chart is named: symbol and words, and the class that colours it."""

    symbol: str
    label: str
    class_: str


def said(key: Key, locale: Locale) -> Said:
    """A state's or a stance's symbol, words and class, for a row of a chart."""
    if isinstance(key, VerificationState):
        wording = state_words(key, locale)
        return Said(wording.symbol, wording.label, f"briefing-state--{key.value}")
    return Said(STANCE_SYMBOLS[key], label(key, locale),
                f"briefing-picture__stance briefing-stance-mark--{key.value}")  # fmt: skip


def _fitting(labels: Sequence[tuple[str, float, int]]) -> list[int]:
    """Of labels written on one line, (text, centre, weight), the indexes of those written:
    the weightiest first, each only where it touches none already written."""
    placed: list[tuple[float, float]] = []
    kept = []
    for n in sorted(range(len(labels)), key=lambda n: -labels[n][2]):
        text, centre, _ = labels[n]
        half = text_width(text, DATE_SIZE) / 2
        if all(centre + half + SPACE <= low or centre - half - SPACE >= high
               for low, high in placed):  # fmt: skip
            placed.append((centre - half, centre + half))
            kept.append(n)
    return sorted(kept)


def over_time(
    dated: Mapping[Key, Sequence[date]],
    first: date,
    last: date,
    *,
    locale: Locale | None = None,
    names: Mapping[Key, str] | None = None,
) -> Strips | None:
    """Counts of dated things by key (in `dated`'s order), between `first` and `last`:
    by month over 24 months or fewer, else by year. Keys with nothing in the span get no
    row; None when nothing at all falls in it. Names are written where they fit, at the
    sizes the stylesheet gives them: a period's name in one column of every so many, so that
    none touch, and a year under the run of its months, when there is room for it; the
    rows' names (`names`, by key) get the room the longest needs, within limits."""
    locale = locale or locale_for("en")
    rtl = locale.direction == "rtl"
    months = _months(first, last)
    by_year = len(months) > MONTHS_AT_MOST
    starts = sorted({m.replace(month=1) for m in months}) if by_year else months
    slot = {start: n for n, start in enumerate(starts)}
    counts: dict[Key, list[int]] = {}
    for key, days in dated.items():
        row = [0] * len(starts)
        for day in days:
            if first <= day <= last:
                row[slot[_month(day).replace(month=1) if by_year else _month(day)]] += 1
        if any(row):
            counts[key] = row
    if not counts:
        return None
    longest = max((text_width(names[key], NAME_SIZE) for key in counts), default=0) if names else 0
    label_width = round(min(max(LABEL_WIDTH, longest + SPACE), LABEL_MOST))
    top = max(max(row) for row in counts.values())
    room = (WIDTH - label_width) / len(starts)
    bar = min(room * 0.7, 24)

    def centre(n: int) -> float:
        x = label_width + room * (n + 0.5)
        return round(WIDTH - x if rtl else x, 1)

    strips = []
    for r, (key, row) in enumerate(counts.items()):
        base = (r + 1) * ROW
        bars = tuple(
            Bar(count, round(centre(n) - bar / 2, 1), round(base - BAR_ROOM * count / top, 1),
                round(BAR_ROOM * count / top, 1))
            for n, count in enumerate(row)
        )  # fmt: skip
        strips.append(Strip(key, base, bars))

    period_names = [locale.short_period(start, by_year) for start in starts]
    widest = max(text_width(name, DATE_SIZE) for name in period_names) + SPACE
    every = max(1, math.ceil(widest / room))
    periods = tuple(
        Period(start, by_year, centre(n), period_names[n], n % every == 0)
        for n, start in enumerate(starts)
    )
    years: tuple[Year, ...] = ()
    if not by_year:
        runs: dict[int, list[int]] = {}
        for n, start in enumerate(starts):
            runs.setdefault(start.year, []).append(n)
        candidates = []
        for year, columns in runs.items():
            name = locale.short_period(date(year, 1, 1), True)
            half = text_width(name, DATE_SIZE) / 2
            middle = (centre(columns[0]) + centre(columns[-1])) / 2
            candidates.append((name, round(min(max(middle, half), WIDTH - half), 1), len(columns)))
        years = tuple(Year(candidates[n][0], candidates[n][1]) for n in _fitting(candidates))
    height = len(strips) * ROW + (18 if by_year else 31)
    return Strips(periods, tuple(strips), height, label_width, round(bar, 1), years)


@dataclass(frozen=True)
class Chart:
    """A chart over time with its caption: the catalogue's key, and the span it covers."""

    strips: Strips
    caption: str
    first: date
    last: date
    names: tuple[Said, ...]
    """How each of its rows is named, in the page's language."""
    counted: int = 0
    """How many things it counts."""
    total: int = 0
    """How many there are in its span: more than it counts when a story's briefings count
    once (`archive_charts`)."""

    @property
    def by_year(self) -> bool:
        return self.strips.periods[0].by_year


def _chart(
    dated: Mapping[Key, Sequence[date]],
    first: date,
    last: date,
    locale: Locale,
    caption: str,
    every: Sequence[date] | None = None,
) -> Chart | None:
    names = {key: said(key, locale) for key in dated}
    drawn = over_time(
        dated,
        first,
        last,
        locale=locale,
        names={key: f"{name.symbol} {name.label}" for key, name in names.items()},
    )
    if drawn is None:
        return None
    by = "year" if drawn.periods[0].by_year else "month"
    counted = sum(bar.count for strip in drawn.strips for bar in strip.bars)
    total = counted if every is None else sum(1 for day in every if first <= day <= last)
    return Chart(
        drawn,
        caption.format(by=by),
        first,
        last,
        tuple(names[strip.key] for strip in drawn.strips),
        counted,
        max(total, counted),
    )


def archive_charts(
    groups: Sequence[Group],
    today: date,
    locale: Locale,
    *,
    published: Sequence[date] | None = None,
) -> tuple[Chart, ...]:
    """Briefings by the month they were published and the state their key claim is counted
    in today (`groups`: `SiteIndex.by_state`, or one state's): over the last 12 months, then
    over all time when the archive is older than that. `published`, the publication days of
    every briefing the page lists, says how many of them each chart counts: a key claim
    assessed again in a later briefing counts once, so a story of two briefings counts one."""
    dated: dict[Key, list[date]] = {
        VerificationState(g.key): [
            v.briefing.published for v in g.briefings if v.briefing.published
        ]
        for g in groups
    }
    days = [day for group in dated.values() for day in group]
    if not days:
        return ()
    first, last = last_months(today)
    charts = [_chart(dated, first, last, locale, "pictures.recent", published)]
    # Over all time: from the first briefing published, counted or not.
    oldest = min([*days, *(published or ())])
    if oldest < first:
        start = _month(oldest)
        end = max(max(days), today)
        charts.append(_chart(dated, start, end, locale, "pictures.all-by-{by}", published))
    return tuple(chart for chart in charts if chart is not None)


def actor_chart(entry: ActorEntry, locale: Locale) -> Chart | None:
    """An actor's statements by the month they were made and the stance they take on the
    claims they are about; a statement dated to the year alone, or not at all, by its
    briefing's publication."""
    dated: dict[Key, list[date]] = {stance: [] for stance in STANCE_SYMBOLS}
    for item in entry.statements:
        when = item.statement.statement.date
        day = (
            date(when.year, when.month, 1) if when and when.month else item.view.briefing.published
        )
        if day is None:
            continue
        for stance in {position.stance for position in item.statement.positions}:
            dated[stance].append(day)
    days = [day for group in dated.values() for day in group]
    if not days:
        return None
    return _chart(dated, min(days), max(days), locale, "pictures.actor-by-{by}")
