"""Names in the reader's language (SPEC §2, actor `names` and `roles`): a page names each actor
in its own language where the actor has a name in it, else as registered; the other names stay
on the page, as names the actor is also known by, and the tags are checked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from generator.archive import Archive, load_archive
from generator.site import render_site
from generator.vocabulary import name_in

from .conftest import FIXTURES, NOW, TEMPLATES

MULTILINGUAL = FIXTURES / "multilingual"
PERSIAN_OR_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0600-\u06ff]")


@pytest.fixture(scope="module")
def multilingual() -> tuple[Archive, dict[str, str]]:
    """The multilingual fixtures, and their pages, rendered once for the tests that read them."""
    archive = load_archive(MULTILINGUAL, NOW)
    return archive, render_site(archive, TEMPLATES)


def _names_in_statements(page: str) -> dict[str, str]:
    """Actor id -> the name the Statements section gives the actor."""
    root = lxml.html.fromstring(page.split("\n---\n", 1)[1])
    return {
        group.get("id").removeprefix("actor-"): group.xpath("./summary/strong")[0].text_content()
        for group in root.xpath('//details[contains(@class, "briefing-actor")]')
    }


def test_each_page_names_its_actors_in_its_own_language_where_they_have_a_name_in_it(
    multilingual: tuple[Archive, dict[str, str]],
) -> None:
    archive, pages = multilingual
    checked = 0

    for briefing in archive.shown:
        language = briefing.lang or "en"
        named = _names_in_statements(pages[f"briefings/{briefing.id}.md"])
        for actor in archive.actors_of(briefing).values():
            if actor.id in named:
                expected = actor.names.get(language, actor.name)
                assert named[actor.id] == expected, (briefing.id, actor.id)
                checked += 1

    assert checked > 20


def test_an_english_page_names_no_actor_in_persian_or_cyrillic_when_it_has_an_english_name(
    multilingual: tuple[Archive, dict[str, str]],
) -> None:
    _, pages = multilingual

    for briefing_id in ("irib-strike-no-missile-claim-en", "kramatorsk-fake-bbc-video-en"):
        named = _names_in_statements(pages[f"briefings/{briefing_id}.md"])
        assert named
        assert not [name for name in named.values() if PERSIAN_OR_CYRILLIC.search(name)]


def test_a_russian_page_names_peskov_in_russian_and_an_english_page_in_english(
    multilingual: tuple[Archive, dict[str, str]],
) -> None:
    archive, pages = multilingual
    peskov = archive.registry_actors["dmitry-peskov"]

    russian = _names_in_statements(pages["briefings/kramatorsk-fake-bbc-video.md"])
    english = _names_in_statements(pages["briefings/kramatorsk-fake-bbc-video-en.md"])

    assert russian["dmitry-peskov"] == "Дмитрий Песков"
    assert english["dmitry-peskov"] == "Dmitry Peskov"
    assert name_in(peskov, "ru-RU") == "Дмитрий Песков"  # a region of the language too
    assert "пресс-секретарь Кремля" in pages["briefings/kramatorsk-fake-bbc-video.md"]


def test_the_names_in_other_languages_stay_on_the_page_as_other_names(
    multilingual: tuple[Archive, dict[str, str]],
) -> None:
    _, pages = multilingual

    english = pages["briefings/irib-strike-no-missile-claim-en.md"]
    about = english.split('id="actor-factnameh"')[1].split("</p>")[0]

    assert ">FactNameh</strong>" in english
    assert "فکت‌نامه" in about  # its registered name, among the names it is also written


def test_a_name_under_a_tag_that_is_no_language_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "valid", folder)
    registry = folder / "actors.yaml"
    text = registry.read_text(encoding="utf-8")
    written = "    name: Example Ministry of Information\n"
    registry.write_text(
        text.replace(written, written + '    names: {"e n": Ministère}\n', 1), encoding="utf-8"
    )

    archive = load_archive(folder, NOW)

    [error] = [e for e in archive.errors if "names" in e.message]
    line = next(n for n, row in enumerate(text.splitlines(), start=2) if row == written.rstrip())
    assert error.line == line
    assert "e n" in error.message
