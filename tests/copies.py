"""Every copy of a closed vocabulary, held to its table in `generator/tables.py`, the way
sqlite-utils keeps its documentation true with `cog --check`.

    python -m tests.copies [PROJECT]

names each value of the model that some place lists its vocabulary without, with every such
place, and exits 1; tests/test_vocabulary.py runs the same check. The places are the tables,
the catalogues' words, the palettes and rules of the stylesheet, the share cards' fonts, the
JSON Schema, the reading guide's table of states, and the lists written by hand in the
scaffold, the README, the site's pages and the data page (`LISTS`). Values a place lists that
the model lacks, and copies that disagree with a row (a colour, a symbol, a rating), are
named too.

Only the model and the tables are imported, never what derives from them: that stops on a
value without a row (`tables.MissingRow`), and this check must still name every place.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from fontTools.ttLib import TTFont

from generator.locale import Locale, read_catalogue
from generator.model import VERDICTS, Assessment, Stance, Tlp, VerificationState
from generator.tables import (
    ASSESSMENT_TABLE,
    STANCE_TABLE,
    STATE_TABLE,
    TABLES,
    TLP_TABLE,
    WORD_GROUPS,
    Table,
    word_keys,
)

PROJECT = Path(__file__).resolve().parents[1]
STYLESHEET = "theme/assets/stylesheets/briefings.css"
SCHEMA = "generator/briefing.schema.json"
FONTS = ("generator/fonts/CardSans-Regular.ttf", "generator/fonts/CardSans-Bold.ttf")


@dataclass(frozen=True)
class Finding:
    """What is wrong with one value in one place."""

    problem: Literal["missing", "unknown", "wrong"]
    """missing: the place lacks a value of the model; unknown: it has one the model lacks;
    wrong: it disagrees with the table, as `detail` says of the value."""
    vocabulary: type[StrEnum]
    value: str
    place: str
    """A file of the project, relative to its folder."""
    detail: str


def _table(vocabulary: type[StrEnum]) -> Table:
    [table] = [table for table in TABLES if table.vocabulary is vocabulary]
    return table


def _named(value: StrEnum) -> str:
    """A value as messages name it: verification state 'verified'."""
    return f"{_table(type(value)).name} '{value}'"


def report(findings: Iterable[Finding]) -> str:
    """The findings as a developer reads them: each missing or unknown value once, with every
    place it is missing from or found in; then each disagreement."""
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    wrong = []
    for finding in findings:
        if finding.problem == "wrong":
            wrong.append(f"{finding.place}: {finding.detail}")
            continue
        found = grouped[finding.problem, _table(finding.vocabulary).name, str(finding.value)]
        if f"{finding.place} ({finding.detail})" not in found:
            found.append(f"{finding.place} ({finding.detail})")
    lines = []
    for (problem, name, value), places in grouped.items():
        if problem == "missing":
            lines.append(f"{name} '{value}' is missing from:")
        else:
            lines.append(f"'{value}' is no {name} of the model, but is in:")
        lines += [f"  {place}" for place in places]
    return "\n".join(lines + wrong)


def check(project: Path = PROJECT) -> list[Finding]:
    """Everything wrong with the copies of the closed vocabularies in this project's files."""
    english = Locale(read_catalogue(project / "generator" / "locales" / "en.yaml"))
    return [
        *_rows(),
        *_catalogues(project),
        *_stylesheet(project),
        *_fonts(project),
        *_schema(project),
        *_reading_guide(project, english),
        *(found for listed in LISTS for found in listed.check(project, english)),
    ]


# --- The tables -----------------------------------------------------------------------------------


