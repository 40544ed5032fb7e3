"""The first-run window and its three choices, driven through real widgets.

Each choice runs against a real server: the UI tests' server process for "Connect
to your centre" and "Set up this computer as a kiosk", the demo's own embedded
backend for "Try the demo".
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desk.kiosk.enrollment import EnrollmentScreen
from desk.kiosk.window import KioskWindow
from desk.launch import first_run, what_starts
from desk.tools.seeding import DEMO_ADMIN_PIN
from desk.tools.seeding.demo import DEMO_CENTRE_NAME
from desk.ui.firstrun.window import FirstRunWindow
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.settings import SERVER_URL, STARTS_AS, USERNAME, Settings
from tests.support.clipping import clipped_texts
from tests.support.factories import PASSWORD, CentreIds
from tests.support.http_peer import http_peers
from tests.support.kiosk import OfficeClient
from tests.support.polling import wait_until_async
from tests.support.qt_async import Runner, next_emission
from tests.support.server_process import ServerProcess

pytestmark = pytest.mark.usefixtures("keyring_file")

W = TypeVar("W", bound=QWidget)


@pytest.fixture(autouse=True)
def app_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Caches go to this test's folder, never the user's application data."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture(autouse=True)
def app_stays(qapp: QApplication) -> Iterator[None]:
    """As in the app (`run_desktop`): closing the first-run window does not quit."""
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(True)


@pytest.fixture
def first(qtbot: QtBot) -> FirstRunWindow:
    """A shown first-run window."""
    window = FirstRunWindow()
    qtbot.addWidget(window)
    window.show()
    return window


def shown(kind: type[W]) -> W | None:
    """The visible top-level widget of `kind`, if there is one."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[0] if found else None


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


async def check_address(qtbot: QtBot, window: FirstRunWindow, address: str) -> bool:
    """Type `address` on the connect page and press Check address; whether it passed."""
    page = window.connect_page
    page.server.clear()
    qtbot.keyClicks(page.server, address)
    click(qtbot, page.check_button)
    (passed,) = await next_emission(page.check_finished)
    return bool(passed)


async def connect(qtbot: QtBot, window: FirstRunWindow, server: str, username: str) -> None:
    """Connect to your centre, all the way to a successful sign-in."""
    click(qtbot, window.connect_button)
    assert await check_address(qtbot, window, server)
    page = window.connect_page
    qtbot.keyClicks(page.username, username)
    qtbot.keyClicks(page.password, PASSWORD)
    click(qtbot, page.sign_in_button)
    (succeeded,) = await next_emission(page.attempt_finished)
    assert succeeded, page.message.text()


def test_what_starts_follows_the_first_run_choice(settings: QSettings) -> None:
    stored = Settings(settings)
    assert what_starts(stored) == "first_run"
    stored.set(SERVER_URL, "https://frontdesk.example.org")  # signed in once, signed out
    assert what_starts(stored) == "office"
    stored.set(STARTS_AS, "kiosk")
    assert what_starts(stored) == "kiosk"


def test_the_password_is_asked_only_once_the_address_checked_out(
    qtbot: QtBot,
    run_async: Runner,
    first: FirstRunWindow,
    ui_server: ServerProcess,
    ui_centre: CentreIds,
) -> None:
    page = first.connect_page
    click(qtbot, first.connect_button)
    assert first.stack.currentWidget() is page
    assert not page.credentials.isVisible()
    assert not page.sign_in_button.isVisible()
    assert run_async(check_address(qtbot, first, ui_server.url))
    assert page.credentials.isVisible()
    assert page.message.text().startswith("Found the Front Desk server at ")
    page.server.setText(ui_server.url + "/")
    page.server.textEdited.emit(page.server.text())  # as typing would
    assert not page.credentials.isVisible(), "a changed address is checked again"


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)])
def test_no_first_run_text_is_clipped(
    qtbot: QtBot,
    run_async: Runner,
    first: FirstRunWindow,
    ui_server: ServerProcess,
    size: tuple[int, int],
) -> None:
    first.resize(*size)
    qtbot.waitExposed(first)
    qtbot.waitUntil(lambda: clipped_texts(first) == [])
    click(qtbot, first.connect_button)
    assert run_async(check_address(qtbot, first, ui_server.url))
    qtbot.waitUntil(lambda: clipped_texts(first) == [])


