"""DESIGN.md §3 "Imports run one way", checked by reading the source with `ast`.

Nothing under `desk/` is imported, so the check runs in milliseconds, needs none of the
package's dependencies and sees imports in every branch, function body and
`if TYPE_CHECKING:` block, plus literal `importlib.import_module("...")` calls.

The layers:
    desk/core                           stdlib, phonenumbers, argon2 and desk.core only
    desk/models, desk/services, desk/sync
                                        no Qt widgets or Qt GUI; nothing of desk.ui,
                                        desk.kiosk or desk.server
    desk/server                         of ours only desk.core and desk.server; never Qt,
                                        requests or qasync
    desk/ui, desk/kiosk                 reach the server only through desk.sync: no HTTP
                                        client, nothing of desk.server or desk.sync.http*
    desk/kiosk                          nothing of desk.ui (the kiosk has no office screen)
    desk/__init__.py                    nothing of desk (importing `desk` stays harmless)
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "desk"
STDLIB = frozenset(sys.stdlib_module_names)
HTTP_CLIENTS = ("requests", "httpx", "urllib3", "aiohttp", "http.client", "urllib.request")


def within(name: str, *prefixes: str) -> bool:
    """Whether module `name` is one of `prefixes` or inside one of them."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def top(name: str) -> str:
    return name.partition(".")[0]


@dataclass(frozen=True)
class Rule:
    """Modules inside one of `layers` must not import a name that `forbids`."""

    layers: tuple[str, ...]
    forbids: Callable[[str], bool]
    why: str

    def applies_to(self, module: str) -> bool:
        return within(module, *self.layers)


RULES = (
    Rule(
        ("desk.core",),
        lambda name: (
            not (
                within(name, "desk.core")
                or name == "desk"
                or top(name) in STDLIB | {"phonenumbers", "argon2"}
            )
        ),
        # argon2: the kiosk PIN verifier is computed by the server and checked by the
        # kiosk, so it is a rule both share; argon2-cffi does no I/O.
        "desk/core imports only the standard library, phonenumbers, argon2 and desk.core",
    ),
    Rule(
        ("desk.models", "desk.services", "desk.sync"),
        lambda name: within(
            name, "PySide6.QtWidgets", "PySide6.QtGui", "desk.ui", "desk.kiosk", "desk.server"
        ),
        "desk/models, desk/services and desk/sync import no Qt widgets or GUI and nothing "
        "of desk.ui, desk.kiosk or desk.server",
    ),
    Rule(
        ("desk.server",),
        lambda name: (
            (
                within(name, PACKAGE)
                and name != PACKAGE
                and not within(name, "desk.core", "desk.net", "desk.server")
            )
            or within(name, "PySide6", "shiboken6", "requests", "qasync")
        ),
        "desk/server imports only desk.core, desk.net and desk.server of ours, and never "
        "Qt, requests or qasync",
    ),
    Rule(
        ("desk.net",),
        lambda name: (
            not (within(name, "desk.net") or name == "desk" or top(name) in STDLIB | {"orjson"})
        ),
        "desk/net, shared by client and server, imports only the standard library and orjson",
    ),
    Rule(
        ("desk.ui", "desk.kiosk"),
        lambda name: (
            within(name, *HTTP_CLIENTS, "desk.server") or name.startswith("desk.sync.http")
        ),
        "desk/ui and desk/kiosk reach the server only through desk.sync: no HTTP client, "
        "nothing of desk.server or desk.sync.http*",
    ),
    Rule(
        ("desk.kiosk",),
        lambda name: within(name, "desk.ui"),
        "the kiosk carries no office screen: nothing of desk.ui",
    ),
)

ROOT_RULE = Rule(
    (PACKAGE,),
    lambda name: within(name, PACKAGE) and name != PACKAGE,
    "desk/__init__.py imports nothing of desk, so that importing any layer stays harmless",
)


