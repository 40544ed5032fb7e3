"""File > Sign out and Switch user, driven through the running office app."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.models.cache import open_cache
from desk.services.account import sign_in
from desk.sync.credentials import load_secret
from desk.sync.errors import Unauthorized
from desk.sync.http import ServerApi
from desk.ui.app import cache_path, office
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.sign_in import SignInDialog
from desk.ui.settings import SERVER_URL, USERNAME, Settings
from tests.support.cache_checks import count_rows
from tests.support.factories import PASSWORD, CentreIds
from tests.support.polling import wait_until_async
from tests.support.qt_async import Runner
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.usefixtures("keyring_file")

PROFILE = "shared"


@pytest.fixture(autouse=True)
def app_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Caches go to this test's folder, never the user's application data."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def app_stays(qapp: QApplication) -> Iterator[None]:
    """As in the app: closing one window while another comes does not quit."""
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(True)


def visible(kind: type[MainWindow] | type[SignInDialog]) -> list[object]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def signed_in_profile(server: ServerProcess, username: str, settings: QSettings) -> str:
    """A profile someone signed in to before: settings and a token in the keyring."""
    _, api = sign_in(server.url, username, PASSWORD)
    token = api.token
    api.close()
    stored = Settings(settings)
    stored.set(SERVER_URL, server.url)
    stored.set(USERNAME, username)
    assert token is not None
    return token


async def filled(window: MainWindow) -> None:
    await wait_until_async(
        lambda: window._engine is not None and window.engine.state.phase.value == "online",
        "the window is filled and synced",
    )


async def next_person_signs_in(qtbot: QtBot, username: str) -> MainWindow:
    """Answer the sign-in dialog that asks for the next person; their window."""
    await wait_until_async(lambda: bool(visible(SignInDialog)), "the sign-in dialog shows")
    [dialog] = visible(SignInDialog)
    assert isinstance(dialog, SignInDialog)
    assert dialog.username.text() == "", "the next person types their own name"
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    await wait_until_async(lambda: bool(visible(MainWindow)), "the next person's window shows")
    [window] = visible(MainWindow)
    assert isinstance(window, MainWindow)
    await filled(window)
    return window


@pytest.mark.parametrize("action", ["sign_out", "switch_user"])
def test_the_next_person_gets_a_window_of_their_own(
    qtbot: QtBot,
    run_async: Runner,
    ui_server: ServerProcess,
    ui_centre: CentreIds,
    settings: QSettings,
    action: str,
) -> None:
    admin, teacher = ui_centre.usernames["admin"], ui_centre.usernames["teacher"]
    token = signed_in_profile(ui_server, admin, settings)
    first = MainWindow(settings=settings)
    first.show()

    async def scenario() -> int:
        task = asyncio.ensure_future(office(PROFILE, first, long_poll=1))
        await filled(first)
        (first.sign_out_action if action == "sign_out" else first.switch_user_action).trigger()
        second = await next_person_signs_in(qtbot, teacher)
        assert second is not first
        assert Settings(settings).get(USERNAME) == teacher
        second.close()
        return await task

    assert run_async(scenario(), timeout=60) == 0
    assert load_secret(ui_server.url, admin) is None, "the first person's token is forgotten"
    with pytest.raises(Unauthorized):
        ServerApi(ui_server.url, token).me()  # and revoked on the server
    admin_file = cache_path(PROFILE, ui_server.url, admin)
    teacher_file = cache_path(PROFILE, ui_server.url, teacher)
    assert admin_file != teacher_file
    with open_cache(admin_file) as cache:
        office_threads = count_rows(cache, "thread", "kind = 'office'")
    with open_cache(teacher_file) as cache:
        assert count_rows(cache, "thread", "kind = 'office'") == 0, "no admin rows for a teacher"
    if action == "sign_out":
        assert office_threads == 0, "Sign out drops the leaver's rows"
    else:
        assert office_threads > 0, "Switch user keeps them for the admin's return"
