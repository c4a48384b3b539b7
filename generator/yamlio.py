"""Read YAML files into plain data, keeping where every value was written.

This is the only module that touches YAML. libyaml (through `yaml.CSafeLoader`, when PyYAML was
built with it) parses the text and composes the node tree; this module then builds plain Python
data from the nodes with its own, stricter, scalar rules:

- only `true` and `false` are booleans: `yes`, `NO` and `on` stay text;
- only plain decimal numbers without leading zeros are integers: `0755` and `1:30` stay text;
- dates stay text, for the model to parse at the precision they were written;
- a key written twice, a custom tag or a merge key is an error.

The node tree is kept beside the data, so that any error found later can be located by its
path (`("claims", 0, "verification", "state")`) at no cost while the input is valid.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import BriefingError

try:
    _Base: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: same results, about nine times slower.
    _Base = yaml.SafeLoader

_PLAIN_TAG = "tag:briefing-site,2024:plain"
"""What the loader tags an untagged plain scalar with: `_Builder` gives it its type."""


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader without its type detection, which `_Builder` redoes with stricter
    rules anyway: matching YAML 1.1's implicit types was a third of the time spent loading."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN_TAG if implicit[0] else _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


MAX_FILE_BYTES = 1_000_000
"""Larger files are refused: a briefing is a few kilobytes."""

MAX_NODES = 100_000
"""Values built from one file, aliases expanded; stops "billion laughs" documents."""

MAX_DEPTH = 50

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_NULLS = frozenset({"", "~", "null"})
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_STANDARD_TAGS = frozenset(
    {_PLAIN_TAG}
    | {
        f"tag:yaml.org,2002:{name}"
        for name in ("str", "int", "bool", "null", "float", "timestamp", "map", "seq")
    }
)

Path_ = tuple[str | int, ...]

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What libyaml reads as a line break, and counts lines by."""

# libyaml's messages, and what to do about them.
_YAML_HINTS = {
    "tab": "indent with spaces, not tabs",
    "maximum nesting depth": "a briefing is nested a few levels at most: check the brackets",
    "single document": "remove the '---' line and what follows it, or move it to its own file",
}


@dataclass(frozen=True)
class Document:
    """The plain data of one YAML file and the node tree it was built from."""

    path: str
    data: Any
    root: yaml.Node
    text: str = ""
    """The text the nodes were parsed from, for finding where a part of a value is written."""

    def node_at(self, path: Path_, *, key: bool = False) -> yaml.Node:
        """The node at `path`, or the deepest node on the way there that exists.

        With `key=True` and a path ending in a mapping key, the key itself is returned: an
        unknown key is best shown where the key is written.
        """
        node = self.root
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(step):
                        node = key_node if (key and last) else value_node
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                node = node.value[step]
        return node

    def span(self, path: Path_) -> tuple[int, int]:
        """Where the value at `path` is written: its first and past-the-last character."""
        node = self.node_at(path)
        return node.start_mark.index, node.end_mark.index

    def keys_at(self, path: Path_) -> list[tuple[str, int]]:
        """The keys of the mapping at `path`, each with its 1-based line; [] if not a mapping."""
        node = self.node_at(path)
        if not isinstance(node, yaml.MappingNode):
            return []
        return [(str(key.value), key.start_mark.line + 1) for key, _ in node.value]

    @cached_property
    def lines(self) -> list[str]:
        return _LINE_BREAK.split(self.text)

    def place_in(self, path: Path_, written: str, earlier: int = 0) -> tuple[int, int] | None:
        """The 1-based line and column where `written` is written inside the text value at
        `path`, after `earlier` other appearances of it in that value; None when it cannot be
        found there as written (an escape in a quoted value, or a line break inside it).

        A block (`|`, `>`) keeps its text as written on the lines after its header, less their
        indentation, and folding changes only the line breaks between them; a plain or quoted
        value spanning lines changes only its line breaks and indentation too. So a part of
        the value with no space in it, a link's target, is found by counting its appearances
        through the lines the value spans."""
        node = self.node_at(path)
        if not isinstance(node, yaml.ScalarNode) or not self.text or not written:
            return None
        start, end = node.start_mark, node.end_mark
        block = node.style in ("|", ">")
        for number in range(start.line + block, min(end.line + 1, len(self.lines))):
            line = self.lines[number]
            first = start.column if number == start.line else 0
            last = end.column if number == end.line else len(line)
            found = line.find(written, first, last)
            while found != -1:
                if earlier == 0:
                    return number + 1, found + 1
                earlier -= 1
                found = line.find(written, found + len(written), last)
        return None

    def error(
        self,
        path: Path_,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        unresolved: tuple[str, str] | None = None,
        character: int | None = None,
        within: tuple[str, int] | None = None,
    ) -> BriefingError:
        """An error located at the value (or key) found at `path`; with `character`, at that
        character of the value (0-based), where it is written: as itself, or as an escape of
        a double-quoted value; with `within`, at a part of the value, after how many times it
        is written in it before (`place_in`). At the start of the value when neither can be
        found there."""
        node = self.node_at(path, key=key)
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        offset = None if character is None else _written_at(self.text, node, character)
        if offset is not None:
            line_start = self.text.rfind("\n", 0, offset) + 1
            line, column = self.text.count("\n", 0, offset) + 1, offset - line_start + 1
        elif within is not None and (place := self.place_in(path, *within)) is not None:
            line, column = place
        return BriefingError(self.path, line, column, message, hint, unresolved)