def _rows() -> Iterator[Finding]:
    for table in TABLES:
        columns = ", ".join(field.name for field in fields(next(iter(table.rows.values()))))
        for value in table.vocabulary:
            if value not in table.rows:
                where = f"a row in {table.table}: {columns}"
                yield Finding("missing", table.vocabulary, value, "generator/tables.py", where)
    for state, row in STATE_TABLE.items():
        if (row.rating is not None) != (state in VERDICTS):
            why = (
                "is a verdict (model.VERDICTS) without a rating in STATE_TABLE"
                if row.rating is None
                else "is no verdict (model.VERDICTS), yet has a rating in STATE_TABLE"
            )
            place = "generator/tables.py"
            yield Finding("wrong", VerificationState, state, place, f"{_named(state)} {why}")
    for table in (STATE_TABLE, STANCE_TABLE):
        by_symbol = defaultdict(list)
        for value, row in table.items():
            by_symbol[row.symbol].append(value)
        for symbol, values in by_symbol.items():
            for value in values[1:]:
                why = f"{_named(value)} has the symbol '{symbol}' of {_named(values[0])}"
                yield Finding("wrong", type(value), value, "generator/tables.py", why)


# --- The catalogues -------------------------------------------------------------------------------


def _catalogues(project: Path) -> Iterator[Finding]:
    for path in sorted((project / "generator" / "locales").glob("*.yaml")):
        place = path.relative_to(project).as_posix()
        catalogue = read_catalogue(path)
        words = Locale(catalogue).words
        for vocabulary, group in WORD_GROUPS.items():
            for value in vocabulary:
                lacking = [key for key in word_keys(value) if key not in words]
                if lacking:
                    yield Finding("missing", vocabulary, value, place, ", ".join(lacking))
            known = {value.value for value in vocabulary}
            for written in catalogue.words.get(group, {}):
                if written not in known:
                    yield Finding("unknown", vocabulary, written, place, f"{group}.{written}")


# --- The stylesheet -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    selectors: tuple[str, ...]
    declarations: dict[str, str]


def _rules(css: str) -> list[Rule]:
    """The stylesheet's rules, those inside @media included, comments left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                declarations[name.strip()] = value.strip()
        rules.append(Rule(tuple(" ".join(s.split()) for s in selectors.split(",")), declarations))
    return rules


def _classes(rules: list[Rule], prefix: str) -> set[str]:
    """The values the stylesheet has a class for, by the classes' common prefix."""
    pattern = re.compile(rf"{re.escape(prefix)}([\w-]+)")
    return {found for rule in rules for s in rule.selectors for found in pattern.findall(s)}


def _rule_of(rules: list[Rule], selector: str) -> Rule | None:
    return next((rule for rule in rules if selector in rule.selectors), None)


def _declared(
    rules: list[Rule], selector: str, name: str, expected: str | None, what: str, value: StrEnum
) -> Iterator[Finding]:
    """A rule of `selector` that declares `name`, as `expected` (when the table says)."""
    rule = _rule_of(rules, selector)
    written = rule.declarations.get(name) if rule else None
    if written is None:
        yield Finding("missing", type(value), value, STYLESHEET, what)
    elif expected is not None and written.lower() != expected.lower():
        why = f"{_named(value)} is {written} in the {what}, {expected} in generator/tables.py"
        yield Finding("wrong", type(value), value, STYLESHEET, why)


