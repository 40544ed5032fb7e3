"""Steps the office-window tests share: sign in, act on the loop, sync, open a record."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.models.cache import Cache
from desk.sync.http import ServerApi
from desk.ui.mainwindow.main_window import MainWindow
from desk.ui.mainwindow.navigation import Place
from desk.ui.records.records import FamiliesView
from desk.ui.shared.row_model import ROW_ROLE
from tests.support.factories import PASSWORD, CentreIds
from tests.support.qt_async import Runner
from tests.support.server_process import ServerProcess

OpenOffice = Callable[..., MainWindow]
"""The `open_office` fixture of `tests/ui/conftest.py`."""


def server_token(server: ServerProcess, centre: CentreIds, role: str = "admin") -> str:
    """A sign-in token of the centre's staff member of `role`."""
    token: str = ServerApi(server.url).login(centre.usernames[role], PASSWORD)["token"]
    return token


def act(run_async: Runner, action: Callable[[], object]) -> None:
    """Do a UI action on the running event loop.

    Actions that queue a command wake the engine's pusher; it must wake on a running
    loop (as it always does in the app), not inside a bare `processEvents`.
    """

    async def step() -> None:
        action()
        await asyncio.sleep(0)

    run_async(step())


def shown_place(window: MainWindow) -> Place | None:
    """The place the window shows now.

    Read through a call, not `window.place`: mypy keeps an attribute narrowed by an
    `is` check across the clicks that change it, and would call the next check
    unreachable.
    """
    return window.place


def cache_of(window: MainWindow) -> Cache:
    """The cache an attached window works on."""
    assert window.service is not None, "the window has no cache before `attach`"
    return window.service.cache


def sync(run_async: Runner, window: MainWindow) -> None:
    """Push what is queued and pull what is new, now, as F5 does."""
    assert run_async(window.engine.sync_once()), window.status.sync_label.text()


def family_page(qtbot: QtBot, window: MainWindow, family: str) -> FamiliesView:
    """Go to Families and open `family` from the list."""
    window.go(Place.FAMILIES)
    view = window.page(Place.FAMILIES)
    assert isinstance(view, FamiliesView)
    rows = [view.families.index(r, 0) for r in range(view.families.rowCount())]
    row = next(i for i in rows if i.data(ROW_ROLE).id == family)
    view.list.setFocus()
    view.list.setCurrentIndex(row)
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert view.record is not None
    assert view.record.id == family
    return view
