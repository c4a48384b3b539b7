"""Share cards: the picture a messenger or a social network shows when a briefing is shared.

One PNG per public briefing, 1200x630 (the size Open Graph and X's large card ask for): the
site's name, the briefing's title, its key claim, the claim's state in words with its symbol
and colour, and the day it was assessed; when a newer briefing of its story has assessed the
claim again, that too, so that an old card never outlives its verdict. `card_for` says what a
card shows, as plain data; `draw` makes its PNG with Pillow.

Text is laid out by Pillow's raqm engine (HarfBuzz shaping, FriBiDi for the bidirectional
algorithm), so a Persian title is joined and runs right to left, with its Latin words in
place. The fonts come with the package (`fonts/`, made by `fonts/make.py`): one font per
weight that covers Latin, Greek, Cyrillic, Arabic, Hebrew, Armenian, Georgian and Devanagari,
since raqm lays a line out in one font. A title or claim in a script those fonts lack (Han,
Kana, Hangul...) is left to the page: the card would otherwise show empty boxes.

A card is named by the digest of what it shows (`Card.name`), so a changed verdict is a new
address, which platforms that keep pictures fetch again. Drawing is the only costly step, so
cards are kept in a cache folder by that digest and the versions of what draws them
(`kept_card`): a build draws only the cards of briefings whose card changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache, cached_property, partial
from pathlib import Path

from fontTools import unicodedata
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, features
from PIL import __version__ as pillow_version

from .locale import Locale, locale_for
from .model import VerificationState
from .progress import DRAWING, SILENT, Progress, Tally
from .stories import Thread
from .tables import STATE_TABLE, every_row
from .views import BriefingView
from .vocabulary import direction, state_words

WIDTH, HEIGHT = 1200, 630
FOLDER = "cards/"
"""Where the cards are, under the site root."""

FONTS = Path(__file__).parent / "fonts"
DESIGN = 3
"""Raise when the drawing changes: every card gets a new name and is drawn again."""

STATE_COLOURS: dict[VerificationState, str] = {
    state: row.light for state, row in every_row(STATE_TABLE, VerificationState).items()
}
"""The light palette's state colours (`tables.STATE_TABLE`), each dark enough for white text
on it and for itself on white."""

INK, MUTED, PAPER, BAND = "#1b1f24", "#4d5560", "#ffffff", "#37474f"
MARGIN = 64


@dataclass(frozen=True)
class Said:
    """A state as the card says it: in words, with its symbol, colour and day."""

    state: str
    label: str
    symbol: str
    colour: str
    when: str
    """'Assessed 10 September 2024', in the card's language."""


@dataclass(frozen=True)
class Card:
    """What one card shows, every word already in the briefing's language."""

    briefing: str
    site: str
    title: str | None
    """None when the card's fonts cannot draw it (see the module's docstring)."""
    key_claim: str
    claim: str | None
    state: Said
    since_label: str
    since: Said | None
    """The key claim's newest state in a later briefing of its story, if it has moved."""
    language: str
    direction: str
    alt: str
    """The card's text alternative: what it shows, as a sentence."""

    @cached_property  # once: a build that draws no card still names every one, twice
    def digest(self) -> str:
        shown = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(f"{DESIGN}\n{shown}".encode()).hexdigest()[:16]

    @property
    def name(self) -> str:
        """The card's path under the site root."""
        return f"{FOLDER}{self.briefing}-{self.digest}.png"


def _said(state: VerificationState, as_of: str, locale: Locale) -> Said:
    words = state_words(state, locale)
    return Said(state.value, words.label, words.symbol, STATE_COLOURS[state], as_of)


def card_for(view: BriefingView, thread: Thread, *, site_name: str, site_language: str) -> Card:
    """What the card of a public briefing shows: its key claim's state, and the state its
    `thread` gives it since, when a later briefing of its story assessed it again."""
    b = view.briefing
    language = b.lang or site_language
    locale = locale_for(language)
    if not drawable(locale.word("briefing.key-claim")):
        # Without raqm, a card in a language that needs it is drawn in the site's.
        language = site_language
        locale = locale_for(language)
    key_claim = locale.word("briefing.key-claim")
    key = view.key_claim.claim
    said = _said(
        key.verification.state,
        locale.word("briefing.assessed", date=locale.full_date(key.verification.as_of)),
        locale,
    )
    since = None
    newer = thread.key
    if newer is not None:
        when = locale.word("briefing.assessed", date=locale.full_date(newer.as_of))
        since = _said(newer.state, when, locale)
    title = b.title if drawable(b.title) else None
    claim = key.text if drawable(key.text) else None
    sentence = [
        _sentence(site_name),
        title and _sentence(title),
        key_claim,
        claim and _sentence(claim),
    ]
    sentence.append(f"{said.label}. {said.when}.")
    if since is not None:
        sentence.append(f"{locale.word('story.since-then')} {since.label}. {since.when}.")
    return Card(
        briefing=b.id,
        site=site_name,
        title=title,
        key_claim=key_claim,
        claim=claim,
        state=said,
        since_label=locale.word("story.since-then"),
        since=since,
        language=language,
        direction=direction(language),
        alt=" ".join(part for part in sentence if part),
    )


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…", "؟", "。")) else f"{text}."


