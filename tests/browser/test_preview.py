"""The `mkdocs serve` preview in a browser: the page being edited shows the problems as soon as
the file is saved and comes back by itself once it is fixed; the panel is readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..building import copy_project
from ..serving import MISSPELLED_STATE, SEED, SEED_PAGE, TIMEOUT, Preview, edit
from .test_accessibility import _record, _serious, _violations

pytestmark = pytest.mark.slow

WAIT = TIMEOUT * 1000  # a guard against a hang, in Playwright's milliseconds


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """`mkdocs serve` on a copy of the project, serving the seed briefing."""
    preview = Preview(copy_project(tmp_path / "project"))
    try:
        preview.wait_for(SEED_PAGE, lambda status, page: status == 200)
        yield preview
    finally:
        preview.stop()


def test_the_page_being_edited_shows_the_problem_and_comes_back_once_it_is_fixed(
    preview: Preview, page: Page
) -> None:
    seed = preview.project / "briefings" / f"{SEED}.yaml"
    original, broken, message = MISSPELLED_STATE
    page.goto(preview.url + SEED_PAGE)
    expect(page.locator(".briefing-answer")).to_be_visible()

    edit(seed, original, broken)

    expect(page.locator(".briefing-problems")).to_contain_text(message, timeout=WAIT)
    expect(page.locator(".briefing-answer")).to_have_count(0)

    edit(seed, broken, original)

    expect(page.locator(".briefing-answer")).to_be_visible(timeout=WAIT)
    expect(page.locator(".briefing-problems")).to_have_count(0)


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_no_serious_violation_in_the_panel_of_problems(
    preview: Preview, request: pytest.FixtureRequest, palette: str
) -> None:
    original, broken, _ = MISSPELLED_STATE
    edit(preview.project / "briefings" / f"{SEED}.yaml", original, broken)
    page: Page = request.getfixturevalue("page" if palette == "light" else "dark_page")
    page.goto(preview.url)
    expect(page.locator(".briefing-problems")).to_be_visible(timeout=WAIT)

    violations = _violations(page)

    _record(f"preview-{palette}", violations)
    assert _serious(violations) == []
