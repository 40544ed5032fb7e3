"""Starting the office app: one qasync event loop, one async main.

The window frame is shown before anything heavy is imported: importing
SQLAlchemy, requests and opening the cache costs several times the Qt start-up
(DESIGN.md §6), so those imports happen inside the functions that need them,
after `MainWindow()` is on screen. Before them, the first inbox page and the
counters are painted from the cache file read with plain `sqlite3`
(`paint_cached_inbox`); the full cache then takes the same window over.

Each account has a cache of its own (`cache_path`): on a shared front-desk PC,
Sign out and Switch user hand the window to another person, who never opens the
previous person's cache, and whose sign-in never sends the previous person's
queued commands (docs/security.md, "Shared front-desk PCs").
"""

from __future__ import annotations

import asyncio
import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desk.desktop.icon import app_icon
from desk.desktop.screenshot import PaintedScreenshot
from desk.i18n.errors import error_text
from desk.i18n.language import Languages, locale_for
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.settings import APPEARANCE, LANGUAGE, SERVER_URL, USERNAME, Settings
from desk.ui.shared.theme import SCHEMES, follow_system

if TYPE_CHECKING:
    from desk.models.cache import Cache
    from desk.services.account import Connection
    from desk.ui.mainwindow.sign_in import SignInDialog

