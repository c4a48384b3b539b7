"""`mkdocs serve` previews despite problems in the briefings, shows them, and recovers.

Each test runs the real server on a copy of the project and reads its pages over HTTP, as a
browser reloading them would. `mkdocs build` with the same problems must still fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from .building import PageText, build, copy_project
from .conftest import ROOT
from .serving import MISSPELLED_STATE, PANEL, SEED, SEED_PAGE, TAB, Preview, edit

pytestmark = pytest.mark.slow


def _shows_panel(status: int, page: PageText) -> bool:
    return PANEL in page.words


def _shows_briefing(status: int, page: PageText) -> bool:
    return status == 200 and PANEL not in page.words


def _readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("opens with a panel listing the problems:\n\n```text\n")[1].split("```")[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture
def serve(project: Path) -> Iterator[Callable[..., Preview]]:
    """Starts `mkdocs serve` in the project; the server is stopped when the test ends."""
    started: list[Preview] = []

    def start(*options: str, engine: str = "mkdocs") -> Preview:
        started.append(Preview(project, *options, engine=engine))
        return started[-1]

    yield start
    for preview in started:
        preview.stop()


# ProperDocs continues MkDocs 1.x (README, "Build with another engine"): the preview must
# work under it as under MkDocs.
@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_a_problem_made_while_serving_is_shown_on_every_page_until_it_is_fixed(
    project: Path, serve: Callable[..., Preview], engine: str
) -> None:
    seed = project / "briefings" / f"{SEED}.yaml"
    original, broken, message = MISSPELLED_STATE
    preview = serve(engine=engine)
    preview.wait_for(SEED_PAGE, _shows_briefing)

    edit(seed, original, broken)
    home = preview.wait_for("", _shows_panel)
    gone = preview.wait_for(SEED_PAGE, _shows_panel)

    assert "1 problem in the briefings — this preview is not publishable" in home.words
    assert message in home.words
    assert message in gone.words, "the briefing's own address says why it is missing"
    assert "Page not found" in gone.words
    assert preview.get(SEED_PAGE)[0] == 404, "a briefing with problems is left out"
    assert f"INFO    -  {message}\n" in preview.output, "one line in the terminal"
    assert _readme_example() in preview.output

    edit(seed, broken, original)
    page = preview.wait_for(SEED_PAGE, _shows_briefing)

    assert "Reported by Bloomberg" in page.words
    assert PANEL not in preview.wait_for("", _shows_briefing).words
    assert preview.running
    assert "Traceback" not in preview.output


def test_serve_starts_with_a_file_that_is_not_yaml_and_recovers_when_it_is_fixed(
    project: Path, serve: Callable[[], Preview]
) -> None:
    seed = project / "briefings" / f"{SEED}.yaml"
    original, broken, message = TAB
    edit(seed, original, broken)

    preview = serve()
    home = preview.wait_for("", _shows_panel)

    assert "1 problem in the briefings — this preview is not publishable" in home.words
    assert message in home.words
    assert f"INFO    -  {message}\n" in preview.output

    edit(seed, broken, original)
    page = preview.wait_for(SEED_PAGE, _shows_briefing)

    assert "Reported by Bloomberg" in page.words
    assert preview.running
    assert "Traceback" not in preview.output


def test_a_broken_actors_yaml_is_shown_and_the_briefings_naming_its_actors_wait(
    project: Path, serve: Callable[[], Preview]
) -> None:
    registry = project / "briefings" / "actors.yaml"
    edit(registry, "  - id: united-states\n", "  - id: 'united-states\n")

    preview = serve()
    home = preview.wait_for("", _shows_panel)

    assert "1 problem in the briefings" in home.words
    assert "briefings/actors.yaml:" in home.words
    assert preview.get(SEED_PAGE)[0] == 404
    assert preview.running
    assert "Traceback" not in preview.output


def test_text_quoted_from_the_yaml_reaches_the_panel_as_text(
    project: Path, serve: Callable[[], Preview]
) -> None:
    seed = project / "briefings" / f"{SEED}.yaml"
    edit(seed, "\nstatus: published\n", "\nstatus: <b>published</b>\n")

    preview = serve()
    preview.wait_for("", _shows_panel)
    _, html = preview.get("")

    assert "&#39;&lt;b&gt;published&lt;/b&gt;&#39;" in html
    assert "<b>published</b>" not in html


def test_the_panel_is_absent_while_every_briefing_is_valid(
    serve: Callable[[], Preview],
) -> None:
    preview = serve()

    page = preview.wait_for(SEED_PAGE, _shows_briefing)

    assert PANEL not in page.words
    assert PANEL not in preview.output


def test_a_clean_preview_serves_the_site_too(serve: Callable[..., Preview]) -> None:
    # `serve --clean` tells plugins it is a build; the site must still be served.
    preview = serve("--clean")

    page = preview.wait_for(SEED_PAGE, _shows_briefing)

    assert "ballistic-missile transfer" in page.words


@pytest.mark.parametrize("problem", [MISSPELLED_STATE, TAB], ids=["misspelled-state", "tab"])
def test_the_build_still_refuses_what_the_preview_shows(
    project: Path, problem: tuple[str, str, str]
) -> None:
    original, broken, message = problem
    edit(project / "briefings" / f"{SEED}.yaml", original, broken)

    result = build(project)

    assert result.returncode == 1
    assert f"ERROR   -  {message}" in result.stderr
    assert "Traceback" not in result.stderr
    written = sorted(path.name for path in project.iterdir())
    assert written == ["briefings", "docs", "mkdocs.yml", "theme"], "nothing is written"


def test_a_dirty_preview_rebuilds_only_the_pages_an_edit_changes(
    project: Path, serve: Callable[..., Preview]
) -> None:
    preview = serve("--dirty", "--no-strict")
    preview.wait_for(SEED_PAGE, _shows_briefing)
    (site,) = (project.parent / f"{project.name}-tmp").glob("mkdocs_*")
    untouched = site / "tags" / "sanctions" / "index.html"
    touched = site / "actors" / "dmitry-peskov" / "index.html"
    before = (untouched.stat().st_mtime_ns, touched.stat().st_mtime_ns)
    said = "Dismissed the initial reports, saying that information is not always correct."
    edit(project / "briefings" / f"{SEED}.yaml", said, said.replace("correct", "right"))

    preview.wait_for(SEED_PAGE, lambda status, page: "not always right" in page.words)

    assert untouched.stat().st_mtime_ns == before[0]
    assert touched.stat().st_mtime_ns > before[1]
    assert "not always right" in touched.read_text(encoding="utf-8")


def test_editing_a_follow_up_updates_the_earlier_page_of_a_dirty_preview(
    project: Path, serve: Callable[..., Preview]
) -> None:
    seed = yaml.safe_load((project / "briefings" / f"{SEED}.yaml").read_text(encoding="utf-8"))
    key = seed["claims"][0]
    follow_up = {**seed, "id": "follow-up", "follows": SEED, "published": "2026-11-26",
                 "updates": [], "title": "The transfer, a day on"}  # fmt: skip
    follow_up.pop("updated", None)
    follow_up["claims"] = [
        {**key, "continues": f"{SEED}/{key['id']}",
         "verification": {"state": "partially-verified", "as_of": "2026-11-26"}},
        *seed["claims"][1:],
    ]  # fmt: skip
    path = project / "briefings" / "follow-up.yaml"
    path.write_text(yaml.safe_dump(follow_up, sort_keys=False, allow_unicode=True), "utf-8")
    preview = serve("--dirty", "--no-strict")
    preview.wait_for(
        SEED_PAGE, lambda status, page: "Since then: ◐ Partially verified" in page.words
    )

    edit(path, "state: partially-verified", "state: verified")

    page = preview.wait_for(SEED_PAGE, lambda status, page: "Since then: ✓ Verified" in page.words)
    assert "on 26 November 2026, in The transfer, a day on." in page.words


def test_editing_an_actor_updates_the_briefings_naming_it_in_a_dirty_preview(
    project: Path, serve: Callable[..., Preview]
) -> None:
    preview = serve("--dirty", "--no-strict")
    role = "Kremlin spokesperson"  # also in the text of a source
    before = preview.wait_for(SEED_PAGE, lambda status, page: role in page.words)

    edit(project / "briefings" / "actors.yaml", f"role: {role}", "role: Kremlin aide")

    page = preview.wait_for(SEED_PAGE, lambda status, page: "Kremlin aide" in page.words)
    assert page.words.count("Kremlin aide") == before.words.count(role) - page.words.count(role)


def _listening(port: int) -> socket.socket | None:
    """A socket listening on 127.0.0.1 at `port` (0: any), or None when it is taken."""
    held = socket.socket()
    try:
        held.bind(("127.0.0.1", port))
    except OSError:
        held.close()
        return None
    held.listen()
    return held


def _two_ports_held_and_a_free_one() -> tuple[socket.socket, socket.socket, int]:
    """Two sockets listening on two ports in a row, the next port free."""
    while True:
        first = _listening(0)
        assert first is not None
        port = first.getsockname()[1]
        second = _listening(port + 1) if port < 65534 else None
        after = _listening(port + 2) if second is not None else None
        if second is not None and after is not None:
            after.close()
            return first, second, port
        for held in (first, second):
            if held is not None:
                held.close()


def test_a_preview_on_a_busy_port_says_so_in_one_line_before_building(project: Path) -> None:
    # A second preview already listens on the next port: the hint must not send there too.
    first, second, port = _two_ports_held_and_a_free_one()
    with first, second:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert [line for line in said.splitlines() if line.startswith("ERROR")] == [
        f"ERROR   -  briefings: 127.0.0.1:{port} is already in use, perhaps by another "
        f"preview; stop it, or preview on another port: mkdocs serve -a 127.0.0.1:{port + 2}"
    ]
    assert "Traceback" not in said
    assert "earch index" not in said  # no word of a search index it never built
