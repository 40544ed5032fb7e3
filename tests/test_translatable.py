"""Every text a person reads is extractable by `pyside6-lupdate`, under the context Qt looks up.

pyside6-lupdate (checked against 6.11) reads only literal texts, and names a context
after what the call is written on: `self.tr("…")` takes the enclosing class,
`QCoreApplication.translate("Ctx", "…")` and `QT_TRANSLATE_NOOP("Ctx", "…")` take
"Ctx". Anything else is lost or filed wrongly:

- `_tr("…")` and other local aliases are not extracted at all;
- `bar.tr("…")` is filed under the context "bar", while Qt looks the text up under the
  class of `bar` (QStatusBar), so it is never translated;
- a bare `tr("…")` (an alias of a bound `tr`) is filed under the empty context;
- `self.tr(f"… {x}")` or `self.tr(text)` extracts a text the program never asks for.

The check reads the source with `ast`, like tests/test_architecture.py.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("desk/ui", "desk/kiosk", "desk/i18n", "desk/services", "desk/sync", "desk/core")
CONTEXT_CALLS = frozenset({"translate", "QT_TRANSLATE_NOOP"})
# Modules that look up, by a variable, texts marked with QT_TRANSLATE_NOOP elsewhere.
LOOKUPS = frozenset(
    {"desk/ui/mainwindow/shortcuts.py", "desk/i18n/errors.py", "desk/i18n/language_names.py"}
)


def is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def violations(source: str, relpath: str) -> Iterator[str]:
    """`path:line what` for every call lupdate cannot file where Qt looks."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        where = f"{relpath}:{node.lineno}"
        if isinstance(func, ast.Name) and func.id in ("tr", "_tr"):
            yield f"{where} {func.id}(…) is not extracted under a context Qt looks up"
        elif isinstance(func, ast.Attribute) and func.attr == "tr":
            if not (isinstance(func.value, ast.Name) and func.value.id == "self"):
                yield f"{where} <object>.tr(…) is filed under the variable's name"
            elif not node.args or not is_literal(node.args[0]):
                yield f"{where} self.tr(…) of a text that is not a literal"
        elif called_name(func) in CONTEXT_CALLS and not (
            len(node.args) >= 2
            and is_literal(node.args[0])
            and (is_literal(node.args[1]) or relpath in LOOKUPS)
        ):
            yield f"{where} translate(…) needs a literal context and a literal text"


def checked_files() -> Iterator[Path]:
    for folder in CHECKED:
        yield from sorted((REPO_ROOT / folder).rglob("*.py"))


def test_every_text_is_extractable() -> None:
    found = [
        problem
        for path in checked_files()
        for problem in violations(
            path.read_text(encoding="utf-8"), path.relative_to(REPO_ROOT).as_posix()
        )
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "call",
    [
        '_tr("Open")',
        'bar.tr("Online")',
        'tr("Online")',
        'self.tr(f"{n} left")',
        "self.tr(text)",
        'QCoreApplication.translate(CONTEXT, "Open")',
    ],
)
def test_the_check_catches(call: str) -> None:
    assert list(violations(call, "x.py"))


@pytest.mark.parametrize(
    "call",
    [
        'self.tr("Open")',
        'self.tr("Open" " now")',
        'QCoreApplication.translate("People", "Open")',
        'QT_TRANSLATE_NOOP("Errors", "Open")',
    ],
)
def test_the_check_passes(call: str) -> None:
    assert not list(violations(call, "x.py"))
