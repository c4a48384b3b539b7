"""Every kind of mistake in tests/fixtures/errors/ gives exactly the error its file expects.

Each fixture is a small briefing with one mistake and a last line `# expect: LINE:COL: message`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.archive import load_archive

from .conftest import FIXTURES, NOW, ROOT
from .positions import line_of, location, position

CASES = sorted(p for p in (FIXTURES / "errors").glob("*.yaml") if p.name != "actors.yaml")


def _expected(path: Path) -> str:
    last = path.read_bytes().splitlines()[-1].decode("utf-8")  # not-utf8.yaml is Latin-1
    assert last.startswith("# expect: "), f"{path.name} has no '# expect:' line"
    return last.removeprefix("# expect: ")


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_each_mistake_gives_one_precise_error(case: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    shutil.copy(case, tmp_path)

    archive = load_archive(tmp_path, NOW)

    shown = [f"{e.line}:{e.column}: {str(e).split(': ', 1)[1]}" for e in archive.errors]
    assert shown == [_expected(case)]
    assert all(e.path.endswith(case.name) for e in archive.errors)
    assert archive.briefings == ()


def test_at_least_ten_kinds_of_mistake_are_covered() -> None:
    assert len(CASES) >= 10


def test_all_problems_of_all_files_are_reported_in_one_run(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    for case in CASES:
        shutil.copy(case, tmp_path)

    archive = load_archive(tmp_path, NOW)

    assert {Path(e.path).name for e in archive.errors} == {case.name for case in CASES}


def test_a_valid_briefing_is_not_published_beside_a_broken_one(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    shutil.copy(FIXTURES / "errors" / "bad-date.yaml", tmp_path)

    archive = load_archive(tmp_path, NOW)

    assert len(archive.errors) == 1
    # The archive keeps the valid briefing, but callers must refuse to publish while errors exist.
    assert [b.id for b in archive.briefings] == ["sample-briefing"]


def test_a_yml_file_is_an_error_rather_than_silently_ignored(archive_dir: Path) -> None:
    (archive_dir / "forgotten.yml").write_text("schema: 1\n", encoding="utf-8")

    archive = load_archive(archive_dir, NOW)

    assert [str(e).split("/")[-1] for e in archive.errors] == [
        "forgotten.yml: briefing files must end in .yaml; rename it to forgotten.yaml"
    ]


def test_registry_errors_are_located_in_actors_yaml(archive_dir: Path) -> None:
    registry = archive_dir / "actors.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "affiliation: example-ministry", "affiliation: example-minstry"
        ),
        encoding="utf-8",
    )

    archive = load_archive(archive_dir, NOW)

    text = registry.read_text(encoding="utf-8")
    where = location(text, "affiliation: example-minstry", "example-minstry")
    assert [str(e).split("/")[-1] for e in archive.errors] == [
        f"actors.yaml:{where}: unknown actor id 'example-minstry'; did you mean 'example-ministry'?"
    ]


def test_an_actor_written_out_differently_in_two_briefings_is_an_error(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid", tmp_path, dirs_exist_ok=True)
    text = (tmp_path / "sample-briefing.yaml").read_text(encoding="utf-8")
    other = text.replace("id: sample-briefing", "id: other-briefing")
    other = other.replace("name: Sample News", "name: Sample News Agency")
    (tmp_path / "other-briefing.yaml").write_text(other, encoding="utf-8")

    archive = load_archive(tmp_path, NOW)

    [error] = archive.errors
    assert error.path.endswith("sample-briefing.yaml")  # files are read in name order
    assert (error.line, error.column) == position(text, "  - id: sample-news\n", "sample-news")
    assert error.message.startswith("actor 'sample-news' is written differently in ")
    assert error.message.endswith("other-briefing.yaml")
    assert error.hint == "move the actor to actors.yaml and list its id in both briefings"


def _case(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    """A copy of an error fixture's base briefing (`missing-status` restored) with edits."""
    shutil.copy(FIXTURES / "errors" / "actors.yaml", tmp_path)
    text = (FIXTURES / "errors" / "missing-status.yaml").read_text(encoding="utf-8")
    text = text.replace("id: missing-status", f"id: {name}")
    text = text.replace("tlp: CLEAR", "status: published\ntlp: CLEAR").split("# expect")[0]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _text(folder: Path, name: str) -> str:
    """The text of the briefing `_case` wrote."""
    return (folder / f"{name}.yaml").read_text(encoding="utf-8")


