"""Share cards: what each says, how it is drawn in any script, and the cache that keeps them."""

from __future__ import annotations

import dataclasses
import html
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from PIL import Image

from generator import cards
from generator.archive import load_archive
from generator.cards import Card, Cards, card_for, draw, kept_card
from generator.model import VerificationState
from generator.publish import SiteInfo
from generator.site import SiteOutput, site_output, write_cards
from generator.structure import SiteIndex

from .conftest import FIXTURES, NOW, ROOT
from .stories import story

MULTILINGUAL = FIXTURES / "multilingual"
TEMPLATES = ROOT / "theme" / "markdown"
SITE = SiteInfo(name="Briefings", url="https://briefings.example.org/")


@pytest.fixture(scope="module")
def index() -> SiteIndex:
    archive = load_archive(MULTILINGUAL, NOW)
    assert archive.errors == ()
    return SiteIndex(archive, "en")


def _card(index: SiteIndex, briefing: str) -> Card:
    view = index.by_id[briefing]
    return card_for(
        view, index.stories.thread(view), site_name="Briefings", site_language=index.language
    )


def _image(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png)).convert("RGB")


def _ink_columns(image: Image.Image, top: int, bottom: int) -> tuple[int, int]:
    """The leftmost and rightmost columns where a band of rows has dark ink."""
    band = image.crop((0, top, image.width, bottom)).convert("L")
    dark = band.point(lambda level: 255 if level < 100 else 0)
    box = dark.getbbox()
    assert box is not None, "no ink in the band"
    return box[0], box[2]


# --- What a card says ---------------------------------------------------------------------------


def test_a_card_says_the_title_key_claim_and_state_in_the_briefings_language(
    index: SiteIndex,
) -> None:
    english = _card(index, "iran-russia-ballistic-missile-transfer")
    persian = _card(index, "irib-strike-no-missile-claim")

    assert english.title is not None
    assert english.title.startswith("U.S. warns")
    assert english.state.label == "Unverified"
    assert english.state.symbol == "?"
    assert english.state.when == "Assessed 25 November 2026"
    assert english.alt == (
        "Briefings. U.S. warns of a firm response to a reported Iranian ballistic-missile "
        "transfer to Russia. Key claim: Iran has transferred ballistic missiles to Russia. "
        "Unverified. Assessed 25 November 2026."
    )
    assert persian.direction == "rtl"
    assert persian.language == "fa"
    assert persian.state.label == "نادرست"
    assert persian.key_claim == "ادعای اصلی:"
    assert "۲۰۲۵" in persian.state.when  # the date in Persian digits


def test_the_card_of_a_briefing_whose_key_claim_moved_on_says_so(tmp_path: Path) -> None:
    archive = load_archive(story(tmp_path), NOW)
    index = SiteIndex(archive, "en")

    first = _card(index, "bridge-closure")
    last = _card(index, "bridge-closure-confirmed")

    assert first.state.label == "Unverified"
    assert first.since is not None
    assert first.since.label == "Verified"
    assert first.since.when == "Assessed 1 October 2024"
    assert "Unverified. Assessed 10 September 2024. Since then: Verified." in first.alt
    assert last.since is None


def test_a_changed_verdict_gives_the_card_a_new_address(index: SiteIndex) -> None:
    card = _card(index, "iran-russia-ballistic-missile-transfer")
    verified = dataclasses.replace(
        card, state=dataclasses.replace(card.state, label="Verified", state="verified")
    )

    assert re.fullmatch(
        r"cards/iran-russia-ballistic-missile-transfer-[0-9a-f]{16}\.png", card.name
    )
    assert verified.name != card.name
    assert dataclasses.replace(card).name == card.name


def test_a_title_in_a_script_the_fonts_lack_is_left_to_the_page(index: SiteIndex) -> None:
    card = _card(index, "iran-russia-ballistic-missile-transfer")
    han = dataclasses.replace(card, title=None)

    assert cards.drawable("Песков: صداوسیما IRIB שלום Հայաստան ქართული हिन्दी ✓ ◐ ⇄ ↺ ✗ ∅ ≈")
    assert not cards.drawable("伊朗向俄罗斯转让弹道导弹")
    # The card still draws, with its state and date, and says what it shows.
    assert _image(draw(han)).size == (1200, 630)


# --- How it is drawn ------------------------------------------------------------------------------


def test_the_card_is_a_1200_by_630_png_and_the_same_card_gives_the_same_bytes(
    index: SiteIndex,
) -> None:
    card = _card(index, "kramatorsk-fake-bbc-video")

    first, second = draw(card), draw(dataclasses.replace(card))

    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    assert _image(first).size == (cards.WIDTH, cards.HEIGHT) == (1200, 630)
    assert first == second


def test_a_persian_title_is_joined_as_persian_is_written(index: SiteIndex) -> None:
    card = _card(index, "irib-strike-no-missile-claim")
    joined = dataclasses.replace(card, title="صداوسیما")
    # The same letters kept apart by zero-width non-joiners: their isolated forms.
    apart = dataclasses.replace(card, title="\u200c".join("صداوسیما"))

    assert _image(draw(joined)).tobytes() != _image(draw(apart)).tobytes()


def test_a_right_to_left_card_starts_its_lines_at_the_right_edge(index: SiteIndex) -> None:
    persian = dataclasses.replace(_card(index, "irib-strike-no-missile-claim"), title="صداوسیما")
    english = dataclasses.replace(_card(index, "iran-russia-ballistic-missile-transfer"),
                                  title="Missiles")  # fmt: skip

    # The title's row: a short word sits against the start edge of its language.
    rtl_left, rtl_right = _ink_columns(_image(draw(persian)), 128, 200)
    ltr_left, ltr_right = _ink_columns(_image(draw(english)), 128, 200)

    assert rtl_right > 1100
    assert rtl_left > 600
    assert ltr_left < 100
    assert ltr_right < 600