def _stylesheet(project: Path) -> Iterator[Finding]:
    rules = _rules((project / STYLESHEET).read_text(encoding="utf-8"))
    palettes = {
        "light palette": (":root", lambda row: row.light),
        "dark palette": ('[data-md-color-scheme="slate"]', lambda row: row.dark),
    }
    for what, (selector, colour) in palettes.items():
        palette = _rule_of(rules, selector) or Rule((), {})
        for state in VerificationState:
            row = STATE_TABLE.get(state)
            expected = colour(row) if row else None
            yield from _declared(rules, selector, f"--briefing-{state}", expected, what, state)
        for name in palette.declarations:
            if name.startswith("--briefing-") and name[11:] not in set(VerificationState):
                yield Finding("unknown", VerificationState, name[11:], STYLESHEET, what)
    for state in VerificationState:
        rule = f".briefing-state--{state}, .briefing-verdict--{state} rule"
        for selector in (f".briefing-state--{state}", f".briefing-verdict--{state}"):
            expected = f"var(--briefing-{state})"
            yield from _declared(rules, selector, "--briefing-state", expected, rule, state)
    for stance in Stance:
        row = STANCE_TABLE.get(stance)
        expected = f"var(--briefing-{row.colour})" if row else None
        mark = f".briefing-stance-mark--{stance}"
        yield from _declared(rules, mark, "--briefing-stance", expected, f"{mark} rule", stance)
        # The statements that take a stance stand in a column of their own under each claim,
        # but those that only mention it (`structure.ClaimView.columns`).
        if stance is not Stance.MENTIONS:
            column = f".md-typeset .briefing-stance--{stance}"
            what = f"{column} rule"
            yield from _declared(rules, column, "border-top-color", expected, what, stance)
    for tlp in Tlp:
        tlp_row = TLP_TABLE.get(tlp)
        key = tlp_row.key if tlp_row else tlp.lower().replace("+", "-")
        selector = f".briefing-tlp--{key}"
        colour = tlp_row.colour if tlp_row else None
        yield from _declared(rules, selector, "--briefing-tlp", colour, f"{selector} rule", tlp)
    classes: list[tuple[type[StrEnum], str, set[str]]] = [
        (VerificationState, ".briefing-state--", {state.value for state in VerificationState}),
        (VerificationState, ".briefing-verdict--", {state.value for state in VerificationState}),
        (Stance, ".briefing-stance-mark--", {stance.value for stance in Stance}),
        (Stance, ".briefing-stance--", {stance.value for stance in Stance}),
        (Tlp, ".briefing-tlp--", {tlp.lower().replace("+", "-") for tlp in Tlp}),
    ]
    for vocabulary, prefix, known in classes:
        for written in sorted(_classes(rules, prefix) - known):
            what = f"a {prefix}{written} rule"
            yield Finding("unknown", vocabulary, written, STYLESHEET, what)


# --- The share cards' fonts and the schema --------------------------------------------------------


def _fonts(project: Path) -> Iterator[Finding]:
    drawn = []
    for font in FONTS:
        with TTFont(project / font, lazy=True) as opened:
            drawn.append(opened.getBestCmap())
    for state, row in STATE_TABLE.items():
        if not all(ord(character) in cmap for cmap in drawn for character in row.symbol):
            why = (
                f"a glyph for its symbol '{row.symbol}': add it to SYMBOLS in "
                "generator/fonts/make.py and make the fonts again"
            )
            yield Finding(
                "missing", VerificationState, state, "generator/fonts/CardSans-*.ttf", why
            )


def _schema(project: Path) -> Iterator[Finding]:
    schema = json.loads((project / SCHEMA).read_text(encoding="utf-8"))
    why = f"made from the model: run `briefings schema briefing -o {SCHEMA}`"
    for table in TABLES:
        written = schema["$defs"][table.vocabulary.__name__]["enum"]
        for value in table.vocabulary:
            if value not in written:
                yield Finding("missing", table.vocabulary, value, SCHEMA, why)
        for other in written:
            if other not in set(table.vocabulary):
                yield Finding("unknown", table.vocabulary, other, SCHEMA, why)


# --- Lists written by hand ------------------------------------------------------------------------


def _spellings(value: StrEnum, english: Locale) -> set[str]:
    """How a list in prose may write a value: 'partially-verified', 'partially verified',
    'not yet assessed' (its English label)."""
    spelled = {value.value, value.value.replace("-", " ")}
    keys = word_keys(value)
    if keys and keys[0] in english.words:
        spelled.add(english.words[keys[0]].lower())
    return spelled


def _items(text: str) -> list[str]:
    """The items of a list in prose: 'a, b, c or d', its asides and markup left out, and
    continued in a comment on the next line when in YAML."""
    text = re.sub(r"\n[^#\n]*#", " ", text)
    text = re.sub(r"\([^)]*\)|[`*]", " ", text)
    parts = re.split(r",\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+", " ".join(text.split()))
    return [part.strip() for part in parts if part.strip()]


def _mentions(item: str, spelling: str) -> bool:
    return re.search(rf"(?<![\w+-]){re.escape(spelling)}(?![\w+-])", item, re.I) is not None