def _produced(text: str, start: int, end: int, escapes: bool) -> Iterator[tuple[int, str]]:
    """Each character a scalar written at `text[start:end]` holds, with where it is written:
    YAML's folding of lines yields only spaces and line ends, so every other character of
    the value is written as itself, or, in a double-quoted scalar (`escapes`), as an escape."""
    at = start
    while at < end:
        if escapes and text[at] == "\\" and at + 1 < end:
            code = text[at + 1]
            digits = yaml.scanner.Scanner.ESCAPE_CODES.get(code)
            if digits is None:
                yield at, yaml.scanner.Scanner.ESCAPE_REPLACEMENTS.get(code, "")
                at += 2
                continue
            written = text[at + 2 : at + 2 + digits]
            if re.fullmatch(r"[0-9A-Fa-f]+", written) and int(written, 16) <= sys.maxunicode:
                yield at, chr(int(written, 16))
            at += 2 + digits
            continue
        yield at, text[at]
        at += 1


def _written_at(text: str, node: yaml.Node, index: int) -> int | None:
    """Where in `text` the `index`-th character of a scalar node's value is written."""
    if not isinstance(node, yaml.ScalarNode) or not 0 <= index < len(node.value):
        return None
    wanted = node.value[index]
    before = node.value.count(wanted, 0, index)
    start, end = node.start_mark.index, node.end_mark.index
    for offset, char in _produced(text, start, end, escapes=node.style == '"'):
        if char == wanted:
            if not before:
                return offset
            before -= 1
    return None


class _Unbuildable(Exception):
    """A document that cannot be built into data: too many values, too deep, or endless."""

    def __init__(self, node: yaml.Node, message: str, hint: str) -> None:
        super().__init__(message)
        self.node = node
        self.hint = hint


