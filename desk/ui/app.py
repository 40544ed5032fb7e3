"""Starting the office app: one qasync event loop, one async main.

The window frame is shown before anything heavy is imported: importing
SQLAlchemy, requests and opening the cache costs several times the Qt start-up
(DESIGN.md §6), so those imports happen inside the functions that need them,
after `MainWindow()` is on screen. Before them, the first inbox page and the
counters are painted from the cache file read with plain `sqlite3`
(`paint_cached_inbox`); the full cache then takes the same window over.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desk.i18n.language import Languages, locale_for
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.settings import LANGUAGE, SERVER_URL, USERNAME, Settings
from desk.ui.shared.theme import follow_system

if TYPE_CHECKING:
    from desk.models.cache import Cache
    from desk.services.account import Connection
    from desk.ui.mainwindow.sign_in import SignInDialog

T = TypeVar("T")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so QSettings and the keyring entries are found again.

    Its language (the `LANGUAGE` setting, else the workstation's) is installed here,
    once, before any window makes its texts.
    """
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Front Desk")
    app.setApplicationName("Front Desk")
    if app.findChild(Languages) is None:
        Languages(app).use(locale_for(Settings().get(LANGUAGE)))
    follow_system(app)
    return app


def cache_path(profile: str) -> Path:
    """Where a profile's cache lives, in the user's application data folder."""
    base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder = base / profile
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "cache.db"


def start_window(
    window: MainWindow,
    cache: Cache,
    api: Connection,
    *,
    long_poll: int | None = None,
    start_sync: bool = True,
) -> MainWindow:
    """Fill a shown window from `cache` and sync through `api`.

    With `start_sync=False` the engine's background loops are not started and the
    caller syncs with `window.engine.sync_once()` (tests that step sync themselves).
    """
    from desk.sync.engine import LONG_POLL_SECONDS, SyncEngine
    from desk.sync.outbox import client_id

    engine = SyncEngine(
        cache,
        api,
        client_id(cache),
        long_poll=LONG_POLL_SECONDS if long_poll is None else long_poll,
    )
    engine.setParent(window)
    window.attach(cache, engine)
    if start_sync:
        engine.start()
    return window


def open_window(
    cache: Cache,
    api: Connection,
    centre_name: str = "",
    *,
    long_poll: int | None = None,
    settings: Settings | QSettings | None = None,
    start_sync: bool = True,
) -> MainWindow:
    """The main window over `cache`, syncing through `api` from now on."""
    window = MainWindow(centre_name, settings)
    window.show()
    return start_window(window, cache, api, long_poll=long_poll, start_sync=start_sync)


def _settle(future: asyncio.Future[T], value: T) -> None:
    """Give `future` its result unless it already has one (a signal fired twice)."""
    if not future.done():
        future.set_result(value)


async def until_closed(window: MainWindow) -> None:
    """Wait until the user closes the window."""
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: _settle(closed, None))
    await closed


async def ask_sign_in(server_url: str, username: str) -> SignInDialog | None:
    """Show the sign-in dialog; the dialog when it succeeded, None when cancelled."""
    from desk.ui.mainwindow.sign_in import SignInDialog

    dialog = SignInDialog(server_url, username)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    dialog.finished.connect(lambda result: _settle(done, result))
    dialog.show()
    accepted = await done == QDialog.DialogCode.Accepted
    return dialog if accepted and dialog.api is not None else None


def paint_cached_inbox(window: MainWindow, profile: str) -> None:
    """Show the profile's cached inbox at once, before SQLAlchemy is imported.

    Only for a profile someone has signed in to (its cache belongs to them); when
    their sign-in turns out to have lapsed, `office` takes it off screen again.
    """
    from desk.models.snapshot import Snapshot

    if not window.settings.get(USERNAME):
        return
    snapshot = Snapshot.open(cache_path(profile))
    if snapshot is not None:
        window.show_snapshot(snapshot)


async def office(profile: str, window: MainWindow) -> int:
    """Sign in if there is no stored token, then fill and run the shown window.

    Offline, a profile that has synced before opens from its cache; a lapsed
    sign-in asks for the password again, keeping the outbox.
    """
    await asyncio.sleep(0)  # one turn of the loop paints the window before the imports below
    from desk.models.cache import open_cache
    from desk.services.account import adopt, forget_sign_in, resume
    from desk.sync.errors import SyncError, Unauthorized

    settings = window.settings
    server_url = settings.get(SERVER_URL)
    username = settings.get(USERNAME)
    api = resume(server_url, username) if server_url and username else None
    cache = open_cache(cache_path(profile))
    try:
        while True:
            if api is None:
                window.forget_snapshot()  # not shown to whoever signs in next
                dialog = await ask_sign_in(server_url, username)
                if dialog is None or dialog.account is None or dialog.api is None:
                    window.close()
                    return 1
                server_url, username = dialog.account.server_url, dialog.account.username
                settings.set(SERVER_URL, server_url)
                settings.set(USERNAME, username)
                api = dialog.api
            try:
                await asyncio.to_thread(adopt, cache, api)
                break
            except Unauthorized:
                forget_sign_in(api, username)
                api = None
            except SyncError as error:  # offline, and this profile never synced
                QMessageBox.warning(
                    window,
                    QCoreApplication.translate("office", "Front Desk"),
                    QCoreApplication.translate(
                        "office",
                        "Front Desk needs the server once to open this profile for the"
                        " first time: {reason}. Try again when the network is back.",
                    ).format(reason=error),
                )
                window.close()
                return 1
        start_window(window, cache, api)
        await until_closed(window)
        await window.engine.stop()
    finally:
        cache.close()
        if api is not None:
            api.close()
    return 0


def run_office(profile: str = "default") -> int:
    """The `desk` command: the window first, then everything behind it."""
    import qasync

    app = make_application()
    app.setQuitOnLastWindowClosed(False)  # the async main decides when to stop
    window = MainWindow()
    window.show()
    paint_cached_inbox(window, profile)
    return int(qasync.run(office(profile, window)))