def test_a_long_title_is_cut_with_an_ellipsis_on_its_third_line(index: SiteIndex) -> None:
    font = cards._font("Bold", 54)
    words = " ".join(["verification"] * 40)

    lines = cards._lines(words, font.getlength, 1072, 3)

    assert len(lines) == 3
    assert lines[-1].endswith(" …")
    assert all(font.getlength(line) <= 1072 for line in lines)


def test_without_raqm_a_card_in_a_language_that_needs_it_is_drawn_in_the_sites(
    index: SiteIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cards, "shaping", lambda: False)
    monkeypatch.setattr(cards, "_font", cards._font.__wrapped__)  # not the raqm fonts cached

    persian = _card(index, "irib-strike-no-missile-claim")
    russian = _card(index, "kramatorsk-fake-bbc-video")

    # Persian needs its letters joined and its lines right to left: the card says in English
    # what it can, and leaves the Persian title and claim to the page.
    assert (persian.language, persian.direction) == ("en", "ltr")
    assert persian.title is None
    assert persian.claim is None
    assert persian.state.label == "False"
    # Russian needs neither.
    assert russian.language == "ru"
    assert russian.title is not None
    assert _image(draw(persian)).size == _image(draw(russian)).size == (1200, 630)


def test_the_card_colours_are_the_light_palettes_state_colours() -> None:
    css = (ROOT / "theme" / "assets" / "stylesheets" / "briefings.css").read_text("utf-8")
    light = css[css.index(":root {") : css.index("}")]

    for state in VerificationState:
        assert f"--briefing-{state.value}: {cards.STATE_COLOURS[state]};" in light


# --- The cache ------------------------------------------------------------------------------------


def test_a_cached_card_is_not_drawn_again(
    index: SiteIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = _card(index, "iran-russia-ballistic-missile-transfer")
    first = kept_card(card, tmp_path).read_bytes()

    def no_drawing(card: Card) -> bytes:
        raise AssertionError("drawn again")

    monkeypatch.setattr(cards, "draw", no_drawing)

    assert kept_card(card, tmp_path).read_bytes() == first
    assert list(tmp_path.rglob("*.part")) == []


@pytest.fixture(scope="module")
def built(index: SiteIndex, tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteOutput, Path]:
    """The multilingual archive's output, made in this process, and the cache of its cards
    (empty before: each card is drawn when it is first asked for)."""
    cache = tmp_path_factory.mktemp("cards")
    return site_output(index.archive, TEMPLATES, SITE, workers=1, cache_dir=cache), cache


def test_a_build_with_a_warm_cache_draws_no_card_and_writes_the_same_ones(
    built: tuple[SiteOutput, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    output, cache = built
    archive = load_archive(MULTILINGUAL, NOW)
    cold = dict(output.cards)

    monkeypatch.setattr(cards, "draw", lambda card: pytest.fail("drawn again"))
    warm = site_output(archive, TEMPLATES, SITE, workers=1, cache_dir=cache)

    assert len(cold) == len(archive.shown) == 5
    assert dict(warm.cards) == cold


def test_the_site_gets_each_card_as_drawn_and_a_preview_writes_it_once(
    built: tuple[SiteOutput, Path], tmp_path: Path
) -> None:
    output, _ = built
    site = tmp_path / "site"

    write_cards(output.cards, site)

    assert {name: (site / name).read_bytes() for name in output.cards} == dict(output.cards)
    # A preview's next build leaves the cards it wrote, and writes one that went missing
    # (`mkdocs serve` without --dirty empties the site between builds).
    first, second, *_ = output.cards
    (site / first).unlink()
    (site / second).write_bytes(b"left as it was")
    write_cards(output.cards, site, skip=set(output.cards))
    assert (site / first).read_bytes() == output.cards[first]
    assert (site / second).read_bytes() == b"left as it was"


@pytest.mark.slow  # a process of its own, started afresh, draws the cards
def test_cards_missing_from_the_cache_are_drawn_by_a_process_of_their_own(
    index: SiteIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = _card(index, "iran-russia-ballistic-missile-transfer")
    many = [
        dataclasses.replace(card, briefing=f"{card.briefing}-{n}", title=f"{card.title} ({n})")
        for n in range(cards.MIN_DRAWN)
    ]
    expected = [draw(each) for each in many]

    drawn = Cards(many, tmp_path, workers=1)
    monkeypatch.setattr(cards, "draw", lambda card: pytest.fail("drawn in the build's process"))

    assert list(drawn) == [each.name for each in many]
    assert [drawn[each.name] for each in many] == expected
    assert len(list(tmp_path.rglob("*.png"))) == cards.MIN_DRAWN


def test_every_briefing_page_names_its_card_with_its_size_and_text_alternative(
    index: SiteIndex, built: tuple[SiteOutput, Path]
) -> None:
    output, _ = built

    for view in index.briefings:
        front_matter = yaml.safe_load(output.pages[view.page].split("---\n")[1])
        card = front_matter["card"]
        article = json.loads(front_matter["structured_data"])[0]
        name = card["url"].removeprefix(SITE.url)
        assert name in output.cards
        assert name.startswith(f"cards/{view.briefing.id}-")
        assert (card["width"], card["height"]) == (1200, 630)
        assert card["alt"].startswith("Briefings. ")
        assert article["image"] == {
            "@type": "ImageObject",
            "url": card["url"],
            "width": 1200,
            "height": 630,
            "caption": html.unescape(card["alt"]),
        }