def module_of(relpath: str) -> tuple[str, bool]:
    """Dotted module name of a file path like `desk/core/x.py`, and whether a package."""
    parts = list(Path(relpath).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


def imported_names(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in `tree`.

    `from a.b import c` yields `a.b.c` (c may be a submodule, and naming it is what
    matters for layering), except for dunder names: `from desk import __version__`
    yields `desk`.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module if is_package else module.rpartition(".")[0]
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)] if node.level > 1 else anchor
                base = ".".join(part for part in (*anchor, base) if part)
            for alias in node.names:
                if alias.name == "*" or alias.name.startswith("__"):
                    yield node.lineno, base
                else:
                    yield node.lineno, f"{base}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and _is_dynamic_import(node.func)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and not node.args[0].value.startswith(".")
        ):
            yield node.lineno, node.args[0].value


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in ("__import__", "import_module")
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "import_module"
        and isinstance(func.value, ast.Name)
        and func.value.id == "importlib"
    )


def check_source(source: str, relpath: str) -> list[str]:
    """Violations in one file's source, as `path:line imports NAME (rule)`."""
    module, is_package = module_of(relpath)
    rules = [rule for rule in RULES if rule.applies_to(module)]
    if module == PACKAGE:
        rules.append(ROOT_RULE)
    try:
        tree = ast.parse(source, filename=relpath)
    except SyntaxError as error:
        return [f"{relpath}:{error.lineno} does not parse: {error.msg}"]
    violations = []
    for line, name in imported_names(tree, module, is_package):
        violations.extend(
            f"{relpath}:{line} imports {name} ({rule.why})" for rule in rules if rule.forbids(name)
        )
    return violations


def check_tree(root: Path) -> list[str]:
    """Violations in every `.py` file under `root/desk`."""
    violations = []
    for path in sorted((root / PACKAGE).rglob("*.py")):
        relpath = path.relative_to(root).as_posix()
        violations.extend(check_source(path.read_text(encoding="utf-8"), relpath))
    return violations


# -- the real package ----------------------------------------------------------------


def test_desk_imports_run_one_way() -> None:
    assert (REPO_ROOT / PACKAGE).is_dir()
    violations = check_tree(REPO_ROOT)
    assert not violations, "layering violations (DESIGN.md §3):\n" + "\n".join(violations)


# -- the checker itself --------------------------------------------------------------


def test_empty_package_passes(tmp_path: Path) -> None:
    (tmp_path / PACKAGE).mkdir()
    assert check_tree(tmp_path) == []
    for layer in ("core", "models", "services", "sync", "server", "ui", "kiosk"):
        (tmp_path / PACKAGE / layer).mkdir()
        (tmp_path / PACKAGE / layer / "__init__.py").write_text("")
    (tmp_path / PACKAGE / "__init__.py").write_text('"""Empty."""\n')
    assert check_tree(tmp_path) == []


def test_violation_in_a_tree_is_reported_with_file_and_line(tmp_path: Path) -> None:
    core = tmp_path / PACKAGE / "core"
    core.mkdir(parents=True)
    (core / "rules.py").write_text(
        "from __future__ import annotations\n\nimport re\nfrom desk.ui import window\n"
    )
    [violation] = check_tree(tmp_path)
    assert violation.startswith("desk/core/rules.py:4 imports desk.ui.window (")


ALLOWED = [
    ("desk/core/sms.py", "from __future__ import annotations\nimport re, unicodedata"),
    ("desk/core/phones.py", "import phonenumbers\nfrom phonenumbers import PhoneNumberFormat"),
    ("desk/core/status.py", "from desk.core.kinds import ThreadStatus\nfrom . import kinds"),
    ("desk/core/__init__.py", "from .kinds import Channel\nfrom desk import __version__"),
    (
        "desk/models/base.py",
        "from sqlalchemy.orm import DeclarativeBase\nfrom desk.core import sms",
    ),
    ("desk/services/threads.py", "from PySide6.QtCore import QObject, Signal"),
    ("desk/sync/http.py", "import requests\nfrom desk.models import base"),
    ("desk/server/app.py", "import fastapi\nfrom desk.core import status\nfrom . import db"),
    ("desk/server/api/admin.py", "from ..orm import Staff\nfrom desk.server.db import x"),
    ("desk/ui/window.py", "from PySide6.QtWidgets import QMainWindow\nimport sqlalchemy"),
    ("desk/ui/sync_status.py", "from desk.sync import engine\nfrom desk.services import threads"),
    ("desk/kiosk/screen.py", "from PySide6 import QtWidgets\nfrom desk.services import kiosk"),
    ("desk/cli.py", "from desk.ui import app\nfrom desk.server import app as server_app"),
    ("desk/__init__.py", '__version__ = "0.1.0"'),
    ("desk/ui/open.py", "from urllib.parse import urlencode"),
]

