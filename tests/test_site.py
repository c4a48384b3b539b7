"""The reader's site, built from the synthetic fixture archive: every page, link and index."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import extruct
import pytest
from PIL import Image

from generator.archive import load_archive
from generator.model import VerificationState
from generator.security import content_security_policy

from .building import build, copy_project, page_of
from .conftest import FIXTURES, NOW, PRIVATE

pytestmark = pytest.mark.slow

ARCHIVE = FIXTURES / "archive"
SITE_ROOT = "http://site.test/"
SITE_URL = "https://briefings.example.org/"
"""The site's address in mkdocs.yml: the absolute URLs of the feed, JSON-LD and cards."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("fixture-site"), ARCHIVE, repository="private")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def public() -> list[str]:
    archive = load_archive(ARCHIVE, NOW, desk=PRIVATE)
    assert archive.errors == ()
    return [briefing.id for briefing in archive.shown]


def _file_for(site: Path, url: str) -> Path | None:
    """The built file a site URL serves, if any."""
    path = url.removeprefix(SITE_ROOT)
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_the_fixture_archive_is_large_and_varied_enough(public: list[str]) -> None:
    archive = load_archive(ARCHIVE, NOW, desk=PRIVATE)
    states = {b.key_claim.verification.state for b in archive.shown}

    assert len(archive.briefings) >= 30
    assert states == set(VerificationState)
    assert len(archive.shown) < len(archive.briefings), "some briefings are private"


def test_every_url_of_the_spec_exists(site: Path, public: list[str]) -> None:
    expected = ["", "briefings/", "actors/", "timeline/", "verification/", "tags/", "countries/"]
    expected += [f"briefings/{i}/" for i in public]
    expected += [f"verification/{state.value}/" for state in VerificationState]
    expected += ["actors/petr-primerov/", "actors/placeholder-agency/", "countries/ua/"]
    expected += ["actors/synthetic-witnesses-00/", "tags/synthetic-energy/"]
    expected += ["feed.xml", "api/briefings.json", "schema/briefing.schema.json", "api/"]
    expected += [f"api/briefings/{i}.json" for i in public]

    missing = [url for url in expected if _file_for(site, SITE_ROOT + url) is None]

    assert missing == []


def test_every_briefing_page_shares_an_existing_1200_by_630_card(
    site: Path, public: list[str]
) -> None:
    for briefing in public:
        page = site / "briefings" / briefing / "index.html"
        data = extruct.extract(page.read_text("utf-8"), syntaxes=["json-ld", "opengraph"])
        og = dict(data["opengraph"][0]["properties"])
        image = data["json-ld"][0]["image"]

        assert image["url"] == og["og:image"]
        assert image["caption"] == og["og:image:alt"]
        assert og["og:image"].startswith(f"{SITE_URL}cards/{briefing}-")
        card = site / og["og:image"].removeprefix(SITE_URL)
        with Image.open(card) as png:
            assert (png.format, png.size) == ("PNG", (1200, 630))
        assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
        assert (image["width"], image["height"]) == (1200, 630)
    # One card for each public briefing, and none for any other.
    assert len(list((site / "cards").iterdir())) == len(public)


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken = []
    for path in site.rglob("*.html"):
        url = SITE_ROOT + str(path.relative_to(site)).removesuffix("index.html")
        page = page_of(path)
        for href in page.links:
            target, fragment = urldefrag(urljoin(url, href))
            if not target.startswith(SITE_ROOT):
                continue
            found = _file_for(site, target)
            if found is None:
                broken.append(f"{url} -> {href}")
            elif fragment and found.suffix == ".html" and fragment not in page_of(found).ids:
                broken.append(f"{url} -> {href} (no #{fragment})")

    assert broken == []


def test_every_page_allows_exactly_its_own_inline_scripts(site: Path) -> None:
    """Generated pages share one policy per depth; it must be the one each page itself needs."""
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        [given] = meta.findall(html)
        assert given == content_security_policy(meta.sub("", html)), path.relative_to(site)


