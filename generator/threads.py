"""Stories over time: a briefing that `follows` an earlier one, and claims that `continue` a
claim of an earlier briefing of the thread (SPEC §2, §5b); and briefings that translate another
(`translation_of`).

Whether a thread holds together is known only once every file is read, so each file's part of
it is collected when the file is checked (`thread_of`, kept in the check cache with the rest)
and the whole is checked after (`check_threads`): targets exist, with the closest id when one is
mistyped; no briefing follows itself, even by a loop; a briefing is published no earlier than
the one it follows; a claim continues only a claim of a briefing its own follows; and a
statement replies (`in_reply_to: <briefing id>/<statement id>`) only to a statement of a
briefing its own follows. A `follows` that names no briefing is one mistake, told once: the
`continues` and replies that only the thread it breaks could judge say nothing more. A
`continues` written as a claim id alone is told here, where the claims of the briefings
followed are known, with the claim to write. A
translation names an original in another language that is not itself a translation, and an
original has at most one translation into each language.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from .errors import BriefingError
from .model import SLUG_PATTERN, Briefing
from .validate import Locate, did_you_mean
from .yamlio import Document


@dataclass(frozen=True)
class Continued:
    """A claim's `continues`, located."""

    claim: str
    target: str
    """<briefing id>/<claim id>, or a claim id alone (`Thread.bare`)."""
    where: BriefingError


@dataclass(frozen=True)
class Reply:
    """A statement's `in_reply_to` naming a statement of another briefing, located."""

    statement: str
    target: str
    """<briefing id>/<statement id>"""
    where: BriefingError


@dataclass(frozen=True)
class Thread:
    """One file's part of the threads: what it follows and continues, and what it holds."""

    briefing: str
    claims: frozenset[str]
    published: date | None
    follows: str | None = None
    follows_at: BriefingError | None = None
    continued: tuple[Continued, ...] = ()
    lang: str | None = None
    translation_of: str | None = None
    translation_at: BriefingError | None = None
    bare: tuple[Continued, ...] = ()
    """Each `continues` written as a claim id alone, without its briefing (`bare_continues`)."""
    statements: frozenset[str] = frozenset()
    replies: tuple[Reply, ...] = ()


def thread_of(
    at: Locate, briefing: Briefing, stem: str, *, document: Document | None = None
) -> Thread:
    """The file's part of the threads, located by `at`; `stem` is the file's name, which the
    briefing's id must equal. With the `document`, the claims are every claim id written in
    it, valid claim or not (a claim left out for a mistake of its own is still there to be
    continued), and a `continues` written as a claim id alone is kept (`bare_continues`)."""
    continued = tuple(
        Continued(claim.id, claim.continues, at(("claims", i, "continues")))
        for i, claim in enumerate(briefing.claims)
        if claim.continues is not None
    )
    claims = frozenset(claim.id for claim in briefing.claims)
    if document is not None:
        claims |= frozenset(_written_claims(document.data))
    replies = tuple(
        Reply(statement.id, statement.in_reply_to, at(("statements", i, "in_reply_to")))
        for i, statement in enumerate(briefing.statements)
        if statement.in_reply_to is not None and "/" in statement.in_reply_to
    )
    return Thread(
        stem,
        claims,
        briefing.published,
        briefing.follows,
        at(("follows",)) if briefing.follows is not None else None,
        continued,
        briefing.lang,
        briefing.translation_of,
        at(("translation_of",)) if briefing.translation_of is not None else None,
        bare_continues(document) if document is not None else (),
        frozenset(statement.id for statement in briefing.statements),
        replies,
    )


def _claims_written(data: object) -> list[dict[str, object]]:
    """The claims as written, each at its index in the file (an item that is no mapping as an
    empty one)."""
    claims = data.get("claims") if isinstance(data, dict) else None
    if not isinstance(claims, list):
        return []
    return [claim if isinstance(claim, dict) else {} for claim in claims]


def _written_claims(data: object) -> Iterator[str]:
    for claim in _claims_written(data):
        if isinstance(claim_id := claim.get("id"), str):
            yield claim_id


_SLUG = re.compile(SLUG_PATTERN)


def bare_continues(document: Document) -> tuple[Continued, ...]:
    """Each `continues` written as a claim id alone (`continues: dam-destroyed`), without the
    briefing it belongs to: the model refuses it, and the thread, which knows the claims of
    the briefings followed, says what to write. The located error is where the value is."""
    found = []
    for i, claim in enumerate(_claims_written(document.data)):
        value = claim.get("continues")
        if isinstance(value, str) and _SLUG.match(value):
            claim_id = claim.get("id")
            where = document.error(("claims", i, "continues"), "")
            found.append(Continued(str(claim_id) if claim_id else "", value, where))
    return tuple(found)


