"""DESIGN.md §3 "Imports run one way", checked by reading the source with `ast`.

Nothing under `desk/` is imported, so the check runs in milliseconds, needs none of the
package's dependencies and sees imports in every branch, function body and
`if TYPE_CHECKING:` block, plus literal `importlib.import_module("...")` calls.

The layers:
    desk/core                           stdlib, phonenumbers, regex, argon2 and desk.core only
    desk/models, desk/services, desk/sync
                                        no Qt widgets or Qt GUI; nothing of desk.ui,
                                        desk.kiosk or desk.server
    desk/models                         nothing of desk.sync or desk.services (the cache
                                        is the bottom layer of the client)
    desk/sync                           nothing of desk.services (services write through
                                        the outbox, so they sit above sync)
    desk/server                         of ours only desk.core and desk.server; never Qt,
                                        requests or qasync
    desk/ui, desk/kiosk                 reach the server only through desk.sync: no HTTP
                                        client, nothing of desk.server or desk.sync.http*
    desk/kiosk                          nothing of desk.ui (the kiosk has no office screen)
    desk/desktop                        nothing of desk.ui or desk.kiosk (both import it)
    desk/net                            stdlib, orjson and urllib3 only (client and server)
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
                or top(name) in STDLIB | {"phonenumbers", "regex", "argon2"}
            )
        ),
        # argon2: the kiosk PIN verifier is computed by the server and checked by the
        # kiosk, so it is a rule both share; argon2-cffi does no I/O.
        "desk/core imports only the standard library, phonenumbers, regex, argon2 and desk.core",
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
        ("desk.models",),
        lambda name: within(name, "desk.sync", "desk.services"),
        "desk/models, the client's bottom layer, imports nothing of desk.sync or desk.services",
    ),
    Rule(
        ("desk.sync",),
        lambda name: within(name, "desk.services"),
        "services write through the outbox, so desk/sync imports nothing of desk.services",
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
            not (
                within(name, "desk.net")
                or name == "desk"
                or top(name) in STDLIB | {"orjson", "urllib3"}
            )
        ),
        "desk/net, shared by client and server, imports only the standard library, orjson "
        "and urllib3",
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
    Rule(
        ("desk.desktop",),
        lambda name: within(name, "desk.ui", "desk.kiosk"),
        "desk/desktop is shared by the office app and the kiosk: nothing of desk.ui or desk.kiosk",
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
    violations: list[str] = []
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
    ("desk/core/sms.py", "import regex"),
    ("desk/core/phones.py", "import phonenumbers\nfrom phonenumbers import PhoneNumberFormat"),
    ("desk/core/status.py", "from desk.core.kinds import ThreadStatus\nfrom . import kinds"),
    ("desk/core/__init__.py", "from .kinds import Channel\nfrom desk import __version__"),
    (
        "desk/models/base.py",
        "from sqlalchemy.orm import DeclarativeBase\nfrom desk.core import sms",
    ),
    ("desk/services/threads.py", "from PySide6.QtCore import QObject, Signal"),
    ("desk/sync/http.py", "import requests\nfrom desk.models import base"),
    ("desk/services/compose.py", "from desk.sync.outbox import submit\nfrom desk.models import x"),
    ("desk/sync/outbox.py", "from desk.models.cache import Cache\nfrom desk.core import ids"),
    ("desk/server/app.py", "import fastapi\nfrom desk.core import status\nfrom . import db"),
    ("desk/server/api/admin.py", "from ..orm import Staff\nfrom desk.server.db import x"),
    ("desk/ui/window.py", "from PySide6.QtWidgets import QMainWindow\nimport sqlalchemy"),
    ("desk/ui/sync_status.py", "from desk.sync import engine\nfrom desk.services import threads"),
    ("desk/kiosk/screen.py", "from PySide6 import QtWidgets\nfrom desk.services import kiosk"),
    ("desk/kiosk/app.py", "from desk.desktop.icon import app_icon"),
    ("desk/desktop/screenshot.py", "from PySide6.QtWidgets import QWidget"),
    ("desk/cli.py", "from desk.ui import app\nfrom desk.server import app as server_app"),
    ("desk/__init__.py", '__version__ = "0.1.0"'),
    ("desk/ui/open.py", "from urllib.parse import urlencode"),
    ("desk/net/keepalive.py", "import urllib3\nimport orjson\nimport ssl"),
]

FORBIDDEN = [
    ("desk/core/sms.py", "import sqlalchemy", "sqlalchemy"),
    ("desk/desktop/icon.py", "from desk.ui.shared import theme", "desk.ui.shared.theme"),
    ("desk/desktop/icon.py", "from desk.kiosk import window", "desk.kiosk.window"),
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
    ("desk/models/cache.py", "from desk.sync.outbox import submit", "desk.sync.outbox.submit"),
    ("desk/models/cache.py", "from ..sync import engine", "desk.sync.engine"),
    ("desk/models/cache.py", "import desk.services.compose", "desk.services.compose"),
    ("desk/sync/push.py", "from desk.services.account import adopt", "desk.services.account.adopt"),
    ("desk/sync/push.py", "from ..services import kiosk", "desk.services.kiosk"),
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
    ("desk/net/keepalive.py", "import requests", "requests"),
    ("desk/net/keepalive.py", "from desk.core import sms", "desk.core.sms"),
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


# -- the tests' own imports ----------------------------------------------------------
#
# STYLE.md: test modules import from `tests/support`, never from each other. A helper
# imported from another test module, a conftest or a folder's helper module ties the
# tests of one layer to another layer's fixtures, and moving or deleting one breaks
# the other; what tests share lives in `tests/support`.

TESTS = "tests"
SUPPORT = "tests.support"


def check_test_source(source: str, relpath: str) -> list[str]:
    """Imports of `tests.*` outside `tests.support` in one file under `tests/`."""
    module, is_package = module_of(relpath)
    try:
        tree = ast.parse(source, filename=relpath)
    except SyntaxError as error:
        return [f"{relpath}:{error.lineno} does not parse: {error.msg}"]
    return [
        f"{relpath}:{line} imports {name} (test modules import shared code from "
        f"{SUPPORT}, never from each other)"
        for line, name in imported_names(tree, module, is_package)
        if within(name, TESTS) and not within(name, SUPPORT)
    ]


def check_test_tree(root: Path) -> list[str]:
    """Violations in every `.py` file under `root/tests`."""
    violations: list[str] = []
    for path in sorted((root / TESTS).rglob("*.py")):
        relpath = path.relative_to(root).as_posix()
        violations.extend(check_test_source(path.read_text(encoding="utf-8"), relpath))
    return violations


def test_test_modules_import_shared_code_only_from_tests_support() -> None:
    violations = check_test_tree(REPO_ROOT)
    assert not violations, "tests importing from each other:\n" + "\n".join(violations)


@pytest.mark.parametrize(
    ("relpath", "source"),
    [
        ("tests/ui/test_inbox.py", "from tests.support.factories import CentreIds"),
        ("tests/ui/test_inbox.py", "import tests.support.qt_async"),
        ("tests/ui/conftest.py", "from tests.support import server_process"),
        ("tests/support/doubles/fcm_double.py", "from .http_double import HttpDouble"),
        ("tests/support/server_process.py", "from .net import free_port"),
        ("tests/ui/test_inbox.py", "from desk.ui.inbox import InboxPage\nimport pytest"),
    ],
)
def test_imports_of_tests_support_pass(relpath: str, source: str) -> None:
    assert check_test_source(source, relpath) == []


@pytest.mark.parametrize(
    ("relpath", "source", "name"),
    [
        ("tests/server/test_feed.py", "from tests.server.conftest import Caller", "Caller"),
        ("tests/ui/test_inbox.py", "from tests.ui.steps import open_thread", "open_thread"),
        ("tests/kiosk/test_guards.py", "from tests.kiosk.test_visit import tap", "tap"),
        ("tests/models/test_cache_apply.py", "from .feed import page", "page"),
        ("tests/models/test_cache_apply.py", "from . import conftest", "conftest"),
        ("tests/server/delivery/test_sms.py", "from ..helpers import Pusher", "Pusher"),
        ("tests/sync/test_engine.py", "def f():\n    from tests.sync import conftest", "conftest"),
        ("tests/support/office.py", "from tests.ui.conftest import act", "act"),
        ("tests/ui/test_inbox.py", "import tests.ui.facts", "tests.ui.facts"),
    ],
)
def test_a_test_importing_another_test_module_is_reported(
    relpath: str, source: str, name: str
) -> None:
    [violation] = check_test_source(source, relpath)
    assert violation.startswith(f"{relpath}:")
    assert name in violation
