"""A text whose letters are mostly in a script its language is not written in gets a note:
a `lang` that names the wrong language, or a quote in another language without its `lang`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.archive import load_archive
from generator.errors import BriefingError

from .conftest import FIXTURES, NOW
from .positions import location


def _briefing(folder: Path, *edits: tuple[str, str]) -> str:
    """The valid fixture archive in `folder`, its briefing edited; the briefing's text."""
    shutil.copytree(FIXTURES / "valid", folder, dirs_exist_ok=True)
    path = folder / "sample-briefing.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def _notes(folder: Path) -> list[str]:
    archive = load_archive(folder, NOW)
    assert archive.errors == ()
    return [str(note).split(".yaml:", 1)[1] for note in archive.notes]


ENGLISH = ("tlp: CLEAR\n", "tlp: CLEAR\nlang: en\n")
RUSSIAN_TITLE = (
    "title: Sample agency says the river bridge closed <b>today</b> & *tomorrow*",
    "title: Агентство сообщило, что мост через реку закрыт",
)


def test_a_briefing_in_english_whose_title_is_in_cyrillic_gets_a_note(tmp_path: Path) -> None:
    text = _briefing(tmp_path, ENGLISH, RUSSIAN_TITLE)

    notes = _notes(tmp_path)

    where = location(text, "title: Агентство", "Агентство")
    assert notes == [
        f"{where}: title is mostly in Cyrillic script, but the briefing's language, English "
        "(lang: en), is written in Latin script; set lang: to the language the briefing is in"
    ]


def test_a_briefing_whose_language_is_not_declared_gets_no_note(tmp_path: Path) -> None:
    # Its language is the site's, which `check` does not know.
    _briefing(tmp_path, RUSSIAN_TITLE)

    assert _notes(tmp_path) == []


def test_names_and_words_in_another_script_inside_a_text_get_no_note(tmp_path: Path) -> None:
    _briefing(
        tmp_path,
        ENGLISH,
        (
            "title: Sample agency says the river bridge closed <b>today</b> & *tomorrow*",
            "title: Kremlin spokesman Дмитрий Песков says the bridge closed («мост закрыт»)",
        ),
    )

    assert _notes(tmp_path) == []


def test_a_quote_in_another_script_without_its_lang_gets_a_note(tmp_path: Path) -> None:
    said = "text: The bridge is closed <until further notice>."
    text = _briefing(tmp_path, ENGLISH, (said, "text: Мост закрыт до особого распоряжения."))

    notes = _notes(tmp_path)

    where = location(text, "text: Мост", "Мост")
    assert notes == [
        f"{where}: text is mostly in Cyrillic script, but it has no lang:, and the briefing's "
        "language, English (lang: en), is written in Latin script; add lang: with the "
        "language it is in"
    ]


def test_a_quote_whose_lang_names_a_language_of_another_script_gets_a_note(
    tmp_path: Path,
) -> None:
    text = _briefing(tmp_path, ("lang: fr\n    text: Le pont", "lang: ru\n    text: Le pont"))

    notes = _notes(tmp_path)

    where = location(text, "text: Le pont", "Le pont")
    assert notes == [
        f"{where}: text is mostly in Latin script, but its language, Russian (lang: ru), is "
        "written in Cyrillic script; correct lang:, or the text"
    ]


def test_a_translation_not_in_the_briefings_language_gets_a_note(tmp_path: Path) -> None:
    translated = ("translation: The bridge remains closed.", "translation: Мост остаётся закрытым.")
    text = _briefing(tmp_path, ENGLISH, translated)

    notes = _notes(tmp_path)

    where = location(text, "translation: Мост", "Мост")
    assert notes == [
        f"{where}: translation is mostly in Cyrillic script, but the briefing's language, "
        "English (lang: en), is written in Latin script; a translation is in the briefing's "
        "language: translate it into English, or correct the briefing's lang:"
    ]


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("sr", "Agencija kaže da je most zatvoren"),  # Serbian, in Latin as much as Cyrillic
        ("sr", "Агенција каже да је мост затворен"),
        ("ja", "橋は閉鎖されたと当局が発表"),  # Han and kana: Japanese
        ("zh-Hant", "機構稱大橋已關閉"),
        ("fa", "آژانس می\u200cگوید پل بسته شد"),  # with a zero-width non-joiner
        ("uk", "Агенція повідомила, що міст закрито"),
    ],
)
def test_a_text_is_noted_only_when_its_languages_scripts_do_not_fit_it(
    tmp_path: Path, lang: str, title: str
) -> None:
    greek = "Η γέφυρα του ποταμού είναι κλειστή."
    text = _briefing(
        tmp_path,
        ("tlp: CLEAR\n", f"tlp: CLEAR\nlang: {lang}\n"),
        ("title: Sample agency says the river bridge closed <b>today</b> & *tomorrow*",
         f"title: {title}"),
        ("text: The river bridge is closed to traffic.", f"text: {greek}"),
    )  # fmt: skip

    noted = [note.split(": ", 1)[0] for note in _notes(tmp_path)]

    assert location(text, f"title: {title}", title) not in noted
    assert location(text, f"text: {greek}", greek) in noted


def test_the_addresses_of_links_in_a_summary_do_not_count_as_its_letters(tmp_path: Path) -> None:
    summary = (
        "summary: |\n  The **Sample agency** said the bridge closed. See [the notice]"
        "(https://example.org/notice).\n"
    )
    links = "".join(f" [پل](https://example.org/a-long-address-in-latin-letters-{n})" for n in "ab")
    text = _briefing(
        tmp_path,
        ("tlp: CLEAR\n", "tlp: CLEAR\nlang: fa\n"),
        (summary, f"summary: |\n  آژانس گفت که پل بسته شد.{links}\n"),
    )

    notes = _notes(tmp_path)

    # The English title and claims of this briefing declared Persian are noted; not its summary.
    assert notes
    assert not [note for note in notes if note.startswith(location(text, "summary: |") + ":")]


@pytest.mark.parametrize("folder", ["multilingual", "real"])
def test_the_real_and_multilingual_archives_get_no_note_on_their_languages(folder: str) -> None:
    archive = load_archive(FIXTURES / folder, NOW)

    assert archive.errors == ()
    assert [note for note in archive.notes if not _about_a_long_verdict(note)] == []


def _about_a_long_verdict(note: BriefingError) -> bool:
    return note.message.startswith("the claim has a verdict and is ")
