"""The first office window, driven through its real widgets against a real server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.models.cache import Cache
from desk.server.db import Database
from desk.services.account import adopt
from desk.sync.credentials import SERVICE
from desk.sync.http import ServerApi
from desk.sync.state import Phase
from desk.ui.app import open_window
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.mainwindow.sign_in import SignInDialog
from tests.support.factories import PASSWORD, CentreIds
from tests.support.office_window import server_token, shown_place
from tests.support.qt_async import Runner, next_emission, until
from tests.support.server_process import ServerProcess
from tests.support.ui_facts import incoming

pytestmark = pytest.mark.usefixtures("keyring_file")


def attempt_sign_in(qtbot: QtBot, run_async: Runner, dialog: SignInDialog, password: str) -> bool:
    """Type the password and press Sign in; answer whether it succeeded."""
    qtbot.keyClicks(dialog.password, password)

    async def submit() -> bool:
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        (succeeded,) = await next_emission(dialog.attempt_finished)
        return bool(succeeded)

    succeeded: bool = run_async(submit())
    return succeeded


def test_sign_in_stores_the_token_in_the_keyring_only(
    qtbot: QtBot,
    run_async: Runner,
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
    qtbot: QtBot, run_async: Runner, ui_server: ServerProcess, ui_centre: CentreIds
) -> None:
    dialog = SignInDialog(ui_server.url, ui_centre.usernames["admin"])
    qtbot.addWidget(dialog)
    assert not attempt_sign_in(qtbot, run_async, dialog, "not it")
    assert dialog.error.text() == "Wrong username or password. Check both and try again."
    assert dialog.password.text() == ""
    assert dialog.account is None


def test_the_sign_in_dialog_is_wide_enough_for_its_title(qtbot: QtBot) -> None:
    """Regression (issue 15 item 4): the window frame cut "Sign in to Front Desk"."""
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    title = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    assert dialog.width() >= title + 200  # the frame's buttons and margins beside it


def test_unreachable_server_says_so(qtbot: QtBot, run_async: Runner) -> None:
    dialog = SignInDialog("http://127.0.0.1:9", "admin")
    qtbot.addWidget(dialog)
    assert not attempt_sign_in(qtbot, run_async, dialog, "anything")
    assert dialog.error.text().startswith("Front Desk cannot reach http://127.0.0.1:9.")
    assert dialog.error.text().endswith("then try again.")


def signed_in_window(
    qtbot: QtBot,
    run_async: Runner,
    server: ServerProcess,
    centre: CentreIds,
    cache: Cache,
    windows: list[MainWindow],
    settings: QSettings,
) -> MainWindow:
    """A window with its sync engine running, as the app opens it."""
    api = ServerApi(server.url, server_token(server, centre))
    adopt(cache, api)
    window = open_window(cache, api, "Maple", settings=settings, long_poll=1)
    windows.append(window)  # closed by the fixture after its engine has stopped
    run_async(next_emission(window.engine.data_changed))  # the first sync applied rows
    return window


def test_running_engine_fills_the_window_and_keeps_it_current(
    qtbot: QtBot,
    run_async: Runner,
    ui_server: ServerProcess,
    ui_database: Database,
    ui_centre: CentreIds,
    cache: Cache,
    windows: list[MainWindow],
    settings: QSettings,
) -> None:
    window = signed_in_window(qtbot, run_async, ui_server, ui_centre, cache, windows, settings)
    run_async(until(lambda: shown_place(window) is Place.OFFICE, window.engine.data_changed))
    assert window.inbox is not None
    assert window.inbox.model.rowCount() == 1
    assert window.windowTitle() == "(4) Front Desk — Maple"
    assert window.status.sync_label.text() == "● Online"
    incoming(ui_database, ui_centre, ui_centre.threads["office"], "Is the invoice ready?")
    # Written behind the server's back, so no notification wakes the stream; the page
    # the server sends at its next check of the stream's sign-in (each second) has it.
    run_async(until(lambda: window.unread == 5, window.engine.data_changed))
    assert window.inbox.model.row_at(0).snippet == "Is the invoice ready?"


def test_offline_shows_the_reason_and_keeps_the_cached_lists(
    qtbot: QtBot,
    run_async: Runner,
    ui_database: Database,
    ui_centre: CentreIds,
    cache: Cache,
    windows: list[MainWindow],
    settings: QSettings,
) -> None:
    from tests.support.server_process import run_server

    with run_server(ui_database.url) as server:
        window = signed_in_window(qtbot, run_async, server, ui_centre, cache, windows, settings)
        server.stop()
        (state,) = run_async(until_phase(window, Phase.OFFLINE))
    # Following the stream when the server stopped, the app lost its connection;
    # between streams it could not reach the server: either says where.
    reached = ("cannot reach the server at", "lost the connection to the server at")
    assert state.detail.startswith(reached)
    assert state.detail.endswith(server.url)
    assert state.detail in window.status.sync_label.text()
    assert window.inbox is not None
    assert window.inbox.model.rowCount() == 1


async def until_phase(window: MainWindow, phase: Phase) -> tuple[Any, ...]:
    while True:
        args = await next_emission(window.engine.state_changed)
        if args[0].phase is phase:
            return args
