"""Pictures of the briefing page: a claim's history, who stands where, figures on one scale.

Expectations are read from the briefing's YAML, not from the code that draws the pictures."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from html import unescape

import pytest
import yaml

from generator.archive import load_archive
from generator.locale import locale_for
from generator.model import Figure, HistoryEntry, Stance, VerificationState
from generator.pictures import (
    MIN_BAR,
    NOW_ROOM,
    claim_timeline,
    figure_scale,
    nice_top,
    over_time,
    stance_map,
    text_width,
)
from generator.render import render_briefing
from generator.site import render_site
from generator.structure import SiteIndex
from generator.views import FigureGroup, FigureRow

from .conftest import FIXTURES, NOW, PRIVATE, ROOT

REAL = FIXTURES / "real"
AL_AHLI = "al-ahli-hospital-explosion"
TEMPLATES = ROOT / "theme" / "markdown"


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    archive = load_archive(REAL, NOW)
    assert archive.errors == ()
    return SiteIndex(archive)


@pytest.fixture(scope="module")
def page(index: SiteIndex) -> str:
    return render_briefing(index.archive, index.by_id[AL_AHLI].briefing, TEMPLATES)


def _data() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((REAL / f"{AL_AHLI}.yaml").read_text("utf-8"))


# --- A claim's history --------------------------------------------------------------------------


def _timelines(page: str) -> list[str]:
    return re.findall(
        r'<svg class="briefing-picture briefing-picture--timeline".*?</svg>', page, re.S
    )


@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_claims_history_is_drawn_as_its_states_in_order_dated_as_the_history(
    page: str, number: int
) -> None:
    claim = _data()["claims"][number - 1]
    states = [*claim["verification"]["history"], claim["verification"]]
    svg = next(s for s in _timelines(page) if f'"States of claim {number}: ' in s)

    drawn = re.findall(r'<g class="briefing-state--([a-z-]+)[^"]*"><text[^>]*>(.*?)</text>', svg)
    # Every state of the history, then the current one, each from the day the file gives it.
    days = [f"{d.day} {d:%B %Y}" for d in (s.get("date") or s["as_of"] for s in states)]
    words = [STATE_LABELS[s["state"]] for s in states]
    assert [state for state, _ in drawn] == [s["state"] for s in states]
    assert [unescape(text).split(" ", 1)[1] for _, text in drawn] == [
        *(f"{said} from {day}" for said, day in zip(words[:-1], days[:-1], strict=True)),
        f"{words[-1]} since {days[-1]} (current)",
    ]
    # The text alternative says the same.
    label = unescape(re.search(r'aria-label="([^"]*)"', svg)[1])  # type: ignore[index]
    assert (
        label
        == f"States of claim {number}: "
        + ", ".join(unescape(text).split(" ", 1)[1] for _, text in drawn)
        + "."
    )


def test_a_claims_history_is_spaced_by_the_time_each_state_was_held(index: SiteIndex) -> None:
    for view in index.by_id[AL_AHLI].claims:
        drawn = claim_timeline(view, locale_for("en"))
        assert drawn is not None
        steps = drawn.steps
        first, last = steps[0].date, steps[-1].date
        axis = drawn.width - NOW_ROOM
        for step, after in itertools.pairwise(steps):
            # Each bar runs from its day to the next state's on one axis from the first day
            # to the last assessment: three days are drawn shorter than five weeks.
            assert step.x == pytest.approx(
                axis * (step.date - first).days / (last - first).days, abs=0.1
            )
            held = axis * (after.date - step.date).days / (last - first).days
            assert step.width == pytest.approx(max(held, MIN_BAR), abs=0.1)
            assert after.y > step.y  # a row each, so that no words overlap
        # The current state goes on past the last assessment, to the edge.
        assert steps[-1].current
        assert steps[-1].x + steps[-1].width == drawn.width
    disputed = claim_timeline(index.by_id[AL_AHLI].claims[0], locale_for("en"))
    assert disputed is not None
    # Unverified for 2 days, disputed for 38: the second bar is 19 times the first.
    assert disputed.steps[1].width == pytest.approx(19 * disputed.steps[0].width, rel=0.01)


def test_a_state_replaced_on_the_day_it_was_given_is_still_drawn(index: SiteIndex) -> None:
    view = index.by_id[AL_AHLI].claims[0]
    as_of = view.claim.verification.as_of
    same_day = replace(view, history=(HistoryEntry(date=as_of, state=VerificationState.DISPUTED),))

    drawn = claim_timeline(same_day, locale_for("en"))

    assert drawn is not None
    assert [(s.x, s.width) for s in drawn.steps] == [(0, MIN_BAR), (0, drawn.width)]


def test_a_continued_claims_history_starts_as_the_briefing_it_continues_left_it(
    index: SiteIndex,
) -> None:
    # The briefing before it in the story gave each claim its state as of a day: the history
    # the later briefing draws gives that state from that same day, as the story page and the
    # "Earlier in the story" line say.
    data = _data()
    earlier = yaml.safe_load((REAL / f"{AL_AHLI}-first-reports.yaml").read_text("utf-8"))
    before = {c["id"]: c["verification"] for c in earlier["claims"]}
    continued = [c for c in data["claims"] if c.get("continues")]

    assert continued
    for claim in continued:
        was = before[claim["continues"].split("/")[1]]
        view = next(c for c in index.by_id[AL_AHLI].claims if c.claim.id == claim["id"])
        drawn = claim_timeline(view, locale_for("en"))
        assert drawn is not None
        steps = [(step.state.value, step.date) for step in drawn.steps]
        assert (was["state"], was["as_of"]) in steps
        assert all(day >= was["as_of"] for _, day in steps)


def test_a_claim_never_assessed_otherwise_has_no_timeline(index: SiteIndex) -> None:
    view = index.by_id["tianjin-video-shared-as-mossad-explosion"]

    assert all(claim_timeline(claim, locale_for("en")) is None for claim in view.claims)


def test_a_right_to_left_page_draws_the_history_from_the_right(index: SiteIndex) -> None:
    claim = next(c for c in index.by_id[AL_AHLI].claims if c.history)

    ltr = claim_timeline(claim, locale_for("en"))
    rtl = claim_timeline(claim, locale_for("fa"))

    assert ltr is not None
    assert rtl is not None
    assert [s.x for s in ltr.steps] == sorted(s.x for s in ltr.steps)
    assert [s.x for s in rtl.steps] == sorted((s.x for s in rtl.steps), reverse=True)
    assert (ltr.text_x, rtl.text_x) == (0, rtl.width)
    for left, right in zip(ltr.steps, rtl.steps, strict=True):
        assert right.x == pytest.approx(rtl.width - left.x - left.width, abs=0.1)


# --- Who stands where ---------------------------------------------------------------------------


def test_the_stance_map_shows_each_actors_stance_on_each_claim(page: str) -> None:
    data = _data()
    claims = [claim["id"] for claim in data["claims"]]
    names = {actor["id"]: actor["name"] for actor in data["actors"]}
    expected: dict[str, list[list[str]]] = {}
    for statement in data["statements"]:
        cells = expected.setdefault(names[statement["actor"]], [[] for _ in claims])
        for claim, stance in (statement.get("about") or {}).items():
            if stance not in cells[claims.index(claim)]:
                cells[claims.index(claim)].append(stance)
    expected = {name: cells for name, cells in expected.items() if any(cells)}

    table = re.search(r'<div class="briefing-stance-map">.*?</table>', page, re.S)
    assert table is not None
    rows = re.findall(r'<tr><th scope="row"><a href="#actor-[^"]+">(.*?)</a></th>(.*?)</tr>',
                      table[0])  # fmt: skip
    shown = {
        unescape(name): [re.findall(r"briefing-stance-mark--([a-z]+)", cell)
                         for cell in re.findall(r"<td>(.*?)</td>", cells)]
        for name, cells in rows
    }  # fmt: skip

    assert len(expected) >= 5
    assert len(claims) >= 3
    assert shown == expected
    # Each mark is said in words to a screen reader, and explained in the legend.
    assert table[0].count('class="briefing-visually-hidden">Supports<') == sum(
        cell.count("supports") for cells in expected.values() for cell in cells
    )
    legend = re.search(r'<p class="briefing-stance-legend".*?</p>', page, re.S)
    assert legend is not None
    assert all(word in legend[0] for word in ("Supports", "Contradicts", "Questions"))


def test_a_briefing_where_one_actor_takes_a_stance_has_no_stance_map(index: SiteIndex) -> None:
    archive = load_archive(FIXTURES / "valid", NOW)
    view = SiteIndex(archive).briefings[0]
    takers = {g.actor.id for g in view.by_actor for s in g.statements if s.positions}

    assert (stance_map(view) is None) == (len(takers) < 2)


# --- Figures on one scale ------------------------------------------------------------------------


def _group(*figures: Figure) -> FigureGroup:
    index = SiteIndex(load_archive(FIXTURES / "valid", NOW))
    statement = index.briefings[0].by_actor[0].statements[0]
    return FigureGroup("killed", tuple(FigureRow(statement, f) for f in figures))


def test_figures_of_one_quantity_are_drawn_on_one_axis_from_zero_to_a_round_number() -> None:
    scale = figure_scale(
        _group(
            Figure(quantity="killed", value=471),
            Figure(quantity="killed", min=200, max=300),
            Figure(quantity="killed", min=500),
        )
    )

    assert scale is not None
    point, closed, open_ended = scale.extents
    # The axis ends at 600: the round number past 500, since "at least 500" goes on upwards.
    assert scale.top == 600
    assert (point.low, point.high) == (78.5, 78.5)
    assert (closed.low, closed.high) == (33.33, 50.0)
    assert (open_ended.low, open_ended.high, open_ended.open_high) == (83.33, 100.0, True)


@pytest.mark.parametrize(
    ("largest", "top"),
    [(471, 500), (342, 400), (181, 200), (57, 60), (1200, 1200), (4, 4), (0.35, 0.4), (9.5, 10)],
)
def test_an_axis_ends_at_the_first_round_number_at_or_past_the_largest_figure(
    largest: float, top: float
) -> None:
    assert nice_top(largest) == top


def test_figures_in_different_units_or_alone_are_not_drawn() -> None:
    assert figure_scale(_group(Figure(quantity="killed", value=3))) is None
    assert (
        figure_scale(
            _group(
                Figure(quantity="x", value=3, unit="km"), Figure(quantity="x", value=3, unit="mi")
            )
        )
        is None
    )


def _given(data: dict) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    """(statement id, quantity) -> the figure as the YAML gives it."""
    found = {}
    for statement in data["statements"]:
        figures = statement.get("figure") or []
        for figure in [figures] if isinstance(figures, dict) else figures:
            found[statement["id"], figure["quantity"]] = figure
    return found


def test_each_figure_is_drawn_in_its_own_column_against_a_labelled_axis(page: str) -> None:
    given = _given(_data())
    tables = re.findall(r'<table class="briefing-figures">.*?</table>', page, re.S)
    drawn = [t for t in tables if "briefing-figures__bar" in t]

    assert drawn
    for table in drawn:
        quantity = unescape(re.search(r"for “(.*?)”</caption>", table)[1])  # type: ignore[index]
        ends = re.search(r'<td class="briefing-figures__axis" aria-hidden="true"><div><span>'
                         r"(.*?)</span><span>(.*?)</span>", table)  # fmt: skip
        assert ends is not None
        assert ends[1] == "0"
        top = float(ends[2].replace(",", ""))
        said = re.findall(r'<tr><td><a href="#statement-([^"]+)">', table)
        bars = re.findall(r'<td class="briefing-figures__bar" aria-hidden="true">(.*?)</td>', table)
        assert len(bars) == len(said) >= 2
        numbers: list[float] = []
        for statement, bar in zip(said, bars, strict=True):
            figure = given[statement, quantity]
            numbers += [figure[k] for k in ("value", "min", "max") if k in figure]
            x, width = map(float, re.findall(r'<rect (?:class="[^"]*" )?x="([\d.]+)" y="[\d.]+" '
                                             r'width="([\d.]+)"', bar)[-1])  # fmt: skip
            if "value" in figure:  # a mark 2 wide on the value, within the track
                assert x <= 100 * figure["value"] / top <= x + width
                assert (width, x >= 0, x + width <= 100) == (2, True, True)
            else:  # a range from its low end (or 0) to its high end (or the axis's end)
                assert x == pytest.approx(100 * figure.get("min", 0) / top, abs=0.01)
                assert x + width == pytest.approx(100 * figure.get("max", top) / top, abs=0.01)
        # One axis from zero to a round number no lower than any figure given.
        assert max(numbers) <= top < 2 * max(numbers)


def _figures_expected(data: dict) -> dict[str, list[tuple[str, list[str]]]]:  # type: ignore[type-arg]
    """From a briefing's YAML: claim id -> (quantity, [statement ids by date, undated last])
    in the order each quantity is first given. A figure goes under the claim it names, else
    under each claim its statement supports, contradicts or questions."""
    found: dict[str, dict[str, list[tuple[tuple[int, str], str]]]] = {}
    for n, statement in enumerate(data["statements"]):
        given = statement.get("figure") or []
        for figure in [given] if isinstance(given, dict) else given:
            about = statement.get("about") or {}
            claims = (
                [figure["claim"]]
                if "claim" in figure
                else [c for c, stance in about.items() if stance != "mentions"]
            )
            when = statement.get("date")
            key = (0, f"{when}") if when else (1, "")
            for claim in claims:
                found.setdefault(claim, {}).setdefault(figure["quantity"], []).append(
                    ((key[0], key[1] + f"#{n:04}"), statement["id"])
                )
    return {
        claim: [(q, [sid for _, sid in sorted(rows)]) for q, rows in quantities.items()]
        for claim, quantities in found.items()
    }


@pytest.mark.parametrize("briefing", [AL_AHLI, "tianjin-video-shared-as-mossad-explosion",
                                      "bolsonaro-ambassadors-voting-machines"])  # fmt: skip
def test_figures_stand_under_the_claims_their_statement_takes_a_side_on_or_names(
    index: SiteIndex, briefing: str
) -> None:
    data = yaml.safe_load((REAL / f"{briefing}.yaml").read_text("utf-8"))
    expected = _figures_expected(data)

    shown = {
        claim.claim.id: [(g.quantity, [r.statement.statement.id for r in g.rows])
                         for g in claim.figures]
        for claim in index.by_id[briefing].claims if claim.figures
    }  # fmt: skip

    assert shown == expected


def test_a_figure_stands_under_no_claim_its_statement_only_mentions(index: SiteIndex) -> None:
    view = index.by_id[AL_AHLI]
    # The ministry's 200-300 supports the air-strike claim and only mentions the toll, but
    # names the toll: it is shown under the toll alone.
    estimate = next(s for s in view.statements if s.statement.id == "moh-initial-estimate")
    assert estimate.statement.about["death-toll-471"] is Stance.MENTIONS

    under = [c.claim.id for c in view.claims for g in c.figures for r in g.rows
             if r.statement is estimate]  # fmt: skip

    assert under == ["death-toll-471"]
    assert view.claims[0].figures == ()


def test_each_claim_has_one_table_per_quantity_with_its_rows_by_date(page: str) -> None:
    data = _data()
    dates = {s["id"]: s.get("date") for s in data["statements"]}
    claims = re.split(r'<h3 id="claim-', page)[1:]

    for claim in claims:
        captions = re.findall(r"<caption>Figures given for “(.*?)”</caption>", claim)
        assert len(captions) == len(set(captions))
        for table in re.findall(r'<table class="briefing-figures">.*?</table>', claim, re.S):
            said = re.findall(r'<tr><td><a href="#statement-([^"]+)">', table)
            days = [dates[s] for s in said]
            dated = [d for d in days if d]
            assert days == dated + [None] * (len(days) - len(dated))
            assert [str(d) for d in dated] == sorted(str(d) for d in dated)


def test_stance_marks_are_distinct_and_all_stances_have_one() -> None:
    from generator.pictures import STANCE_SYMBOLS

    assert set(STANCE_SYMBOLS) == set(Stance)
    assert len(set(STANCE_SYMBOLS.values())) == len(Stance)


# --- Counts over time -----------------------------------------------------------------------------


def _numbers(page: str, caption: str) -> dict[str, dict[str, str]]:
    """The numbers table of the chart whose caption starts with `caption`: period -> row
    name -> number, as the page shows them."""
    chart = re.search(
        rf'<div class="briefing-chart">\n<p class="briefing-chart__caption">{caption}.*?</table>',
        page, re.S,
    )  # fmt: skip
    assert chart is not None, caption
    heads = [unescape(h) for h in re.findall(r'<th scope="col">(.*?)</th>', chart[0])[1:]]
    return {
        unescape(period): dict(zip(heads, re.findall(r"<td>(.*?)</td>", cells), strict=True))
        for period, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', chart[0])
    }


def test_months_are_counted_by_month_up_to_two_years_and_by_year_beyond() -> None:
    days = [date(2024, 1, 5), date(2024, 1, 20), date(2024, 3, 1), date(2026, 2, 2)]

    monthly = over_time({VerificationState.FALSE: days[:3]}, date(2024, 1, 1), date(2024, 12, 31))
    yearly = over_time({VerificationState.FALSE: days}, date(2024, 1, 1), date(2026, 3, 1))

    assert monthly is not None
    assert yearly is not None
    assert [bar.count for bar in monthly.strips[0].bars] == [2, 0, 1] + [0] * 9
    assert [p.start for p in yearly.periods] == [
        date(2024, 1, 1),
        date(2025, 1, 1),
        date(2026, 1, 1),
    ]
    assert [bar.count for bar in yearly.strips[0].bars] == [3, 0, 1]
    assert over_time({VerificationState.FALSE: days}, date(2020, 1, 1), date(2020, 6, 1)) is None


def test_the_home_page_counts_briefings_per_month_and_state_as_published() -> None:
    archive = load_archive(FIXTURES / "archive", NOW, desk=PRIVATE)
    pages = render_site(archive, TEMPLATES)
    home = pages["index.md"]
    # Expected from the files: each public briefing's month of publication, under the state
    # of its key claim, a story's continued key claim counted once (SPEC §5b).
    data = {b.id: b for b in archive.shown}
    expected: dict[str, Counter[str]] = {}
    counted = {claim.continues.split("/")[0] for b in archive.shown for claim in b.claims
               if claim.continues and claim.continues.split("/")[0] in data
               and claim.id == b.key_claim.id}  # fmt: skip
    for briefing in archive.shown:
        if briefing.id in counted:
            continue
        state = briefing.key_claim.verification.state
        assert briefing.published is not None
        month = f"{briefing.published:%B %Y}"
        expected.setdefault(month, Counter())[STATE_LABELS[state.value]] += 1

    shown = _numbers(home, "Briefings per month, January 2025 \u2013 November 2026")
    recent = _numbers(home, "Briefings per month, December 2025 \u2013 November 2026")

    assert len(shown) == 23
    for month, row in shown.items():
        assert {k: int(v) for k, v in row.items() if v != "0"} == dict(expected.get(month, {}))
    assert list(recent) == list(shown)[-12:]
    # The last 12 months name only the states of briefings published in them.
    for month, row in recent.items():
        assert {k: v for k, v in row.items() if v != "0"} == {
            k: v for k, v in shown[month].items() if v != "0"
        }


def test_an_actor_page_counts_statements_per_month_by_stance(index: SiteIndex) -> None:
    expected: dict[str, Counter[str]] = {}
    for path in sorted(REAL.glob("*.yaml")):  # every public briefing that quotes the actor
        data = yaml.safe_load(path.read_text("utf-8"))
        for statement in data["statements"]:
            if statement["actor"] != "daniel-hagari" or not statement.get("about"):
                continue
            said = str(statement.get("date") or data["published"])
            month = f"{date(int(said[:4]), int(said[5:7]), 1):%B %Y}"
            for stance in set(statement["about"].values()):
                expected.setdefault(month, Counter())[stance.capitalize()] += 1

    pages = render_site(index.archive, TEMPLATES)
    shown = _numbers(pages["actors/daniel-hagari.md"], "Statements per month")

    assert {m: {k: int(v) for k, v in row.items() if v != "0"} for m, row in shown.items()
            if any(v != "0" for v in row.values())} == expected  # fmt: skip


STATE_LABELS = {
    "unverified": "Unverified", "partially-verified": "Partially verified",
    "verified": "Verified", "disputed": "Disputed", "misleading": "Misleading",
    "unfounded": "Unfounded", "false": "False", "retracted": "Retracted",
}  # fmt: skip


def test_a_chart_says_how_many_of_the_briefings_it_spans_it_counts(index: SiteIndex) -> None:
    pages = render_site(index.archive, TEMPLATES)
    home = pages["index.md"]
    published = [yaml.safe_load(p.read_text("utf-8"))["published"] for p in REAL.glob("*.yaml")]
    # The first al-Ahli and Kakhovka briefings' key claims are assessed again in later ones:
    # each claim is counted once.
    shown = _numbers(home, "Briefings per year, 2023 \u2013 2026")
    counted = sum(int(n) for row in shown.values() for n in row.values())

    assert (counted, len(published)) == (5, 7)
    assert (
        f"{counted} of the {len(published)} briefings published in this period are counted" in home
    )
    # Every year from the first briefing published, counted or not, to this one.
    assert list(shown) == [str(year) for year in range(min(published).year, NOW.year + 1)]


@pytest.mark.parametrize("language", ["en", "ru", "fa"])
def test_the_names_under_a_chart_are_written_where_they_fit(language: str) -> None:
    locale = locale_for(language)
    first, last = date(2025, 12, 1), date(2026, 11, 25)

    drawn = over_time(
        {VerificationState.UNVERIFIED: [date(2026, 10, 2)]}, first, last, locale=locale
    )

    assert drawn is not None
    named = [p for p in drawn.periods if p.named]
    assert named[0].start == first
    assert [p.name for p in drawn.periods] == [locale.short_period(m, False) for m in
                                               (p.start for p in drawn.periods)]  # fmt: skip
    for line in ([(p.name, p.x) for p in named], [(y.name, y.x) for y in drawn.years_named]):
        spans = sorted((x - text_width(name, 11) / 2, x + text_width(name, 11) / 2)
                       for name, x in line)  # fmt: skip
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))
        assert all(low >= 0 and high <= drawn.width for low, high in spans)
    # December's year and the next year's both, each under its own months.
    assert [y.name for y in drawn.years_named] == [locale.short_period(date(y, 1, 1), True)
                                                   for y in (2025, 2026)]  # fmt: skip