class _Builder:
    """Builds plain data from a node tree, collecting every problem rather than stopping."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[BriefingError] = []
        self.nodes = 0
        self.open: set[int] = set()
        """The collections being built, to catch an alias inside its own anchor."""

    def _error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.errors.append(BriefingError(self.path, mark.line + 1, mark.column + 1, message, hint))

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Unbuildable(
                node,
                f"the document is too large: more than {MAX_NODES:,} values once aliases "
                "are expanded",
                "write the values out instead of repeating aliases (*name)",
            )
        if depth > MAX_DEPTH:
            raise _Unbuildable(
                node,
                f"values are nested more than {MAX_DEPTH} levels deep",
                "a briefing is nested a few levels at most: check the indentation and brackets",
            )
        if node.tag not in _STANDARD_TAGS:
            written = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self._error(node, f"the tag {written!r} is not allowed", "remove the tag")
            return None
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise _Unbuildable(
                    node,
                    "an alias is used inside the value it names, which would never end",
                    "remove the alias (*name) from inside its anchor (&name)",
                )
            self.open.add(id(node))
            if isinstance(node, yaml.MappingNode):
                built: Any = self._mapping(node, depth)
            else:
                built = [self.build(item, depth + 1) for item in node.value]
            self.open.discard(id(node))
            return built
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, "a key must be a plain name")
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:
                self._error(key_node, "merge keys (<<) are not supported", "write the keys out")
                continue
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self._error(key_node, f"duplicate key {key!r}", f"it is already set on line {line}")
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        return result

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        value: str = node.value
        # libyaml marks plain scalars with style "", the pure-Python parser with None.
        if node.style or node.tag == _STR_TAG:
            return value  # quoted, block or explicitly !!str: always text
        if value in ("true", "false"):
            return value == "true"
        if value in _NULLS:
            return None
        if _INT.match(value):
            return int(value)
        return value


def quoted(text: str) -> str:
    """`text` as one double-quoted YAML scalar, in ASCII, that reads back as exactly `text`.

    A JSON string is one, and fast to write, unless it holds a character beyond U+FFFF:
    JSON writes that as a surrogate pair, which YAML reads as two lone surrogates."""
    if not text or max(text) <= "\uffff":
        return json.dumps(text)
    return yaml.safe_dump(text, default_style='"', width=2**31, allow_unicode=False).rstrip("\n")


def _decode(path: str, raw: bytes) -> tuple[str | None, BriefingError | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = raw[exc.start : exc.start + 1].hex()
        return None, BriefingError(
            path,
            line,
            column,
            f"the file is not valid UTF-8 (byte 0x{byte} at offset {exc.start})",
            "save the file as UTF-8",
        )


# What libyaml says when a line is indented to a level that does not exist, or so deep that it
# reads as the continuation of the value above it.
_INDENTATION_CAUSES = (
    "did not find expected key",
    "did not find expected '-' indicator",
    "mapping values are not allowed",
    "expected <block end>",
)
_KEY_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s#:'\"\[\]{}][^:#]*?):(?: +(?P<value>.*))?$"
)


def _indentation_slip(lines: list[str], start: int, end: int) -> tuple[int, int, str, str] | None:
    """The line, from `start` to `end` (0-based), whose indentation breaks the structure
    around it, explained: a key indented to no level that is open above it, or a key indented
    under a line that already has its value. None when no line looks like that, or none near
    `end`, where libyaml noticed the structure break (at most two lines after the slip)."""
    levels: list[tuple[int, bool]] = []  # open levels: indent, and whether it holds keys
    previous: tuple[int, int, str, bool] | None = None  # line, indent, key, whether it opens
    slip: tuple[int, int, str, str] | None = None
    block_scalar = -1  # the indent a block scalar's lines are deeper than, while in one
    flow = 0  # brackets left open by a [list] or {mapping} written over several lines
    for number, raw in enumerate(lines[: end + 1]):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if not stripped or stripped.startswith("#") or (0 <= block_scalar < indent):
            continue
        block_scalar = -1
        opened = flow
        flow = max(
            0, flow + sum(stripped.count(c) for c in "[{") - sum(stripped.count(c) for c in "]}")
        )
        if opened:
            continue
        found = _KEY_LINE.match(raw.rstrip())
        if found is None:
            previous = None
            continue
        key_indent = indent + len(found["dash"] or "")
        value = (found["value"] or "").split(" #")[0].strip()
        while levels and levels[-1][0] > key_indent:
            levels.pop()
        open_here = levels and levels[-1][0] == key_indent
        if max(start, end - 2) <= number and previous is not None and not open_here:
            line, above, key, opens = previous
            if key_indent > above and not opens and not found["dash"]:
                slip = (
                    number + 1,
                    key_indent + 1,
                    f"{found['key']!r} is indented more than {key!r} on line {line + 1}, "
                    f"so it is read as part of {key}'s value",
                    f"indent it by {above} spaces, like {key!r}, or by fewer if it belongs "
                    "to a mapping further out",
                )
            elif key_indent < above and not open_here:
                outer = [n for n, keys in levels if keys and n < key_indent]
                spaces = f"{key_indent} space{'s' * (key_indent != 1)}"
                slip = (
                    number + 1,
                    key_indent + 1,
                    f"{found['key']!r} is indented by {spaces}, which lines up with no key "
                    "above it",
                    f"indent it by {above} spaces, like {key!r} on line {line + 1}"
                    + (f", or by {outer[-1]} if it belongs one level up" if outer else ""),
                )
        if found["dash"]:
            while levels and levels[-1][0] >= indent:
                levels.pop()
            levels += [(indent, False), (key_indent, True)]
        elif not open_here:
            levels.append((key_indent, True))
        opens = value == "" or value in ("|", ">", "|-", ">-", "|+", ">+")
        if value.startswith(("|", ">")):
            block_scalar = key_indent
        previous = (number, key_indent, found["key"], opens)
    return slip


def parse(text: str, path: str) -> tuple[Document | None, list[BriefingError]]:
    """Parse YAML text into a `Document`, or return every problem found in it."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"invalid YAML: {exc.problem or exc.context}"
        if exc.context and exc.problem:
            message = f"invalid YAML: {exc.problem} ({exc.context}"
            if exc.context_mark and exc.context_mark.line != getattr(mark, "line", None):
                message += f" started on line {exc.context_mark.line + 1}"
            message += ")"
        hint = _YAML_HINTS.get(next((k for k in _YAML_HINTS if k in message), ""))
        at = text[mark.index] if mark and mark.index < len(text) else ""
        if at == "\t":
            hint = _YAML_HINTS["tab"]
        elif at in ("@", "`"):
            hint = f"put text that starts with {at} in quotes"
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if mark and at != "\t" and any(cause in message for cause in _INDENTATION_CAUSES):
            start = exc.context_mark.line if exc.context_mark else 0
            slip = _indentation_slip(text.splitlines(), start, mark.line)
            if slip is not None:
                return None, [BriefingError(path, *slip)]
        return None, [BriefingError(path, line, column, message, hint)]
    except yaml.YAMLError as exc:
        return None, [BriefingError(path, 0, 0, f"invalid YAML: {exc}")]
    if root is None:
        return None, [
            BriefingError(path, 1, 1, "the file is empty", "start from `briefings new <id>`")
        ]
    builder = _Builder(path)
    try:
        data = builder.build(root)
    except _Unbuildable as exc:
        builder._error(exc.node, str(exc), exc.hint)
        return None, builder.errors
    if builder.errors:
        return None, builder.errors
    return Document(path, data, root, text), []


