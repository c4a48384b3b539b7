"""A story of three briefings, written as files: the thread of tests/test_threads.py and of the
browser tests of the story page. Each follows the one before, and its key claim continues the
one before's: unverified, then disputed, then verified."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from .conftest import FIXTURES

STORY = [
    # id, follows, published, state of the key claim
    ("bridge-closure", None, "2024-09-10", "unverified"),
    ("bridge-closure-disputed", "bridge-closure", "2024-09-20", "disputed"),
    ("bridge-closure-confirmed", "bridge-closure-disputed", "2024-10-01", "verified"),
]


def briefing(briefing_id: str, follows: str | None, published: str, state: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (FIXTURES / "valid" / "sample-briefing.yaml").read_text(encoding="utf-8")
    )
    data.update(id=briefing_id, published=published, updates=[], title=f"Story: {briefing_id}")
    data.pop("updated", None)
    key = data["claims"][0]
    key["verification"] = {"state": state, "as_of": published}
    if follows is not None:
        data["follows"] = follows
        key["continues"] = f"{follows}/{key['id']}"
    return data


def write(folder: Path, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    (folder / f"{data['id']}.yaml").write_text(text, encoding="utf-8")


def story(tmp_path: Path, **changes: dict[str, Any]) -> Path:
    """The three-briefing thread, each file changed by `changes[id]`."""
    folder = tmp_path / "briefings"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "actors.yaml", folder)
    for entry in STORY:
        write(folder, {**briefing(*entry), **changes.get(entry[0], {})})
    return folder
