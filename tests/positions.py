"""Where a text is written in a briefing file, as a located error gives it: 1-based line and
column. Tests look positions up here rather than writing them out, so that a field added to a
fixture moves what they expect along with what they check."""

from __future__ import annotations


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def positions(text: str, written: str) -> list[tuple[int, int]]:
    """The line and column of each place in `text` where `written` begins, in order."""
    found = []
    offset = text.find(written)
    while offset != -1:
        found.append(_line_and_column(text, offset))
        offset = text.find(written, offset + 1)
    return found


def position(text: str, written: str, at: str | None = None) -> tuple[int, int]:
    """The line and column in `text` of `at`, a part of `written` (by default, all of it),
    where `written` is found in `text` exactly once."""
    found = text.count(written)
    assert found == 1, f"{written!r} is written {found} times, not once"
    if at is None:
        at = written
    assert at in written, f"{at!r} is not part of {written!r}"
    return _line_and_column(text, text.index(written) + written.index(at))


def location(text: str, written: str, at: str | None = None) -> str:
    """`line:column`, as an error message gives the `position` of `at` in `written`."""
    line, column = position(text, written, at)
    return f"{line}:{column}"


def line_of(text: str, written: str) -> int:
    """The line of `text` on which `written`, found in it exactly once, begins."""
    return position(text, written)[0]
