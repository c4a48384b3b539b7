"""Remake the share cards' fonts from Debian's `fonts-noto-core`.

    python generator/fonts/make.py /usr/share/fonts/truetype/noto

Pillow lays a line out with one font, so each weight is one font: Noto Sans (Latin, Greek,
Cyrillic) merged with the Noto Sans of the other scripts the cards draw, and the symbols of the
verification states from Noto Sans Math and Noto Sans Symbols 2. All are Noto fonts of 1000
units per em under the SIL Open Font License 1.1 (`OFL.txt`), which allows this. The files are
committed: a build reads them and never fetches a font.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import merge, subset
from fontTools.ttLib import TTFont

SCRIPTS = ("Arabic", "Hebrew", "Armenian", "Georgian", "Devanagari")
"""Scripts drawn besides Latin, Greek and Cyrillic; Han, Kana and Hangul fonts weigh 10 MB
or more each, so a card in those scripts leaves its title to the page (`generator.cards`)."""

SYMBOLS = {"NotoSansMath": "⇄≈∅↺", "NotoSansSymbols2": "◐✓✗"}
"""The states' symbols (`tables.STATE_TABLE`) that Noto Sans lacks, by the font that has them."""


def _symbols(source: Path, characters: str, target: Path) -> Path:
    font = TTFont(source)
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.save(target)
    return target


def make(noto: Path, out: Path, work: Path) -> None:
    symbols = [
        _symbols(noto / f"{name}-Regular.ttf", characters, work / f"{name}.ttf")
        for name, characters in SYMBOLS.items()
    ]
    for weight in ("Regular", "Bold"):
        sources = [noto / f"NotoSans-{weight}.ttf"]
        sources += [noto / f"NotoSans{script}-{weight}.ttf" for script in SCRIPTS]
        merged = merge.Merger(merge.Options(drop_tables=["vhea", "vmtx"])).merge(
            [str(path) for path in [*sources, *symbols]]
        )
        merged.save(out / f"CardSans-{weight}.ttf")


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        make(Path(sys.argv[1]), Path(__file__).parent, Path(work))
