"""The public site under its Content-Security-Policy, in a real browser: every page type, a
search and the palette toggle work with no violation, no script error, and no request that
leaves the site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request

from .test_accessibility import PAGES

pytestmark = pytest.mark.slow


def _watch(page: Page, site: str) -> tuple[list[str], list[str]]:
    """Collects what the browser refused under the policy, and requests to other origins."""
    refused: list[str] = []
    elsewhere: list[str] = []
    origin = urlsplit(site)[:2]

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", console)
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url) if urlsplit(request.url)[:2] != origin else None
        ),
    )
    return refused, elsewhere


def test_every_page_type_loads_under_its_policy(page: Page, fixture_site: str) -> None:
    refused, elsewhere = _watch(page, fixture_site)

    for path in [*PAGES.values(), "404.html"]:  # the page Pages serves for a missing one
        page.goto(fixture_site + path)
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
        assert "'unsafe-inline'" not in (policy.get_attribute("content") or ""), path
        assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"

    assert refused == []
    assert elsewhere == []


def test_search_and_the_palette_work_under_the_policy(page: Page, fixture_site: str) -> None:
    refused, elsewhere = _watch(page, fixture_site)

    page.goto(fixture_site)
    page.locator(".briefing-search input").click()
    page.locator(".briefing-search input").fill("pipeline")
    page.locator(".md-search-result__item").first.wait_for()
    page.goto(fixture_site + "about/")
    page.locator("label[for='__palette_1']").first.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")

    assert refused == []
    assert elsewhere == []


def _fetched(page: Page, site: str, path: str) -> dict[str, int]:
    """The size of each file a page view fetches besides the page itself, by its path."""
    sizes: dict[str, int] = {}

    def finished(request: Request) -> None:
        if request.url != site + path:
            sizes[urlsplit(request.url).path.removeprefix(urlsplit(site).path)] = request.sizes()[
                "responseBodySize"
            ]

    # Routing turns the browser's cache off: every view fetches, and is measured, in full.
    page.route("**/*", lambda route: route.continue_())
    page.on("requestfinished", finished)
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", finished)
    return sizes


def test_no_page_view_fetches_a_file_that_grows_with_the_archive(
    page: Page, real_site: str, fixture_site: str
) -> None:
    for path in ["", "about/", "briefings/"]:
        small = _fetched(page, real_site, path)  # four briefings
        large = _fetched(page, fixture_site, path)  # the synthetic archive, ten times more

        grown = {
            name: (small[name], size)
            for name, size in large.items()
            if size > small.get(name, 0) + 64
        }
        assert grown == {}, path
        assert "sitemap.xml" in large  # Material's bundle fetches it, but only the index
