"""What `desk` opens: the first-run window, the office app, or the kiosk.

The choice is made once, in the first-run window, and remembered in the
`STARTS_AS` setting: a computer enrolled as a kiosk starts the kiosk every time
after, one where someone connected to a centre starts the office app. This module
sits above the office UI, the kiosk and the embedded demo backend, so that none
of them has to import another (the office UI never imports the server or the
kiosk; DESIGN.md §3).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import qasync

from desk.desktop.screenshot import requested_screenshot
from desk.ui.app import make_application, office, paint_cached_inbox, screenshot_cached_inbox
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.settings import SERVER_URL, STARTS_AS, USERNAME, Settings

if TYPE_CHECKING:  # imported when needed: it brings the sign-in services (SQLAlchemy)
    from desk.ui.firstrun.window import FirstRunWindow

Choice = Literal["office", "demo", "kiosk", "closed"]

OFFICE, KIOSK = "office", "kiosk"


async def ask_first_run(window: FirstRunWindow) -> tuple[Choice, tuple[object, object] | None]:
    """Wait for a choice in the shown first-run window; the sign-in with "office"."""
    done: asyncio.Future[tuple[Choice, tuple[object, object] | None]]
    done = asyncio.get_running_loop().create_future()

    def settle(choice: Choice, signed_in: tuple[object, object] | None = None) -> None:
        if not done.done():
            done.set_result((choice, signed_in))

    window.connected.connect(lambda account, api: settle("office", (account, api)))
    window.demo_chosen.connect(lambda: settle("demo"))
    window.kiosk_chosen.connect(lambda: settle("kiosk"))
    window.closed.connect(lambda: settle("closed"))
    return await done


async def first_run(
    profile: str, settings: Settings, window: FirstRunWindow, demo_dir: Path | None = None
) -> int:
    """Run what the person chose in the first-run window, remembering office or kiosk.

    `demo_dir` is where "Try the demo" keeps its files (`desk demo`'s folder by default).
    """
    from desk.services.account import Account, Connection

    choice, signed_in = await ask_first_run(window)
    window.close()  # the caller made it and lets it go
    if choice == "office" and signed_in is not None:
        account, api = signed_in
        assert isinstance(account, Account)
        assert isinstance(api, Connection)
        settings.set(SERVER_URL, account.server_url)
        settings.set(USERNAME, account.username)
        settings.set(STARTS_AS, OFFICE)
        main = MainWindow(settings=settings.store)
        main.show()
        return await office(profile, main, api)
    if choice == "demo":
        return await try_demo(demo_dir)
    if choice == "kiosk":
        from desk.kiosk.app import kiosk

        return await kiosk(profile, on_enrolled=lambda: settings.set(STARTS_AS, KIOSK))
    return 1


async def try_demo(data_dir: Path | None = None) -> int:
    """Try the demo: what `desk demo` does, in this process; nothing is remembered."""
    from desk.demo import demo_office, start_demo_backend

    backend = await asyncio.to_thread(start_demo_backend, data_dir)
    try:
        return await demo_office(backend)
    finally:
        await asyncio.to_thread(backend.server.stop)


def what_starts(settings: Settings) -> Literal["kiosk", "office", "first_run"]:
    """What `desk` opens on this computer, from its settings."""
    starts_as = settings.get(STARTS_AS)
    if starts_as == KIOSK:
        return "kiosk"
    # A server already known (someone signed in, perhaps signed out since) is an office.
    if starts_as == OFFICE or settings.get(SERVER_URL):
        return "office"
    return "first_run"


def run_desktop(profile: str = "default") -> int:
    """The `desk` command: the kiosk, the office app, or the first-run window."""
    app = make_application()
    app.setQuitOnLastWindowClosed(False)  # the async main decides when to stop
    settings = Settings()
    starts = what_starts(settings)
    if starts == "kiosk":
        from desk.kiosk.app import kiosk

        return int(qasync.run(kiosk(profile)))
    if starts == "office":
        window = MainWindow(settings=settings.store)
        window.show()
        paint_cached_inbox(window, profile)
        screenshot = requested_screenshot()
        if screenshot is not None:  # a debug run: the cached inbox only (desk.ui.app)
            return screenshot_cached_inbox(app, window, screenshot)
        return int(qasync.run(office(profile, window)))
    from desk.ui.firstrun.window import FirstRunWindow

    first = FirstRunWindow(settings.get(SERVER_URL))
    first.show()
    return int(qasync.run(first_run(profile, settings, first)))
