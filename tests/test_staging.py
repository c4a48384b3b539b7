"""A build is made beside the published site and replaces it only once it has succeeded
(`generator.staging`), and the plugin stages exactly the builds that publish: `mkdocs build`
and `gh-deploy`, not a dirty build nor a preview. No MkDocs build is run here; the slow
tests in test_build.py and test_publishing.py run the whole of it."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from generator import plugin
from generator.staging import StagedSite

from .building import copy_project
from .conftest import FIXTURES


def _site(tmp_path: Path, **files: str) -> Path:
    """A published site holding these files (name -> text), or no site at all."""
    site = tmp_path / "site"
    for name, text in files.items():
        site.mkdir(exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def _contents(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}


def _build(staged: StagedSite, **files: str) -> None:
    folder = staged.begin()
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_the_site_is_built_in_a_hidden_folder_beside_it(tmp_path: Path) -> None:
    staged = StagedSite(_site(tmp_path, **{"index.html": "previous"}))

    _build(staged, **{"index.html": "new"})

    assert staged.folder == tmp_path / ".site.building"
    assert _contents(tmp_path / "site") == {"index.html": "previous"}


def test_a_build_that_succeeded_replaces_the_whole_site(tmp_path: Path) -> None:
    site = _site(tmp_path, **{"index.html": "previous", "gone.html": "removed since"})
    staged = StagedSite(site)
    _build(staged, **{"index.html": "new"})
    staged.succeeded()

    assert staged.finish()

    assert _contents(site) == {"index.html": "new"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_the_first_build_puts_the_site_in_place(tmp_path: Path) -> None:
    staged = StagedSite(tmp_path / "site")
    _build(staged, **{"index.html": "new"})
    staged.succeeded()

    assert staged.finish()

    assert _contents(tmp_path / "site") == {"index.html": "new"}


def test_a_failed_build_leaves_the_site_as_it_was_and_nothing_beside_it(tmp_path: Path) -> None:
    site = _site(tmp_path, **{"index.html": "previous"})
    staged = StagedSite(site)
    _build(staged, **{"index.html": "half of it"})
    staged.failed()

    assert not staged.finish()

    assert _contents(site) == {"index.html": "previous"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_build_failing_after_it_succeeded_leaves_the_site_as_it_was(tmp_path: Path) -> None:
    # Strict mode counts the warnings after the last plugin hook of a build.
    site = _site(tmp_path, **{"index.html": "previous"})
    staged = StagedSite(site)
    _build(staged, **{"index.html": "new, with a broken link"})
    staged.succeeded()
    staged.failed()

    assert not staged.finish()

    assert _contents(site) == {"index.html": "previous"}


def test_a_build_that_never_said_it_succeeded_is_thrown_away(tmp_path: Path) -> None:
    # A build interrupted before its end runs no hook that says how it went.
    site = _site(tmp_path, **{"index.html": "previous"})
    staged = StagedSite(site)
    _build(staged, **{"index.html": "a third of it"})

    assert not staged.finish()

    assert _contents(site) == {"index.html": "previous"}
    assert not staged.folder.exists()


def test_a_failed_first_build_makes_no_site(tmp_path: Path) -> None:
    staged = StagedSite(tmp_path / "site")
    _build(staged, **{"index.html": "half of it"})
    staged.failed()

    assert not staged.finish()

    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_build_left_is_not_published_with_the_next(tmp_path: Path) -> None:
    site = _site(tmp_path, **{"index.html": "previous"})
    (tmp_path / ".site.building").mkdir()
    (tmp_path / ".site.building" / "stale.html").write_text("killed build", encoding="utf-8")
    (tmp_path / ".site.previous").mkdir()  # the swap of a build killed between its renames
    staged = StagedSite(site)

    _build(staged, **{"index.html": "new"})
    staged.succeeded()
    staged.finish()

    assert _contents(site) == {"index.html": "new"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_each_build_replaces_the_site_the_one_before_put_in_place(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for text in ("first", "second"):
        staged = StagedSite(site)
        _build(staged, **{"index.html": text})
        staged.succeeded()
        staged.finish()

    assert _contents(site) == {"index.html": "second"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_a_site_is_put_in_place_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    staged = StagedSite(site)
    _build(staged, **{"index.html": "new"})
    staged.succeeded()
    staged.finish()

    assert not staged.finish()

    assert _contents(site) == {"index.html": "new"}


# --- The plugin's builds -----------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the project with a site built before, and Pagefind left out of its builds."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(plugin, "index_site", lambda site_dir, language, **_: 0)
    project = copy_project(tmp_path / "project", FIXTURES / "valid")
    _site(project, **{"index.html": "previous"})
    return project


def _configured(
    project: Path, command: str, *, dirty: bool = False, **options: str
) -> MkDocsConfig:
    """The project's configuration as the plugin leaves it for a build by `command`."""
    config = load_config(str(project / "mkdocs.yml"), dev_addr="127.0.0.1:0", **options)
    briefings = config.plugins["briefings"]
    briefings.on_startup(command=command, dirty=dirty)
    return briefings.on_config(config)


def _built(config: MkDocsConfig, **files: str) -> plugin.BriefingsPlugin:
    """The plugin, once MkDocs has written these files and run its hooks to the end."""
    briefings = config.plugins["briefings"]
    assert isinstance(briefings, plugin.BriefingsPlugin)
    for name, text in files.items():
        Path(config.site_dir).mkdir(parents=True, exist_ok=True)
        (Path(config.site_dir) / name).write_text(text, encoding="utf-8")
    briefings.on_post_build(config=config)
    return briefings


@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_a_build_that_publishes_replaces_the_site_at_shutdown(
    project: Path, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    config = _configured(project, command)
    assert config.site_dir == str(project / ".site.building")
    briefings = _built(config, **{"index.html": "new"})
    assert _contents(project / "site") == {"index.html": "previous"}

    with caplog.at_level(logging.INFO):
        briefings.on_shutdown()

    assert _contents(project / "site") == {"index.html": "new"}
    # gh-deploy pushes the folder that site_dir names once the build is over.
    assert config.site_dir == str(project / "site")
    assert f"Site written to {project / 'site'}" in caplog.messages


def test_a_build_that_strict_mode_fails_leaves_the_site_at_shutdown(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _configured(project, "build")
    briefings = _built(config, **{"index.html": "new, with a broken link"})
    briefings.on_build_error(error=Abort("Aborted with 1 warnings in strict mode!"))

    briefings.on_shutdown()

    assert _contents(project / "site") == {"index.html": "previous"}
    assert not (project / ".site.building").exists()
    assert f"Build failed: {project / 'site'} is left as it was" in caplog.messages


def test_a_dirty_build_and_a_preview_write_into_site_dir(project: Path) -> None:
    dirty = _configured(project, "build", dirty=True)
    preview = _configured(project, "serve")

    assert dirty.site_dir == preview.site_dir == str(project / "site")


@pytest.fixture
def served() -> Iterator[Path]:
    """The folder `mkdocs serve` makes to build into."""
    folder = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_clean_preview_writes_into_the_folder_it_serves(project: Path, served: Path) -> None:
    # `mkdocs serve --clean` announces itself as a build.
    config = _configured(project, "build", site_dir=str(served))

    assert config.site_dir == str(served)
    assert not served.with_name(f".{served.name}.building").exists()