def _said(where: BriefingError, message: str, hint: str | None = None) -> BriefingError:
    return replace(where, message=message, hint=hint)


def ancestors(briefing: str, follows: dict[str, str]) -> list[str]:
    """The briefings `briefing` follows, nearest first, stopping before any loop."""
    found: list[str] = []
    current = follows.get(briefing)
    while current is not None and current != briefing and current not in found:
        found.append(current)
        current = follows.get(current)
    return found


def check_threads(threads: Iterable[Thread], stems: Iterable[str]) -> list[BriefingError]:
    """Every `follows` and `continues` of the folder, checked against every file in it."""
    threads = list(threads)
    known = sorted(stems)  # for suggestions; `in` asks the set
    stems = frozenset(known)
    by_id = {thread.briefing: thread for thread in threads}
    follows = {t.briefing: t.follows for t in threads if t.follows is not None}
    errors = []
    for thread in threads:
        if thread.follows is not None and thread.follows_at is not None:
            errors += _check_follows(thread, thread.follows_at, known, stems, by_id, follows)
        chain = ancestors(thread.briefing, follows)
        # A `follows` that names no briefing, here or further back, is its file's error: what
        # this briefing continues cannot be judged against a thread that is not there.
        broken = thread.follows == thread.briefing or any(link not in stems for link in chain)
        for item in thread.continued:
            errors += _check_continued(item, chain, broken, known, stems, by_id)
        for item in thread.bare:
            errors.append(_check_bare(item, thread, chain, by_id))
        for reply in () if broken else thread.replies:
            errors += _check_reply(thread, reply, chain, stems, by_id)
    errors += _check_translations(threads, known, stems, by_id)
    return errors


def _check_follows(
    thread: Thread,
    at: BriefingError,
    known: list[str],
    stems: frozenset[str],
    by_id: dict[str, Thread],
    follows: dict[str, str],
) -> list[BriefingError]:
    target = thread.follows
    assert target is not None
    if target == thread.briefing:
        return [_said(at, "a briefing cannot follow itself", "name the earlier briefing")]
    if target not in stems:
        hint = did_you_mean(target, known) or "write the id of an earlier briefing in this folder"
        return [_said(at, f"unknown briefing id {target!r} in follows", hint)]
    # A loop: following the thread from here comes back here.
    loop = [thread.briefing]
    current: str | None = target
    while current is not None and current not in loop:
        loop.append(current)
        current = follows.get(current)
    if current == thread.briefing:
        path = " -> ".join([*loop, thread.briefing])
        return [_said(at, f"follows makes a loop: {path}", "a thread runs from older to newer")]
    earlier = by_id.get(target)
    if earlier and thread.published and earlier.published and thread.published < earlier.published:
        return [
            _said(
                at,
                f"{thread.briefing} is published {thread.published}, before {target} "
                f"({earlier.published}), which it follows",
                "a briefing follows one published on or before its own date",
            )
        ]
    return []


def _check_continued(
    item: Continued,
    chain: list[str],
    broken: bool,
    known: list[str],
    stems: frozenset[str],
    by_id: dict[str, Thread],
) -> list[BriefingError]:
    target, _, claim = item.target.partition("/")
    if target not in stems:
        hint = did_you_mean(target, known) or "write <briefing id>/<claim id>"
        return [_said(item.where, f"unknown briefing id {target!r} in continues", hint)]
    if target not in chain and not broken:
        return [
            _said(
                item.where,
                f"claim {item.claim!r} continues a claim of {target}, which this briefing "
                "does not follow",
                f"add follows: {target}" if not chain else f"continue a claim of {chain[0]}",
            )
        ]
    earlier = by_id.get(target)
    if earlier is not None and claim not in earlier.claims:
        claims = sorted(earlier.claims)
        hint = did_you_mean(claim, claims) or f"claims of {target}: {', '.join(claims)}"
        return [_said(item.where, f"{target} has no claim {claim!r}", hint)]
    return []