def read(
    path: Path, shown: str, *, max_bytes: int = MAX_FILE_BYTES
) -> tuple[bytes | None, list[BriefingError]]:
    """The bytes of a file, or why they cannot be read (too large, missing, unreadable)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [
                BriefingError(
                    shown,
                    0,
                    0,
                    f"the file is {size:,} bytes, more than the limit of {max_bytes:,}",
                    "split it, or remove what does not belong in one briefing",
                )
            ]
        return path.read_bytes(), []
    except OSError as exc:
        return None, [BriefingError(shown, 0, 0, f"cannot read the file: {exc.strerror}")]


def parse_bytes(raw: bytes, shown: str) -> tuple[Document | None, list[BriefingError]]:
    """Decode (UTF-8, with or without a BOM) and parse the bytes of a YAML file."""
    text, error = _decode(shown, raw)
    if error is not None or text is None:
        return None, [error] if error else []
    return parse(text, shown)


def load(
    path: Path, display_path: str | None = None, *, max_bytes: int = MAX_FILE_BYTES
) -> tuple[Document | None, list[BriefingError]]:
    """Read and parse one YAML file. I/O errors are returned as errors, never raised."""
    shown = display_path or str(path)
    raw, errors = read(path, shown, max_bytes=max_bytes)
    if raw is None:
        return None, errors
    return parse_bytes(raw, shown)
