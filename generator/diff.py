"""What a change to the briefings does to the site, for whoever reviews it (`briefings diff`).

Two states of the folder of briefings (a git revision, or the work tree) are each checked as
`briefings check` would, then compared briefing by briefing: what was added, published,
unpublished or removed, each claim whose state moved (old -> new), the sources, statements
and evidence added or removed, and the corrections and updates added. A claim whose state
moved with no new `history` entry and no new entry in `updates` is flagged: a reader of the
page would see the verdict change without a word of why.

Old versions are read with git itself, in one `git cat-file --batch` process for all files.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from .archive import load_archive
from .desk import Desk
from .errors import counted
from .model import Briefing
from .render import md_inline


class GitError(Exception):
    """A revision or repository git cannot read, in git's own words."""


def _git(repo: Path, *args: str, given: bytes | None = None) -> bytes:
    done = subprocess.run(["git", *args], cwd=repo, input=given, capture_output=True)
    if done.returncode != 0:
        raise GitError(done.stderr.decode(errors="replace").strip() or f"git {args[0]} failed")
    return done.stdout


def merge_base(repo: Path, branch: str = "main") -> str:
    """Where the work being reviewed left `branch`; HEAD when there is no such branch."""
    try:
        return _git(repo, "merge-base", branch, "HEAD").decode().strip()
    except GitError:
        return _git(repo, "rev-parse", "HEAD").decode().strip()


def read_revision(repo: Path, revision: str, folder: str) -> dict[str, bytes]:
    """The YAML files directly in `folder` (relative to the repository's top) at `revision`,
    by file name, all read by one git process."""
    listing = _git(repo, "ls-tree", "-z", "--name-only", f"{revision}:{folder}")
    names = [n for n in listing.decode().split("\0") if n.endswith(".yaml")]
    if not names:
        return {}
    request = "".join(f"{revision}:{PurePosixPath(folder, name)}\n" for name in names)
    output = _git(repo, "cat-file", "--batch", given=request.encode())
    files, at = {}, 0
    for name in names:
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].split()[2])
        files[name] = output[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1  # the content, then a newline
    return files


@dataclass(frozen=True)
class ClaimMove:
    claim: str
    old: str
    new: str
    explained: bool
    """Whether a history entry or an update came with the move."""


@dataclass
class BriefingChange:
    id: str
    title: str
    what: str
    """added, removed, published, unpublished, or changed."""
    public: bool
    """Whether readers see it: after the change, or before it for one removed."""
    claims: list[ClaimMove] = field(default_factory=list)
    added: dict[str, list[str]] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict)
    updates: list[str] = field(default_factory=list)

    @property
    def unexplained(self) -> list[ClaimMove]:
        return [move for move in self.claims if not move.explained]


def _ids(briefing: Briefing) -> dict[str, list[str]]:
    return {
        "claims": [c.id for c in briefing.claims],
        "sources": [s.id for s in briefing.sources],
        "statements": [s.id for s in briefing.statements],
        "evidence": [e.id for e in briefing.evidence],
    }


def _compare(old: Briefing, new: Briefing, public: bool, was_public: bool) -> BriefingChange:
    what = "changed"
    if public and not was_public:
        what = "published"
    elif was_public and not public:
        what = "unpublished"
    change = BriefingChange(new.id, new.title, what, public)
    before, after = _ids(old), _ids(new)
    for kind in before:
        added = [i for i in after[kind] if i not in before[kind]]
        removed = [i for i in before[kind] if i not in after[kind]]
        if added:
            change.added[kind] = added
        if removed:
            change.removed[kind] = removed
    old_updates = {(u.date, u.kind, u.note) for u in old.updates}
    new_updates = [u for u in new.updates if (u.date, u.kind, u.note) not in old_updates]
    change.updates = [f"{u.kind.value} {u.date}: {u.note}" for u in new_updates]
    old_claims = {c.id: c for c in old.claims}
    for claim in new.claims:
        was = old_claims.get(claim.id)
        if was is None or was.verification.state is claim.verification.state:
            continue
        explained = bool(new_updates) or (
            len(claim.verification.history) > len(was.verification.history)
        )
        move = ClaimMove(
            claim.id, was.verification.state.value, claim.verification.state.value, explained
        )
        change.claims.append(move)
    return change