def test_private_briefings_appear_nowhere(site: Path) -> None:
    leaks = [
        str(path.relative_to(site))
        for path in site.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".json", ".xml", ".txt"}
        and re.search(r"PRIVATE|synthetic-briefing-3[2-5]|synthetic-witnesses-3[2-5]",
                      path.read_text(encoding="utf-8", errors="replace"))
    ]  # fmt: skip

    assert leaks == []


def test_the_home_page_counts_briefings_per_state_and_links_each_state(site: Path) -> None:
    archive = load_archive(ARCHIVE, NOW, desk=PRIVATE)
    home = page_of(site / "index.html")

    for state in VerificationState:
        count = sum(1 for b in archive.shown if b.key_claim.verification.state is state)
        assert f"{state.value.replace('-', ' ').capitalize()}: {count} briefing" in home.words
        assert f"verification/{state.value}/" in home.links


def test_the_all_briefings_page_lists_every_public_briefing_newest_first(
    site: Path, public: list[str]
) -> None:
    page = page_of(site / "briefings" / "index.html")

    listed = [
        link.strip("/") for link in page.links if re.fullmatch(r"synthetic-briefing-\d+/", link)
    ]

    assert listed == public


def test_a_state_page_explains_the_state_and_lists_only_its_briefings(site: Path) -> None:
    page = page_of(site / "verification" / "disputed" / "index.html")

    assert "What “Disputed” means Credible sources contradict each other." in page.words
    labels = "Unverified|Partially verified|Verified|Disputed|Misleading|Unfounded|False|Retracted"
    states = re.findall(rf"[?◐✓⇄≈∅✗↺] ({labels})", page.words)
    assert set(states) == {"Disputed"}


@pytest.mark.parametrize(
    ("state", "meaning"),
    [
        ("misleading", "Built on true elements, arranged to give a false impression."),
        ("unfounded", "Examined, and nothing supports it; not shown to be untrue either."),
    ],
)
def test_the_newer_states_have_pages_that_say_what_they_mean(
    site: Path, state: str, meaning: str
) -> None:
    page = page_of(site / "verification" / state / "index.html")

    assert f"What “{state.capitalize()}” means {meaning}" in page.words
    assert "Synthetic briefing 3" in page.words  # 30 (misleading) and 31 (unfounded)


def test_the_timeline_shows_partial_dates_honestly_in_date_order(site: Path) -> None:
    page = page_of(site / "timeline" / "index.html")
    headings = re.findall(r'<h2 id="t-([^"]+)"', (site / "timeline" / "index.html").read_text())

    assert headings[-1] == "undated"
    assert headings[:-1] == sorted(headings[:-1])
    assert "2020, month not stated" in page.words
    assert "event 2020 ·" in page.words
    assert "event February 2024 ·" in page.words
    assert headings.index("2024") < headings.index("2024-02")


def test_an_actor_page_lists_statements_newest_first_with_links(site: Path) -> None:
    page = page_of(site / "actors" / "petr-primerov" / "index.html")

    assert "Spokesperson of the Ministry of Examples" in page.words
    assert "Пётр Примеров" in page.words
    assert "../ministry-of-examples/" in page.links
    statements = [link for link in page.links if "#statement-speaker-claim" in link]
    assert len(statements) == 16  # the even-numbered public briefings
    assert any("#source-official" in link for link in page.links)


def test_a_briefing_page_links_its_actors_tags_countries_and_neighbours(site: Path) -> None:
    page = page_of(site / "briefings" / "synthetic-briefing-05" / "index.html")

    for target in ("../../actors/daryush-nemouneh/", "../../tags/synthetic-energy/",
                   "../../countries/ru/", "../../verification/retracted/"):  # fmt: skip
        assert target in page.links
    assert "Related briefings" in page.words
    assert "← Older:" in page.words
    assert "Newer:" in page.words
