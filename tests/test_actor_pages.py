"""An actor's page (SPEC §5): each statement beside the desk's verdict on each claim it is
about, as it stands today, and the actor's record of the claims they took a side on."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from generator.archive import Archive, load_archive
from generator.model import Briefing, Claim
from generator.site import render_site

from .conftest import FIXTURES, NOW, TEMPLATES

# A claim a statement is about, as the actor page links it, and the verdict it shows beside it.
_POSITION = re.compile(
    r'<li class="briefing-position briefing-position--(?P<stance>\w+)">.*?'
    r'href="[./]*briefings/(?P<briefing>[\w-]+)/#claim-(?P<claim>[\w-]+)">.*?'
    r'<span class="briefing-position__verdict">.*?briefing-state--(?P<state>[\w-]+)"'
)


@pytest.fixture(scope="module")
def real() -> tuple[Archive, dict[str, str]]:
    """The real stories, and their pages, rendered once for the tests that only read them."""
    archive = load_archive(FIXTURES / "real", NOW)
    return archive, render_site(archive, TEMPLATES)


def _today(archive: Archive, briefing: Briefing, claim: Claim) -> str:
    """The verdict on a claim today, worked out from the files: its own, unless a public
    briefing continues it (directly or through others), whose newest assessment then holds."""
    continued: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for later in archive.briefings:
        for each in later.claims:
            if each.continues:
                target, _, target_claim = each.continues.partition("/")
                continued.setdefault((target, target_claim), []).append((later.id, each.id))
    public = {b.id: b for b in archive.shown}
    newest = (claim.verification.as_of, briefing.published, claim.verification.state.value)
    pending, seen = [(briefing.id, claim.id)], set()
    while pending:
        for later_id, later_claim in continued.get(pending.pop(), ()):
            if (later_id, later_claim) in seen:
                continue
            seen.add((later_id, later_claim))
            pending.append((later_id, later_claim))
            if later_id in public:
                found = next(c for c in public[later_id].claims if c.id == later_claim)
                state = (found.verification.as_of, public[later_id].published,
                         found.verification.state.value)  # fmt: skip
                newest = max(newest, state)
    return newest[2]


def _read_in_english(archive: Archive) -> list[Briefing]:
    """Each public briefing once, as the site's pages list it: its English version where it
    has one, else its original."""
    works: dict[str, list[Briefing]] = {}
    for briefing in archive.shown:
        works.setdefault(briefing.translation_of or briefing.id, []).append(briefing)
    return [
        next((b for b in versions if (b.lang or "en") == "en"), None)
        or next(b for b in versions if b.translation_of is None)
        for versions in works.values()
    ]


@pytest.mark.parametrize("fixture", ["real", "multilingual"])
def test_every_statement_shows_the_verdict_on_each_claim_it_is_about(fixture: str) -> None:
    archive = load_archive(FIXTURES / fixture, NOW)
    pages = render_site(archive, TEMPLATES)
    by_id = {b.id: b for b in archive.shown}
    expected, shown = [], []
    for briefing in _read_in_english(archive):
        for statement in briefing.statements:
            for claim_id, stance in statement.about.items():
                claim = next(c for c in briefing.claims if c.id == claim_id)
                expected.append((statement.actor, briefing.id, claim_id, stance.value,
                                 _today(archive, briefing, claim)))  # fmt: skip
    for path, page in pages.items():
        if path.startswith("actors/") and path != "actors/index.md":
            actor = Path(path).stem
            for found in _POSITION.finditer(page):
                assert found["briefing"] in by_id
                shown.append((actor, found["briefing"], found["claim"], found["stance"],
                              found["state"]))  # fmt: skip

    assert sorted(shown) == sorted(expected)


def test_a_statement_is_never_shown_beside_its_briefings_key_claim_badge(
    real: tuple[Archive, dict[str, str]],
) -> None:
    _, pages = real
    page = pages["actors/daniel-hagari.md"]
    said = page.split('<ol class="briefing-actor-statements"')[1].split("</ol>")[0]

    for statement in said.split('<li class="briefing-statement')[1:]:
        outside = re.sub(r'<span class="briefing-position__verdict">.*?</li>', "", statement)
        assert "briefing-state--" not in outside


def test_a_verdict_given_since_in_a_later_briefing_names_it(
    real: tuple[Archive, dict[str, str]],
) -> None:
    archive, pages = real
    first = next(b for b in archive.shown if b.id == "al-ahli-hospital-explosion-first-reports")
    moved = [
        (statement.actor, claim.id)
        for statement in first.statements
        for claim in first.claims
        if claim.id in statement.about
        and _today(archive, first, claim) != claim.verification.state.value
    ]
    assert moved  # the fixture has a claim whose verdict moved after the first reports
    actor, claim = moved[0]

    page = unescape(pages[f"actors/{actor}.md"])
    assert re.search(
        rf"#claim-{claim}\">[^<]*</a>: [^<]*<span class=\"briefing-position__verdict\">— "
        r"verdict since then: <a class=\"briefing-state[^>]*>.*?</a>, in <a href=\"[./]*"
        r"briefings/al-ahli-hospital-explosion/#claim-",
        page,
    )


def test_the_record_counts_each_claim_once_by_its_verdict_today(
    real: tuple[Archive, dict[str, str]],
) -> None:
    archive, pages = real

    record = pages["actors/daniel-hagari.md"].split('<ul class="briefing-record">')[1]
    record = record.split("</ul>")[0]

    rows = {
        stance: re.findall(r"briefing-state--([\w-]+)\".*?</a> (\d+)", row)
        for stance, row in re.findall(r"<strong>(\w+)</strong>: (.*?)</li>", record)
    }
    claims = {}
    for briefing in archive.shown:
        for statement in briefing.statements:
            if statement.actor != "daniel-hagari":
                continue
            for claim in briefing.claims:
                stance = statement.about.get(claim.id)
                if stance is not None and stance.value in ("supports", "contradicts"):
                    origin = claim.continues or f"{briefing.id}/{claim.id}"
                    claims[(stance.value, origin)] = _today(archive, briefing, claim)
    expected: dict[str, dict[str, int]] = {}
    for (stance, _), state in claims.items():
        counted = expected.setdefault(stance.capitalize(), {})
        counted[state] = counted.get(state, 0) + 1

    assert {s: {state: int(n) for state, n in row} for s, row in rows.items()} == expected
    assert "do not say how often Daniel Hagari is right" in pages["actors/daniel-hagari.md"]
