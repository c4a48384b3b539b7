"""The states' colours, measured: every two tell apart side by side in either palette, and
every state's words read on the page, on the state's own tint and, on a share card or a
stance mark, with the page's colour on the state's (`generator/tables.py`, held to the
stylesheet by tests/copies.py). The state's symbol and words go with its colour everywhere,
so a reader who cannot tell two colours apart still reads the state."""

from __future__ import annotations

import itertools

import pytest

from generator.cards import PAPER
from generator.model import VerificationState
from generator.tables import STATE_TABLE

from .colours import ciede2000, contrast, difference, mixed

LIGHT_PAGE = "#ffffff"
DARK_PAGE = "#1e2129"
"""Material's slate background, hsl(225deg 15% 14%) (`--md-default-bg-color`)."""
TINT = 0.14
"""The strongest tint of a state's colour under words in that colour: the verdict banner's
title (`color-mix(in srgb, var(--briefing-state) 14%, transparent)`)."""
APART = 20
"""The least CIEDE2000 difference between two states' colours: the old unverified and
disputed browns, 12.7 apart, were hard to tell apart in a history's bars."""
AA = 4.5

PALETTES = {
    "light": ({state: row.light for state, row in STATE_TABLE.items()}, LIGHT_PAGE),
    "dark": ({state: row.dark for state, row in STATE_TABLE.items()}, DARK_PAGE),
}


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [  # Sharma, Wu and Dalal's test data, pairs 1, 2, 7, 17 and 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_the_colour_difference_is_ciede2000(
    one: tuple[float, float, float], other: tuple[float, float, float], expected: float
) -> None:
    assert ciede2000(one, other) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(other, one) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("palette", PALETTES)
def test_every_two_states_colours_tell_apart_side_by_side(palette: str) -> None:
    colours, _ = PALETTES[palette]

    close = {
        f"{one.value} and {other.value}": round(difference(colours[one], colours[other]), 1)
        for one, other in itertools.combinations(VerificationState, 2)
        if difference(colours[one], colours[other]) < APART
    }

    assert close == {}


@pytest.mark.parametrize("palette", PALETTES)
def test_every_states_words_read_on_the_page_and_on_its_own_tint(palette: str) -> None:
    colours, page = PALETTES[palette]

    faint = {
        state.value: (round(contrast(colour, page), 2), round(contrast(colour, tint), 2))
        for state, colour in colours.items()
        if min(contrast(colour, page), contrast(colour, tint := mixed(colour, page, TINT))) < AA
    }

    assert faint == {}


def test_a_share_cards_words_read_on_every_states_colour() -> None:
    # The card writes the state in white on its light colour; a stance mark writes the page's
    # colour on the state's, which is the same pair of colours the other way round.
    assert PAPER == LIGHT_PAGE
    assert {s.value: round(contrast(PAPER, row.light), 2) for s, row in STATE_TABLE.items()
            if contrast(PAPER, row.light) < AA} == {}  # fmt: skip
