"""`desk demo`: an embedded backend on demo data, and the office app signed in to it.

The first thing a new user runs: no server to set up, no account to create. The
backend keeps its data in an SQLite file, and the sign-in token lives only in
memory for this run. The first-run window's "Try the demo" runs the same thing
(`start_demo_backend` then `demo_office`).

Everything a person needs to try the whole product is printed at start: the staff
sign-in, the kiosk admin PIN, the demo parents' kiosk PINs, and a fresh enrollment
code, so `desk kiosk` can be set up against the demo backend while it runs.
`desk demo --kiosk` opens a sign-in kiosk on the demo centre instead, enrolled afresh
each run (its device token, too, lives only in memory).

With `DESK_SCREENSHOT=path.png` (`desk.desktop.screenshot`) the demo saves its
window once the inbox (or the kiosk's PIN screen) has painted, and quits: how the
frozen app is checked in CI without a network or a person.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from dataclasses import dataclass
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
from desk.services.kiosk_admin import EnrollmentCode, issue_enrollment_code
from desk.sync.memory_keyring import MemoryKeyring
from desk.tools.seeding import DemoInfo, load_demo
from desk.ui.app import inbox_painted, make_application, open_window, until_closed

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def default_data_dir() -> Path:
    """Where the demo keeps its database and cache between runs."""
    return Path.home() / ".front-desk-demo"


@dataclass(frozen=True)
class DemoBackend:
    """The running embedded backend with the demo centre loaded."""

    server: EmbeddedServer
    info: DemoInfo
    folder: Path


def start_demo_backend(data_dir: str | Path | None = None, port: int = 0) -> DemoBackend:
    """Start the backend on the demo folder's SQLite file and load the demo centre once.

    The demo's token must not reach the user's real keyring (it would outlive the
    demo and sit beside real sign-ins), so the keyring is swapped for one in memory.
    """
    folder = Path(data_dir) if data_dir else default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{folder / 'server.db'}"
    # Deliveries go to a file in the data folder: the demo texts and emails nobody.
    providers = ProviderSettings.log_only(folder / "deliveries.jsonl")
    settings = ServerSettings(database_url=database_url, port=port, providers=providers)
    server = EmbeddedServer(settings).start()
    info = load_demo(database_url)
    keyring.set_keyring(MemoryKeyring())
    return DemoBackend(server, info, folder)


def demo_greeting(backend: DemoBackend, code: EnrollmentCode | None) -> list[str]:
    """The lines `desk demo` prints: where it runs and every secret needed to try it."""
    info = backend.info
    lines = [
        f"Front Desk demo: backend at {backend.server.url}, data in {backend.folder}",
        f"Staff sign-in: {info.admin_username} / {info.password}",
        f"Kiosk admin PIN (to leave or manage the kiosk): {info.admin_pin}",
    ]
    lines += [f"Kiosk PIN of {name}: {pin}" for name, pin in info.pins.items()]
    if code is not None:
        lines.append(
            f"Kiosk enrollment code: {code.code} (valid 30 minutes): run"
            f" `desk kiosk --profile demo` and enter {backend.server.url} and this code"
        )
    return lines


async def demo_office(backend: DemoBackend, say: Callable[[str], None] = print) -> int:
    """Sign in as the demo admin, say the demo's secrets, and run the office window."""
    info = backend.info
    _, api = await asyncio.to_thread(
        sign_in, backend.server.url, info.admin_username, info.password
    )
    # A kiosk ready to enroll: the code is issued the way an admin would, over the API.
    code = await asyncio.to_thread(issue_enrollment_code, api)
    for line in demo_greeting(backend, code):
        say(line)
    cache = open_cache(backend.folder / "office-cache.db")
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


async def demo_kiosk(backend: DemoBackend, say: Callable[[str], None] = print) -> int:
    """Enroll a kiosk on the demo centre with a code the demo admin issues, and run it.

    The kiosk's cache starts empty each run: the device token of the last run lived
    only in memory, so that enrollment cannot be resumed.
    """
    from desk.kiosk.app import open_kiosk, until_left
    from desk.kiosk.window import Screen
    from desk.services.kiosk_device import enroll

    info = backend.info
    _, admin = await asyncio.to_thread(
        sign_in, backend.server.url, info.admin_username, info.password
    )
    try:
        code = await asyncio.to_thread(issue_enrollment_code, admin)
    finally:
        admin.close()
    for line in demo_greeting(backend, None):
        say(line)
    for old in backend.folder.glob("kiosk-cache.db*"):
        old.unlink()
    cache = open_cache(backend.folder / "kiosk-cache.db")
    try:
        enrollment, api = await asyncio.to_thread(
            enroll, cache, backend.server.url, code.code, "Demo kiosk"
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


def run_demo(data_dir: str | None = None, port: int = 0, *, kiosk: bool = False) -> int:
    """Start the backend, load the demo centre once, and open the office app (or the kiosk)."""
    backend = start_demo_backend(data_dir, port)
    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    try:
        run = demo_kiosk(backend) if kiosk else demo_office(backend)
        exit_code: int = qasync.run(run)  # qasync is untyped
        return exit_code
    finally:
        backend.server.stop()
