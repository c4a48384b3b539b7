"""Translations (SPEC §2, `translation_of`): a briefing names the one it translates; the checks
hold the pair together across files, each page links its other public versions in their own
languages, links from a page keep the reader in its language where a translation exists, and a
private original is named nowhere."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import feedparser
import pytest

from generator.archive import Archive, load_archive
from generator.desk import Audience, Desk, Repository
from generator.pages import briefing_page
from generator.publish import API_INDEX, FEED, SiteInfo, structured_data
from generator.site import render_site, site_output
from generator.structure import SiteIndex

from .building import build, copy_project
from .conftest import FIXTURES, NOW, PRIVATE, TEMPLATES
from .stories import briefing, write

SITE = SiteInfo(name="Desk", url="https://news.example.org/")


def _load(folder: Path) -> Archive:
    return load_archive(folder, NOW, desk=PRIVATE)


def _folder(tmp_path: Path, *briefings: dict[str, Any]) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "actors.yaml", folder)
    for data in briefings:
        write(folder, data)
    return folder


def _version(briefing_id: str, lang: str | None = None, of: str | None = None) -> dict[str, Any]:
    data = briefing(briefing_id, None, "2024-09-10", "unverified")
    if lang is not None:
        data["lang"] = lang
    if of is not None:
        data["translation_of"] = of
    return data


def _messages(archive: Archive) -> list[str]:
    """Each error, at the line of the file it names."""
    found = []
    for error in archive.errors:
        line = Path(error.path).read_text(encoding="utf-8").splitlines()[error.line - 1]
        found.append(f"{Path(error.path).name}: {line}: {error.message}; {error.hint}")
    return found


# --- Real reporting: a Russian and a Persian fact-check, each with its English translation ------


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_site(_load(FIXTURES / "multilingual"), TEMPLATES)


def test_a_translation_says_what_it_translates_and_links_its_original(
    pages: dict[str, str],
) -> None:
    english = pages["briefings/kramatorsk-fake-bbc-video-en.md"]

    assert (
        '<p class="briefing-translations">Translated from Russian. Also in '
        '<a href="../kramatorsk-fake-bbc-video/" hreflang="ru" lang="ru" dir="ltr">Русский</a>.'
        "</p>"
    ) in english


def test_an_original_links_its_translation_in_the_translations_language(
    pages: dict[str, str],
) -> None:
    russian = pages["briefings/kramatorsk-fake-bbc-video.md"]
    persian = pages["briefings/irib-strike-no-missile-claim.md"]

    assert (
        "Эта сводка на других языках: "
        '<a href="../kramatorsk-fake-bbc-video-en/" hreflang="en" lang="en" dir="ltr">English</a>.'
    ) in russian
    assert "این گزارش به زبان‌های دیگر: " in persian
    assert "Translated from" not in russian
    # Every version is listed with its language for the sitemap's hreflang links.
    assert (
        "alternates:\n"
        '  - lang: "en"\n    url: "briefings/kramatorsk-fake-bbc-video-en/"\n'
        '  - lang: "ru"\n    url: "briefings/kramatorsk-fake-bbc-video/"\n'
    ) in russian


def test_a_briefing_without_translations_lists_none(pages: dict[str, str]) -> None:
    page = pages["briefings/iran-russia-ballistic-missile-transfer.md"]

    assert "briefing-translations" not in page
    assert "alternates:" not in page


def test_the_json_ld_names_the_original_and_its_translations() -> None:
    index = SiteIndex(_load(FIXTURES / "multilingual"))
    original = index.by_id["irib-strike-no-missile-claim"]
    english = index.by_id["irib-strike-no-missile-claim-en"]

    [article, *_] = structured_data(briefing_page(index, original), SITE)
    [translated, *_] = structured_data(briefing_page(index, english), SITE)

    assert article["inLanguage"] == "fa"
    assert article["workTranslation"] == [
        {
            "@type": "NewsArticle",
            "@id": "https://news.example.org/briefings/irib-strike-no-missile-claim-en/#article",
            "url": "https://news.example.org/briefings/irib-strike-no-missile-claim-en/",
            "inLanguage": "en",
        }
    ]
    assert translated["translationOfWork"]["inLanguage"] == "fa"
    assert "workTranslation" not in translated


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return dict(site_output(_load(FIXTURES / "multilingual"), TEMPLATES, SITE).files)


def test_the_api_gives_each_briefing_its_language_and_versions(files: dict[str, bytes]) -> None:
    api = {entry["id"]: entry for entry in json.loads(files[API_INDEX])["briefings"]}

    assert api["kramatorsk-fake-bbc-video"]["lang"] == "ru"
    assert api["kramatorsk-fake-bbc-video"]["translations"] == {
        "en": "kramatorsk-fake-bbc-video-en"
    }
    assert api["irib-strike-no-missile-claim-en"]["translations"] == {
        "fa": "irib-strike-no-missile-claim"
    }
    assert api["iran-russia-ballistic-missile-transfer"]["lang"] == "en"
    assert api["iran-russia-ballistic-missile-transfer"]["translations"] == {}


# --- Keeping the reader's language ---------------------------------------------------------------


def test_a_link_from_a_page_leads_to_the_version_in_that_pages_language(tmp_path: Path) -> None:
    linking = _version("bridge-ru", "ru", of="bridge")
    linking["summary"] = "See [the port](briefing:port) and [the bridge](briefing:bridge)."
    folder = _folder(
        tmp_path,
        _version("bridge"),
        _version("port"),
        _version("port-ru", "ru", of="port"),
        linking,
    )

    pages = render_site(_load(folder), TEMPLATES)

    russian = pages["briefings/bridge-ru.md"]
    assert '<a href="../port-ru/" rel="noopener noreferrer">the port</a>' in russian
    # A link to its own original is to the original, not back to itself.
    assert '<a href="../bridge/" rel="noopener noreferrer">the bridge</a>' in russian


# --- Checks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        (
            [_version("bridge"), _version("bridge-ru", "ru", of="bridg")],
            "bridge-ru.yaml: translation_of: bridg: unknown briefing id 'bridg' in "
            "translation_of; did you mean 'bridge'?",
        ),
        (
            [_version("bridge-ru", "ru", of="bridge-ru")],
            "bridge-ru.yaml: translation_of: bridge-ru: a briefing cannot translate itself; "
            "name the original",
        ),
        (
            [_version("bridge"), _version("bridge-fr", of="bridge")],
            "bridge-fr.yaml: translation_of: bridge: bridge-fr translates bridge into the "
            "language it is written in (the site's language); set this briefing's lang to the "
            "language it is written in",
        ),
        (
            [
                _version("bridge"),
                _version("bridge-ru", "ru", of="bridge"),
                _version("bridge-fa", "fa", of="bridge-ru"),
            ],
            "bridge-fa.yaml: translation_of: bridge-ru: bridge-ru is itself a translation, of "
            "bridge; name the original: translation_of: bridge",
        ),
        (
            [
                _version("bridge"),
                _version("bridge-ru", "ru", of="bridge"),
                _version("bridge-ru2", "ru", of="bridge"),
            ],
            "bridge-ru2.yaml: translation_of: bridge: bridge already has a translation into ru: "
            "bridge-ru; keep one translation per language, or correct lang",
        ),
    ],
    ids=["unknown", "itself", "same-language", "of-a-translation", "two-into-one-language"],
)
def test_a_wrong_translation_of_is_located_with_what_to_write(
    tmp_path: Path, versions: list[dict[str, Any]], message: str
) -> None:
    archive = _load(_folder(tmp_path, *versions))

    assert _messages(archive) == [message]


# --- Privacy -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "private", [{"status": "draft"}, {"embargo_until": "2999-01-01T00:00:00Z"}]
)
def test_a_public_translation_of_a_private_original_names_it_nowhere(
    tmp_path: Path, private: dict[str, Any]
) -> None:
    folder = _folder(
        tmp_path,
        {**_version("bridge-secret"), **private},
        _version("bridge-ru", "ru", of="bridge-secret"),
    )

    output = site_output(_load(folder), TEMPLATES, SITE)

    page = output.pages["briefings/bridge-ru.md"]
    assert "briefing-translations" not in page
    assert "alternates:" not in page
    assert not any("bridge-secret" in text for text in output.pages.values())
    assert not any(b"bridge-secret" in data for data in output.files.values())


def test_each_feed_entry_is_in_its_briefings_language(files: dict[str, bytes]) -> None:
    entries = {entry.link: entry for entry in feedparser.parse(files[FEED]).entries}

    russian = entries["https://news.example.org/briefings/kramatorsk-fake-bbc-video/"]
    english = entries["https://news.example.org/briefings/kramatorsk-fake-bbc-video-en/"]
    persian = entries["https://news.example.org/briefings/irib-strike-no-missile-claim/"]
    assert russian.summary.startswith("Главное утверждение — ложно: ")
    assert "<strong>Главное утверждение: Ложно.</strong>" in russian.content[0].value
    assert english.summary.startswith("Key claim false: ")
    assert persian.summary.startswith("ادعای اصلی نادرست: ")


# --- A site read in several languages ------------------------------------------------------------


@pytest.fixture(scope="module")
def trees() -> dict[str, str]:
    site = SiteInfo(name="Desk", url="https://news.example.org/", languages=("ru", "fa"))
    return dict(site_output(_load(FIXTURES / "multilingual"), TEMPLATES, site).pages)


def _titles(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="briefing-item__title" href="([^"]+)"([^>]*)>', page)


def test_each_language_has_its_home_list_and_state_pages_in_its_own_words(
    trees: dict[str, str],
) -> None:
    for tree in ("ru/", "fa/"):
        for page in ("index.md", "briefings/index.md", "verification/index.md",
                     "verification/false.md"):  # fmt: skip
            assert tree + page in trees
    assert "# Проверенные новостные сводки" in trees["ru/index.md"]
    assert '\nlang: "ru"\n' in trees["ru/briefings/index.md"]
    assert '\nlang: "fa"\n' in trees["fa/verification/false.md"]
    assert "tags/index.md" in trees
    assert "ru/tags/index.md" not in trees  # the other indexes are the site's


def test_a_languages_list_shows_each_briefing_once_in_that_language_where_it_can(
    trees: dict[str, str],
) -> None:
    russian = _titles(trees["ru/briefings/index.md"])
    persian = _titles(trees["fa/briefings/index.md"])
    english = _titles(trees["briefings/index.md"])

    assert russian == [
        ("../../briefings/iran-russia-ballistic-missile-transfer/", ' lang="en" dir="ltr"'),
        ("../../briefings/irib-strike-no-missile-claim/", ' lang="fa" dir="rtl"'),
        ("../../briefings/kramatorsk-fake-bbc-video/", ""),  # its own, in Russian
    ]
    assert ("../../briefings/irib-strike-no-missile-claim/", "") in persian
    assert ("../../briefings/kramatorsk-fake-bbc-video/", ' lang="ru" dir="ltr"') in persian
    assert len(persian) == 3
    # The site's own list is read in its language like any other: the English versions.
    assert english == [
        ("iran-russia-ballistic-missile-transfer/", ""),
        ("irib-strike-no-missile-claim-en/", ""),
        ("kramatorsk-fake-bbc-video-en/", ""),
    ]


def test_a_languages_pages_link_within_its_tree_and_to_the_sites_other_pages(
    trees: dict[str, str],
) -> None:
    page = trees["ru/briefings/index.md"]

    assert '<a href="../verification/">' in page  # ru/verification/
    assert 'href="../verification/false/"' in page
    assert '<a href="../../actors/">' in page  # the site's actors
    assert "[Как читать сводку](../about.md)" in trees["ru/index.md"]


def test_each_home_page_links_the_others_and_lists_them_as_alternates(
    trees: dict[str, str],
) -> None:
    english, persian = trees["index.md"], trees["fa/index.md"]

    assert (
        '<p class="briefing-translations">This site in other languages: '
        '<a href="fa/" hreflang="fa" lang="fa" dir="rtl">فارسی</a>, '
        '<a href="ru/" hreflang="ru" lang="ru" dir="ltr">Русский</a>.</p>'
    ) in english
    assert '<a href="../" hreflang="en" lang="en" dir="ltr">English</a>' in persian
    alternates = (
        'alternates:\n  - lang: "en"\n    url: ""\n  - lang: "fa"\n    url: "fa/"\n'
        '  - lang: "ru"\n    url: "ru/"\n'
    )
    assert alternates in english
    assert alternates in persian


def test_a_name_in_the_other_direction_is_isolated_from_the_count_after_it(
    trees: dict[str, str],
) -> None:
    # Unisolated, "Dmitry Peskov · ۲" runs together on a Persian page, as a Persian name
    # before "· 2 statements" did on an English one ("2 · فکت‌نامه statements").
    assert (
        '<a href="../actors/dmitry-peskov/"><bdi><span lang="en" dir="ltr">Dmitry Peskov</span>'
        "</bdi></a>"
    ) in trees["fa/index.md"]
    assert (
        '<a href="actors/factnameh/"><bdi>FactNameh</bdi></a> · 2 statements</li>'
        in trees["index.md"]
    )
    assert " · <bdi>Political fact-checking website about Iran</bdi>" in trees["actors/index.md"]


def test_a_persian_page_separates_facts_with_its_comma_never_a_dot_beside_digits(
    pages: dict[str, str], trees: dict[str, str]
) -> None:
    persian, home = pages["briefings/irib-strike-no-missile-claim.md"], trees["fa/index.md"]
    text = re.sub(r"<[^>]+>", "", persian + home)

    # "۲۰۲۵ · ۳" reads as one number, its dot as a Persian zero (U+06F0), as ruff's check of
    # look-alike characters agrees.
    assert "<span>ارزیابی در ۳۰ نوامبر ۲۰۲۵</span>، <span>" in persian
    assert "</span>، <span>۳ مستقل از ۳ منبع دربارهٔ این ادعا</span>" in persian
    assert "</span>، رویداد ۱۶ ژوئن ۲۰۲۵، انتشار ۳۰ نوامبر ۲۰۲۵</span>" in home
    assert "</bdi></a>، ۲ اظهار نظر</li>" in home
    assert re.findall(r"[\u06f0-\u06f9]\s*·|·\s*[\u06f0-\u06f9]", text) == []
    assert re.findall(r">\s+،", persian + home) == []  # a comma follows its word
    assert "</span> · событие 8 апреля 2022 · опубликовано" in trees["ru/index.md"]


# --- Counting a briefing and its translations once ---------------------------------------------

# Two fact-checks, each with its English translation, and one briefing without: three works,
# five versions. Every list shows three, in its reader's language where it can, and every
# count says three.


def test_a_briefing_and_its_translations_count_once_on_every_count(
    trees: dict[str, str],
) -> None:
    home, persian = trees["index.md"], trees["fa/index.md"]

    assert "<strong>False</strong>: 2 briefings</a>" in home
    assert "<strong>نادرست</strong>: ۲ گزارش</a>" in persian
    assert (
        'href="false/"><span aria-hidden="true">✗</span> False</a> · 2 briefings<br>'
        in (trees["verification/index.md"])
    )
    assert ">fact-check</a> · 2 briefings</li>" in trees["tags/index.md"]
    assert (
        'Iran</a> <span class="briefing-code">(IR)</span> · 2 briefings</li>'
        in (trees["countries/index.md"])
    )
    # The fact-checkers' two statements each, shown in the original and its translation.
    assert '<a href="actors/factnameh/">' in home
    assert "FactNameh</bdi></a> · 2 statements</li>" in home
    assert "Supports</strong>: 2 claims" in trees["actors/dmitry-peskov.md"]


def test_a_list_shows_each_briefing_once_and_says_nothing_of_translations(
    trees: dict[str, str],
) -> None:
    false = trees["verification/false.md"]

    assert "2 briefings whose key claim is now false" in false
    assert len(_titles(false)) == 2
    assert "3 briefings, newest first." in trees["briefings/index.md"]
    assert "۳ گزارش، از تازه‌ترین." in trees["fa/briefings/index.md"]


def test_a_chart_counts_a_briefing_and_its_translations_once(trees: dict[str, str]) -> None:
    home = trees["index.md"]
    table = home[home.index("Briefings per year") :]

    # Kramatorsk's fact-check and its translation in 2022, IRIB's and its in 2025.
    assert '<tr><th scope="row">2022</th><td>0</td><td>1</td></tr>' in table
    assert '<tr><th scope="row">2025</th><td>0</td><td>1</td></tr>' in table


@pytest.mark.parametrize(
    ("original_tlp", "restricted"), [("CLEAR", ""), ("AMBER", " (1 restricted)")]
)
def test_an_internal_site_counts_a_work_restricted_when_no_version_may_be_shared(
    tmp_path: Path, original_tlp: str, restricted: str
) -> None:
    original = {**_version("bridge"), "tlp": original_tlp}
    translation = {**_version("bridge-ru", "ru", of="bridge"), "tlp": "AMBER"}
    internal = Desk(repository=Repository.PRIVATE, audience=Audience.INTERNAL)
    archive = load_archive(_folder(tmp_path, original, translation), NOW, desk=internal)

    home = render_site(archive, TEMPLATES)["index.md"]

    assert f"<strong>Unverified</strong>: 1 briefing{restricted}</a>" in home


# --- A briefing's own versions are not its neighbours ------------------------------------------


def _related(page: str) -> list[str]:
    """The briefings a briefing page lists as related, by id."""
    section = page.split("{ #related-briefings }", 1)[1].split("briefing-neighbours", 1)[0]
    return re.findall(r'class="briefing-item__title" href="\.\./([^/]+)/"', section)


def _neighbours(page: str) -> list[tuple[str, str]]:
    """(rel, id) of a briefing page's older and newer links."""
    return re.findall(r'href="\.\./([^/]+)/" rel="(prev|next)"', page)


