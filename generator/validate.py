"""Check documents against the format and against each other; return errors, never print.

Two passes, both collecting every problem:

1. `check_shape` validates one document against its pydantic model and turns each pydantic
   error into a `BriefingError` at the line and column of the offending value, with a hint.
2. `check_briefing` and `check_registry` apply the rules that relate fields and files:
   unique ids, references that resolve, dates in order, and the publication rules.
"""

from __future__ import annotations

import difflib
import json
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePath
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .errors import BriefingError
from .markdown_fields import LinkProblem, SiteLink, classify, located_targets, shown_text
from .model import (
    FORMAT_VERSION,
    SLUG_PATTERN,
    STANCE_TO_CHOOSE,
    STATEMENT_REF_PATTERN,
    VERDICTS,
    WIKIDATA_PATTERN,
    Actor,
    ActorRegistry,
    Briefing,
    InvalidValue,
    Stance,
    Status,
    Tlp,
    hidden_character,
    markdown_fields,
)
from .writing import foreign_script, language_name, language_scripts, script_name, written_in
from .yamlio import Document, Path_

M = TypeVar("M", bound=BaseModel)

CLAIM_REVIEWED_LENGTH = 75
"""Google's fact-check markup guideline for `claimReviewed`: a longer claim is cut short in
search results, so `briefings check` notes a verdict on one."""

_PATTERN_HINTS = {
    SLUG_PATTERN: "use lowercase letters, digits and single hyphens, e.g. 'iran-missile-transfer'",
    WIKIDATA_PATTERN: "write the Wikidata item id, e.g. Q42",
    STATEMENT_REF_PATTERN: "write the id of a statement of this briefing, or <briefing id>/"
    "<statement id> for one of a briefing this one follows",
}
_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "a mapping of keys",
    type(None): "nothing",
}
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


# Fields of format 2 (SPEC §2) that this version reads but cannot build yet: refused by name,
# rather than as unknown keys, so that nobody takes them for typing mistakes.
_STANCES = ", ".join(stance.value for stance in Stance)

_ENUM_HINTS = {
    ("tlp", "WHITE"): "TLP 2.0 renamed WHITE to CLEAR: write tlp: CLEAR",
    ("tlp", "white"): "TLP 2.0 renamed WHITE to CLEAR: write tlp: CLEAR",
}


def did_you_mean(value: str, candidates: Iterable[str]) -> str | None:
    """A 'did you mean' hint naming the closest candidate, if one is close enough."""
    candidates = list(candidates)
    by_case = {candidate.casefold(): candidate for candidate in candidates}
    match = difflib.get_close_matches(value.casefold(), list(by_case), n=1, cutoff=0.6)
    return f"did you mean {by_case[match[0]]!r}?" if match else None


# --- Pass 1: shape ---------------------------------------------------------------------------