def _shown(archive_errors: tuple[object, ...]) -> list[str]:
    return [str(error).split(".yaml:", 1)[1] for error in archive_errors]


def test_shape_and_reference_mistakes_in_one_file_are_reported_together(tmp_path: Path) -> None:
    _case(tmp_path, "two-mistakes", ("title:", "titel:"), ("actor: jane-example", "actor: jane"))

    archive = load_archive(tmp_path, NOW)

    text = _text(tmp_path, "two-mistakes")
    titel, jane = location(text, "titel:"), location(text, "actor: jane\n", "jane")
    assert _shown(archive.errors) == [
        f"{titel}: unknown key 'titel'; did you mean 'title'?",
        f"{jane}: unknown actor id 'jane'; known actor ids: jane-example, local-group; to add "
        "it, write it out under actors: (- id: jane, with name and kind), or add it to "
        "actors.yaml and list - jane under actors:",
    ]


def test_a_format_1_file_gets_one_error_per_place_to_change_saying_what_to_write(
    tmp_path: Path,
) -> None:
    _case(
        tmp_path,
        "old-format",
        ("schema: 2", "schema: 1"),
        ("    mode: quote\n", "    mode: quote\n    about: [it-happened]\n"),
    )

    archive = load_archive(tmp_path, NOW)

    text = _text(tmp_path, "old-format")
    schema = location(text, "schema: 1", "1")
    about = location(text, "about: [it-happened]", "[")
    assert _shown(archive.errors) == [
        f"{schema}: this file is in format 1; briefing-site reads format 2; write schema: 2, "
        "then follow the other messages (each statement's about becomes a map of claim id to "
        "stance)",
        f"{about}: about is a map of claim id to stance since format 2, not a list; write "
        "about: {it-happened: <stance>}, each stance one of supports, contradicts, questions, "
        "mentions",
    ]


def test_an_unquoted_false_is_the_state_false(tmp_path: Path) -> None:
    _case(tmp_path, "false-state", ("      state: unverified", "      state: false"))

    archive = load_archive(tmp_path, NOW)

    assert archive.errors == ()
    assert archive.briefings[0].key_claim.verification.state.value == "false"


def test_a_capitalised_false_is_pointed_at_the_state_false(tmp_path: Path) -> None:
    _case(tmp_path, "false-state", ("      state: unverified", "      state: False"))

    archive = load_archive(tmp_path, NOW)

    assert _shown(archive.errors)[0].endswith("; did you mean 'false'?")


@pytest.mark.parametrize(
    ("what", "edit"),
    [
        ("claim", ("    sources: [notice]\nstatements:",
                   "    sources: [notice]\n  - id: it-happened\n    text: Again.\n"
                   "    verification: {state: false, as_of: 2024-09-10}\n"
                   "    sources: [notice]\nstatements:")),
        ("source", ("    kind: news-report\n", "    kind: news-report\n  - id: notice\n"
                    "    outlet: Relay\n    kind: news-report\n    derived_from: notice\n")),
        ("statement", ("attribution:", "  - id: jane-says\n    actor: jane-example\n"
                       "    kind: denial\n    mode: paraphrase\n    text: No.\n"
                       "    in_reply_to: jane-says\n    sources: [notice]\nattribution:")),
    ],
)  # fmt: skip
def test_one_duplicate_id_is_one_error(tmp_path: Path, what: str, edit: tuple[str, str]) -> None:
    _case(tmp_path, "duplicate", edit)

    archive = load_archive(tmp_path, NOW)

    assert len(archive.errors) == 1
    assert archive.errors[0].message.startswith(f"duplicate {what} id")


def test_an_invalid_source_is_reported_once_and_references_to_it_are_not(tmp_path: Path) -> None:
    _case(
        tmp_path,
        "bad-source",
        ("kind: news-report", "kind: newsreport"),
        ("    sources: [notice]\nattribution", "    sources: [notise]\nattribution"),
    )

    archive = load_archive(tmp_path, NOW)

    text = _text(tmp_path, "bad-source")
    kind = location(text, "kind: newsreport", "newsreport")
    source = location(text, "sources: [notise]", "notise")
    assert _shown(archive.errors) == [
        f"{kind}: kind: 'newsreport' is not one of news-report, official-statement, "
        "press-briefing, document, social-media, dataset, other; did you mean 'news-report'?",
        f"{source}: unknown source id 'notise'; did you mean 'notice'?",
    ]