def _check_bare(
    item: Continued, thread: Thread, chain: list[str], by_id: dict[str, Thread]
) -> BriefingError:
    """A `continues` written as a claim id alone: the claim to write, found among the claims
    of the briefings this one follows, nearest first; in a briefing that follows none, the
    one other briefing that has that claim id, if only one has."""
    claim = item.target
    message = (
        f"continues {claim!r} names no briefing: the claim it continues is written "
        "<briefing id>/<claim id>"
    )
    followed = [link for link in chain if link in by_id]
    if thread.follows is None:
        holders = sorted(t.briefing for t in by_id.values() if claim in t.claims)
        holders = [holder for holder in holders if holder != thread.briefing]
        if len(holders) == 1:
            hint = f"add follows: {holders[0]}, then write continues: {holders[0]}/{claim}"
        else:
            hint = (
                "this briefing follows none: add follows: <briefing id>, naming the earlier "
                f"briefing, then write continues: <briefing id>/{claim}"
            )
        return _said(item.where, message, hint)
    if not followed or followed[0] != thread.follows:
        hint = f"write continues: <briefing id>/{claim}, with the id of the briefing followed"
        return _said(item.where, message, hint)
    exact = next((link for link in followed if claim in by_id[link].claims), None)
    if exact is not None:
        return _said(item.where, message, f"write continues: {exact}/{claim}")
    # The closest claim id of any briefing followed; one that several have, the nearest's.
    candidates = {
        candidate: link for link in reversed(followed) for candidate in by_id[link].claims
    }
    match = difflib.get_close_matches(claim, list(candidates), n=1, cutoff=0.6)
    if match:
        hint = f"did you mean continues: {candidates[match[0]]}/{match[0]}?"
        return _said(item.where, message, hint)
    nearest = followed[0]
    claims = ", ".join(sorted(by_id[nearest].claims))
    hint = f"write continues: {nearest}/<claim id>; claims of {nearest}: {claims}"
    return _said(item.where, message, hint)


def _check_reply(
    thread: Thread,
    reply: Reply,
    chain: list[str],
    stems: frozenset[str],
    by_id: dict[str, Thread],
) -> list[BriefingError]:
    target, _, statement = reply.target.partition("/")
    if target == thread.briefing:
        return [
            _said(
                reply.where,
                "a statement of this briefing is named by its id alone",
                f"write in_reply_to: {statement}",
            )
        ]
    if target not in chain:
        if target not in stems:
            message = f"unknown briefing id {target!r} in in_reply_to"
        else:
            message = (
                f"statement {reply.statement!r} replies to a statement of {target}, which this "
                "briefing does not follow"
            )
        return [_said(reply.where, message, _reply_hint(reply.target, chain, stems, by_id))]
    earlier = by_id.get(target)
    if earlier is not None and statement not in earlier.statements:
        said = sorted(earlier.statements)
        hint = did_you_mean(statement, said) or (
            f"statements of {target}: {', '.join(said)}"
            if said
            else f"{target} has no statements; remove in_reply_to"
        )
        return [_said(reply.where, f"{target} has no statement {statement!r}", hint)]
    return []


def _reply_hint(
    written: str, chain: list[str], stems: frozenset[str], by_id: dict[str, Thread]
) -> str:
    """What to write instead of a reply to a briefing this one does not follow: the closest
    statement of a briefing it follows, else the form, and the briefings it may name."""
    form = "write <briefing id>/<statement id>, naming a statement of a briefing this one follows"
    replies = [
        f"{briefing}/{statement}"
        for briefing in chain
        for statement in sorted(by_id[briefing].statements if briefing in by_id else ())
    ]
    if close := did_you_mean(written, replies):
        return close
    if chain:
        return f"{form}: {', '.join(chain)}"
    target = written.partition("/")[0]
    if target in stems:
        return f"add follows: {target}"
    return f"{form} (follows:)"


def _check_translations(
    threads: list[Thread], known: list[str], stems: frozenset[str], by_id: dict[str, Thread]
) -> list[BriefingError]:
    errors = []
    languages: dict[tuple[str, str | None], str] = {}  # (original, language) -> translation
    for thread in sorted(threads, key=lambda each: each.briefing):
        target, at = thread.translation_of, thread.translation_at
        if target is None or at is None:
            continue
        original = by_id.get(target)
        language = thread.lang or "the site's language"
        if target == thread.briefing:
            errors.append(_said(at, "a briefing cannot translate itself", "name the original"))
        elif target not in stems:
            hint = did_you_mean(target, known) or "write the id of the briefing it translates"
            errors.append(_said(at, f"unknown briefing id {target!r} in translation_of", hint))
        elif original is not None and original.translation_of is not None:
            errors.append(
                _said(
                    at,
                    f"{target} is itself a translation, of {original.translation_of}",
                    f"name the original: translation_of: {original.translation_of}",
                )
            )
        elif original is not None and (original.lang or "the site's language") == language:
            errors.append(
                _said(
                    at,
                    f"{thread.briefing} translates {target} into the language it is written "
                    f"in ({language})",
                    "set this briefing's lang to the language it is written in",
                )
            )
        elif (target, thread.lang) in languages:
            errors.append(
                _said(
                    at,
                    f"{target} already has a translation into {language}: "
                    f"{languages[target, thread.lang]}",
                    "keep one translation per language, or correct lang",
                )
            )
        else:
            languages[target, thread.lang] = thread.briefing
    return errors
