"""Browser tests: build a site, serve it on 127.0.0.1 under a sub-path, drive Debian's chromium.

The site is served under /briefing-site/, as GitHub Pages serves a project site, so that every
link and the search must work away from the server's root. Screenshots of every test are saved
to tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.search import CHROMIUM, CHROMIUM_ARGS
from generator.search import BUNDLE, LANGUAGES, index_site

from ..building import (
    build,
    build_with_zensical,
    built_site,
    copy_project,
    with_a_persian_copy,
)
from ..conftest import ARTIFACTS, FIXTURES, ROOT
from ..stories import story

PREFIX = "briefing-site"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _AsPages(_Quiet):
    """As GitHub Pages serves a project site: its 404.html, with status 404, for an address
    with no page."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(str(self.directory)) / PREFIX / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(site: Path, handler_class: type[_Quiet] = _Quiet) -> Iterator[str]:
    root = site.parent / "www"
    root.mkdir()
    (root / PREFIX).symlink_to(site)
    handler = functools.partial(handler_class, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{PREFIX}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The synthetic archive of tests/fixtures/archive, served; yields its base URL."""
    yield from _serve(
        built_site(
            tmp_path_factory.mktemp("fixture") / "project",
            FIXTURES / "archive",
            repository="private",
        )
    )


@pytest.fixture(scope="session")
def persian_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The valid fixture with its briefing again in Persian (`lang: fa`), served."""
    root = tmp_path_factory.mktemp("persian")
    yield from _serve(built_site(root / "project", with_a_persian_copy(root / "briefings")))


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The synthetic archive built with Zensical as the README says, served; its base URL."""
    project = copy_project(
        tmp_path_factory.mktemp("zensical") / "project", FIXTURES / "archive", repository="private"
    )
    result = build_with_zensical(project, f"https://newsroom.example.org/{PREFIX}/")
    assert result.returncode == 0, result.stdout + result.stderr
    yield from _serve(project / "build" / "site")


@pytest.fixture(scope="session")
def pages_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The valid fixture built for its address under /briefing-site/ and served as GitHub
    Pages serves it, with its 404 page for any missing address; yields its base URL."""
    project = copy_project(tmp_path_factory.mktemp("pages") / "project", FIXTURES / "valid")
    result = build(project, env={"SITE_URL": f"https://newsroom.example.org/{PREFIX}/"})
    assert result.returncode == 0, result.stderr
    yield from _serve(project / "site", _AsPages)


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same archive with lists of 4 briefings a page; yields its base URL."""
    yield from _serve(
        built_site(
            tmp_path_factory.mktemp("paged") / "project",
            FIXTURES / "archive",
            list_size=4,
            repository="private",
        )
    )


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The briefings written from real reporting (tests/fixtures/real/), served."""
    yield from _serve(built_site(tmp_path_factory.mktemp("real") / "project", FIXTURES / "real"))


@pytest.fixture(scope="session")
def multilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Fact-checks in Russian and Persian from real reporting, each with its English
    translation, beside the seed briefing (tests/fixtures/multilingual/), served."""
    root = tmp_path_factory.mktemp("multilingual")
    yield from _serve(built_site(root / "project", FIXTURES / "multilingual"))


@pytest.fixture(scope="session")
def multilingual_languages_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same briefings on a site read in Russian and Persian too (`languages: [ru, fa]`),
    with a home page and lists in each."""
    root = tmp_path_factory.mktemp("languages")
    return built_site(root / "project", FIXTURES / "multilingual", languages="[ru, fa]")


@pytest.fixture(scope="session")
def multilingual_languages_site(multilingual_languages_built: Path) -> Iterator[str]:
    """`multilingual_languages_built`, served; yields its base URL."""
    yield from _serve(multilingual_languages_built)


@pytest.fixture(scope="session")
def sharded_languages_site(
    multilingual_languages_built: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`multilingual_languages_built` indexed for search as a large site is, each language's
    pages in bundles of 10 pages at most, indexed one after the other; yields its base URL."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(multilingual_languages_built, site)
    index_site(site, "en", shard_pages=10)
    bundles = json.loads((site / BUNDLE / LANGUAGES).read_bytes())
    assert len(bundles[0]["shards"]) > 1, "the site's pages in several bundles"
    yield from _serve(site)


@pytest.fixture(scope="session")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real stories as a desk's internal site, with the al-Ahli briefing marked
    TLP:AMBER; yields its base URL."""
    root = tmp_path_factory.mktemp("internal")
    folder = root / "briefings"
    shutil.copytree(FIXTURES / "real", folder)
    amber = folder / "al-ahli-hospital-explosion.yaml"
    amber.write_text(amber.read_text("utf-8").replace("tlp: CLEAR", "tlp: AMBER", 1), "utf-8")
    yield from _serve(
        built_site(root / "project", folder, repository="private", audience="internal")
    )


@pytest.fixture(scope="session")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A story of three briefings (tests/stories.py): unverified, disputed, then verified."""
    root = tmp_path_factory.mktemp("story")
    yield from _serve(built_site(root / "project", story(root)))


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real briefings/ folder, served; yields its base URL."""
    yield from _serve(built_site(tmp_path_factory.mktemp("seed") / "project", ROOT / "briefings"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no browser at {CHROMIUM}: install Debian's chromium or set CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()


def _page(browser: Browser, request: pytest.FixtureRequest, viewport: dict[str, int],
          **options: str) -> Iterator[Page]:  # fmt: skip
    context = browser.new_context(viewport=viewport, **options)  # type: ignore[arg-type]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog opened: {dialog.message}"))
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()
    assert errors == [], "the page raised script errors or opened a dialog"


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop browser tab; its screenshot is saved when the test ends."""
    yield from _page(browser, request, DESKTOP)


@pytest.fixture
def phone(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A 375-px-wide phone tab."""
    yield from _page(browser, request, PHONE)


@pytest.fixture
def dark_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A desktop tab that prefers the dark colour scheme."""
    yield from _page(browser, request, DESKTOP, color_scheme="dark")