def check_shape(document: Document, model: type[M]) -> tuple[M | None, list[BriefingError]]:
    """Validate a document against a model; every error is located in the document."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        details = exc.errors()
        # A list whose every item failed is also reported "too short"; the items say more.
        deeper = {error["loc"][:n] for error in details for n in range(len(error["loc"]))}
        # A misspelled key is also a missing one; "did you mean" already says which.
        misspelled = {
            (*error["loc"][:-1], match)
            for error in details
            if error["type"] == "extra_forbidden"
            for match in difflib.get_close_matches(
                str(error["loc"][-1]),
                _field_names(_model_at(model, _data_path(document.data, error["loc"][:-1]))),
                n=1,
            )
        }
        # A key indented one level too deep or too shallow is unknown where it is, and often
        # missing where it belongs: one mistake, reported once, as indentation.
        moved = {
            error["loc"]: place
            for error in details
            if error["type"] == "extra_forbidden"
            and (place := _misplaced(document, model, _data_path(document.data, error["loc"])))
        }
        missing_moved = {(*place.mapping, place.key) for place in moved.values() if place.missing}
        errors = [
            moved[error["loc"]].error(document)
            if error["loc"] in moved
            else _located(document, model, error)
            for error in details
            if not (error["type"] == "too_short" and error["loc"] in deeper)
            and not (error["type"] == "missing" and error["loc"] in misspelled)
            and not (
                error["type"] == "missing"
                and (*_data_path(document.data, error["loc"][:-1]), error["loc"][-1])
                in missing_moved
            )
        ]
        return None, sorted(set(errors))


@dataclass(frozen=True)
class _Misplaced:
    """A key written in the wrong mapping, and the mapping it belongs to."""

    path: Path_
    """Where the key is written."""
    key: str
    mapping: Path_
    """The mapping it belongs to."""
    deeper: bool
    """Whether it belongs deeper (indent it more) rather than one level up."""
    missing: bool
    """Whether the mapping it belongs to lacks it (a required key)."""

    def error(self, document: Document) -> BriefingError:
        written = document.node_at(self.mapping, key=True).start_mark.line + 1
        where = next((str(step) for step in reversed(self.mapping) if isinstance(step, str)), "")
        neighbour = next((k for k in document.keys_at(self.mapping) if k[0] != self.key), None)
        if self.deeper:
            message = (
                f"{self.key!r} is indented as a key of this mapping, but belongs under "
                f"{where!r} (line {written})"
            )
            hint = "indent it further"
        else:
            message = f"{self.key!r} is indented too far: it belongs one level up, not here"
            hint = "indent it less"
        if neighbour is not None:
            hint += f", to line up with {neighbour[0]!r} on line {neighbour[1]}"
        return document.error(self.path, message, hint, key=True)


def _misplaced(document: Document, model: type[BaseModel], path: Path_) -> _Misplaced | None:
    """Whether the unknown key at `path` is a key of the mapping just inside or just outside
    the one it is written in: the mark of a line indented one step wrong."""
    key = str(path[-1])
    here = path[:-1]
    data = document.data
    for step in here:
        data = data[step]
    current = _model_at(model, here)
    # One level deeper: a mapping of this one whose model has the key.
    for name in _field_names(current):
        child = data.get(name) if isinstance(data, dict) else None
        inner = _model_at(model, (*here, name))
        if isinstance(child, dict) and key in _field_names(inner) and inner is not current:
            assert inner is not None
            return _Misplaced(path, key, (*here, name), True, _required(inner, key, child))
    # One level up: the mapping this one is a value of (or an item of a list in).
    parent = here[:-2] if len(here) >= 2 and isinstance(here[-1], int) else here[:-1]
    if here and parent != here:
        outer = _model_at(model, parent)
        container: Any = document.data
        for step in parent:
            container = container[step]
        if key in _field_names(outer) and isinstance(container, dict):
            assert outer is not None
            return _Misplaced(path, key, parent, False, _required(outer, key, container))
    return None


def _required(model: type[BaseModel], key: str, written: dict[str, Any]) -> bool:
    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    return key not in written and fields[key].is_required()


def _data_path(data: Any, loc: Sequence[str | int]) -> Path_:
    """The part of a pydantic location that names real keys and indexes (no union tags)."""
    path: list[str | int] = []
    for step in loc:
        if isinstance(data, dict) and step in data:  # noqa: SIM114 - apart, mypy narrows each
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        else:
            continue
        path.append(step)
    return tuple(path)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _model_in(arg):
            return found
    return None


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path`."""
    current: type[BaseModel] | None = model
    for step in path:
        if current is None:
            return None
        if isinstance(step, str):
            fields = {field.alias or name: field for name, field in current.model_fields.items()}
            field = fields.get(step)
            current = _model_in(field.annotation) if field else None
    return current


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _located(document: Document, model: type[BaseModel], error: ErrorDetails) -> BriefingError:
    kind = error["type"]
    loc = error["loc"]
    path = _data_path(document.data, loc)
    name = next((step for step in reversed(loc) if isinstance(step, str)), "the file")
    if name == "[key]" and len(loc) >= 3:
        # A key of a mapping ({ru: Дмитрий Песков}): said as the mapping's, the key its value.
        name = str(loc[-3])
    value = error.get("input")
    ctx = error.get("ctx") or {}
    hint: str | None

    if kind == "extra_forbidden":
        known = _field_names(_model_at(model, path[:-1]))
        hint = did_you_mean(str(name), known) or f"allowed keys: {', '.join(known)}"
        return document.error(path, f"unknown key {name!r}", hint, key=True)
    if kind == "missing":
        return document.error(path, f"missing required key {name!r}")
    if kind == "enum":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = _ENUM_HINTS.get((str(name), str(value)))
        if hint is None and isinstance(value, str):
            hint = did_you_mean(value, allowed)
        if len(loc) >= 2 and loc[-2] == "about":
            name = f"stance on {name!r}"
            if value == STANCE_TO_CHOOSE:
                hint = "choose what this statement says of that claim"
        message = f"{name}: {_describe(value)} is not one of {', '.join(allowed)}"
        return document.error(path, message, hint)
    if kind == "dict_type" and name == "about" and isinstance(value, list):
        # Format 1 listed claim ids; format 2 says what the statement says of each.
        ids = [str(item) for item in value]
        written = ", ".join(f"{claim}: <stance>" for claim in ids) or "claim-id: <stance>"
        return document.error(
            path,
            "about is a map of claim id to stance since format 2, not a list",
            f"write about: {{{written}}}, each stance one of {_STANCES}",
        )
    if kind == "literal_error" and name == "schema" and value == 1 and len(path) == 1:
        return document.error(
            path,
            f"this file is in format 1; briefing-site reads format {FORMAT_VERSION}",
            f"write schema: {FORMAT_VERSION}, then follow the other messages "
            "(each statement's about becomes a map of claim id to stance)",
        )
    if kind == "literal_error":
        return document.error(path, f"{name} must be {ctx.get('expected')}, not {_describe(value)}")
    if kind == "string_pattern_mismatch":
        message = f"{name}: {_describe(value)} is not a valid {name}"
        if isinstance(value, str) and (hidden := hidden_character(value, ids=True)):
            at_key = loc[-1] == "[key]"
            message = f"{message}: it {hidden.message}"
            hint = "delete it; an id is only lowercase letters, digits and single hyphens"
            return document.error(path, message, hint, key=at_key, character=hidden.at)
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")))
        return document.error(path, message, hint)
    if kind == "too_short":
        return document.error(path, f"{name} needs at least {ctx.get('min_length', 1)} item")
    if kind in ("too_long", "string_too_long") and name == "conclusion":
        return document.error(
            path,
            f"conclusion is {len(str(value))} characters long, more than the "
            f"{ctx.get('max_length')} that fit beside the verdict on a phone's first screen",
            "say what the desk found in one or two sentences; the note says why at length",
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        return document.error(path, f"{name} must be between 1 and 6, not {_describe(value)}")
    if kind == "value_error":
        problem = ctx.get("error")
        if isinstance(problem, InvalidValue):
            message = f"{name} {_describe(value)} is not valid: {problem.message}"
            at_key = loc[-1] == "[key]"
            return document.error(path, message, problem.hint, key=at_key, character=problem.at)
        return document.error(path, f"{name} {_describe(value)} is not valid: {problem}")
    if kind == "timezone_aware":
        return document.error(
            path,
            f"{name} needs a timezone",
            "end it with Z or an offset, e.g. 2024-09-10T14:00:00Z",
        )
    if kind == "string_type" and value is not None and not isinstance(value, list | dict):
        written = document.node_at(path).value
        hint = f'put it in quotes to keep it as text: "{written}"'
        return document.error(path, f"{name}: expected text, got {_describe(value)}", hint)
    if kind == "string_type" and value is None:
        hint = "write the text here; an empty value and ~ both mean nothing"
        return document.error(path, f"{name}: expected text, got nothing", hint)
    if kind in _EXPECTED:
        return document.error(path, f"{name}: expected {_EXPECTED[kind]}, got {_describe(value)}")
    return document.error(path, f"{name}: {error['msg']}")


# --- Salvage: the valid parts of an invalid document ----------------------------------------

_REFERENCED = {
    "actors": "actor",
    "sources": "source",
    "claims": "claim",
    "statements": "statement",
    "evidence": "evidence",
}


@dataclass(frozen=True)
class Salvage:
    """What can be kept of a document that failed `check_shape`, for the cross-checks."""

    model: Any
    """The model built from the valid parts only: invalid fields are None (or their default),
    invalid list items are left out."""
    positions: dict[str, tuple[int, ...]]
    """For each list field, the index in the file of every item kept."""
    written: dict[str, frozenset[str]]
    """For actors, sources and claims: every id written in the file, valid item or not."""
    unknowable: frozenset[str]
    """Kinds (actor, source, claim) with a left-out item whose id is itself missing or wrong:
    any reference may be meant for it, so none is reported as unknown."""
    invalid: frozenset[str]
    """Fields written in the file but invalid (reported), as opposed to left out."""


def real_path(path: Path_, partial: Salvage | None) -> Path_:
    """The path in the file of a path in a salvaged model, whose lists lost items."""
    if partial and len(path) > 1 and isinstance(path[1], int):
        kept = partial.positions.get(str(path[0]))
        if kept is not None:
            return (path[0], kept[path[1]], *path[2:])
    return path


Locate = Callable[..., BriefingError]
"""`at(path, message="", hint=None)`: an error at a path of a briefing's model."""


def locator(document: Document, partial: Salvage | None = None) -> Locate:
    """Errors at paths of the model checked from `document` (salvaged, with `partial`),
    placed where each is written in the file."""

    def at(path: Path_, message: str = "", hint: str | None = None) -> BriefingError:
        return document.error(real_path(path, partial), message, hint)

    return at


def _item_type(annotation: Any) -> Any | None:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def salvage(model: type[M], data: Any) -> Salvage:
    """Validate each field, and each item of each list, on its own; keep what passes."""
    raw = data if isinstance(data, dict) else {}
    values: dict[str, Any] = {}
    positions: dict[str, tuple[int, ...]] = {}
    written: dict[str, frozenset[str]] = {}
    unknowable: set[str] = set()
    invalid: set[str] = set()
    for name, field in model.model_fields.items():
        key = field.alias or name
        item = _item_type(field.annotation)
        if item is not None:
            found = raw.get(key)
            items: list[Any] = found if isinstance(found, list) else []
            adapter: TypeAdapter[Any] = TypeAdapter(item)
            kept = []
            for index, entry in enumerate(items):
                try:
                    kept.append((index, adapter.validate_python(entry)))
                except ValidationError:
                    continue
            values[name] = tuple(value for _, value in kept)
            positions[key] = tuple(index for index, _ in kept)
            if key in _REFERENCED and key in raw and not isinstance(found, list):
                unknowable.add(_REFERENCED[key])  # not a list: nothing it names is known
            elif key in _REFERENCED:
                ids = [e.get("id") if isinstance(e, dict) else e for e in items]
                written[_REFERENCED[key]] = frozenset(i for i in ids if isinstance(i, str))
                if not all(isinstance(i, str) and re.match(SLUG_PATTERN, i) for i in ids):
                    unknowable.add(_REFERENCED[key])
        elif key in raw:
            annotated: Any = field.annotation
            if field.metadata:
                annotated = Annotated[annotated, *field.metadata]
            try:
                values[name] = TypeAdapter(annotated).validate_python(raw[key])
            except ValidationError:
                values[name] = None
                invalid.add(key)
        else:
            values[name] = None if field.is_required() else field.get_default()
    return Salvage(
        model.model_construct(**values),
        positions,
        written,
        frozenset(unknowable),
        frozenset(invalid),
    )


# --- Pass 2: rules across fields and files ----------------------------------------------------


class _Checker:
    """Collects located errors for one document."""

    def __init__(
        self,
        document: Document,
        partial: Salvage | None = None,
        also_known: dict[str, frozenset[str]] | None = None,
        unknowable: frozenset[str] = frozenset(),
    ) -> None:
        self.document = document
        self.partial = partial
        self.errors: list[BriefingError] = []
        # Ids written in the files for items left out by salvage: they exist, but are wrong in
        # themselves (and reported as such), so a reference to one is no new error.
        self.also_known = dict(partial.written) if partial else {}
        for what, ids in (also_known or {}).items():
            self.also_known[what] = self.also_known.get(what, frozenset()) | ids
        self.unknowable = unknowable | (partial.unknowable if partial else frozenset())

    def _real(self, path: Path_) -> Path_:
        return real_path(path, self.partial)

    def error(
        self,
        path: Path_,
        message: str,
        hint: str | None = None,
        unresolved: tuple[str, str] | None = None,
        *,
        key: bool = False,
        within: tuple[str, int] | None = None,
    ) -> None:
        self.errors.append(
            self.document.error(
                self._real(path), message, hint, key=key, unresolved=unresolved, within=within
            )
        )

    def unique(self, what: str, ids: Iterable[tuple[Path_, str]]) -> set[str]:
        """Report every id used twice, once each; return the ids used twice."""
        seen: dict[str, Path_] = {}
        twice: set[str] = set()
        for path, value in ids:
            if value in seen:
                line = self.document.node_at(self._real(seen[value])).start_mark.line + 1
                self.error(path, f"duplicate {what} id {value!r}", f"already used on line {line}")
                twice.add(value)
            else:
                seen[value] = path
        return twice

    def resolves(
        self,
        path: Path_,
        what: str,
        value: str,
        known: Iterable[str],
        hint: str | None = None,
        *,
        among: str | None = None,
        key: bool = False,
        within: tuple[str, int] | None = None,
    ) -> bool:
        """Whether `value` names a known `what`; `among` names the set of ids searched when
        it is not the file's own (the registry's), for salvaged or unreadable files. `within`
        places the error at a part of the value (`Document.error`)."""
        known = list(known)
        among = among or what
        if value in known or value in self.also_known.get(among, ()):
            return True
        if among in self.unknowable:
            return True
        suggestion = did_you_mean(value, [*known, *self.also_known.get(among, ())])
        if suggestion is None:
            listed = f"known {what} ids: {', '.join(known)}" if known else None
            suggestion = "; ".join(filter(None, [listed, hint])) or None
        self.error(
            path, f"unknown {what} id {value!r}", suggestion, (what, value), key=key, within=within
        )
        return False


def _not_a_list(check: _Checker, path: Path_, what: str, value: str, folder: str) -> None:
    """`index` is the name of the page listing them all: a briefing, actor or tag of that id
    would take its place."""
    if value == "index":
        check.error(
            path,
            f"{what} 'index' would replace the list of all {folder} at /{folder}/",
            f"choose another {what.split()[-1]}",
        )


def check_registry(
    document: Document, registry: ActorRegistry, partial: Salvage | None = None
) -> list[BriefingError]:
    """Rules for `actors.yaml`: unique ids and affiliations that resolve within it."""
    check = _Checker(document, partial)
    check.unique("actor", ((("actors", i, "id"), a.id) for i, a in enumerate(registry.actors)))
    for i, actor in enumerate(registry.actors):
        _not_a_list(check, ("actors", i, "id"), "actor id", actor.id, "actors")
    ids = [actor.id for actor in registry.actors]
    for i, actor in enumerate(registry.actors):
        if actor.affiliation is not None:
            check.resolves(("actors", i, "affiliation"), "actor", actor.affiliation, ids)
    return check.errors


def check_briefing(
    document: Document,
    briefing: Briefing,
    *,
    stem: str,
    registry: ActorRegistry,
    partial: Salvage | None = None,
    registry_written: frozenset[str] | None = frozenset(),
) -> list[BriefingError]:
    """Rules for one briefing: ids, references, dates and publication, against the registry.

    With `partial`, `briefing` is what `salvage` kept of a file whose shape is wrong: the rules
    run on the valid parts, so that one run reports every problem of the file. Likewise
    `registry_written` names the actors written in an invalid actors.yaml, or is None when
    its actors cannot be known (then no actor id is reported as unknown).
    """
    if registry_written is None:
        check = _Checker(document, partial, unknowable=frozenset({"registry"}))
    else:
        check = _Checker(document, partial, {"registry": registry_written})
    registry_ids = [actor.id for actor in registry.actors]

    if briefing.id is not None and briefing.id != stem:
        check.error(
            ("id",),
            f"id {briefing.id!r} does not match the file name {stem!r}",
            f"rename the file to {briefing.id}.yaml or set id: {stem}",
        )
    if briefing.id is not None:
        _not_a_list(check, ("id",), "briefing id", briefing.id, "briefings")
    for i, tag in enumerate(briefing.tags):
        _not_a_list(check, ("tags", i), "tag", tag, "tags")

    # Actors: registry ids must exist, inline ids must not shadow them.
    actor_ids: list[tuple[Path_, str]] = []
    for i, entry in enumerate(briefing.actors):
        if isinstance(entry, str):
            check.resolves(
                ("actors", i),
                "actor",
                entry,
                registry_ids,
                "add it to actors.yaml or write the actor out here",
                among="registry",
            )
            actor_ids.append((("actors", i), entry))
        else:
            if entry.id in registry_ids:
                check.error(
                    ("actors", i, "id"),
                    f"actor id {entry.id!r} is already in actors.yaml",
                    f"list it as '- {entry.id}' or choose another id",
                )
            else:
                actor_ids.append((("actors", i, "id"), entry.id))
                _not_a_list(check, ("actors", i, "id"), "actor id", entry.id, "actors")
    check.unique("actor", actor_ids)
    listed = [value for _, value in actor_ids]
    for i, entry in enumerate(briefing.actors):
        if not isinstance(entry, str) and entry.affiliation is not None:
            check.resolves(
                ("actors", i, "affiliation"),
                "actor",
                entry.affiliation,
                dict.fromkeys(listed + registry_ids),
                among="registry",
            )

    # Sources, evidence, claims and statements.
    source_ids = [source.id for source in briefing.sources]
    claim_ids = [claim.id for claim in briefing.claims]
    statement_ids = [statement.id for statement in briefing.statements]
    evidence_ids = [item.id for item in briefing.evidence]
    twice = check.unique(
        "source", ((("sources", i, "id"), s.id) for i, s in enumerate(briefing.sources))
    )
    check.unique("claim", ((("claims", i, "id"), c.id) for i, c in enumerate(briefing.claims)))
    said_twice = check.unique(
        "statement", ((("statements", i, "id"), s.id) for i, s in enumerate(briefing.statements))
    )
    check.unique(
        "evidence", ((("evidence", i, "id"), e.id) for i, e in enumerate(briefing.evidence))
    )

    for i, item in enumerate(briefing.evidence):
        if item.source is not None:
            check.resolves(("evidence", i, "source"), "source", item.source, source_ids)

    for i, source in enumerate(briefing.sources):
        if source.id in twice:
            continue  # which of the two it derives from cannot be told; fix the id first
        if source.derived_from is not None:
            path = ("sources", i, "derived_from")
            if source.derived_from == source.id:
                check.error(
                    path,
                    f"source {source.id!r} cannot be derived from itself",
                    "name the source it relays, or remove derived_from",
                )
            else:
                check.resolves(path, "source", source.derived_from, source_ids)
    _check_derivation_cycles(check, briefing)

    for i, claim in enumerate(briefing.claims):
        for j, source_id in enumerate(claim.sources):
            check.resolves(("claims", i, "sources", j), "source", source_id, source_ids)
        _check_evidence(check, ("claims", i), claim.evidence, evidence_ids)
        _check_history(check, ("claims", i, "verification"), claim.verification)
        for j, appeared in enumerate(claim.appeared):
            if appeared.by is not None:
                by: Path_ = ("claims", i, "appeared", j, "by")
                _check_speaker(check, by, appeared.by, listed, registry_ids)

    for i, statement in enumerate(briefing.statements):
        _check_speaker(check, ("statements", i, "actor"), statement.actor, listed, registry_ids)
        for claim_id in statement.about:
            where: Path_ = ("statements", i, "about", claim_id)
            check.resolves(where, "claim", claim_id, claim_ids, key=True)
        for j, source_id in enumerate(statement.sources):
            check.resolves(("statements", i, "sources", j), "source", source_id, source_ids)
        _check_evidence(check, ("statements", i), statement.evidence, evidence_ids)
        # A statement of another briefing (<briefing id>/<statement id>) is checked once every
        # file is read (`threads`).
        if (
            statement.in_reply_to is not None
            and "/" not in statement.in_reply_to
            and statement.id not in said_twice
        ):
            reply: Path_ = ("statements", i, "in_reply_to")
            if statement.in_reply_to == statement.id:
                check.error(
                    reply,
                    f"statement {statement.id!r} cannot reply to itself",
                    "name the statement it answers, or remove in_reply_to",
                )
            else:
                check.resolves(reply, "statement", statement.in_reply_to, statement_ids)
        _check_quote(check, ("statements", i), statement, source_ids)
        for j, figure in enumerate(statement.figure):
            _check_figure(check, ("statements", i, "figure", j), figure, statement.figure)
            if figure.claim is not None:
                where = ("statements", i, "figure", j, "claim")
                check.resolves(where, "claim", figure.claim, claim_ids)

    for i, question in enumerate(briefing.open_questions):
        for j, claim_id in enumerate(question.would_change):
            check.resolves(("open_questions", i, "would_change", j), "claim", claim_id, claim_ids)

    # Dates.
    event = briefing.event
    if event and event.date and event.end and event.end.latest < event.date.earliest:
        check.error(
            ("event", "end"), f"the event ends ({event.end}) before it starts ({event.date})"
        )
    if briefing.published and briefing.updated and briefing.updated < briefing.published:
        check.error(
            ("updated",),
            f"updated ({briefing.updated}) is earlier than published ({briefing.published})",
            "updated is the date of the last change, on or after published",
        )

    # Links in Markdown fields: web addresses, or the site's own pages by id. Each error is
    # placed at the link's target, on its own line of a field written over several.
    actor_links = dict.fromkeys(listed + registry_ids)
    for where, text in markdown_fields(briefing):
        for place in located_targets(text):
            link = classify(place[0])
            if isinstance(link, LinkProblem):
                check.error(where, link.message, link.hint, within=place)
            elif isinstance(link, SiteLink) and link.kind == "actor":
                check.resolves(
                    where,
                    "actor",
                    link.id,
                    actor_links,
                    f"an actor: link names an actor of this briefing or of actors.yaml; "
                    f"{_declare_actor(link.id)}",
                    among="registry",
                    within=place,
                )

    # Publication rules (SPEC §4): a published briefing must be dated, finished, and not RED.
    if briefing.status is Status.PUBLISHED:
        # Most briefings hold none: one search of their JSON text (in C) spares the walk.
        text = json.dumps(document.data, ensure_ascii=False)
        found = _placeholders(document.data) if _PLACEHOLDER_TEXT.search(text) else ()
        for where, key in found:
            check.error(
                where,
                "a placeholder from `briefings new` is still here",
                "replace it, or keep status: draft",
                key=key,
            )
        # GREEN and AMBER reach the internal site, and are errors in a public repository
        # (`generator.desk`); RED is for named recipients, never for a site.
        if briefing.tlp is Tlp.RED:
            check.error(
                ("tlp",),
                "a published briefing cannot be TLP:RED: RED is for named recipients, "
                "never for a site, not even the desk's",
                "set status: draft, and share it with its recipients by other means",
            )
        if briefing.published is None and not (partial and "published" in partial.invalid):
            check.error(
                ("status",),
                "a published briefing needs a 'published' date",
                "add published: YYYY-MM-DD",
            )
    return check.errors


@dataclass(frozen=True)
class BriefingLink:
    """A `briefing:` link, and where it is written: whether its target exists is known only
    once every file is read."""

    target: str
    where: BriefingError
    """An error at the link's target, to which a message is added if needed."""


def briefing_links(
    document: Document, briefing: Briefing, positions: Salvage | None = None
) -> list[BriefingLink]:
    """The `briefing:` links of a briefing's Markdown fields, each located at its target."""
    found = []
    for where, text in markdown_fields(briefing):
        for place in located_targets(text):
            link = classify(place[0])
            if isinstance(link, SiteLink) and link.kind == "briefing":
                written = document.error(real_path(where, positions), "", within=place)
                found.append(BriefingLink(link.id, written))
    return found


def check_briefing_links(links: Iterable[BriefingLink], ids: Iterable[str]) -> list[BriefingError]:
    """Every `briefing:` link must name a briefing of the folder (public or not: whether it
    is shown as a link is decided when the site is made). The closest id suggested is never
    the linking briefing's own: a briefing has no reason to link to itself."""
    known = frozenset(ids)
    errors = []
    for link in links:
        if link.target in known:
            continue
        others = sorted(known - {PurePath(link.where.path).stem})
        hint = did_you_mean(link.target, others) or "write the id of a briefing in this folder"
        message = f"unknown briefing id {link.target!r} in a briefing: link"
        errors.append(replace(link.where, message=message, hint=hint))
    return errors


def claim_notes(document: Document, briefing: Briefing) -> list[BriefingError]:
    """What is worth knowing but not wrong: a verdict on a claim longer than Google's
    guideline for `claimReviewed`, which search results would cut short."""
    return [
        document.error(
            ("claims", i, "text"),
            f"the claim has a verdict and is {len(claim.text)} characters long; Google's "
            f"fact-check markup shows up to {CLAIM_REVIEWED_LENGTH}",
            "state it more briefly if it should show in full in search results",
        )
        for i, claim in enumerate(briefing.claims)
        if claim.verification.state in VERDICTS and len(claim.text) > CLAIM_REVIEWED_LENGTH
    ]


def language_notes(document: Document, briefing: Briefing) -> list[BriefingError]:
    """Texts whose language is declared and most of whose letters are in a script it is not
    written in: a `lang` naming the wrong language, or a quote in another language without
    its `lang`. A name or a word in another script inside a text is normal, and not noted."""
    own = briefing.lang
    # Each text to look at: where it is, what it says, its language, how the message names
    # that language, and what to do when the text does not fit it.
    texts: list[tuple[Path_, str, str, str, str]] = []
    if own is not None:
        whose, hint = "the briefing's language", "set lang: to the language the briefing is in"
        texts.append((("title",), briefing.title, own, whose, hint))
        texts.append((("summary",), shown_text(briefing.summary), own, whose, hint))
        texts += [(("claims", i, "text"), claim.text, own, whose, hint)
                  for i, claim in enumerate(briefing.claims)]  # fmt: skip
    for i, statement in enumerate(briefing.statements):
        at: Path_ = ("statements", i)
        if statement.lang is not None:
            whose, hint = "its language", "correct lang:, or the text"
            texts.append(((*at, "text"), statement.text, statement.lang, whose, hint))
        elif own is not None:
            whose = "it has no lang:, and the briefing's language"
            hint = "add lang: with the language it is in"
            texts.append(((*at, "text"), statement.text, own, whose, hint))
        if statement.translation is not None and own is not None:
            whose = "the briefing's language"
            hint = (
                "a translation is in the briefing's language: translate it into "
                f"{language_name(own)}, or correct the briefing's lang:"
            )
            texts.append(((*at, "translation"), statement.translation, own, whose, hint))
    notes = []
    for path, text, tag, whose, hint in texts:
        found = foreign_script(text, language_scripts(tag))
        if found is not None:
            message = (
                f"{path[-1]} is mostly in {script_name(found)} script, but {whose}, "
                f"{language_name(tag)} (lang: {tag}), is written in {written_in(tag)} script"
            )
            notes.append(document.error(path, message, hint))
    return notes


@dataclass(frozen=True)
class InlineActor:
    """An actor written out in a briefing, and where its id is written."""

    actor: Actor
    where: BriefingError
    """An error at the actor's id, to which a message is added if one is needed."""


def inline_actors(document: Document, briefing: Briefing) -> list[InlineActor]:
    """The actors a briefing writes out, located, so the document need not be kept."""
    return [
        InlineActor(entry, document.error(("actors", i, "id"), ""))
        for i, entry in enumerate(briefing.actors)
        if not isinstance(entry, str)
    ]


def check_inline_actors(found: Iterable[InlineActor]) -> list[BriefingError]:
    """An actor written out in several briefings must be the same actor in each: every actor
    has one page, so two different actors under one id would merge."""
    errors: list[BriefingError] = []
    first: dict[str, InlineActor] = {}
    for item in found:
        seen = first.setdefault(item.actor.id, item)
        if seen.actor != item.actor:
            errors.append(replace(
                item.where,
                message=f"actor {item.actor.id!r} is written differently in {seen.where.path}",
                hint="move the actor to actors.yaml and list its id in both briefings",
            ))  # fmt: skip
    return errors


PLACEHOLDER = "TODO"
_PLACEHOLDER_TEXT = re.compile(f'"({PLACEHOLDER}|{PLACEHOLDER.lower()}-)')


def _placeholders(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, bool]]:
    """Paths of the scaffold's placeholder values ("TODO: ...", ids "todo-...") and keys (a
    claim id in `about`), each with whether it is a key."""
    if isinstance(data, dict):
        for key, value in data.items():
            if _is_placeholder(key):
                yield (*path, key), True
            yield from _placeholders(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _placeholders(value, (*path, index))
    elif _is_placeholder(data):
        yield path, False


def _is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith((PLACEHOLDER, PLACEHOLDER.lower() + "-"))


def _declare_actor(actor_id: str) -> str:
    return (
        f"to add it, write it out under actors: (- id: {actor_id}, with name and kind), or "
        f"add it to actors.yaml and list - {actor_id} under actors:"
    )


def _check_speaker(
    check: _Checker, path: Path_, actor_id: str, listed: list[str], registry_ids: list[str]
) -> None:
    """An actor who said or published something must be listed in the briefing's actors."""
    if "actor" in check.unknowable:
        pass  # the actors are unreadable; a reference to one cannot be judged
    elif actor_id not in listed and actor_id in registry_ids:
        check.error(
            path,
            f"actor {actor_id!r} is not listed in this briefing's actors",
            f"add '- {actor_id}' under actors:",
        )
    elif actor_id not in listed:
        check.resolves(path, "actor", actor_id, listed, _declare_actor(actor_id))


def _check_evidence(
    check: _Checker, path: Path_, named: Sequence[str], evidence_ids: list[str]
) -> None:
    """The evidence ids a claim or statement names must be listed under evidence."""
    for j, evidence_id in enumerate(named):
        check.resolves(
            (*path, "evidence", j),
            "evidence",
            evidence_id,
            evidence_ids,
            f"to add it, list it under evidence: (- id: {evidence_id}, with kind and description)",
        )


def _check_quote(check: _Checker, path: Path_, statement: Any, source_ids: list[str]) -> None:
    """A translation belongs to a quote in another language; a paraphrase is the desk's own
    words, in the briefing's language."""
    quote = statement.mode.value == "quote"
    if statement.translation is not None and not quote:
        check.error(
            (*path, "translation"),
            "a paraphrase has no translation: it is written in the briefing's language",
            "write the paraphrase in the briefing's language, or use mode: quote for the "
            "words as said",
        )
    elif statement.translation is not None and statement.lang is None:
        check.error(
            (*path, "translation"),
            "a translated quote needs the language it was said in",
            "add lang: with its language tag, e.g. lang: pt-BR",
        )
    if statement.translated_by is not None:
        if not quote:
            check.error(
                (*path, "translated_by"),
                "translated_by is for a quote known through a published translation",
                "use mode: quote, or remove translated_by",
            )
        else:
            check.resolves((*path, "translated_by"), "source", statement.translated_by, source_ids)


def _check_figure(check: _Checker, path: Path_, figure: Any, figures: Sequence[Any]) -> None:
    ranged = figure.min is not None or figure.max is not None
    if figure.value is None and not ranged:
        check.error(
            path,
            f"the figure for {figure.quantity!r} has no number",
            "give value:, or min: and max: for a range",
        )
    elif figure.value is not None and ranged:
        check.error(
            (*path, "value"),
            "a figure is either one value or a range, not both",
            "keep value:, or keep min: and max:",
        )
    elif figure.min is not None and figure.max is not None and figure.min > figure.max:
        check.error((*path, "max"), f"max ({figure.max:g}) is less than min ({figure.min:g})")
    if sum(1 for other in figures if other.quantity == figure.quantity) > 1:
        first = next(n for n, other in enumerate(figures) if other.quantity == figure.quantity)
        if figures[first] is not figure:
            check.error(
                (*path, "quantity"),
                f"the statement already gives a figure for {figure.quantity!r}",
                "give one figure per quantity, or a range with min: and max:",
            )


def _check_history(check: _Checker, path: Path_, verification: Any) -> None:
    previous: date | None = None
    for k, entry in enumerate(verification.history):
        where = (*path, "history", k, "date")
        if previous is not None and entry.date < previous:
            check.error(
                where,
                f"history is out of order: {entry.date} comes after {previous}",
                "list earlier assessments oldest first",
            )
        if entry.date > verification.as_of:
            check.error(
                where, f"history entry {entry.date} is later than as_of {verification.as_of}"
            )
        previous = entry.date
    if verification.review_by is not None and verification.review_by < verification.as_of:
        check.error(
            (*path, "review_by"),
            f"review_by {verification.review_by} is earlier than as_of {verification.as_of}",
            "review_by is when the desk means to assess the claim again, after as_of",
        )


def _check_derivation_cycles(check: _Checker, briefing: Briefing) -> None:
    parent = {s.id: s.derived_from for s in briefing.sources if s.derived_from}
    for i, source in enumerate(briefing.sources):
        if source.derived_from in (None, source.id):
            continue  # nothing to follow, or already reported as deriving from itself
        seen: set[str] = set()
        current: str | None = source.derived_from
        while current is not None and current not in seen:
            if current == source.id:
                check.error(
                    ("sources", i, "derived_from"),
                    f"source {source.id!r} is derived, through other sources, from itself",
                )
                break
            seen.add(current)
            current = parent.get(current)
