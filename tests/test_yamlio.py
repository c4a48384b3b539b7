"""The YAML loader: strict scalars, positions, and limits."""

from __future__ import annotations

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


def test_a_duplicate_key_is_reported_where_it_is_repeated() -> None:
    _, errors = yamlio.parse("title: a\nid: b\ntitle: c\n", "x.yaml")

    assert [str(e) for e in errors] == [
        "x.yaml:3:1: duplicate key 'title'; it is already set on line 1"
    ]


def test_every_duplicate_key_in_a_file_is_reported() -> None:
    _, errors = yamlio.parse("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", "x.yaml")

    assert [(e.line, e.column) for e in errors] == [(2, 1), (5, 3)]


def test_custom_tags_are_refused() -> None:
    _, errors = yamlio.parse("a: !!python/object:os.system x\n", "x.yaml")

    assert [e.message for e in errors] == [
        "custom tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"
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


def test_recursive_aliases_are_refused_without_crashing() -> None:
    _, errors = yamlio.parse("a: &a [*a]\n", "loop.yaml")

    assert len(errors) == 1
    assert "too large" in errors[0].message


def test_a_file_that_is_not_utf8_is_refused_at_the_offending_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: x\ntitle: Café\n".encode("latin-1"))

    _, errors = yamlio.load(path, "latin1.yaml")

    assert [str(e) for e in errors] == [
        "latin1.yaml:2:11: the file is not valid UTF-8 (byte 0xe9); save the file as UTF-8"
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

    assert [str(e) for e in errors] == ["empty.yaml:1:1: the file is empty"]


def test_two_documents_in_one_file_are_an_error() -> None:
    _, errors = yamlio.parse("a: 1\n---\nb: 2\n", "two.yaml")

    assert len(errors) == 1
    assert errors[0].line == 2
    assert "single document" in errors[0].message


def test_the_c_parser_is_used_when_available() -> None:
    import yaml

    expected = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yamlio._Loader is expected