FORBIDDEN = [
    ("desk/core/sms.py", "import sqlalchemy", "sqlalchemy"),
    ("desk/core/sms.py", "from PySide6.QtCore import QObject", "PySide6.QtCore.QObject"),
    ("desk/core/sms.py", "import orjson", "orjson"),
    ("desk/core/sms.py", "from desk.models import base", "desk.models.base"),
    ("desk/core/sms.py", "from .. import ui", "desk.ui"),
    ("desk/core/sms.py", "from desk import server", "desk.server"),
    ("desk/core/sms.py", "def f():\n    import requests", "requests"),
    ("desk/core/sms.py", "import importlib\nimportlib.import_module('desk.sync')", "desk.sync"),
    ("desk/models/base.py", "from PySide6.QtWidgets import QWidget", "PySide6.QtWidgets.QWidget"),
    ("desk/models/base.py", "from PySide6 import QtGui", "PySide6.QtGui"),
    (
        "desk/services/threads.py",
        "from desk.ui.window import MainWindow",
        "desk.ui.window.MainWindow",
    ),
    ("desk/services/threads.py", "import desk.kiosk.screen", "desk.kiosk.screen"),
    ("desk/sync/engine.py", "from ..server.orm import Staff", "desk.server.orm.Staff"),
    (
        "desk/sync/engine.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from desk.ui import app",
        "desk.ui.app",
    ),
    ("desk/server/app.py", "from desk.models import base", "desk.models.base"),
    ("desk/server/app.py", "from desk.sync import outbox", "desk.sync.outbox"),
    ("desk/server/app.py", "from PySide6.QtCore import QObject", "PySide6.QtCore.QObject"),
    ("desk/server/app.py", "import requests", "requests"),
    ("desk/server/app.py", "import qasync", "qasync"),
    ("desk/server/api/auth.py", "from ...ui import login", "desk.ui.login"),
    ("desk/ui/window.py", "import requests", "requests"),
    ("desk/ui/window.py", "import httpx", "httpx"),
    ("desk/ui/window.py", "from urllib.request import urlopen", "urllib.request.urlopen"),
    ("desk/ui/window.py", "from desk.server import app", "desk.server.app"),
    ("desk/ui/window.py", "from desk.sync.http import Transport", "desk.sync.http.Transport"),
    ("desk/ui/window.py", "from desk.sync import http_client", "desk.sync.http_client"),
    ("desk/kiosk/screen.py", "from desk.ui.chat import ChatView", "desk.ui.chat.ChatView"),
    ("desk/kiosk/screen.py", "from ..ui import theme", "desk.ui.theme"),
    ("desk/kiosk/screen.py", "import requests", "requests"),
    ("desk/__init__.py", "from desk.ui import app", "desk.ui.app"),
]


@pytest.mark.parametrize(("relpath", "source"), ALLOWED)
def test_allowed_imports_pass(relpath: str, source: str) -> None:
    assert check_source(source, relpath) == []


@pytest.mark.parametrize(("relpath", "source", "name"), FORBIDDEN)
def test_forbidden_import_is_reported(relpath: str, source: str, name: str) -> None:
    violations = check_source(source, relpath)
    assert violations, f"{relpath}: {source!r} should violate the layering"
    assert any(v.startswith(f"{relpath}:") and f" imports {name} (" in v for v in violations), (
        violations
    )


def test_unparsable_file_is_reported() -> None:
    assert check_source("def broken(:\n", "desk/core/x.py") == [
        "desk/core/x.py:1 does not parse: invalid syntax"
    ]