@dataclass
class Diff:
    changes: list[BriefingChange]
    problems: dict[str, int]
    """Problems `briefings check` finds on each side, by side: the diff compares only the
    briefings that pass."""

    @property
    def unexplained(self) -> int:
        return sum(len(change.unexplained) for change in self.changes)


def diff_folders(base: Path, head: Path, *, now: datetime, desk: Desk) -> Diff:
    """Compare two folders of briefings as checked at `now` by `desk`'s rules."""
    old, new = load_archive(base, now, desk=desk), load_archive(head, now, desk=desk)
    old_by_id = {b.id: b for b in old.briefings}
    new_by_id = {b.id: b for b in new.briefings}
    changes = []
    for briefing_id in sorted(old_by_id.keys() | new_by_id.keys()):
        was, now_is = old_by_id.get(briefing_id), new_by_id.get(briefing_id)
        public = briefing_id in new.shown_ids
        if was is None and now_is is not None:
            changes.append(BriefingChange(briefing_id, now_is.title, "added", public))
        elif now_is is None and was is not None:
            gone = BriefingChange(briefing_id, was.title, "removed", briefing_id in old.shown_ids)
            changes.append(gone)
        elif was is not None and now_is is not None and was != now_is:
            changes.append(_compare(was, now_is, public, briefing_id in old.shown_ids))
    return Diff(changes, {"base": len(old.errors), "head": len(new.errors)})


def diff_revisions(
    repo: Path, base: str, head: str | None, *, folder: str, now: datetime, desk: Desk
) -> Diff:
    """Compare the folder at revision `base` with `head` (None: the work tree)."""
    with tempfile.TemporaryDirectory() as scratch:
        sides = []
        for name, revision in (("base", base), ("head", head)):
            target = Path(scratch) / name / "briefings"
            target.mkdir(parents=True)
            if revision is None:
                for path in (repo / folder).glob("[!.]*.yaml"):
                    (target / path.name).write_bytes(path.read_bytes())
            else:
                for file, content in read_revision(repo, revision, folder).items():
                    (target / file).write_bytes(content)
            sides.append(target)
        return diff_folders(sides[0], sides[1], now=now, desk=desk)


# --- Output ------------------------------------------------------------------------------------


def _lines(
    diff: Diff, bullet: str, code: Callable[[str], str], text: Callable[[str], str]
) -> Iterable[str]:
    """The changes, a line each; `code` marks ids, `text` makes the editors' words safe."""
    for change in diff.changes:
        where = "public" if change.public else "private"
        yield f"{bullet}{code(change.id)} ({where}): {change.what}: {text(change.title)}"
        for move in change.claims:
            flag = "" if move.explained else " (no history entry and no update says why)"
            yield f"  {bullet}claim {code(move.claim)}: {move.old} -> {move.new}{flag}"
        for kind, ids in change.added.items():
            yield f"  {bullet}{kind} added: {', '.join(code(i) for i in ids)}"
        for kind, ids in change.removed.items():
            yield f"  {bullet}{kind} removed: {', '.join(code(i) for i in ids)}"
        for update in change.updates:
            yield f"  {bullet}{text(update)}"


def _summary(diff: Diff) -> str:
    text = f"{counted(len(diff.changes), 'briefing')} changed"
    if diff.unexplained:
        moves = counted(diff.unexplained, "claim state change")
        text += f"; {moves} without a history entry or update"
    for side, problems in diff.problems.items():
        if problems:
            text += f"; {counted(problems, 'problem')} at {side}, left out: run briefings check"
    return text


def format_text(diff: Diff) -> str:
    return "\n".join([*_lines(diff, "", str, str), _summary(diff)]) + "\n"


def format_markdown(diff: Diff) -> str:
    """For a pull request's job summary: ids are slugs, in code; titles and notes are the
    editors' text, shown as written rather than read as Markdown or HTML."""
    body = list(_lines(diff, "- ", lambda i: f"`{i}`", md_inline)) or ["No briefing changes."]
    return "\n".join(["## What readers will see change", "", *body, "", _summary(diff)]) + "\n"


def format_json(diff: Diff) -> str:
    data = {
        "changes": [
            {**asdict(change), "unexplained": [m.claim for m in change.unexplained]}
            for change in diff.changes
        ],
        "problems": diff.problems,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
