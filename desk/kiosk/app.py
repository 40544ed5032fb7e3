"""Starting the kiosk (`desk kiosk`): enroll once, then run full screen until an admin exits.

The kiosk keeps its cache in the profile's folder and its device token in the OS
keyring; the next start finds both and opens straight onto the PIN screen, online or
not. The token is traded for a new one daily; a 401 (the kiosk was revoked) wipes
the cached PIN verifiers.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Literal, TypeVar

import qasync
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from desk.desktop.icon import app_icon
from desk.i18n.language import Languages
from desk.kiosk.enrollment import EnrollmentScreen
from desk.kiosk.window import LONG_PRESS_MS, KioskWindow
from desk.models.cache import Cache, open_cache
from desk.services.background import run_in_background
from desk.services.kiosk import KioskDesk
from desk.services.kiosk_device import (
    Connection,
    Enrollment,
    KioskApi,
    forget_pins,
    resume,
    rotate_token_if_due,
    unenroll,
)
from desk.sync.engine import LONG_POLL_SECONDS, SyncEngine
from desk.sync.outbox import client_id
from desk.sync.state import Phase, SyncState

ROTATION_CHECK_MS = 60 * 60 * 1000  # how often the kiosk asks whether its token is due

Leaving = Literal["exit", "unenroll"]
T = TypeVar("T")


def _settle(future: asyncio.Future[T], value: T) -> None:
    """Give `future` its result unless it already has one (a signal fired twice)."""
    if not future.done():
        future.set_result(value)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named like the office app's so both find the same keyring.

    It starts in the workstation's language (`languages` switches it per visit).
    """
    app = QApplication.instance() or QApplication(argv or sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Front Desk")
    app.setApplicationName("Front Desk")
    app.setWindowIcon(app_icon())
    if languages(app) is None:
        Languages(app).use_default()
    return app


def languages(app: QApplication) -> Languages | None:
    """The translators `make_application` installed, if it did."""
    found = app.findChild(Languages)
    return found if isinstance(found, Languages) else None


def cache_path(profile: str) -> Path:
    """The kiosk profile's cache, in the user's application data folder."""
    base = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder = base / f"kiosk-{profile}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "cache.db"


def open_kiosk(
    cache: Cache,
    enrollment: Enrollment,
    api: Connection,
    *,
    idle_seconds: float | None = None,
    long_press_ms: int = LONG_PRESS_MS,
    long_poll: int = LONG_POLL_SECONDS,
    languages: Languages | None = None,
) -> KioskWindow:
    """The kiosk window over `cache`, syncing through `api` from now on (not yet shown)."""
    engine = SyncEngine(cache, api, client_id(cache), long_poll=long_poll)
    desk = KioskDesk(cache)
    window = KioskWindow(
        desk, engine, idle_seconds=idle_seconds, long_press_ms=long_press_ms, languages=languages
    )
    engine.setParent(window)

    def revoked(state: SyncState) -> None:
        if state.phase is Phase.SIGNED_OUT:  # the server refused the token: revoked
            forget_pins(cache)

    engine.state_changed.connect(revoked)
    if isinstance(api, KioskApi):
        rotation = QTimer(window)
        rotation.setInterval(ROTATION_CHECK_MS)
        rotation.timeout.connect(
            lambda: run_in_background(
                lambda: rotate_token_if_due(cache, enrollment, api),
                lambda _rotated: None,
                lambda _error: None,  # offline or revoked: the sync engine says so
            )
        )
        rotation.start()
    engine.start()
    return window


async def until_left(window: KioskWindow) -> Leaving:
    """Wait until an admin exits the kiosk or signs the device out."""
    left: asyncio.Future[Leaving] = asyncio.get_running_loop().create_future()
    window.exit_requested.connect(lambda: _settle(left, "exit"))
    window.unenroll_requested.connect(lambda: _settle(left, "unenroll"))
    return await left


async def ask_enrollment(cache: Cache) -> tuple[Enrollment, Connection] | None:
    """Show the enrollment screen full screen; the enrollment, or None if the admin quit."""
    screen = EnrollmentScreen(cache)
    done: asyncio.Future[tuple[Enrollment, Connection] | None] = (
        asyncio.get_running_loop().create_future()
    )
    screen.enrolled.connect(lambda enrollment, api: _settle(done, (enrollment, api)))
    screen.quit_requested.connect(lambda: _settle(done, None))
    screen.showFullScreen()
    try:
        return await done
    finally:
        screen.close()
        screen.deleteLater()


async def kiosk(profile: str, on_enrolled: Callable[[], None] | None = None) -> int:
    """Enroll if this profile has no device yet, then run the kiosk until an admin leaves.

    `on_enrolled` runs once an enrollment succeeded (the first-run window remembers
    there that this computer is a kiosk from now on).
    """
    cache = open_cache(cache_path(profile))
    try:
        found: tuple[Enrollment, Connection] | None = await asyncio.to_thread(resume, cache)
        if found is None:
            found = await ask_enrollment(cache)
            if found is None:
                return 1
            if on_enrolled is not None:
                on_enrolled()
        enrollment, api = found
        app = QApplication.instance()
        translators = languages(app) if isinstance(app, QApplication) else None
        window = open_kiosk(cache, enrollment, api, languages=translators)
        window.showFullScreen()
        leaving = await until_left(window)
        if window.engine is not None:
            await window.engine.stop()
        if leaving == "unenroll":
            await asyncio.to_thread(unenroll, cache, enrollment)
        window.allow_close()
        window.close()
        api.close()
    finally:
        cache.close()
    return 0


def run_kiosk(profile: str = "default") -> int:
    """The `desk kiosk` command."""
    app = make_application()
    app.setQuitOnLastWindowClosed(False)  # the async main decides when to stop
    return int(qasync.run(kiosk(profile)))