def test_an_invalid_actor_in_the_registry_does_not_fail_the_briefings_naming_it(
    tmp_path: Path,
) -> None:
    _case(tmp_path, "fine")
    registry = tmp_path / "actors.yaml"
    text = registry.read_text(encoding="utf-8").replace("kind: person", "kind: human")
    registry.write_text(text, encoding="utf-8")

    archive = load_archive(tmp_path, NOW)

    kind = line_of(text, "kind: human")
    assert [(Path(e.path).name, e.line) for e in archive.errors] == [("actors.yaml", kind)]


def test_a_broken_registry_is_reported_without_blaming_every_briefing(tmp_path: Path) -> None:
    _case(tmp_path, "fine", ("actor: jane-example", "actor: jane"))
    (tmp_path / "actors.yaml").write_text("schema: 1\nactors: [\n", encoding="utf-8")

    archive = load_archive(tmp_path, NOW)

    assert [(Path(e.path).name, e.line) for e in archive.errors] == [
        ("actors.yaml", 3),  # the syntax error
        # 'jane' is listed in neither actors: of the briefing
        ("fine.yaml", line_of(_text(tmp_path, "fine"), "actor: jane\n")),
    ]


# --- Characters that make a text read otherwise than it is stored ------------------------------

RLO = "\u202e"
"""RIGHT-TO-LEFT OVERRIDE: what follows it is shown right to left."""
OVERRIDE = (
    "contains U+202E (RIGHT-TO-LEFT OVERRIDE), a control that changes the order in which text "
    "is shown, at character {n}; delete it; the site sets the direction of each text itself, "
    "from its language"
)


def test_a_direction_control_in_a_block_of_text_is_pointed_at_on_its_own_line(
    tmp_path: Path,
) -> None:
    summary = f"summary: |\n  Something happened.\n  The file is called {RLO}fdp.exe.\n"
    _case(tmp_path, "block", ("summary: Something happened.\n", summary))

    archive = load_archive(tmp_path, NOW)

    where = location(_text(tmp_path, "block"), f"called {RLO}", RLO)
    value = "Something happened.\\nThe file is called \\u202efdp.exe.\\n"
    assert _shown(archive.errors) == [
        f"{where}: summary '{value}' is not valid: {OVERRIDE.format(n=40)}"
    ]


def test_a_direction_control_written_as_an_escape_is_pointed_at_where_the_escape_starts(
    tmp_path: Path,
) -> None:
    _case(tmp_path, "escape", ("title: A minimal briefing", 'title: "A \\\\u202e \\u202eboth"'))

    archive = load_archive(tmp_path, NOW)

    # The first \\u202e is a backslash and text; the second is the control.
    text = _text(tmp_path, "escape")
    where = location(text, "\\u202eboth", "\\")
    assert _shown(archive.errors) == [
        f"{where}: title 'A \\\\u202e \\u202eboth' is not valid: {OVERRIDE.format(n=10)}"
    ]


def test_a_direction_control_in_a_claim_id_of_about_is_pointed_at_in_the_key(
    tmp_path: Path,
) -> None:
    _case(
        tmp_path,
        "in-key",
        ("    mode: quote\n", f"    mode: quote\n    about: {{it-{RLO}happened: supports}}\n"),
    )

    archive = load_archive(tmp_path, NOW)

    where = location(_text(tmp_path, "in-key"), f"it-{RLO}happened", RLO)
    assert _shown(archive.errors) == [
        f"{where}: about: 'it-\\u202ehappened' is not a valid about: it contains U+202E "
        "(RIGHT-TO-LEFT OVERRIDE), an invisible character, at character 4; delete it; an id "
        "is only lowercase letters, digits and single hyphens"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "آژانس می\u200cگوید",  # Persian spells with the zero-width non-joiner
        "The \U0001f469\u200d\U0001f4bb emoji",  # an emoji joined with the zero-width joiner
        # Right-to-left marks around a Latin word in Arabic.
        "\u0642\u0627\u0644 \u200fNATO\u200f \u0625\u0646",
    ],
)
def test_joiners_and_direction_marks_that_languages_need_are_allowed_in_text(
    tmp_path: Path, text: str
) -> None:
    _case(tmp_path, "allowed", ("title: A minimal briefing", f"title: {text}"))

    archive = load_archive(tmp_path, NOW)

    assert archive.errors == ()
    assert archive.briefings[0].title == text