T = TypeVar("T")
Leaving = Literal["closed", "sign_out", "switch_user"]


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so QSettings and the keyring entries are found again.

    Its language (the `LANGUAGE` setting, else the workstation's) is installed here,
    once, before any window makes its texts.
    """
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Front Desk")
    app.setApplicationName("Front Desk")
    app.setWindowIcon(app_icon())
    settings = Settings(parent=app)
    if app.findChild(Languages) is None:
        Languages(app).use(locale_for(settings.get(LANGUAGE)))
    follow_system(app, lambda: _appearance(settings))
    return app


def _appearance(settings: Settings) -> str:
    """The stored appearance choice; one this version does not know means "system"."""
    choice = settings.get(APPEARANCE)
    return choice if choice in SCHEMES else "system"


def cache_path(profile: str, server_url: str, username: str) -> Path:
    """Where an account's cache lives: one file per server and username in the profile.

    The folder name is a digest, so a username never shows in a path. A profile's
    older single cache (`<profile>/cache.db`, before caches were per account) is
    moved to the account it last belonged to: the caller passes that account.
    """
    base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    account = hashlib.sha256(f"{server_url.rstrip('/')}|{username}".encode()).hexdigest()[:20]
    folder = base / profile / "accounts" / account
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "cache.db"


def adopt_profile_cache(profile: str, server_url: str, username: str) -> None:
    """Move the profile's pre-per-account cache to the account that last signed in.

    Only for the account in the profile's settings: the old cache holds that
    person's rows and outbox, and nobody else's.
    """
    base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    old = base / profile / "cache.db"
    new = cache_path(profile, server_url, username)
    if old.exists() and not new.exists():
        for suffix in ("", "-wal", "-shm"):
            source = old.with_name(old.name + suffix)
            if source.exists():
                source.rename(new.with_name(new.name + suffix))


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


async def until_left(window: MainWindow) -> Leaving:
    """Wait until the user closes the window, signs out or switches user."""
    left: asyncio.Future[Leaving] = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: _settle(left, "closed"))
    window.sign_out_requested.connect(lambda: _settle(left, "sign_out"))
    window.switch_user_requested.connect(lambda: _settle(left, "switch_user"))
    return await left


async def ask_sign_in(server_url: str, username: str, note: str = "") -> SignInDialog | None:
    """Show the sign-in dialog; the dialog when it succeeded, None when cancelled."""
    from desk.ui.mainwindow.sign_in import SignInDialog

    dialog = SignInDialog(server_url, username)
    dialog.error.setText(note)
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

    server_url, username = window.settings.get(SERVER_URL), window.settings.get(USERNAME)
    if not (server_url and username):
        return
    adopt_profile_cache(profile, server_url, username)
    snapshot = Snapshot.open(cache_path(profile, server_url, username))
    if snapshot is not None:
        window.show_snapshot(snapshot)


async def office(
    profile: str,
    window: MainWindow,
    api: Connection | None = None,
    *,
    long_poll: int | None = None,
) -> int:
    """Sign in if there is no stored token, then fill and run the shown window.

    Offline, a profile that has synced before opens from its cache; a lapsed
    sign-in asks for the password again, keeping the outbox. Sign out and Switch
    user end this person's session (`leave_session`) and ask the next person to
    sign in, in a fresh window over their own cache. `api` is a connection just
    signed in (the first-run window's), used instead of the stored token.
    """
    await asyncio.sleep(0)  # one turn of the loop paints the window before the imports below
    from desk.models.cache import open_cache
    from desk.services.account import adopt, forget_sign_in, resume
    from desk.sync.errors import SyncError, Unauthorized

    settings = window.settings
    server_url = settings.get(SERVER_URL)
    username = settings.get(USERNAME)
    if api is None and server_url and username:
        adopt_profile_cache(profile, server_url, username)
        api = resume(server_url, username)
    note = ""
    try:
        while True:
            if api is None:
                window.forget_snapshot()  # not shown to whoever signs in next
                dialog = await ask_sign_in(server_url, username, note)
                if dialog is None or dialog.account is None or dialog.api is None:
                    window.close()
                    return 1
                server_url, username = dialog.account.server_url, dialog.account.username
                settings.set(SERVER_URL, server_url)
                settings.set(USERNAME, username)
                api = dialog.api
            cache = open_cache(cache_path(profile, server_url, username))
            try:
                try:
                    await asyncio.to_thread(adopt, cache, api)
                except Unauthorized:
                    forget_sign_in(api, username)
                    api.close()
                    api, note = None, ""
                    continue
                except SyncError as error:  # offline, and this account never synced
                    QMessageBox.warning(
                        window,
                        QCoreApplication.translate("office", "Front Desk"),
                        QCoreApplication.translate(
                            "office",
                            "Front Desk needs the server once to open this account for the"
                            " first time: {reason}. Try again when the network is back.",
                        ).format(reason=error_text(error)),
                    )
                    window.close()
                    return 1
                start_window(window, cache, api, long_poll=long_poll)
                leaving = await until_left(window)
                if leaving == "closed":
                    await window.engine.stop()
                    return 0
                note = await leave_session(window, cache, api, username, leaving)
                window = replace_window(window)  # the old one saves its draft on closing
                settings = window.settings
            finally:
                cache.close()
            api.close()
            api, username = None, ""
            settings.set(USERNAME, "")  # the next start must not paint this person's inbox
    finally:
        if api is not None:
            api.close()


def inbox_painted(window: MainWindow) -> bool:
    """Whether the window's inbox holds rows (what a start-up screenshot waits for)."""
    return window.inbox is not None and window.inbox.model.rowCount() > 0


def screenshot_cached_inbox(app: QApplication, window: MainWindow, path: Path) -> int:
    """Save the inbox painted from the cache at start-up, then quit (`DESK_SCREENSHOT`).

    The start-up a person waits for, without the sign-in and sync behind it: what
    `bench/bench_bundle.py` times, frozen and from source.
    """
    if window.inbox is None:
        print("desk: no cached inbox to show in this profile: sign in once first", file=sys.stderr)
        return 1

    def failed(reason: str) -> None:
        print(f"desk: {reason}", file=sys.stderr)
        app.exit(1)

    shot = PaintedScreenshot(window, lambda: inbox_painted(window), path)
    shot.taken.connect(app.quit)
    shot.failed.connect(failed)
    return app.exec()


async def leave_session(
    window: MainWindow, cache: Cache, api: Connection, username: str, leaving: Leaving
) -> str:
    """End one person's session: send what they queued, sign them out, say what is held.

    Their outbox is pushed first, under their own token, while it is still valid;
    whatever cannot go now (offline) stays in their cache until they sign in again.

    Returns:
        A note for the next sign-in dialog ("" when nothing is held).
    """
    from desk.services.account import leave

    await window.engine.push_once()
    await window.engine.stop()
    held = await asyncio.to_thread(leave, cache, api, username, wipe=leaving == "sign_out")
    if not held:
        return ""
    return QCoreApplication.translate(
        "office",
        "{count} change(s) by {user} could not be sent yet. They are kept and go out"
        " when {user} signs in again on this computer.",
    ).format(count=held, user=username)


def replace_window(window: MainWindow) -> MainWindow:
    """A fresh, empty main window in place of `window` for the next person.

    A new window rather than the old one emptied: every page, dialog and model of
    the previous person goes with the old one, so nothing of theirs can linger.
    """
    fresh = MainWindow(settings=window.settings.store)
    fresh.setGeometry(window.geometry())
    window.close()
    window.deleteLater()
    fresh.show()
    return fresh
