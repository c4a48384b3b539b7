"""The one error type of the project, and how it is shown.

The core never prints: it returns `BriefingError` values, and the CLI and the MkDocs plugin
choose a format and an exit code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class BriefingError:
    """A problem in one input file, at a 1-based line and column when they are known."""

    path: str
    line: int = 0
    column: int = 0
    message: str = ""
    hint: str | None = None
    unresolved: tuple[str, str] | None = field(default=None, compare=False, repr=False)
    """For an id that names nothing: what kind of thing it should name, and the id."""

    @property
    def location(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count as the terminal says it, in English like its messages: '1 problem',
    '2 problems', '0 valid briefings'; `plural` when adding an s will not do."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def format_text(errors: Iterable[BriefingError]) -> str:
    """One `path:line:column: message` line per error, in file order."""
    return "\n".join(str(error) for error in sorted(errors))


def format_github(errors: Iterable[BriefingError], command: str = "error") -> str:
    """GitHub Actions workflow commands, so errors show up on the pull request's lines.

    `command` is `error`, or `notice` for what is only worth knowing."""

    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    lines = []
    for error in sorted(errors):
        where = f"file={escape(error.path).replace(',', '%2C').replace(':', '%3A')}"
        if error.line:
            where += f",line={error.line},col={error.column}"
        message = f"{error.message}; {error.hint}" if error.hint else error.message
        lines.append(f"::{command} {where}::{escape(message)}")
    return "\n".join(lines)


def records(errors: Iterable[BriefingError]) -> list[dict[str, object]]:
    """The errors as JSON objects, in file order."""
    fields = ("path", "line", "column", "message", "hint")
    return [{name: getattr(error, name) for name in fields} for error in sorted(errors)]


def format_json(errors: Iterable[BriefingError]) -> str:
    return json.dumps(records(errors), ensure_ascii=False, indent=2)
