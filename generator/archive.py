"""The archive: every briefing in a folder, checked, and what of it may be published.

`load_archive` is the one entry point the CLI and the MkDocs plugin share: it reads the folder,
runs every check and returns the archive with all problems found. "Now" is an argument so that
builds and tests are reproducible.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property, partial
from pathlib import Path
from string import Template

from .desk import (
    PUBLIC_DESK,
    Audience,
    Desk,
    Exposure,
    embargo_message,
    exposure_errors,
    restricted_message,
)
from .errors import BriefingError
from .model import Actor, ActorRegistry, Briefing, Claim, Status, Tlp
from .progress import CHECKING, SILENT, Progress
from .threads import Thread, check_threads, thread_of
from .validate import (
    BriefingLink,
    InlineActor,
    Locate,
    Salvage,
    briefing_links,
    check_briefing,
    check_briefing_links,
    check_inline_actors,
    check_registry,
    check_shape,
    claim_notes,
    inline_actors,
    language_notes,
    locator,
    salvage,
)
from .yamlio import parse_bytes, read

REGISTRY_FILE = "actors.yaml"


def is_shown(briefing: Briefing, now: datetime, audience: Audience = Audience.PUBLIC) -> bool:
    """SPEC §4: published, TLP:CLEAR, and past any embargo; for the internal audience, also
    GREEN, AMBER and AMBER+STRICT. RED never; everything else stays private."""
    return is_cleared(briefing, audience) and (
        briefing.embargo_until is None or briefing.embargo_until <= now
    )


def is_cleared(briefing: Briefing, audience: Audience = Audience.PUBLIC) -> bool:
    """Whether the briefing is shown once its embargo, if it has one, has ended: all of
    `is_shown` that does not depend on the clock."""
    allowed = (Tlp.CLEAR,) if audience is Audience.PUBLIC else INTERNAL_TLPS
    return (
        briefing.status is Status.PUBLISHED
        and briefing.tlp in allowed
        and briefing.published is not None
    )


INTERNAL_TLPS = (Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER, Tlp.AMBER_STRICT)
"""What an internal site shows; RED is for named recipients and never reaches any site."""


@dataclass(frozen=True)
class Archive:
    """Valid briefings and the actor registry, as of `now`, for a build's audience."""

    briefings: tuple[Briefing, ...]
    registry: ActorRegistry
    now: datetime
    errors: tuple[BriefingError, ...] = field(default=())
    notes: tuple[BriefingError, ...] = field(default=())
    """What is worth knowing but not wrong: files in the folder that were not read, and
    verdicts on claims too long for search results."""
    audience: Audience = Audience.PUBLIC
    due: tuple[BriefingError, ...] = field(default=())
    """Claims and open questions whose `review_by` has come, for `briefings check --due`."""
    withheld: tuple[str, ...] = field(default=())
    """The ids of briefings valid in every other way, left out only because the repository
    is public and they are not fit for everyone (not TLP:CLEAR, or under embargo): valid as
    briefings, but not in this repository. Never in `briefings`."""

    @cached_property
    def shown(self) -> tuple[Briefing, ...]:
        """The briefings this build shows, newest first: the public ones, and for the internal
        audience the published restricted ones too. The only briefings any page may show or
        count."""
        chosen = [b for b in self.briefings if is_shown(b, self.now, self.audience)]
        return tuple(sorted(chosen, key=lambda b: (b.published, b.id), reverse=True))

    @cached_property
    def shown_ids(self) -> frozenset[str]:
        return frozenset(briefing.id for briefing in self.shown)

    @cached_property
    def registry_actors(self) -> dict[str, Actor]:
        return {actor.id: actor for actor in self.registry.actors}

    def actors_of(self, briefing: Briefing) -> dict[str, Actor]:
        """The briefing's actors by id, registry entries resolved, in the order listed."""
        return {
            actor.id: actor
            for actor in (
                self.registry_actors[entry] if isinstance(entry, str) else entry
                for entry in briefing.actors
            )
        }

    def find_actor(self, briefing: Briefing, actor_id: str) -> Actor | None:
        """An actor of the briefing, or of the registry (e.g. an affiliation)."""
        return self.actors_of(briefing).get(actor_id) or self.registry_actors.get(actor_id)