def test_a_language_tag_in_a_mapping_of_names_is_pointed_at_where_the_tag_is(
    tmp_path: Path,
) -> None:
    _case(
        tmp_path,
        "names",
        ("    kind: group\n", "    kind: group\n    names: {ua: Місцева група}\n"),
    )

    archive = load_archive(tmp_path, NOW)

    where = location(_text(tmp_path, "names"), "{ua:", "ua")
    assert _shown(archive.errors) == [
        f"{where}: names 'ua' is not valid: expected a BCP 47 language tag such as en, pt-BR, "
        "fa or zh-Hant; did you mean 'uk' (Ukrainian)? 'ua' is the country code of Ukraine"
    ]


def test_a_mistyped_briefing_link_is_never_said_to_mean_its_own_briefing(
    tmp_path: Path,
) -> None:
    _case(
        tmp_path,
        "bridge-collapse",
        ("summary: Something happened.", "summary: See [before](briefing:bridge-colapse)."),
    )

    archive = load_archive(tmp_path, NOW)

    where = location(_text(tmp_path, "bridge-collapse"), "(briefing:", "briefing:")
    assert _shown(archive.errors) == [
        f"{where}: unknown briefing id 'bridge-colapse' in a briefing: link; write the id of a "
        "briefing in this folder"
    ]


def test_a_link_in_a_claims_note_is_placed_at_its_line_in_a_file_with_other_mistakes(
    tmp_path: Path,
) -> None:
    _case(
        tmp_path,
        "two-mistakes",
        ("title:", "titel:"),
        (
            "      as_of: 2024-09-10\n    sources: [notice]\nstatements:",
            "      as_of: 2024-09-10\n      note: |\n        Said before.\n\n        See "
            "[John](actor:john-doe).\n    sources: [notice]\nstatements:",
        ),
    )

    archive = load_archive(tmp_path, NOW)

    text = _text(tmp_path, "two-mistakes")
    titel, john = location(text, "titel:"), location(text, "(actor:john-doe)", "actor:")
    assert [line.split(";")[0] for line in _shown(archive.errors)] == [
        f"{titel}: unknown key 'titel'",
        f"{john}: unknown actor id 'john-doe'",
    ]


# --- The error page of the site ------------------------------------------------------------------

ERROR_PAGE = ROOT / "docs" / "errors.md"
SHOWN = re.compile(r"^(?:note: )?briefings/[\w.-]+\.ya?ml(?::\d+:\d+)?: .*$", re.MULTILINE)


