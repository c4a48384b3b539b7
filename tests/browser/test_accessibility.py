"""axe-core on every page type, in light and dark palettes: no serious or critical violation."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from .conftest import ARTIFACTS

pytestmark = pytest.mark.slow

PAGES = {
    "home": "",
    "briefing": "briefings/synthetic-briefing-05/",
    "corrected": "briefings/synthetic-briefing-04/",
    "briefings": "briefings/",
    "states": "verification/",
    "state": "verification/disputed/",
    "actors": "actors/",
    "actor": "actors/petr-primerov/",
    "tags": "tags/",
    "tag": "tags/synthetic-energy/",
    "countries": "countries/",
    "country": "countries/ua/",
    "timeline": "timeline/",
    "guide": "about/",
    "data": "api/",
    "errors": "errors/",
}


def _violations(page: Page) -> list[dict[str, object]]:
    results = Axe().run(page)
    return list(results.response["violations"])


def _record(name: str, violations: list[dict[str, object]]) -> None:
    """Keep the counts for the record: tests/artifacts/axe-<page>.json."""
    ARTIFACTS.mkdir(exist_ok=True)
    counts: dict[str, int] = {}
    for violation in violations:
        impact = str(violation["impact"])
        counts[impact] = counts.get(impact, 0) + 1
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(counts), encoding="utf-8")


def _serious(violations: list[dict[str, object]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"  # type: ignore[attr-defined]
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def audit(request: pytest.FixtureRequest, url: str, name: str, palette: str) -> list[str]:
    """The serious violations axe finds at `url` in a `palette` tab; the counts are recorded."""
    page: Page = request.getfixturevalue("page" if palette == "light" else "dark_page")
    page.goto(url)
    violations = _violations(page)
    _record(f"{name}-{palette}", violations)
    return _serious(violations)


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_violation_on_any_page_type(
    request: pytest.FixtureRequest, fixture_site: str, name: str, palette: str
) -> None:
    assert audit(request, fixture_site + PAGES[name], name, palette) == []


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("path", ["briefings/page/2/", "timeline/page/3/"])
def test_no_serious_violation_on_a_later_page_of_a_list(
    request: pytest.FixtureRequest, paged_site: str, path: str, palette: str
) -> None:
    page: Page = request.getfixturevalue("page" if palette == "light" else "dark_page")
    page.goto(paged_site + path)

    violations = _violations(page)

    _record(f"{path.replace('/', '-')}{palette}", violations)
    assert page.locator(".briefing-pager").is_visible()
    assert _serious(violations) == []


def test_no_serious_violation_with_search_results_open(page: Page, fixture_site: str) -> None:
    page.goto(fixture_site)
    page.locator(".briefing-search input").click()
    page.locator(".briefing-search input").fill("pipeline")
    page.locator(".md-search-result__item").first.wait_for()

    violations = _violations(page)

    _record("search-light", violations)
    assert _serious(violations) == []


def test_no_serious_violation_with_more_results_to_show(page: Page, fixture_site: str) -> None:
    page.goto(fixture_site)
    page.locator(".briefing-search input").click()
    page.locator(".briefing-search input").fill("synthetic")
    page.get_by_role("button", name="Show 10 more").wait_for()

    violations = _violations(page)

    _record("search-more-light", violations)
    assert _serious(violations) == []