def test_a_page_never_lists_its_own_translation_as_related_or_as_a_neighbour(
    pages: dict[str, str],
) -> None:
    persian = pages["briefings/irib-strike-no-missile-claim.md"]
    english = pages["briefings/irib-strike-no-missile-claim-en.md"]

    # Each other briefing once, in the version a reader of the page is shown: in the page's
    # language where it has been translated into it, else as first written.
    assert _related(persian) == [
        "kramatorsk-fake-bbc-video",
        "iran-russia-ballistic-missile-transfer",
    ]
    assert _related(english) == [
        "iran-russia-ballistic-missile-transfer",
        "kramatorsk-fake-bbc-video-en",
    ]
    # The English translation is the Persian fact-check's neighbour in the list of all
    # briefings, but not on its page.
    assert _neighbours(persian) == [
        ("kramatorsk-fake-bbc-video", "prev"),
        ("iran-russia-ballistic-missile-transfer", "next"),
    ]
    assert _neighbours(english) == [
        ("kramatorsk-fake-bbc-video-en", "prev"),
        ("iran-russia-ballistic-missile-transfer", "next"),
    ]


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        (("russian",), "languages: 'russian' is not a BCP 47 language tag"),
        (("pt-br",), "languages: 'pt-br' is not a BCP 47 language tag"),
        (("en",), "languages: 'en' is listed twice, or is the site's own language"),
        (("ru", "ru"), "languages: 'ru' is listed twice"),
    ],
)
def test_a_wrong_language_of_the_site_is_refused(languages: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        SiteInfo(name="Desk", url="https://news.example.org/", languages=languages)


@pytest.mark.slow
def test_a_wrong_language_in_the_plugins_options_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "valid", languages="[ru, english]")

    result = build(project)

    assert result.returncode != 0
    assert (
        "briefings: languages: 'english' is not a BCP 47 language tag such as ru, fa or pt-BR"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
