"""The YAML loader: strict scalars, positions, and limits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator import yamlio


def _data(text: str) -> object:
    document, errors = yamlio.parse(text, "test.yaml")
    assert errors == []
    assert document is not None
    return document.data


@pytest.mark.parametrize(
    "written",
    [
        "yes",
        "NO",
        "on",
        "Off",
        "y",
        "0755",
        "1:30",
        "0x1F",
        "1e3",
        ".inf",
        "2024-09-10",
        "2024-09",
        "12:30:00",
    ],
)
def test_plain_values_other_than_true_false_and_decimals_stay_text(written: str) -> None:
    assert _data(f"value: {written}\n") == {"value": written}


def test_only_true_and_false_are_booleans() -> None:
    assert _data("a: true\nb: false\n") == {"a": True, "b": False}


def test_decimal_numbers_are_integers_and_quoted_ones_stay_text() -> None:
    assert _data("a: 1\nb: -20\nc: '1'\nd: \"true\"\n") == {"a": 1, "b": -20, "c": "1", "d": "true"}


def test_empty_values_are_null() -> None:
    assert _data("a:\nb: ~\nc: null\n") == {"a": None, "b": None, "c": None}


def test_node_at_finds_the_line_and_column_of_a_nested_value() -> None:
    document, _ = yamlio.parse("claims:\n  - id: one\n    state: bad\n", "x.yaml")
    assert document is not None

    error = document.error(("claims", 0, "state"), "wrong")

    assert (error.line, error.column) == (3, 12)


def test_node_at_can_point_at_the_key_itself() -> None:
    document, _ = yamlio.parse("a:\n  wrong_key: 1\n", "x.yaml")
    assert document is not None

    error = document.error(("a", "wrong_key"), "unknown", key=True)

    assert (error.line, error.column) == (2, 3)


def test_columns_count_characters_not_bytes_in_non_latin_text() -> None:
    document, _ = yamlio.parse("name: Песков\nrole: x\nbad: [Кремль, 5]\n", "x.yaml")
    assert document is not None

    error = document.error(("bad", 1), "not text")

    assert (error.line, error.column) == (3, 15)


@pytest.mark.parametrize(
    "written",
    [
        # A literal block, its link on its third line, after a blank one.
        "note: |\n  Сказано.\n\n  См. [до](briefing:x) и [после](briefing:x).\nnext: 1\n",
        # A folded block: the line breaks become spaces, the lines stay where they are.
        "note: >-\n    Сказано, [там](briefing:y)\n    и [после](briefing:x).\nnext: 1\n",
        # A plain value over two lines, a comment after it.
        "note: Сказано [там](briefing:y)\n  и [после](briefing:x). # briefing:x\nnext: 1\n",
        # A quoted value over two lines.
        'note: "Сказано,\n  и [после](briefing:x)."\nnext: 1\n',
    ],
)
def test_a_part_of_a_value_over_several_lines_is_placed_where_it_is_written(
    written: str,
) -> None:
    document, _ = yamlio.parse(written, "x.yaml")
    assert document is not None
    lines = written.splitlines()
    # The last appearance of the target inside the value, in whatever style it is written.
    line = max(n for n, text in enumerate(lines, 1) if "(briefing:x)" in text)
    column = lines[line - 1].rindex("(briefing:x)") + 2
    earlier = document.data["note"].count("briefing:x") - 1

    error = document.error(("note",), "unknown", within=("briefing:x", earlier))

    assert (error.line, error.column) == (line, column)


def test_a_part_of_a_value_written_otherwise_is_placed_at_the_value() -> None:
    document, _ = yamlio.parse('note: "see \\x62riefing:x"\n', "x.yaml")
    assert document is not None
    assert document.data["note"] == "see briefing:x"

    error = document.error(("note",), "unknown", within=("briefing:x", 0))

    assert (error.line, error.column) == (1, 7)


def test_a_duplicate_key_is_reported_where_it_is_repeated() -> None:
    _, errors = yamlio.parse("title: a\nid: b\ntitle: c\n", "x.yaml")

    assert [str(e) for e in errors] == [
        "x.yaml:3:1: duplicate key 'title'; it is already set on line 1"
    ]


def test_every_duplicate_key_in_a_file_is_reported() -> None:
    _, errors = yamlio.parse("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", "x.yaml")

    assert [(e.line, e.column) for e in errors] == [(2, 1), (5, 3)]


def test_custom_tags_are_refused() -> None:
    _, errors = yamlio.parse("a: !!python/object:os.system x\nb: !local y\n", "x.yaml")

    assert [e.message for e in errors] == [
        "the tag '!!python/object:os.system' is not allowed",
        "the tag '!local' is not allowed",
    ]


def test_merge_keys_are_refused() -> None:
    _, errors = yamlio.parse("base: &b {x: 1}\nother:\n  <<: *b\n", "x.yaml")

    assert [(e.line, e.message) for e in errors] == [(3, "merge keys (<<) are not supported")]


def test_alias_expansion_beyond_the_limit_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    _, errors = yamlio.parse("\n".join(lines) + "\n", "bomb.yaml")

    assert len(errors) == 1
    assert errors[0].message.startswith("the document is too large: more than 100,000 values")


BOMB = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
)


def test_a_billion_laughs_document_is_refused_without_hanging(tmp_path: Path) -> None:
    # 9**12 values once expanded. The limit stops it after 100,000; the timeout only
    # guards against a hang (the benchmark, not this test, says how fast it is).
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB + "\n", encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from generator import yamlio; "
        "print(yamlio.load(Path(sys.argv[1]))[1][0])"
    )

    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )

    assert result.stdout == (
        f"{path}:1:15: the document is too large: more than 100,000 values once aliases are "
        "expanded; write the values out instead of repeating aliases (*name)\n"
    )


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "a: " + "[" * 60 + "]" * 60 + "\n",
            "1:54: values are nested more than 50 levels deep",
            "a briefing is nested a few levels at most: check the indentation and brackets",
        ),
        (
            "a: " + "[" * 100_000 + "\n",
            "1:1003: invalid YAML: exceeded maximum nesting depth (while increasing flow level)",
            "a briefing is nested a few levels at most: check the brackets",
        ),
        (
            "".join(" " * i + "a:\n" for i in range(5000)),
            "1000:1001: invalid YAML: exceeded maximum nesting depth "
            "(while increasing block level)",
            "a briefing is nested a few levels at most: check the brackets",
        ),
    ],
    ids=["flow-within-parser-limit", "flow-beyond-parser-limit", "block"],
)
def test_deep_nesting_is_refused_with_a_location(text: str, message: str, hint: str) -> None:
    _, errors = yamlio.parse(text, "deep.yaml")

    assert [(f"{e.line}:{e.column}: {e.message}", e.hint) for e in errors] == [(message, hint)]


def test_a_merge_key_bomb_is_refused_at_each_merge_key_without_expanding_it() -> None:
    lines = ["m0: &m0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol}"]
    lines += [f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 9)}]}}" for i in range(1, 12)]

    _, errors = yamlio.parse("\n".join(lines) + "\n", "merge.yaml")

    assert [(e.line, e.column, e.message) for e in errors] == [
        (i + 1, len(f"m{i}: &m{i} {{") + 1, "merge keys (<<) are not supported")
        for i in range(1, 12)
    ]


def test_windows_line_ends_change_neither_values_nor_positions() -> None:
    text = "title: Bridge\r\nevent:\r\n  title: Closure\r\n  bad: [x,\r\n"
    unix = text.replace("\r\n", "\n")

    crlf_errors = yamlio.parse(text, "crlf.yaml")[1]
    unix_errors = yamlio.parse(unix, "unix.yaml")[1]

    assert _data("title: Bridge\r\nlines: |\r\n  one\r\n  two\r\n") == {
        "title": "Bridge",
        "lines": "one\ntwo\n",
    }
    assert [(e.line, e.column) for e in crlf_errors] == [(e.line, e.column) for e in unix_errors]


@pytest.mark.parametrize(
    ("text", "location", "hint"),
    [
        ("actors:\n\t- jane\n", (2, 1), "indent with spaces, not tabs"),
        ("a:\n  b: 1\n\tc: 2\n", (3, 1), "indent with spaces, not tabs"),
        ("title: @jane says\n", (1, 8), "put text that starts with @ in quotes"),
        ("title: `code`\n", (1, 8), "put text that starts with ` in quotes"),
    ],
    ids=["tab-in-list", "tab-in-mapping", "at-sign", "backtick"],
)
def test_tabs_and_reserved_characters_get_a_hint(
    text: str, location: tuple[int, int], hint: str
) -> None:
    _, errors = yamlio.parse(text, "x.yaml")

    assert [((e.line, e.column), e.hint) for e in errors] == [(location, hint)]


def test_recursive_aliases_are_refused_without_crashing() -> None:
    _, errors = yamlio.parse("a: &a [x, {b: *a}]\n", "loop.yaml")

    assert [str(e) for e in errors] == [
        "loop.yaml:1:4: an alias is used inside the value it names, which would never end; "
        "remove the alias (*name) from inside its anchor (&name)"
    ]


def test_a_file_that_is_not_utf8_is_refused_at_the_offending_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: Café\n".encode("latin-1"))

    _, errors = yamlio.load(path, "latin1.yaml")

    assert [str(e) for e in errors] == [
        "latin1.yaml:2:11: the file is not valid UTF-8 (byte 0xe9 at offset 16); "
        "save the file as UTF-8"
    ]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffid: x\n".encode())

    document, errors = yamlio.load(path)

    assert errors == []
    assert document is not None
    assert document.data == {"id": "x"}


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")

    _, errors = yamlio.load(path, "big.yaml", max_bytes=1000)

    assert [e.message for e in errors] == ["the file is 2,004 bytes, more than the limit of 1,000"]


def test_an_empty_file_is_an_error() -> None:
    _, errors = yamlio.parse("# only a comment\n", "empty.yaml")

    assert [str(e) for e in errors] == [
        "empty.yaml:1:1: the file is empty; start from `briefings new <id>`"
    ]


def test_two_documents_in_one_file_are_an_error() -> None:
    _, errors = yamlio.parse("a: 1\n---\nb: 2\n", "two.yaml")

    assert [(e.line, e.column, e.hint) for e in errors] == [
        (2, 1, "remove the '---' line and what follows it, or move it to its own file")
    ]
    assert "single document" in errors[0].message


def test_the_c_parser_is_used_when_available() -> None:
    import yaml

    expected = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yamlio._Loader.__mro__[1] is expected


def test_a_key_indented_to_no_level_is_explained_as_indentation_at_its_line() -> None:
    text = "event:\n  title: Something\n date: 2024-09\n"

    _, errors = yamlio.parse(text, "x.yaml")

    assert [str(e) for e in errors] == [
        "x.yaml:3:2: 'date' is indented by 1 space, which lines up with no key above it; "
        "indent it by 2 spaces, like 'title' on line 2, or by 0 if it belongs one level up"
    ]


def test_a_mapping_written_over_several_lines_is_not_taken_for_an_indentation_slip() -> None:
    text = (
        "event:\n"
        "  location: {city: Gaza,\n"
        "    country: PS}\n"  # deeper than the line above, as a flow mapping may be
        "  date: 2024-09: x\n"  # the real mistake: a second colon
    )

    _, errors = yamlio.parse(text, "x.yaml")

    assert [(e.line, e.message) for e in errors] == [
        (4, "invalid YAML: mapping values are not allowed in this context")
    ]