def _across_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What `check` prints for the page's examples that need several files."""
    sample = (FIXTURES / "valid" / "sample-briefing.yaml").read_text(encoding="utf-8")
    other = sample.replace("id: sample-briefing", "id: other-briefing")
    printed = []
    for case, files in {
        # A claim of another briefing, a .yml file and a file that is not YAML.
        "reference": {
            "sample-briefing.yaml": sample.replace(
                "{bridge-closed: supports}", "{road-closed: supports}", 1
            ),
            "other-briefing.yaml": other.replace("bridge-closed", "road-closed"),
            "old-format.yml": "schema: 1\n",
            "README.md": "About these briefings.\n",
        },
        # A verdict on a claim too long for search results: a note, not an error.
        "note": {
            "sample-briefing.yaml": sample.replace(
                "text: The river bridge is closed to traffic.",
                "text: The river bridge is closed to all traffic, in both directions, until "
                "further notice.",
            ),
        },
        # A briefing declared English, with a quote in Russian that lacks its lang.
        "language": {
            "sample-briefing.yaml": sample.replace(
                "tlp: CLEAR\n", "tlp: CLEAR\nlang: en\n"
            ).replace(
                "text: The bridge is closed <until further notice>.",
                "text: Мост закрыт до особого распоряжения.",  # noqa: RUF001
            ),
        },
        # A claim continued by its id alone, in a briefing that follows another.
        "continues": {
            "sample-briefing.yaml": sample.replace(
                "published: 2024-09-10\n", "published: 2024-09-10\nfollows: other-briefing\n"
            ).replace(
                "    sources: [ministry-notice, sample-news-report, dataset]\n",
                "    sources: [ministry-notice, sample-news-report, dataset]\n"
                "    continues: bridge-closed\n",
            ),
            "other-briefing.yaml": other,
        },
        # Replies to statements of other briefings: of one it follows, with a mistyped
        # statement id, and of one it does not follow.
        "reply": {
            "sample-briefing.yaml": sample.replace(
                "summary: |", "follows: other-briefing\nsummary: |", 1
            )
            .replace(
                "    text: No reopening date has been set.\n",
                "    text: No reopening date has been set.\n"
                "    in_reply_to: other-briefing/jane-closur\n",
            )
            .replace(
                "    text: We should have warned drivers earlier.\n",
                "    text: We should have warned drivers earlier.\n"
                "    in_reply_to: third-briefing/jane-closure\n",
            ),
            "other-briefing.yaml": other,
            "third-briefing.yaml": sample.replace("id: sample-briefing", "id: third-briefing"),
        },
        # An actor written out differently in two briefings.
        "actor": {
            "sample-briefing.yaml": sample,
            "other-briefing.yaml": other.replace("name: Sample News", "name: Sample News Agency"),
        },
    }.items():
        folder = tmp_path / case / "briefings"
        shutil.copytree(FIXTURES / "valid", folder)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        monkeypatch.chdir(folder.parent)
        archive = load_archive(Path("briefings"), NOW)
        printed += [str(e) for e in archive.errors] + [f"note: {n}" for n in archive.notes]
    return printed


def test_the_error_page_shows_every_fixture_as_check_prints_it() -> None:
    page = ERROR_PAGE.read_text(encoding="utf-8")

    missing = [
        case.name for case in CASES if f"briefings/{case.name}:{_expected(case)}\n" not in page
    ]

    assert missing == []


def test_every_message_on_the_error_page_is_what_check_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = {f"briefings/{case.name}:{_expected(case)}" for case in CASES}
    printed |= set(_across_files(tmp_path, monkeypatch))

    shown = SHOWN.findall(ERROR_PAGE.read_text(encoding="utf-8"))

    assert len(shown) >= len(CASES)
    assert [line for line in shown if line not in printed] == []


def test_a_briefing_naming_an_actor_of_a_broken_registry_is_left_out(tmp_path: Path) -> None:
    _case(tmp_path, "fine")
    (tmp_path / "actors.yaml").write_text("schema: 1\nactors: [\n", encoding="utf-8")

    archive = load_archive(tmp_path, NOW)

    assert [Path(e.path).name for e in archive.errors] == ["actors.yaml"]
    assert archive.briefings == (), "its actors cannot be shown, so neither can the briefing"


def test_where_a_claim_appeared_is_checked_like_any_address_and_actor(tmp_path: Path) -> None:
    appeared = (
        "    appeared:\n"
        "      - url: javascript:alert(1)\n"
        "      - url: https://social.example.org/posts/1\n"
        "        archived_url: https://editor:secret@archive.example.org/1\n"
    )
    spread = (
        "  - id: it-spread\n    text: It spread.\n"
        "    verification: {state: unverified, as_of: 2024-09-10}\n    sources: [notice]\n"
        "    appeared: [{url: 'https://social.example.org/posts/2', by: example-ministry}]\n"
    )
    _case(
        tmp_path,
        "appeared",
        ("    sources: [notice]\n", f"    sources: [notice]\n{appeared}{spread}"),
    )

    archive = load_archive(tmp_path, NOW)

    text = _text(tmp_path, "appeared")
    url = location(text, "url: javascript:alert(1)", "javascript")
    archived = location(text, "archived_url: https://editor", "https")
    by = location(text, "by: example-ministry", "example-ministry")
    assert _shown(archive.errors) == [
        f"{url}: url 'javascript:alert(1)' is not valid: expected an http:// or https:// URL",
        f"{archived}: archived_url 'https://editor:secret@archive.example.org/1' is not valid: a "
        "URL cannot contain a user name or password; remove the part before @",
        f"{by}: actor 'example-ministry' is not listed in this briefing's actors; add "
        "'- example-ministry' under actors:",
    ]
