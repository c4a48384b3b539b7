"""The check cache a long-running preview keeps: files are checked again only when their bytes,
or the actor registry's, changed, and the result is always what a fresh load gives."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from generator import archive as archive_module
from generator.archive import Archive, CheckCache, load_archive
from generator.model import Briefing
from generator.views import Views, briefing_view

from .conftest import FIXTURES, NOW, PRIVATE


def _same(cached: Archive, fresh: Archive) -> None:
    assert cached.errors == fresh.errors
    assert cached.briefings == fresh.briefings
    assert cached.notes == fresh.notes


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "briefings"
    shutil.copytree(FIXTURES / "archive", target)
    return target


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the archive checks (parses and validates), in order."""
    names: list[str] = []
    check = archive_module._check_file

    def counting(raw: bytes, path: Path, *args: object) -> object:
        names.append(path.name)
        return check(raw, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(archive_module, "_check_file", counting)
    return names


def test_a_second_load_checks_no_file_and_gives_the_same_archive(
    folder: Path, checked: list[str]
) -> None:
    cache = CheckCache()
    first = load_archive(folder, NOW, cache=cache, desk=PRIVATE)
    checked.clear()

    second = load_archive(folder, NOW, cache=cache, desk=PRIVATE)

    assert checked == []
    _same(second, first)
    assert len(first.briefings) > 30


def test_an_edited_briefing_alone_is_checked_again(folder: Path, checked: list[str]) -> None:
    cache = CheckCache()
    load_archive(folder, NOW, cache=cache, desk=PRIVATE)
    edited = folder / "synthetic-briefing-05.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("state: ", "state: verifed-", 1), "utf-8"
    )
    checked.clear()

    cached = load_archive(folder, NOW, cache=cache, desk=PRIVATE)

    assert checked == ["synthetic-briefing-05.yaml"]
    _same(cached, load_archive(folder, NOW, desk=PRIVATE))
    assert [Path(e.path).name for e in cached.errors] == ["synthetic-briefing-05.yaml"]


def test_a_changed_registry_checks_every_briefing_again(folder: Path, checked: list[str]) -> None:
    cache = CheckCache()
    load_archive(folder, NOW, cache=cache, desk=PRIVATE)
    registry = folder / "actors.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    checked.clear()

    cached = load_archive(folder, NOW, cache=cache, desk=PRIVATE)

    assert len(checked) == len(list(folder.glob("synthetic-*.yaml")))
    _same(cached, load_archive(folder, NOW, desk=PRIVATE))


def test_a_removed_file_leaves_the_cache(folder: Path) -> None:
    cache = CheckCache()
    load_archive(folder, NOW, cache=cache, desk=PRIVATE)
    before = len(cache)
    (folder / "synthetic-briefing-05.yaml").unlink()

    cached = load_archive(folder, NOW, cache=cache, desk=PRIVATE)

    assert len(cache) == before - 1
    _same(cached, load_archive(folder, NOW, desk=PRIVATE))


def test_an_embargo_that_ends_between_two_loads_is_no_longer_an_error(archive_dir: Path) -> None:
    sample = archive_dir / "sample-briefing.yaml"
    embargo = "tlp: CLEAR\nembargo_until: 2026-11-25T12:00:00+00:00\n"
    sample.write_text(sample.read_text("utf-8").replace("tlp: CLEAR\n", embargo), "utf-8")
    cache = CheckCache()

    before = load_archive(archive_dir, NOW - timedelta(minutes=1), cache=cache)
    after = load_archive(archive_dir, NOW, cache=cache)

    assert [e.message.split(":")[0] for e in before.errors] == ["embargoed until 2026-11-25T12"]
    assert after.errors == ()
    assert [b.id for b in after.shown] == ["sample-briefing"]


def test_checks_kept_as_bytes_spare_a_later_process_every_unchanged_file(
    folder: Path, checked: list[str]
) -> None:
    cache = CheckCache()
    load_archive(folder, NOW, cache=cache, desk=PRIVATE)
    kept = cache.to_bytes()
    edited = folder / "synthetic-briefing-05.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("summary: ", "summary: X ", 1))
    checked.clear()

    later = CheckCache.from_bytes(kept)
    loaded = load_archive(folder, NOW, cache=later, desk=PRIVATE)

    assert checked == ["synthetic-briefing-05.yaml"]
    _same(loaded, load_archive(folder, NOW, desk=PRIVATE))
    assert later.changed


def test_checks_kept_and_used_as_they_are_need_not_be_written_again(folder: Path) -> None:
    cache = CheckCache()
    load_archive(folder, NOW, cache=cache, desk=PRIVATE)
    assert cache.changed

    later = CheckCache.from_bytes(cache.to_bytes())
    load_archive(folder, NOW, cache=later, desk=PRIVATE)

    assert not later.changed


@pytest.mark.parametrize("kept", [None, b"", b"not what to_bytes wrote", b"\x80\x05K\x01."])
def test_checks_that_cannot_be_read_check_every_file(
    folder: Path, checked: list[str], kept: bytes | None
) -> None:
    cache = CheckCache.from_bytes(kept)

    loaded = load_archive(folder, NOW, cache=cache, desk=PRIVATE)

    assert len(checked) == len(list(folder.glob("synthetic-*.yaml")))
    _same(loaded, load_archive(folder, NOW, desk=PRIVATE))


def test_a_preview_keeps_the_views_of_unchanged_briefings_and_makes_the_others_again(
    folder: Path,
) -> None:
    cache, views = CheckCache(), Views()
    first = {
        v.briefing.id: v
        for v in views.of(*_shown(load_archive(folder, NOW, cache=cache, desk=PRIVATE)))
    }
    edited = folder / "synthetic-briefing-05.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("summary: ", "summary: X ", 1))

    archive = load_archive(folder, NOW, cache=cache, desk=PRIVATE)
    second = {v.briefing.id: v for v in views.of(*_shown(archive))}

    assert second.keys() == first.keys()
    assert [i for i in second if second[i] is not first[i]] == ["synthetic-briefing-05"]
    # Each as a fresh build makes it.
    assert list(second.values()) == [briefing_view(archive, b) for b in archive.shown]


def test_a_preview_makes_every_view_again_when_the_actors_or_the_briefings_shown_change(
    folder: Path,
) -> None:
    cache, views = CheckCache(), Views()
    first = views.of(*_shown(load_archive(folder, NOW, cache=cache, desk=PRIVATE)))
    registry = folder / "actors.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")

    second = views.of(*_shown(load_archive(folder, NOW, cache=cache, desk=PRIVATE)))
    (folder / "synthetic-briefing-05.yaml").unlink()
    third = views.of(*_shown(load_archive(folder, NOW, cache=cache, desk=PRIVATE)))

    assert all(a is not b for a, b in zip(first, second, strict=True))
    assert not {id(view) for view in second} & {id(view) for view in third}


def _shown(archive: Archive) -> tuple[Archive, tuple[Briefing, ...]]:
    assert archive.errors == ()
    return archive, archive.shown
