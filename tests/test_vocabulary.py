"""The closed vocabularies' tables (`generator/tables.py`) and every copy of them: a value added
to the model alone is named missing from each place it must be written, and stops the build
rather than being left out of the pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import Stance, VerificationState
from generator.tables import STATE_TABLE, MissingRow, every_row, word_keys

from .conftest import ROOT
from .copies import check, report


def test_every_copy_of_every_closed_vocabulary_agrees_with_its_table() -> None:
    assert report(check()) == ""


def _copy(target: Path) -> Path:
    """A copy of the project's files that list the vocabularies, and of their check."""
    for folder in ("generator", "theme", "docs"):
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    (target / "tests").mkdir()
    for name in ("README.md", "tests/__init__.py", "tests/copies.py"):
        shutil.copy(ROOT / name, target / name)
    return target


def _with_new_values(target: Path, *added: tuple[str, str]) -> Path:
    """A copy of the project whose model has, for each (member, line) added, `line` after
    the enum member `member`, and no other change: no row, no words, no colour."""
    model = _copy(target) / "generator" / "model.py"
    text = model.read_text(encoding="utf-8")
    for member, line in added:
        assert text.count(f"    {member}\n") == 1
        text = text.replace(f"    {member}\n", f"    {member}\n    {line}\n")
    model.write_text(text, encoding="utf-8")
    return target


CONTESTED = ('RETRACTED = "retracted"', 'CONTESTED = "contested"')
"""A verification state that is no verdict, added after the last."""


def _run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python in `project`, importing its own `generator`, not this one."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip


SCHEMA = "generator/briefing.schema.json (made from the model: run `briefings schema briefing -o generator/briefing.schema.json`)"  # noqa: E501

NEW_STATE = f"""\
verification state 'contested' is missing from:
  generator/tables.py (a row in STATE_TABLE: symbol, light, dark, rating)
  generator/locales/en.yaml (state.contested.label, state.contested.meaning)
  generator/locales/fa.yaml (state.contested.label, state.contested.meaning)
  generator/locales/ru.yaml (state.contested.label, state.contested.meaning)
  theme/assets/stylesheets/briefings.css (light palette)
  theme/assets/stylesheets/briefings.css (dark palette)
  theme/assets/stylesheets/briefings.css (.briefing-state--contested, .briefing-verdict--contested rule)
  {SCHEMA}
  docs/about.md (the table of states)
  generator/scaffold.yaml (the states beside `state:`)
  README.md (the `claims` field's `state`)
  README.md (check's message for a misspelled state, line …)
  README.md (check's message for a misspelled state, line …)
  docs/errors.md (check's message for a misspelled state)
  theme/markdown/api.md (the `state` field)
  theme/markdown/api.md (the states without a verdict)
"""  # noqa: E501


def test_a_state_added_to_the_model_alone_is_named_missing_from_every_place(
    tmp_path: Path,
) -> None:
    project = _with_new_values(tmp_path, CONTESTED)

    result = _run(project, "-m", "tests.copies")

    assert result.returncode == 1, result.stderr
    assert re.sub(r"line \d+", "line …", result.stdout) == NEW_STATE


def test_a_state_without_a_row_stops_the_build_rather_than_getting_no_page(
    tmp_path: Path,
) -> None:
    project = _with_new_values(tmp_path, CONTESTED)

    result = _run(project, "-c", "import generator.vocabulary")

    assert result.returncode == 1
    assert (
        "MissingRow: verification state 'contested' has no row in generator/tables.py "
        "(STATE_TABLE): add one." in result.stderr
    )