@cache
def _covered() -> frozenset[int]:
    with TTFont(FONTS / "CardSans-Bold.ttf", lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def shaping() -> bool:
    """Whether Pillow lays text out with raqm, which needs FriBiDi (Debian's libfribidi0)."""
    return bool(features.check("raqm"))


UNSHAPED = frozenset({"Latn", "Grek", "Cyrl", "Armn", "Geor", "Zyyy", "Zinh", "Zzzz"})
"""Scripts drawn right without raqm: written left to right, a glyph per character."""


def drawable(text: str) -> bool:
    """Whether the card's fonts have a glyph for every character of `text` that needs one,
    and, without raqm, whether the text needs no shaping or reordering."""
    covered = _covered()
    if not all(
        ord(ch) in covered or unicodedata.category(ch)[0] in "CZ" or ch == "\u200c" for ch in text
    ):
        return False
    return shaping() or all(unicodedata.script(ch) in UNSHAPED for ch in text)


# --- Drawing -----------------------------------------------------------------------------------


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if shaping() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONTS / f"CardSans-{weight}.ttf"), size, layout_engine=layout)


def _lines(text: str, length: Callable[[str], float], width: int, limit: int) -> list[str]:
    """`text` broken between words into lines of at most `width` pixels (as `length`
    measures them), at most `limit` of them, the last ending in an ellipsis if the text goes
    on."""
    lines: list[str] = []
    words = text.split()
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if length(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    if len(lines) > limit:
        last = lines[limit - 1]
        while last and length(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines = [*lines[: limit - 1], last + " …"]
    return lines


class _Pen:
    """Writes a card's text in its language and direction, from the card's start edge."""

    def __init__(self, image: Image.Image, card: Card) -> None:
        self.draw = ImageDraw.Draw(image)
        self.card = card
        self.rtl = card.direction == "rtl"
        self.start = WIDTH - MARGIN if self.rtl else MARGIN

    def length(self, text: str, font: ImageFont.FreeTypeFont) -> float:
        if not shaping():
            return font.getlength(text)
        return font.getlength(text, direction=self.card.direction, language=self.card.language)

    def lines(self, text: str, font: ImageFont.FreeTypeFont, limit: int) -> list[str]:
        return _lines(text, partial(self.length, font=font), WIDTH - 2 * MARGIN, limit)

    def write(
        self, x: float, y: float, text: str, font: ImageFont.FreeTypeFont, fill: str, anchor: str
    ) -> None:
        if not shaping():  # only text that needs no layout is drawn then (`drawable`)
            self.draw.text((x, y), text, font=font, fill=fill, anchor=anchor)
            return
        self.draw.text((x, y), text, font=font, fill=fill, anchor=anchor,
                       direction=self.card.direction, language=self.card.language)  # fmt: skip

    def line(self, y: float, text: str, font: ImageFont.FreeTypeFont, fill: str) -> None:
        """A line from the start edge: the left, or the right in a right-to-left language."""
        self.write(self.start, y, text, font, fill, "ra" if self.rtl else "la")


def draw(card: Card) -> bytes:
    """The card as PNG bytes: the same card gives the same bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = _Pen(image, card)

    # The site's name on a band along the top, in the theme's primary colour; along the
    # bottom, the state's colour.
    pen.draw.rectangle((0, 0, WIDTH, 88), fill=BAND)
    pen.draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=card.state.colour)
    pen.line(24, card.site, _font("Regular", 32), PAPER)

    y = 128
    if card.title:
        title = _font("Bold", 54)
        for line in pen.lines(card.title, title, 3 if card.since is None else 2):
            pen.line(y, line, title, INK)
            y += 70
        y += 18
    claim = _font("Regular", 34)
    said = f"{card.key_claim} {card.claim}" if card.claim else card.key_claim
    for line in pen.lines(said, claim, 2):
        pen.line(y, line, claim, MUTED)
        y += 46

    # The state, as on the page's banner: symbol and words on the state's colour.
    y = HEIGHT - 150 if card.since is None else HEIGHT - 196
    _state(pen, card.state, y)
    if card.since is not None:
        moved = f"{card.since_label} {card.since.symbol} {card.since.label} · {card.since.when}"
        pen.line(y + 104, moved, _font("Regular", 30), card.since.colour)

    # zlib's fastest level: drawing a card takes about 29 ms against 45 ms at the default,
    # for a file of about 60 KB, on a picture that is mostly flat colour.
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _state(pen: _Pen, said: Said, y: int) -> None:
    font = _font("Bold", 44)
    label = f"{said.symbol} {said.label}"
    box = int(pen.length(label, font)) + 48
    left = pen.start - box if pen.rtl else pen.start
    pen.draw.rounded_rectangle((left, y, left + box, y + 78), radius=14, fill=said.colour)
    pen.write(left + box / 2, y + 39, label, font, PAPER, "mm")
    beside = left - 24 if pen.rtl else left + box + 24
    pen.write(beside, y + 39, said.when, _font("Regular", 30), INK, "rm" if pen.rtl else "lm")


# --- The cache -----------------------------------------------------------------------------------


@cache
def _drawn_by() -> str:
    """What else decides a card's bytes: the fonts and the library versions."""
    fonts = hashlib.sha256()
    for path in sorted(FONTS.glob("*.ttf")):
        fonts.update(path.read_bytes())
    return f"{pillow_version}-{features.version('raqm')}-{fonts.hexdigest()[:12]}"


def _kept(card: Card, cache_dir: Path) -> Path:
    return cache_dir / _drawn_by() / f"{card.digest}.png"


def kept_card(card: Card, cache_dir: Path) -> Path:
    """Where the card's PNG is kept in `cache_dir`, drawn now if it was not drawn before by
    the same fonts and libraries."""
    kept = _kept(card, cache_dir)
    if kept.exists():
        return kept
    png = draw(card)
    kept.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: two builds sharing a cache never read half a card.
    fd, temporary = tempfile.mkstemp(dir=kept.parent, suffix=".part")
    with os.fdopen(fd, "wb") as out:
        out.write(png)
    os.replace(temporary, kept)
    return kept


MIN_DRAWN = 16
"""Fewer cards to draw than this are drawn here, when they are asked for: starting a process
costs about as much."""
NICENESS = 10
"""How much lower the priority of the processes that draw cards is than the build's."""


class Cards(Mapping[str, bytes]):
    """The PNG of each card, by its name (`Card.name`), read when it is asked for.

    With a cache folder and `workers` > 0, the cards not in it yet are drawn into it in the
    background, by up to `workers` processes of their own, started afresh rather than
    forked: they need only the cards, not a copy of the archive and of the pages made so
    far. A card is read from the cache when it is asked for, waiting for it to be drawn if
    need be, so that ten thousand cards are never held in memory at once. Otherwise, a card
    is drawn, or read from the cache, when it is asked for. The cards drawn in the background
    are counted on `progress` as each is done.
    """

    def __init__(
        self,
        cards: Iterable[Card],
        cache_dir: Path | None,
        workers: int = 0,
        progress: Progress = SILENT,
    ) -> None:
        self._cards = {card.name: card for card in cards}
        self._cache_dir = cache_dir
        self._drawing: dict[str, Future[Path]] = {}
        if cache_dir is None or workers < 1:
            return
        missing = [card for card in self._cards.values() if not _kept(card, cache_dir).exists()]
        if len(missing) < MIN_DRAWN:
            return
        drawing = progress.stage(DRAWING, len(missing))
        # At a lower priority: the build waits for the cards only once the site is written.
        pool = ProcessPoolExecutor(
            min(workers, len(missing) // MIN_DRAWN),
            mp_context=multiprocessing.get_context("spawn"),
            initializer=os.nice,
            initargs=(NICENESS,),
        )
        self._drawing = {card.name: pool.submit(kept_card, card, cache_dir) for card in missing}
        pool.shutdown(wait=False)  # its processes exit once the last card is drawn
        for future in self._drawing.values():
            future.add_done_callback(partial(_drawn, drawing))

    def __getitem__(self, name: str) -> bytes:
        kept = self.kept(name)
        return draw(self._cards[name]) if kept is None else kept.read_bytes()

    def kept(self, name: str) -> Path | None:
        """Where the card is kept in the cache, once drawn; None without a cache."""
        if self._cache_dir is None:
            return None
        if (drawing := self._drawing.get(name)) is not None:
            return drawing.result()
        return kept_card(self._cards[name], self._cache_dir)

    def __iter__(self) -> Iterator[str]:
        return iter(self._cards)

    def __len__(self) -> int:
        return len(self._cards)

    def cancel(self) -> None:
        """Draw no more of them (a build that failed)."""
        for drawing in self._drawing.values():
            drawing.cancel()


def _drawn(tally: Tally, future: Future[Path]) -> None:
    """Count a card drawn; one that was cancelled or failed was not (its error is raised where
    the card is read)."""
    if not future.cancelled() and future.exception() is None:
        tally.advance()
