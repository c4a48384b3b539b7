"""The `mkdocs serve` preview in a browser: the panel of problems is readable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..building import copy_project
from ..serving import MISSPELLED_STATE, SEED, SEED_PAGE, TIMEOUT, Preview, edit
from .test_accessibility import _record, _serious, _violations

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