@dataclass(frozen=True)
class Listed:
    """A list of the values of a vocabulary, written by hand in a file of the project."""

    path: str
    what: str
    """The list, as the message names it: 'the states beside `state:`'."""
    pattern: str
    """Where the list is: a regular expression whose group 'list' is the list."""
    vocabulary: type[StrEnum]
    lists: Callable[[Any], bool] = lambda value: True
    """Which values belong in the list."""
    marked: bool = False
    """Each item is the value's symbol and word: '+ supports'."""
    spelled: Callable[[Any, Locale], set[str]] | None = None
    """How the list writes a value, when not as `_spellings` says."""

    def check(self, project: Path, english: Locale) -> Iterator[Finding]:
        text = (project / self.path).read_text(encoding="utf-8")
        found = list(re.finditer(self.pattern, text, re.M))
        if not found:
            why = f"{self.what}: not found where tests/copies.py looks for it, so not checked"
            yield Finding("wrong", self.vocabulary, "", self.path, why)
        for match in found:
            what = self.what
            if len(found) > 1:
                what = f"{what}, line {text.count(chr(10), 0, match.start('list')) + 1}"
            yield from self._compare(_items(match["list"]), what, english)

    def _compare(self, items: list[str], what: str, english: Locale) -> Iterator[Finding]:
        spelled = self.spelled or _spellings
        seen = set()
        for item in items:
            # 'partially verified' mentions 'verified' too: the longest spelling names the value.
            candidates = [
                (len(spelling), value)
                for value in self.vocabulary
                for spelling in spelled(value, english)
                if _mentions(item, spelling)
            ]
            if not candidates:
                yield Finding("unknown", self.vocabulary, item, self.path, what)
                continue
            value = max(candidates, key=lambda candidate: candidate[0])[1]
            seen.add(value)
            if not self.lists(value):
                why = f"{_named(value)} does not belong in {what}"
                yield Finding("wrong", self.vocabulary, value, self.path, why)
            symbol = _symbol(value)
            if self.marked and symbol is not None and not item.startswith(f"{symbol} "):
                why = f"{_named(value)} is marked '{item.split()[0]}' in {what}, '{symbol}' in "
                yield Finding(
                    "wrong", self.vocabulary, value, self.path, why + "generator/tables.py"
                )
        for value in self.vocabulary:
            if self.lists(value) and value not in seen:
                yield Finding("missing", self.vocabulary, value, self.path, what)


def _symbol(value: StrEnum) -> str | None:
    """A state's or a stance's symbol, when its table has a row for it."""
    rows: dict[Any, Any] = {**STATE_TABLE, **STANCE_TABLE}
    return rows[value].symbol if value in rows else None


def _category(assessment: Assessment, english: Locale) -> set[str]:
    row = ASSESSMENT_TABLE.get(assessment)
    return {row.category} if row and row.category else set()


def _has_category(assessment: Assessment) -> bool:
    row = ASSESSMENT_TABLE.get(assessment)
    return row is None or row.category is not None


_MESSAGE = "(?P<list>\\w[^;\n]*)"
"""A list of values in a message of `briefings check`, as the README and docs/errors.md show it."""