def _shown(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _outside(path: Path, directory: Path) -> BriefingError | None:
    """An error when `path` is a symbolic link leading out of the folder of briefings: the
    build must read only what the repository's reviewers see."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if target.is_relative_to(directory.resolve()):
        return None
    return BriefingError(
        _shown(path),
        0,
        0,
        f"is a symbolic link to {target}, outside the folder of briefings",
        "copy the file here instead of linking to it",
    )


def _not_read(directory: Path) -> list[BriefingError]:
    """A note for every entry of the folder that is not a YAML file; hidden files are skipped."""
    notes = []
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith(".") or entry.suffix in (".yaml", ".yml"):
            continue
        what = "a folder" if entry.is_dir() else "not a .yaml file"
        notes.append(BriefingError(_shown(entry), 0, 0, f"{what}, not read"))
    return notes


def _defined(data: object) -> Iterator[tuple[str, str]]:
    """The (kind, id) pairs a briefing defines for itself: its claims, sources, statements
    and written-out actors."""
    if not isinstance(data, dict):
        return
    for key, what in (("claims", "claim"), ("sources", "source"), ("actors", "actor")):
        items = data.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield what, item["id"]


def _point_elsewhere(error: BriefingError, owners: dict[tuple[str, str], str]) -> BriefingError:
    """An unknown id that another briefing defines: say where it is, and why it cannot be used."""
    owner = owners.get(error.unresolved) if error.unresolved else None
    if error.unresolved is None or owner is None or owner == Path(error.path).name:
        return error
    what, value = error.unresolved
    if what == "actor":
        hint = f"{value!r} is written out in {owner}; move it to actors.yaml to use it in both"
    else:
        hint = (
            f"{value!r} is a {what} of {owner}, and a briefing can refer only to its own "
            f"{what}s; write the {what} here too"
        )
    return replace(error, hint=hint)


def _registry_actors_known(briefing: Briefing, registry: ActorRegistry) -> bool:
    known = {actor.id for actor in registry.actors}
    return all(entry in known for entry in briefing.actors if isinstance(entry, str))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large, acyclic structure is built.

    Loading and rendering allocate millions of objects that live on, and each allocation
    burst made the collector walk all of them again: with it paused, loading 1,000 briefings
    took 0.90 s instead of 1.32 s. Reference counting still frees everything that is dropped.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_archive(
    directory: Path,
    now: datetime,
    *,
    cache: CheckCache | None = None,
    desk: Desk = PUBLIC_DESK,
    progress: Progress = SILENT,
) -> Archive:
    """Read and check every file in `directory`; the archive's `errors` lists every problem.

    The archive holds only briefings that passed every check and whose actors are all known;
    callers must not publish anything while `errors` is not empty. With a `cache`, files
    whose bytes (and the registry's) are unchanged since the last load are not checked again.
    The `desk` says whether the folder is in a public repository, where a briefing not fit
    for everyone is an error, and whom the build is for. Each briefing file checked is counted
    on `progress`.
    """
    with collector_paused():
        return _load_archive(directory, now, cache, desk, progress)


def _load_archive(
    directory: Path, now: datetime, cache: CheckCache | None, desk: Desk, progress: Progress
) -> Archive:
    errors: list[BriefingError] = []
    if not directory.is_dir():
        error = BriefingError(_shown(directory), 0, 0, "no such folder of briefings")
        registry = ActorRegistry.model_validate({"schema": 1})
        return Archive((), registry, now, (error,), audience=desk.audience)

    registry = ActorRegistry.model_validate({"schema": 1})
    registry_written: frozenset[str] | None = frozenset()
    registry_path = directory / REGISTRY_FILE
    registry_key = b""
    if outside := _outside(registry_path, directory):
        errors.append(outside)
        registry_written = None
        registry_key = b"outside"
    elif registry_path.exists() or registry_path.is_symlink():
        shown = _shown(registry_path)
        raw, problems = read(registry_path, shown)
        registry_key = hashlib.sha256(raw or b"").digest()
        document, problems = (None, problems) if raw is None else parse_bytes(raw, shown)
        errors += problems
        if document is None:
            registry_written = None  # unreadable: its actors cannot be known
        else:
            parsed, problems = check_shape(document, ActorRegistry)
            errors += problems
            if parsed is not None:
                errors += check_registry(document, parsed)
                registry = parsed
            else:
                # Check the valid actors too, and let briefings refer to any id written here.
                part = salvage(ActorRegistry, document.data)
                errors += check_registry(document, part.model, part)
                registry = part.model
                registry_written = part.written.get("actor", frozenset())
                if "actor" in part.unknowable:
                    registry_written = None

    # Hidden files (editor backups and locks, .gitkeep) are never read.
    for stray in sorted(directory.glob("[!.]*.yml")):
        errors.append(
            BriefingError(
                _shown(stray),
                0,
                0,
                "briefing files must end in .yaml",
                f"rename it to {stray.stem}.yaml",
            )
        )

    briefings: list[Briefing] = []
    # Only what the cross-file check needs is kept, not the documents: thousands of node
    # trees held until the end made the garbage collector most of the check's time.
    written_out: list[InlineActor] = []
    links: list[BriefingLink] = []
    notes: list[BriefingError] = []
    due: list[Review] = []
    threads: list[Thread] = []
    withheld: list[str] = []
    owners: dict[tuple[str, str], str] = {}
    stems: set[str] = set()  # every briefing file, valid or not: what `briefing:` may name
    paths = [path for path in sorted(directory.glob("[!.]*.yaml")) if path.name != REGISTRY_FILE]
    checking = progress.stage(CHECKING, len(paths))
    for path in paths:
        checking.advance()
        stems.add(path.stem)
        if outside := _outside(path, directory):
            errors.append(outside)
            continue
        shown = _shown(path)
        raw, problems = read(path, shown)
        errors += problems
        if raw is None:
            continue
        key = (shown, hashlib.sha256(raw).digest(), registry_key)
        checked = cache.get(key) if cache is not None else None
        if checked is None:
            checked = _check_file(raw, path, shown, registry, registry_written)
        if cache is not None:
            cache.keep(key, checked)
        errors += checked.errors
        # Whether an embargo is still on depends on `now`, which the cache does not know.
        exposed = exposure_errors(checked.exposures, desk, now)
        if exposed:
            # One error a line: a published RED briefing is told what is wrong with it first.
            taken = {error.location for error in checked.errors}
            exposed = [error for error in exposed if error.location not in taken]
        errors += exposed
        links += checked.links
        notes += checked.notes
        due += [review for review in checked.reviews if review.due <= now.date()]
        if checked.thread is not None:
            threads.append(checked.thread)
        for defined in checked.defined:
            owners.setdefault(defined, path.name)
        if checked.briefing is not None and not exposed:
            briefings.append(checked.briefing)
            written_out += checked.written_out
        elif checked.briefing is not None:
            withheld.append(checked.briefing.id)
    checking.finish()
    errors += check_inline_actors(written_out)
    broken = check_briefing_links(links, stems) + check_threads(threads, stems)
    errors += broken
    # Like any briefing with a problem of its own, one with a broken link or thread is left out.
    left_out = {Path(error.path).stem for error in broken}
    briefings = [briefing for briefing in briefings if briefing.id not in left_out]
    withheld = [briefing for briefing in withheld if briefing not in left_out]
    errors = [_point_elsewhere(error, owners) for error in errors]
    if cache is not None:
        cache.forget_unused()
    return Archive(
        tuple(briefings),
        registry,
        now,
        tuple(sorted(errors)),
        tuple(_not_read(directory)) + tuple(sorted(notes)),
        desk.audience,
        tuple(sorted(_still_due(due, briefings, now, desk.audience))),
        tuple(withheld),
    )


@dataclass(frozen=True)
class _Checked:
    """What the checks found in one briefing file: all the archive needs of it."""

    errors: tuple[BriefingError, ...]
    defined: tuple[tuple[str, str], ...]
    briefing: Briefing | None
    """The briefing, when it passed every check of its own and its actors are all known."""
    written_out: tuple[InlineActor, ...]
    links: tuple[BriefingLink, ...] = ()
    """Its `briefing:` links, checked once every file is read."""
    notes: tuple[BriefingError, ...] = ()
    exposures: tuple[Exposure, ...] = ()
    """What would be an error in a public repository."""
    reviews: tuple[Review, ...] = ()
    thread: Thread | None = None


@dataclass(frozen=True)
class Review:
    """A date by which the desk means to look at a claim or an open question again."""

    note: BriefingError
    due: date
    claim: tuple[str, str] | None = None
    """(briefing id, claim id) of the claim to assess again; None for an open question."""
    as_of: date | None = None
    """When the claim was last assessed: a newer assessment that continues it is the review."""


def _reviews(at: Locate, briefing: Briefing, stem: str) -> tuple[Review, ...]:
    found = []
    for i, claim in enumerate(briefing.claims):
        if (when := claim.verification.review_by) is not None:
            note = at(
                ("claims", i, "verification", "review_by"),
                f"claim {claim.id!r} was to be assessed again by {when}",
                "assess it again, then move as_of (with the old state in history) and review_by",
            )
            found.append(Review(note, when, (stem, claim.id), claim.verification.as_of))
    for k, question in enumerate(briefing.open_questions):
        if (when := question.review_by) is not None:
            note = at(
                ("open_questions", k, "review_by"),
                f"open question {k + 1} was to be looked at again by {when}",
                "answer it, or set a new review_by",
            )
            found.append(Review(note, when))
    return tuple(found)


def _still_due(
    reviews: list[Review], briefings: list[Briefing], now: datetime, audience: Audience
) -> list[BriefingError]:
    """The reviews that have come and are not done. A claim assessed again, with a newer
    as_of, in a shown briefing that continues it (SPEC §5b) has had its review there: its old
    page keeps its dated verdict, and says how the claim stands since. A newer assessment in a
    briefing not shown yet leaves the review due, and the note says where it waits."""
    continued_by: dict[tuple[str, str], list[tuple[Briefing, Claim]]] = {}
    for briefing in briefings:
        for claim in briefing.claims:
            if claim.continues is not None:
                target, _, target_claim = claim.continues.partition("/")
                continued_by.setdefault((target, target_claim), []).append((briefing, claim))
    found = []
    for review in reviews:
        newer = [
            (briefing, claim)
            for briefing, claim in _continuing(review.claim, continued_by)
            if review.as_of is not None and claim.verification.as_of > review.as_of
        ]
        if any(is_shown(briefing, now, audience) for briefing, _ in newer):
            continue
        if not newer:
            found.append(review.note)
            continue
        briefing, claim = max(newer, key=lambda each: (each[1].verification.as_of, each[0].id))
        where = str(Path(review.note.path).with_name(f"{briefing.id}.yaml"))
        found.append(replace(review.note, hint=_waiting(where, briefing, claim, now)))
    return found


def _continuing(
    claim: tuple[str, str] | None, continued_by: dict[tuple[str, str], list[tuple[Briefing, Claim]]]
) -> Iterator[tuple[Briefing, Claim]]:
    """The claims that continue `claim`, directly or through others."""
    pending, seen = [claim] if claim is not None else [], set()
    while pending:
        for briefing, later in continued_by.get(pending.pop(), ()):
            if (briefing.id, later.id) not in seen:
                seen.add((briefing.id, later.id))
                pending.append((briefing.id, later.id))
                yield briefing, later


def _waiting(where: str, briefing: Briefing, claim: Claim, now: datetime) -> str:
    """What to do about a review done in a briefing that is not shown yet."""
    done = f"{where} assesses it again as of {claim.verification.as_of}"
    if briefing.status is not Status.PUBLISHED:
        return f"{done}, but is a draft: publish it"
    if briefing.embargo_until is not None and briefing.embargo_until > now:
        return f"{done}, but is under embargo until {briefing.embargo_until.isoformat()}"
    return f"{done}, but is not shown on this site (TLP:{briefing.tlp.value})"


def _exposures(at: Locate, briefing: Briefing) -> tuple[Exposure, ...]:
    found = []
    if briefing.tlp is not None and briefing.tlp is not Tlp.CLEAR:
        found.append(Exposure(at(("tlp",), *restricted_message(briefing.tlp.value))))
    if briefing.embargo_until is not None:
        embargo = briefing.embargo_until
        found.append(Exposure(at(("embargo_until",), *embargo_message(embargo)), embargo))
    return tuple(found)


def _check_file(
    raw: bytes,
    path: Path,
    shown: str,
    registry: ActorRegistry,
    registry_written: frozenset[str] | None,
) -> _Checked:
    document, problems = parse_bytes(raw, shown)
    errors = list(problems)
    if document is None:
        return _Checked(tuple(errors), (), None, ())
    defined = tuple(_defined(document.data))
    briefing, problems = check_shape(document, Briefing)
    errors += problems
    # Without a valid briefing, still check what is valid in it, so that one run reports
    # every problem of the file, each at its place.
    part: Salvage | None = None
    if briefing is None:
        part = salvage(Briefing, document.data)
        model: Briefing = part.model
    else:
        model = briefing
    problems = check_briefing(
        document, model, stem=path.stem, registry=registry, partial=part,
        registry_written=registry_written,
    )  # fmt: skip
    errors += problems
    at = locator(document, part)
    thread = thread_of(at, model, path.stem, document=document)
    # A `continues` written as a claim id alone is told with the thread, which knows the
    # claims of the briefing followed.
    bare = {item.where.location for item in thread.bare}
    errors = [error for error in errors if error.location not in bare]
    checked = partial(
        _Checked,
        links=tuple(briefing_links(document, model, part)),
        exposures=_exposures(at, model),
        reviews=_reviews(at, model, path.stem),
        thread=thread,
    )
    if briefing is None:
        return checked(tuple(errors), defined, None, ())
    notes = tuple(claim_notes(document, briefing) + language_notes(document, briefing))
    # An actor of a broken actors.yaml is not blamed on the briefing, but without it the
    # briefing cannot be shown either.
    if problems or not _registry_actors_known(briefing, registry):
        return checked(tuple(errors), defined, None, (), notes=notes)
    written_out = tuple(inline_actors(document, briefing))
    return checked(tuple(errors), defined, briefing, written_out, notes=notes)


class CheckCache:
    """The checks of each briefing file, by its path, the SHA-256 of its bytes and of the
    actor registry's: a load of the same folder again (`mkdocs serve`, or a build that kept
    them, `to_bytes`) parses and checks only the files that changed. Entries not used by the
    latest load are dropped."""

    def __init__(self, entries: dict[tuple[str, bytes, bytes], _Checked] | None = None) -> None:
        self._entries = entries or {}
        self._used: dict[tuple[str, bytes, bytes], _Checked] = {}
        self.changed = False
        """Whether the latest load checked a file, or dropped an entry, since it was kept."""

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: tuple[str, bytes, bytes]) -> _Checked | None:
        return self._entries.get(key)

    def keep(self, key: tuple[str, bytes, bytes], checked: _Checked) -> None:
        self.changed = self.changed or key not in self._entries
        self._used[key] = checked

    def forget_unused(self) -> None:
        self.changed = self.changed or len(self._used) != len(self._entries)
        self._entries, self._used = self._used, {}

    # Kept with pickle, the one form that holds the checked models as they are: reading the
    # checks of 1,000 files back takes 0.13 s, checking them again 3 s. The bytes are only
    # ever read by the code that wrote them: the cache keeps them in a folder named by the
    # digest of the generator's files and the installed packages (`pagecache.installed`).
    def to_bytes(self) -> bytes:
        """The entries, for `from_bytes` in a later process running the same code."""
        return pickle.dumps(self._entries, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes | None) -> CheckCache:
        """The entries `to_bytes` kept; none when there are none, or they cannot be read."""
        if data is None:
            return cls()
        try:
            entries = pickle.loads(data)  # written by `to_bytes`, see above
        except Exception:  # damaged: every file is checked, as if none were kept
            return cls()
        return cls(entries) if isinstance(entries, dict) else cls()


def write_scaffold(directory: Path, briefing_id: str, today: date) -> Path:
    """Write a new draft briefing from the commented template; never overwrite a file."""
    template = Template((Path(__file__).parent / "scaffold.yaml").read_text(encoding="utf-8"))
    text = template.substitute(id=briefing_id, today=today.isoformat())
    path = directory / f"{briefing_id}.yaml"
    directory.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(text)
    return path