def test_a_bad_address_says_what_is_wrong_and_what_to_do(
    qtbot: QtBot, run_async: Runner, first: FirstRunWindow
) -> None:
    page = first.connect_page
    click(qtbot, first.connect_button)
    assert not run_async(check_address(qtbot, first, "http://127.0.0.1:9"))
    assert page.message.text() == (
        "Front Desk cannot reach http://127.0.0.1:9. Check the address and this computer's"
        " network connection, then try again."
    )
    with http_peers() as peers:
        other = peers(answers=5).url  # answers JSON, but not Front Desk's
        assert not run_async(check_address(qtbot, first, other))
    assert page.message.text().startswith(f"{other} answered, but it is not a Front Desk")
    assert not page.credentials.isVisible()


def test_connecting_remembers_the_office_and_opens_it(
    qtbot: QtBot,
    run_async: Runner,
    first: FirstRunWindow,
    ui_server: ServerProcess,
    ui_centre: CentreIds,
    settings: QSettings,
) -> None:
    stored = Settings(settings)

    async def scenario() -> int:
        task = asyncio.ensure_future(first_run("office", stored, first))
        await asyncio.sleep(0)  # one turn: first_run listens to the window before a click
        await connect(qtbot, first, ui_server.url, ui_centre.usernames["office"])
        await wait_until_async(lambda: shown(MainWindow) is not None, "the office opens")
        window = shown(MainWindow)
        assert window is not None
        await wait_until_async(lambda: window.inbox is not None, "the inbox is filled")
        window.close()
        return await task

    assert run_async(scenario(), timeout=60) == 0
    assert stored.get(STARTS_AS) == "office"
    assert stored.get(SERVER_URL) == ui_server.url
    assert stored.get(USERNAME) == ui_centre.usernames["office"]


def test_a_kiosk_enrolled_from_the_first_run_window_starts_as_kiosk_from_then_on(
    qtbot: QtBot,
    run_async: Runner,
    first: FirstRunWindow,
    ui_server: ServerProcess,
    ui_centre: CentreIds,
    settings: QSettings,
) -> None:
    stored = Settings(settings)
    with OfficeClient(ui_server.url, ui_centre) as office:
        code = office.enrollment_code()

    async def scenario() -> int:
        task = asyncio.ensure_future(first_run("kiosk", stored, first))
        await asyncio.sleep(0)  # one turn: first_run listens to the window before a click
        click(qtbot, first.kiosk_button)
        await wait_until_async(lambda: shown(EnrollmentScreen) is not None, "enrollment shows")
        screen = shown(EnrollmentScreen)
        assert screen is not None
        assert stored.get(STARTS_AS) == "", "not a kiosk until it is enrolled"
        qtbot.keyClicks(screen.server, ui_server.url)
        assert screen.target.text() == f"This kiosk will use the server at {ui_server.url}."
        qtbot.keyClicks(screen.code, code)
        click(qtbot, screen.enroll_button)  # on success the screen goes away
        await wait_until_async(lambda: shown(KioskWindow) is not None, "the kiosk runs")
        kiosk = shown(KioskWindow)
        assert kiosk is not None
        assert stored.get(STARTS_AS) == "kiosk"
        kiosk.exit_requested.emit()  # what the admin PIN's Exit does
        return await task

    assert run_async(scenario(), timeout=60) == 0


@pytest.mark.timeout(120)
def test_try_the_demo_opens_the_demo_centre_signed_in(
    qtbot: QtBot,
    run_async: Runner,
    first: FirstRunWindow,
    settings: QSettings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stored = Settings(settings)

    async def scenario() -> int:
        task = asyncio.ensure_future(first_run("demo", stored, first, tmp_path / "demo"))
        await asyncio.sleep(0)  # one turn: first_run listens to the window before a click
        click(qtbot, first.demo_button)
        await wait_until_async(lambda: shown(MainWindow) is not None, "the demo opens", timeout=90)
        window = shown(MainWindow)
        assert window is not None
        assert DEMO_CENTRE_NAME in window.windowTitle()
        window.close()
        return await task

    assert run_async(scenario(), timeout=110) == 0
    printed = capsys.readouterr().out
    assert f"Kiosk admin PIN (to leave or manage the kiosk): {DEMO_ADMIN_PIN}" in printed
    assert "Kiosk enrollment code: " in printed
    assert stored.get(STARTS_AS) == "", "the demo is tried, not remembered"