NEW_STANCE_ASSESSMENT_AND_TLP = [
    "stance 'denies' is missing from:",
    "  generator/tables.py (a row in STANCE_TABLE: symbol, colour)",
    "  generator/locales/ru.yaml (stance.denies)",
    "  theme/assets/stylesheets/briefings.css (.briefing-stance-mark--denies rule)",
    "  theme/assets/stylesheets/briefings.css (.md-typeset .briefing-stance--denies rule)",
    "  generator/scaffold.yaml (the stances beside `about:`)",
    "  README.md (the stance map's legend)",
    "  docs/about.md (the stance map's legend)",
    "  docs/errors.md (check's message for an unknown stance)",
    "  theme/markdown/api.md (the stances of `about`)",
    "assessment 'doctored' is missing from:",
    "  generator/tables.py (a row in ASSESSMENT_TABLE: category)",
    "  generator/locales/fa.yaml (assessment.doctored.label, assessment.doctored.meaning)",
    "  README.md (the `evidence` field's `assessment`)",
    "  docs/about.md (the editors' assessments)",
    "  theme/markdown/api.md (the MediaReview categories)",
    "TLP label 'BLACK' is missing from:",
    "  generator/tables.py (a row in TLP_TABLE: label, meaning, colour)",
    "  theme/assets/stylesheets/briefings.css (.briefing-tlp--black rule)",
    "  README.md (the `status`, `tlp` field)",
    "  docs/errors.md (check's message for an unknown TLP label)",
]


def test_a_stance_an_assessment_and_a_tlp_label_added_alone_are_named_missing_too(
    tmp_path: Path,
) -> None:
    project = _with_new_values(
        tmp_path,
        ('MENTIONS = "mentions"', 'DENIES = "denies"'),
        ('UNASSESSED = "unassessed"', 'DOCTORED = "doctored"'),
        ('RED = "RED"', 'BLACK = "BLACK"'),
    )

    result = _run(project, "-m", "tests.copies")

    assert result.returncode == 1, result.stderr
    named = result.stdout.splitlines()
    assert [line for line in NEW_STANCE_ASSESSMENT_AND_TLP if line not in named] == []


def test_a_colour_changed_in_the_stylesheet_alone_is_named_with_both_colours(
    tmp_path: Path,
) -> None:
    project = _copy(tmp_path)
    stylesheet = project / "theme" / "assets" / "stylesheets" / "briefings.css"
    css = stylesheet.read_text(encoding="utf-8")
    stylesheet.write_text(css.replace("--briefing-false: #fe6a6c;", "--briefing-false: red;"))

    assert report(check(project)) == (
        "theme/assets/stylesheets/briefings.css: verification state 'false' is red in the dark "
        "palette, #fe6a6c in generator/tables.py"
    )


def test_a_value_a_list_has_but_the_model_lacks_is_named_with_the_list(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(
        text.replace("`questions` or `mentions`", "`questions`, `denies` or `mentions`")
    )

    assert report(check(project)) == (
        "'denies' is no stance of the model, but is in:\n  README.md (the stances of `about`)"
    )


def test_a_list_reworded_out_of_the_checks_sight_is_named_rather_than_passed(
    tmp_path: Path,
) -> None:
    project = _copy(tmp_path)
    page = project / "theme" / "markdown" / "api.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("for each claim with a verdict (", "for each verdict ("))

    assert report(check(project)) == (
        "theme/markdown/api.md: the states with a verdict: not found where tests/copies.py "
        "looks for it, so not checked"
    )


def test_every_row_gives_the_rows_in_the_models_order_and_names_a_value_without_one() -> None:
    shuffled = dict(reversed(STATE_TABLE.items()))
    incomplete = {stance: "row" for stance in Stance if stance is not Stance.QUESTIONS}

    assert list(every_row(shuffled, VerificationState)) == list(VerificationState)
    with pytest.raises(MissingRow, match=r"^stance 'questions' has no row in generator/tables"):
        every_row(incomplete, Stance)


def test_a_states_words_are_its_label_and_meaning_another_values_its_label() -> None:
    assert word_keys(VerificationState.FALSE) == ("state.false.label", "state.false.meaning")
    assert word_keys(Stance.MENTIONS) == ("stance.mentions",)


def test_the_readmes_example_is_what_the_check_prints_for_a_new_state() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ python -m tests.copies\n", 1)[1].split("```", 1)[0]

    shown = [line for line in example.splitlines() if line.strip() != "…"]
    assert len(shown) > 3
    assert [line for line in shown if line not in NEW_STATE.splitlines()] == []
