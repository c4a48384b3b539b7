"""The data model: value types, vocabularies and the committed JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from generator.cli import schema_text
from generator.model import Briefing, PartialDate, Source

from .conftest import ROOT


@pytest.mark.parametrize(
    ("written", "shown"), [(2024, "2024"), ("2024-09", "2024-09"), ("2024-09-05", "2024-09-05")]
)
def test_partial_dates_keep_the_precision_they_were_written_with(
    written: object, shown: str
) -> None:
    assert str(PartialDate.parse(written)) == shown


@pytest.mark.parametrize("written", ["2023-02-29", "2024-13", "24-09", "September 2024", "2024/09"])
def test_impossible_or_misshapen_partial_dates_are_refused(written: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        PartialDate.parse(written)


def test_a_month_spans_from_its_first_to_its_last_day() -> None:
    month = PartialDate.parse("2024-02")

    assert (month.earliest.isoformat(), month.latest.isoformat()) == ("2024-02-01", "2024-02-29")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "expected an http:// or https:// URL"),
        ("data:text/html,x", "expected an http:// or https:// URL"),
        ("ftp://example.org/", "expected an http:// or https:// URL"),
        ("https:/example.org/", "expected an http:// or https:// URL"),
        ("https:\\\\evil.example/", "expected an http:// or https:// URL"),
        ("HTTPS://example.org/", "write the scheme in lowercase"),
        (" https://example.org/", r"\(U\+0020 at character 1\)"),
        ("java\tscript:alert(1)", r"\(U\+0009 at character 5\)"),
        ("https://example.org/a b", r"\(U\+0020 at character 22\); .*a space is %20"),
        ("https://example.org/\n", r"\(U\+000A at character 21\)"),
        ("https://example.org/\u202egpj.exe", r"\(U\+202E at character 21\)"),
        ("https://example.org\\@evil.example/", "cannot contain a backslash"),
        ("https://example.org@evil.example/", "cannot contain a user name or password"),
        ("https://user:secret@example.org/", "cannot contain a user name or password"),
        ("https://@example.org/", "cannot contain a user name or password"),
        ("https://example.org:99999/", "expected an http:// or https:// URL"),
    ],
)
def test_only_plain_http_and_https_urls_are_accepted(url: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Source.model_validate({"id": "s", "outlet": "o", "kind": "other", "url": url})


@pytest.mark.parametrize(
    "url",
    ["https://example.org/?author=a@b.example", "https://пример.рф/путь", "http://example.org#x"],
)
def test_urls_with_an_at_sign_after_the_host_or_non_latin_names_are_accepted(url: str) -> None:
    source = Source.model_validate({"id": "s", "outlet": "o", "kind": "other", "url": url})

    assert source.url == url


def test_a_url_is_kept_exactly_as_written() -> None:
    url = "https://Example.org/a%20b?q=1#frag"

    source = Source.model_validate({"id": "s", "outlet": "o", "kind": "other", "url": url})

    assert source.url == url


def test_models_are_frozen() -> None:
    source = Source.model_validate({"id": "s", "outlet": "o", "kind": "other"})

    with pytest.raises(ValidationError):
        source.outlet = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kind", "file"), [("briefing", "briefing.schema.json"), ("actors", "actors.schema.json")]
)
def test_the_committed_json_schema_matches_the_model(kind: str, file: str) -> None:
    committed = (ROOT / "generator" / file).read_text(encoding="utf-8")

    assert committed == schema_text(kind), (
        f"generator/{file} is out of date: run `briefings schema {kind} -o generator/{file}`"
    )


BRIEFING_FILES = sorted(
    path
    for folder in (
        "briefings",
        "tests/fixtures/valid",
        "tests/fixtures/real",
        "tests/fixtures/archive",
    )
    for path in (ROOT / folder).glob("*.yaml")
    if path.name != "actors.yaml"
)


@pytest.mark.parametrize("path", BRIEFING_FILES, ids=[p.stem for p in BRIEFING_FILES])
def test_the_schema_editors_use_accepts_every_valid_briefing_as_yaml_reads_it(path: Path) -> None:
    # An editor's YAML language server reads `date: 2024` as a number, `state: false` as a
    # boolean, and one figure without its list: the schema must not underline what is valid.
    schema = json.loads((ROOT / "generator" / "briefing.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as the language server sees them

    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_the_schema_forbids_unknown_keys_and_names_the_yaml_keys() -> None:
    schema = json.loads((ROOT / "generator" / "briefing.schema.json").read_text(encoding="utf-8"))

    assert schema["additionalProperties"] is False
    assert "schema" in schema["required"]
    assert schema["properties"]["tlp"]["$ref"] == "#/$defs/Tlp"
    assert schema["$defs"]["Tlp"]["enum"] == ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]
    assert schema["$defs"]["VerificationState"]["enum"] == [
        "unverified",
        "partially-verified",
        "verified",
        "disputed",
        "misleading",
        "unfounded",
        "false",
        "retracted",
    ]


def test_every_briefing_file_points_editors_at_the_schema() -> None:
    for path in sorted((ROOT / "briefings").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = "actors" if path.name == "actors.yaml" else "briefing"
        assert first == f"# yaml-language-server: $schema=../generator/{target}.schema.json"
        assert (path.parent / f"../generator/{target}.schema.json").resolve().is_file()


def test_the_seed_briefing_validates_against_the_model() -> None:
    from generator.yamlio import load

    document, errors = load(ROOT / "briefings" / "iran-russia-ballistic-missile-transfer.yaml")
    assert errors == []
    assert document is not None

    briefing = Briefing.model_validate(document.data)

    assert briefing.key_claim.text == "Iran has transferred ballistic missiles to Russia."
    assert briefing.key_claim.verification.state == "unverified"
    assert all(source.url is None for source in briefing.sources)


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [("a\x00b", "0000", 2), ("bell\x07", "0007", 5), ("\x1b[31mred", "001B", 1),
     ("del\x7f", "007F", 4), ("next\x85line", "0085", 5), ("\ufffe", "FFFE", 1)],
)  # fmt: skip
def test_text_with_characters_no_reader_can_see_is_refused(
    text: str, code: str, position: int
) -> None:
    message = f"contains U\\+{code}, an invisible character .* at character {position}; delete it"
    with pytest.raises(ValidationError, match=message):
        Source.model_validate({"id": "s", "outlet": text, "kind": "other"})


@pytest.mark.parametrize(
    ("char", "named"),
    [("\u202a", "U\\+202A \\(LEFT-TO-RIGHT EMBEDDING\\), a control that changes the order"),
     ("\u202e", "U\\+202E \\(RIGHT-TO-LEFT OVERRIDE\\), a control that changes the order"),
     ("\u2067", "U\\+2067 \\(RIGHT-TO-LEFT ISOLATE\\), a control that changes the order"),
     ("\u2069", "U\\+2069 \\(POP DIRECTIONAL ISOLATE\\), a control that changes the order"),
     ("\u200b", "U\\+200B \\(ZERO WIDTH SPACE\\), an invisible character"),
     ("\u2060", "U\\+2060 \\(WORD JOINER\\), an invisible character"),
     ("\ufeff", "U\\+FEFF \\(ZERO WIDTH NO-BREAK SPACE\\), an invisible character")],
)  # fmt: skip
def test_text_with_characters_that_change_what_a_reader_sees_is_refused(
    char: str, named: str
) -> None:
    with pytest.raises(ValidationError, match=f"contains {named}.* at character 2; delete it"):
        Source.model_validate({"id": "s", "outlet": f"a{char}b", "kind": "other"})


def test_tabs_and_line_ends_are_allowed_in_text() -> None:
    source = Source.model_validate({"id": "s", "outlet": "a\tb\r\nc", "kind": "other"})

    assert source.outlet == "a\tb\r\nc"


@pytest.mark.parametrize("file", ["briefing.schema.json", "actors.schema.json"])
def test_every_field_in_the_schema_tells_editors_what_to_write(file: str) -> None:
    schema = json.loads((ROOT / "generator" / file).read_text(encoding="utf-8"))
    objects = {"(file)": schema, **schema["$defs"]}

    undescribed = [
        f"{name}.{field}"
        for name, definition in objects.items()
        for field, spec in definition.get("properties", {}).items()
        if not spec.get("description")
    ]

    assert undescribed == []


def test_the_schema_takes_where_a_claim_appeared_and_a_reply_across_the_story() -> None:
    schema = json.loads((ROOT / "generator" / "briefing.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    sample = ROOT / "tests" / "fixtures" / "valid" / "sample-briefing.yaml"
    data = json.loads(json.dumps(yaml.safe_load(sample.read_text(encoding="utf-8")), default=str))
    data["claims"][0]["appeared"] = [
        {"url": "https://social.example.net/@jane/1", "date": 2024, "by": "jane-example"},
        {"url": "https://radio.example/a", "archived_url": "https://web.archive.org/a"},
    ]
    data["statements"][0]["in_reply_to"] = "earlier-briefing/jane-says"

    assert list(validator.iter_errors(data)) == []
    Briefing.model_validate(data)
    for written in ("earlier-briefing/", "earlier/briefing/jane-says", "Earlier/jane-says"):
        data["statements"][0]["in_reply_to"] = written
        assert list(validator.iter_errors(data)) != [], written
        with pytest.raises(ValidationError):
            Briefing.model_validate(data)
