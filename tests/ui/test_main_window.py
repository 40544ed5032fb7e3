"""The first office window, driven through its real widgets against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.models.cache import Cache, open_cache
from desk.services.account import adopt
from desk.sync.credentials import SERVICE
from desk.sync.http import ServerApi
from desk.sync.state import Phase
from desk.ui.app import open_window
from desk.ui.main_window import MainWindow
from desk.ui.sign_in import SignInDialog
from tests.server.factories import PASSWORD, CentreIds
from tests.support.server_process import ServerProcess
from tests.ui.conftest import Runner, next_emission

pytestmark = pytest.mark.usefixtures("keyring_file")


@pytest.fixture
def cache(cache_file: Path) -> Iterator[Cache]:
    opened = open_cache(cache_file)
    yield opened
    opened.close()


@pytest.fixture
def windows(run_async: Runner[Any]) -> Iterator[list[MainWindow]]:
    """Windows opened by the test; their sync loops stop before the event loop closes."""
    opened: list[MainWindow] = []
    yield opened
    for window in opened:
        run_async(window.engine.stop())


def attempt_sign_in(
    qtbot: QtBot, run_async: Runner[Any], dialog: SignInDialog, password: str
) -> bool:
    """Type the password and press Sign in; answer whether it succeeded."""
    qtbot.keyClicks(dialog.password, password)

    async def submit() -> bool:
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        (succeeded,) = await next_emission(dialog.attempt_finished)
        return bool(succeeded)

    return run_async(submit())


def test_sign_in_stores_the_token_in_the_keyring_only(
    qtbot: QtBot,
    run_async: Runner[Any],
    ui_server: ServerProcess,
    ui_centre: CentreIds,
    cache_file: Path,
) -> None:
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.server, ui_server.url)
    qtbot.keyClicks(dialog.username, ui_centre.usernames["admin"])
    assert attempt_sign_in(qtbot, run_async, dialog, PASSWORD)
    assert dialog.account is not None
    assert "admin" in dialog.account.capabilities
    stored = keyring.get_password(SERVICE, f"{ui_server.url}|{ui_centre.usernames['admin']}")
    assert dialog.api is not None
    assert stored == dialog.api.token


def test_wrong_password_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, run_async: Runner[Any], ui_server: ServerProcess, ui_centre: CentreIds
) -> None:
    dialog = SignInDialog(ui_server.url, ui_centre.usernames["admin"])
    qtbot.addWidget(dialog)
    assert not attempt_sign_in(qtbot, run_async, dialog, "not it")
    assert dialog.error.text() == "wrong username or password"
    assert dialog.password.text() == ""
    assert dialog.account is None


def test_unreachable_server_says_so(qtbot: QtBot, run_async: Runner[Any]) -> None:
    dialog = SignInDialog("http://127.0.0.1:9", "admin")
    qtbot.addWidget(dialog)
    assert not attempt_sign_in(qtbot, run_async, dialog, "anything")
    assert "cannot reach the server" in dialog.error.text()


def signed_in_window(
    qtbot: QtBot,
    run_async: Runner[Any],
    server: ServerProcess,
    centre: CentreIds,
    cache: Cache,
    windows: list[MainWindow],
) -> MainWindow:
    api = ServerApi(server.url, server_token(server, centre))
    adopt(cache, api)
    window = open_window(cache, api, "Maple")
    qtbot.addWidget(window)
    windows.append(window)
    run_async(next_emission(window._engine.data_changed))  # the first sync applied rows
    return window


def server_token(server: ServerProcess, centre: CentreIds) -> str:
    return ServerApi(server.url).login(centre.usernames["admin"], PASSWORD)["token"]


def test_window_lists_synced_threads_and_families_and_searches(
    qtbot: QtBot,
    run_async: Runner[Any],
    ui_server: ServerProcess,
    ui_centre: CentreIds,
    cache: Cache,
    windows: list[MainWindow],
) -> None:
    window = signed_in_window(qtbot, run_async, ui_server, ui_centre, cache, windows)
    assert window.threads.rowCount() == 4
    titles = {window.threads.index(r, 2).data() for r in range(4)}
    assert titles == {"Diaz"}
    assert window.families.rowCount() == 2
    assert window.windowTitle() == "(4) Front Desk — Maple"
    assert window.sync_label.text().endswith("Up to date")

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClicks(window.family_search, "Lee")
    qtbot.waitUntil(lambda: window.families.rowCount() == 1)
    assert window.families.index(0, 0).data() == "Lee"


def test_offline_shows_the_reason_and_keeps_the_cached_lists(
    qtbot: QtBot,
    run_async: Runner[Any],
    ui_database: Any,
    ui_centre: CentreIds,
    cache: Cache,
    windows: list[MainWindow],
) -> None:
    from tests.support.server_process import run_server

    with run_server(ui_database.url) as server:
        window = signed_in_window(qtbot, run_async, server, ui_centre, cache, windows)
        server.stop()
        (state,) = run_async(until_phase(window, Phase.OFFLINE))
    assert "cannot reach the server" in state.detail
    assert "cannot reach the server" in window.sync_label.text()
    assert window.threads.rowCount() == 4


async def until_phase(window: MainWindow, phase: Phase) -> tuple[Any, ...]:
    while True:
        args = await next_emission(window._engine.state_changed)
        if args[0].phase is phase:
            return args
