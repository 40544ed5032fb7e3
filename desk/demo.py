"""`desk demo`: an embedded backend on demo data, and the office app signed in to it.

The first thing a new user runs: no server to set up, no account to create. The
backend keeps its data in an SQLite file, and the sign-in token lives only in
memory for this run. `desk demo --kiosk` opens the sign-in kiosk on the same centre
instead, enrolled afresh each run (its device token, too, lives only in memory).

With `DESK_SCREENSHOT=path.png` (`desk.desktop.screenshot`) the demo saves its
window once the inbox (or the kiosk's PIN screen) has painted, and quits: how the
frozen app is checked in CI without a network or a person.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import keyring
import qasync

from desk.desktop.screenshot import PaintedScreenshot, requested_screenshot
from desk.models.cache import open_cache
from desk.server.config import ServerSettings
from desk.server.embedded import EmbeddedServer
from desk.server.providers.config import ProviderSettings
from desk.services.account import adopt, sign_in
from desk.sync.memory_keyring import MemoryKeyring
from desk.tools.seeding import load_demo
from desk.ui.app import inbox_painted, make_application, open_window, until_closed

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget


def default_data_dir() -> Path:
    """Where the demo keeps its database and cache between runs."""
    return Path.home() / ".front-desk-demo"


def _screenshot_then(
    window: QWidget, ready: Callable[[], bool], leave: Callable[[], object]
) -> None:
    """With `DESK_SCREENSHOT` set, save `window` once `ready()` and then `leave()`."""
    path = requested_screenshot()
    if path is None:
        return

    def failed(reason: str) -> None:
        print(f"desk demo: {reason}", file=sys.stderr)
        leave()

    shot = PaintedScreenshot(window, ready, path)
    shot.taken.connect(lambda _path: leave())
    shot.failed.connect(failed)


def run_demo(data_dir: str | None = None, port: int = 0, *, kiosk: bool = False) -> int:
    """Start the backend, load the demo centre once, and open the office app (or the kiosk)."""
    folder = Path(data_dir) if data_dir else default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{folder / 'server.db'}"
    # Deliveries go to a file in the data folder: the demo texts and emails nobody.
    providers = ProviderSettings.log_only(folder / "deliveries.jsonl")
    settings = ServerSettings(database_url=database_url, port=port, providers=providers)
    server = EmbeddedServer(settings).start()
    info = load_demo(database_url)
    keyring.set_keyring(MemoryKeyring())
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    print(f"Front Desk demo: backend at {server.url}, data in {folder}")
    print(f"Staff sign-in: {info.admin_username} / {info.password}")
    for name, pin in info.pins.items():
        print(f"Kiosk PIN of {name}: {pin}")

    async def main() -> int:
        _, api = await asyncio.to_thread(sign_in, server.url, info.admin_username, info.password)
        cache = open_cache(folder / "office-cache.db")
        try:
            await asyncio.to_thread(adopt, cache, api)
            window = open_window(cache, api, info.centre_name)
            _screenshot_then(window, lambda: inbox_painted(window), window.close)
            await until_closed(window)
            await window.engine.stop()
        finally:
            cache.close()
            api.close()
        return 0

    try:
        # qasync is untyped: run() returns main's int
        exit_code: int = qasync.run(
            run_kiosk_demo(server.url, info.admin_username, info.password, folder)
            if kiosk
            else main()
        )
        return exit_code
    finally:
        server.stop()


async def run_kiosk_demo(server_url: str, username: str, password: str, folder: Path) -> int:
    """Enroll a kiosk on the demo centre with a code the demo admin issues, and run it.

    The kiosk's cache starts empty each run: the device token of the last run lived
    only in memory, so that enrollment cannot be resumed.
    """
    from desk.kiosk.app import open_kiosk, until_left
    from desk.kiosk.window import Screen
    from desk.services.kiosk_admin import issue_enrollment_code
    from desk.services.kiosk_device import enroll

    _, admin = await asyncio.to_thread(sign_in, server_url, username, password)
    try:
        code = await asyncio.to_thread(issue_enrollment_code, admin)
    finally:
        admin.close()
    for old in folder.glob("kiosk-cache.db*"):
        old.unlink()
    cache = open_cache(folder / "kiosk-cache.db")
    try:
        enrollment, api = await asyncio.to_thread(
            enroll, cache, server_url, code.code, "Demo kiosk"
        )
        window = open_kiosk(cache, enrollment, api)
        window.showFullScreen()

        def pin_screen_painted() -> bool:  # after the first sync has named the centre
            return window.current is Screen.PIN and bool(window.pin_screen.centre.text())

        _screenshot_then(window, pin_screen_painted, window.exit_requested.emit)
        await until_left(window)  # the demo kiosk is not unenrolled: its cache goes next run
        if window.engine is not None:
            await window.engine.stop()
        window.allow_close()
        window.close()
        api.close()
    finally:
        cache.close()
    return 0
