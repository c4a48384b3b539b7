"""`briefings upgrade`: the mechanical part of moving a briefing from format 1 to format 2.

Format 2 says, for each claim a statement is about, what the statement says of it. Format 1
listed the claim ids only, so the stance cannot be derived: the upgrade writes each as
`<stance>`, which `briefings check` then points at, one by one, for an editor to choose. Only
the `schema` value and each `about` list are rewritten, in place, so that every comment and
every other line of the file stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import FORMAT_VERSION, SLUG_PATTERN, STANCE_TO_CHOOSE
from .yamlio import Document, Path_, parse, quoted


@dataclass(frozen=True)
class Upgrade:
    text: str
    """The file in format 2, stances still to choose."""
    stances: int
    """How many stances the editor has to choose."""


def upgrade_text(text: str, path: str) -> Upgrade | None:
    """The briefing `text` in format 2, or None when it is not a readable format 1 briefing
    (already upgraded, or broken: `briefings check` says how)."""
    document, _ = parse(text, path)
    if document is None or not isinstance(document.data, dict):
        return None
    data = document.data
    if data.get("schema") != 1:
        return None
    edits = [(*_span(document, text, ("schema",)), str(FORMAT_VERSION))]
    stances = 0
    statements = data.get("statements")
    for i, statement in enumerate(statements if isinstance(statements, list) else ()):
        about = statement.get("about") if isinstance(statement, dict) else None
        if not isinstance(about, list) or not all(isinstance(c, str) for c in about):
            continue
        pairs = ", ".join(f"{_key(claim)}: {STANCE_TO_CHOOSE}" for claim in about)
        edits.append((*_span(document, text, ("statements", i, "about")), f"{{{pairs}}}"))
        stances += len(about)
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return Upgrade(text, stances)


def _span(document: Document, text: str, path: Path_) -> tuple[int, int]:
    """Where a value is written, without the line ends and indentation a block list's span
    runs on to, up to the next key."""
    start, end = document.span(path)
    return start, start + len(text[start:end].rstrip())


def _key(claim_id: str) -> str:
    # A claim id needs no quotes; anything else is quoted, and `briefings check` reports it.
    return claim_id if re.fullmatch(SLUG_PATTERN, claim_id) else quoted(claim_id)