LISTS = (
    # Verification states.
    Listed("generator/scaffold.yaml", "the states beside `state:`",
           r"^\s*state: \S+\s+# (?P<list>.*\n(?:\s*#.*\n)*)", VerificationState),
    Listed("README.md", "the `claims` field's `state`", r"\(`state`: (?P<list>[^;]*);",
           VerificationState),
    Listed("README.md", "check's message for a misspelled state",
           rf"\bstate: '[^']*' is not one of {_MESSAGE}", VerificationState),
    Listed("docs/errors.md", "check's message for a misspelled state",
           rf"\bstate: '[^']*' is not one of {_MESSAGE}", VerificationState),
    Listed("docs/about.md", "the states with a verdict",
           r"Claims that have a verdict \((?P<list>[^)]*)\)", VerificationState,
           lists=lambda state: state in VERDICTS),
    Listed("theme/markdown/api.md", "the `state` field",
           r"^\| `state` \| [^:|]*: (?P<list>[^|]*) \|$", VerificationState),
    Listed("theme/markdown/api.md", "the states with a verdict",
           r"for each claim with a verdict \((?P<list>[^)]*)\)", VerificationState,
           lists=lambda state: state in VERDICTS),
    Listed("theme/markdown/api.md", "the states without a verdict",
           r"(?P<list>[^.]*) claims have no verdict", VerificationState,
           lists=lambda state: state not in VERDICTS),
    # Stances.
    Listed("generator/scaffold.yaml", "the stances beside `about:`",
           r"what it says of each claim: (?P<list>.*\n[^#\n]*#.*)", Stance),
    Listed("README.md", "the stances of `about`",
           r"map of claim id to\s+stance: (?P<list>[^.]*)\.", Stance),
    Listed("README.md", "the stance map's legend",
           r"take on that claim \((?P<list>[^)]*)\)", Stance, marked=True),
    Listed("docs/about.md", "the stance map's legend",
           r"take on that claim: (?P<list>[^.]*)\.", Stance, marked=True),
    Listed("docs/errors.md", "the stances of `about`",
           r"what the statement says about it:\s+(?P<list>[^.]*)\.", Stance),
    Listed("docs/errors.md", "check's message for an unknown stance",
           rf"\bstance on '[^']*': '[^']*' is not one of {_MESSAGE}", Stance),
    Listed("docs/errors.md", "check's message for `about` written as a list",
           rf"\beach stance one of {_MESSAGE}", Stance),
    Listed("theme/markdown/api.md", "the stances of `about`",
           r"what it says of each: (?P<list>[^;]*);", Stance),
    # Assessments of evidence.
    Listed("README.md", "the `evidence` field's `assessment`",
           r"`assessment\?` \((?P<list>[^)]*)\)", Assessment),
    Listed("docs/about.md", "the editors' assessments",
           r"the editors' assessment:\s+(?P<list>[^.]*)\.", Assessment),
    Listed("theme/markdown/api.md", "the MediaReview categories",
           r"with its category\s+\((?P<list>[^)]*)\)", Assessment,
           lists=_has_category, spelled=_category),
    # Traffic Light Protocol labels.
    Listed("README.md", "the `status`, `tlp` field", r"`draft` or `published`; (?P<list>[^—]*) —",
           Tlp),
    Listed("docs/errors.md", "check's message for an unknown TLP label",
           rf"\btlp: '[^']*' is not one of {_MESSAGE}", Tlp),
)  # fmt: skip


# --- The reading guide's table of states ----------------------------------------------------------


def _reading_guide(project: Path, english: Locale) -> Iterator[Finding]:
    """docs/about.md's table: a row per state, its symbol, label and meaning as pages show
    them."""
    place, what = "docs/about.md", "the table of states"
    text = (project / place).read_text(encoding="utf-8")
    header = "| State | Meaning |\n| --- | --- |\n"
    if header not in text:
        why = f"{what}: not found where tests/copies.py looks for it, so not checked"
        yield Finding("wrong", VerificationState, "", place, why)
        return
    table = text.split(header, 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| (\S+) (.+?) \| (.+?) \|$", table, re.M)
    seen = set()
    for symbol, label, meaning in rows:
        state = next(
            (s for s in VerificationState if label.lower() in _spellings(s, english)), None
        )
        if state is None:
            yield Finding("unknown", VerificationState, label, place, what)
            continue
        seen.add(state)
        keys = word_keys(state)
        expected = (STATE_TABLE[state].symbol if state in STATE_TABLE else symbol,
                    english.words.get(keys[1], meaning))  # fmt: skip
        if (symbol, meaning) != expected:
            why = f"{_named(state)} reads '{symbol} {label} | {meaning}' in {what}, "
            why += f"'{expected[0]} {label} | {expected[1]}' on the pages"
            yield Finding("wrong", VerificationState, state, place, why)
    for state in VerificationState:
        if state not in seen:
            yield Finding("missing", VerificationState, state, place, what)


if __name__ == "__main__":
    problems = report(check(Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT))
    print(problems or "Every copy of every closed vocabulary agrees with generator/tables.py.")
    sys.exit(1 if problems else 0)
