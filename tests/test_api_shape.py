"""The core's shape, read from its source: a public function takes at most three parameters by
position, the rest by keyword (doc2dash's `convert_docs(*, parser, docset, quiet)`), so that two
options of one type cannot be passed in each other's place; and no class is so long that it
does more than one thing (the plugin is a thin adapter over the core)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from .conftest import ROOT

MOST_POSITIONAL = 3
LONGEST_CLASS = 250


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted((ROOT / "generator").rglob("*.py")):
        name = path.relative_to(ROOT / "generator").as_posix()
        yield name, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_command(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A click command or group (`@main.command()`, `@click.group()`): its parameters are the
    command line's options, which click passes by keyword."""
    for decorator in function.decorator_list:
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(called, ast.Attribute) and called.attr in ("command", "group"):
            return True
    return False


def _positional(function: ast.FunctionDef | ast.AsyncFunctionDef, method: bool) -> list[str]:
    names = [arg.arg for arg in (*function.args.posonlyargs, *function.args.args)]
    static = any(
        isinstance(decorator, ast.Name) and decorator.id == "staticmethod"
        for decorator in function.decorator_list
    )
    return names[1:] if method and not static and names else names


def too_many_positional(module: str, tree: ast.Module) -> Iterator[str]:
    """Each public function or method of a public class in `tree` that takes more than
    `MOST_POSITIONAL` parameters (self and cls aside) by position, click commands aside."""

    def visit(node: ast.AST, owner: str | None) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef) and not child.name.startswith("_"):
                yield from visit(child, child.name)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                names = _positional(child, method=owner is not None)
                public = not child.name.startswith("_")
                if public and len(names) > MOST_POSITIONAL and not _is_command(child):
                    name = f"{owner}.{child.name}" if owner else child.name
                    yield f"{module}:{child.lineno} {name}({', '.join(names)})"

    return visit(tree, None)


def long_classes(module: str, tree: ast.Module) -> Iterator[str]:
    """Each class in `tree` longer than `LONGEST_CLASS` lines, decorators aside."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
            lines = node.end_lineno - node.lineno + 1
            if lines > LONGEST_CLASS:
                yield f"{module}:{node.name} ({lines} lines)"


def test_no_public_core_function_takes_more_than_three_parameters_by_position() -> None:
    found = [
        problem for module, tree in _modules() for problem in too_many_positional(module, tree)
    ]

    assert not found, "keyword-only (`*`) after the first three parameters:\n" + "\n".join(found)


def test_no_class_of_the_core_is_longer_than_250_lines() -> None:
    found = [problem for module, tree in _modules() for problem in long_classes(module, tree)]

    assert not found, "split, or move what needs no state out of:\n" + "\n".join(found)


def test_the_check_counts_what_a_caller_may_pass_by_position() -> None:
    source = """
def load(a, b, c, d): ...
def load_by_keyword(a, b, c, *, d): ...
def _private(a, b, c, d): ...
@main.command()
def command(a, b, c, d): ...
class Site:
    def method(self, a, b, c, d): ...
    def short(self, a, b, c): ...
    @staticmethod
    def static(a, b, c, d): ...
    @classmethod
    def make(cls, a, b, c): ...
class _Hidden:
    def method(self, a, b, c, d): ...
"""

    found = list(too_many_positional("m.py", ast.parse(source)))

    assert found == [
        "m.py:2 load(a, b, c, d)",
        "m.py:8 Site.method(a, b, c, d)",
        "m.py:11 Site.static(a, b, c, d)",
    ]
