"""A build reuses what an earlier build made from the same inputs, and the site it writes is
the one a cold build of those inputs writes, file for file, whatever the editor changed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .building import build, copy_project, site_files
from .conftest import FIXTURES

pytestmark = pytest.mark.slow

STORY = "al-ahli-hospital-explosion-first-reports"
FOLLOW_UP = "al-ahli-hospital-explosion"
"""A briefing that follows STORY and assesses its claims again: STORY's page says how they
stand "since then"."""


def _archive(folder: Path) -> Path:
    """The real stories (one told in two briefings) and a Russian fact-check with its English
    translation, beside the seed briefing. Kakhovka's story is left out: it writes out an
    actor the multilingual fixtures' registry lists."""
    folder.mkdir()
    for source in sorted((FIXTURES / "real").glob("*.yaml")):
        if not source.name.startswith("kakhovka-"):
            shutil.copy(source, folder)
    multilingual = (
        "actors.yaml",
        "iran-russia-ballistic-missile-transfer.yaml",
        "kramatorsk-fake-bbc-video.yaml",
        "kramatorsk-fake-bbc-video-en.yaml",
    )
    for name in multilingual:
        shutil.copy(FIXTURES / "multilingual" / name, folder)
    return folder


def _reused(log: str) -> tuple[int, int]:
    found = re.search(r"(\d+) of (\d+) pages reused from an earlier build", log)
    assert found, log
    return int(found[1]), int(found[2])


class Desk:
    """A project built again after each edit, with the cache its earlier builds left; and,
    for each edit, the same inputs built cold in a fresh copy of the project."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        briefings = _archive(tmp_path / "briefings")
        self.project = copy_project(
            tmp_path / "desk", briefings, cache_dir=str(tmp_path / "cache"), languages="[ru, fa]"
        )
        self.colds = 0

    @property
    def briefings(self) -> Path:
        return self.project / "briefings"

    def edit(self, name: str, change: Callable[[str], str]) -> None:
        path = self.briefings / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        changed = change(text)
        assert changed != text
        path.write_text(changed, encoding="utf-8")

    def rebuild(self) -> tuple[int, int]:
        """Build again, and compare the site with a cold build of the same inputs; return how
        many pages the build reused, and of how many."""
        again = build(self.project, "--verbose")  # a small site says what it reused in debug
        assert again.returncode == 0, again.stderr
        self.colds += 1
        cold = self.tmp_path / f"cold-{self.colds}"
        shutil.copytree(self.project, cold, ignore=shutil.ignore_patterns("site"))
        result = build(cold, env={"BRIEFINGS_REUSE": "false"})
        assert result.returncode == 0, result.stderr
        incremental, fresh = site_files(self.project / "site"), site_files(cold / "site")
        assert sorted(incremental) == sorted(fresh)
        differ = [name for name in fresh if incremental[name] != fresh[name]]
        assert differ == []
        shutil.rmtree(cold)
        return _reused(again.stderr)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    desk = Desk(tmp_path_factory.mktemp("incremental"))
    first = build(desk.project, "--verbose")
    assert first.returncode == 0, first.stderr
    assert _reused(first.stderr)[0] == 0
    return desk


# The edits run in order on one desk, each from where the last left it.


ALWAYS_MADE = 4
"""The pages whose Markdown links to other files, which MkDocs checks on every build: the home
page in each of the site's three languages, and the data page."""


def test_a_build_with_nothing_changed_reuses_every_page(desk: Desk) -> None:
    reused, pages = desk.rebuild()

    assert reused == pages - ALWAYS_MADE


def test_an_edited_summary_remakes_its_pages_only(desk: Desk) -> None:
    desk.edit(STORY, lambda text: text.replace("summary: |\n  ", "summary: |\n  Edited. ", 1))

    reused, pages = desk.rebuild()

    assert 0 < reused < pages


def test_a_follow_up_that_changes_its_verdict_remakes_the_earlier_page(desk: Desk) -> None:
    # The follow-up's verdict on the air-strike claim: STORY's page says it "since then".
    desk.edit(
        FOLLOW_UP, lambda text: text.replace("      state: unfounded\n", "      state: false\n", 1)
    )

    reused, pages = desk.rebuild()

    assert 0 < reused < pages


def test_a_follow_up_back_to_draft_and_published_again(desk: Desk) -> None:
    desk.edit(FOLLOW_UP, lambda text: text.replace("status: published", "status: draft", 1))
    desk.rebuild()

    desk.edit(FOLLOW_UP, lambda text: text.replace("status: draft", "status: published", 1))
    reused, pages = desk.rebuild()

    assert 0 < reused < pages


def test_an_added_briefing(desk: Desk) -> None:
    seed = "iran-russia-ballistic-missile-transfer"
    text = (desk.briefings / f"{seed}.yaml").read_text(encoding="utf-8")
    (desk.briefings / "added-briefing.yaml").write_text(
        text.replace(f"id: {seed}\n", "id: added-briefing\n", 1), encoding="utf-8"
    )

    reused, pages = desk.rebuild()

    assert 0 < reused < pages


def test_an_edited_draft_changes_no_page(desk: Desk) -> None:
    desk.edit("added-briefing", lambda text: text.replace("status: published", "status: draft", 1))
    desk.rebuild()
    desk.edit("added-briefing", lambda text: text.replace("title: ", "title: Draft of ", 1))

    reused, pages = desk.rebuild()

    assert reused == pages - ALWAYS_MADE


def test_a_deleted_briefing(desk: Desk) -> None:
    (desk.briefings / "tianjin-video-shared-as-mossad-explosion.yaml").unlink()

    reused, pages = desk.rebuild()

    assert 0 < reused < pages


def test_an_edited_template_remakes_every_page(desk: Desk) -> None:
    template = desk.project / "theme" / "markdown" / "briefing.md"
    template.write_text(template.read_text(encoding="utf-8") + "\nChecked.\n", encoding="utf-8")

    reused, _ = desk.rebuild()

    assert reused == 0
