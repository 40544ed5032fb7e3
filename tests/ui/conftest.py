"""UI fixtures: office windows signed in to a real server process.

Also a qasync loop over the test QApplication and a temporary QSettings file.

UI tests talk to a server process on its own SQLite file: they test the client, so
one backend is enough and keeps them quick (server tests cover PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desk.models.cache import Cache, open_cache
from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from desk.services.account import adopt
from desk.sync.http import ServerApi
from desk.ui.app import open_window
from desk.ui.mainwindow.main_window import MainWindow
from tests.support.factories import CentreIds, make_centre
from tests.support.office_window import OpenOffice, server_token, sync
from tests.support.qt_async import Runner, run_async
from tests.support.server_process import ServerProcess, run_server

__all__ = ["run_async"]


@pytest.fixture(scope="module")
def ui_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The UI tests' server database: SQLite, migrated."""
    url = f"sqlite:///{tmp_path_factory.mktemp('ui-server') / 'server.db'}"
    upgrade(url)
    database = open_database(url)
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def ui_server(ui_database: Database) -> Iterator[ServerProcess]:
    """A real `desk server` process on loopback over `ui_database`.

    Its long-poll wait, and so the period at which it checks a stream's sign-in and
    sends it a page, is one second, like the windows' own long-poll.
    """
    with run_server(ui_database.url, env={"DESK_LONG_POLL_SECONDS": "1"}) as server:
        yield server


@pytest.fixture
def ui_centre(ui_database: Database) -> CentreIds:
    """A fresh centre on the UI server."""
    return make_centre(ui_database)


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    """Where this test's client cache lives."""
    return tmp_path / "cache.db"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window settings in a file of this test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def cache(cache_file: Path) -> Iterator[Cache]:
    """This test's client cache."""
    opened = open_cache(cache_file)
    yield opened
    opened.close()


@pytest.fixture
def windows(run_async: Runner) -> Iterator[list[MainWindow]]:
    """Windows opened by the test; their sync loops stop before the event loop closes."""
    opened: list[MainWindow] = []
    yield opened
    for window in opened:
        if window._engine is not None:
            run_async(window.engine.stop())
            window._engine = None
        window.close()
        window.deleteLater()


@pytest.fixture
def open_office(
    qtbot: QtBot,
    run_async: Runner,
    ui_server: ServerProcess,
    ui_centre: CentreIds,
    settings: QSettings,
    windows: list[MainWindow],
    tmp_path: Path,
) -> Iterator[OpenOffice]:
    """`open_office(role="admin", server=ui_server, cache=None)`: a synced main window.

    Its engine's background loops are not started: tests sync with `sync()`, so no
    sync step ever resumes outside the running event loop between test steps.
    """
    caches: list[Cache] = []
    apis: list[ServerApi] = []

    def open_(
        role: str = "admin",
        *,
        server: ServerProcess | None = None,
        cache: Cache | None = None,
        synced: bool = True,
    ) -> MainWindow:
        server = server or ui_server
        if cache is None:
            cache = open_cache(tmp_path / f"{role}-{len(windows)}.db")
            caches.append(cache)
        api = ServerApi(server.url, server_token(server, ui_centre, role))
        apis.append(api)
        adopt(cache, api)
        window = open_window(cache, api, "Maple", settings=settings, start_sync=False)
        windows.append(window)  # closed after its engine stops, not by qtbot before
        if synced:
            sync(run_async, window)
        return window

    yield open_
    while windows:  # the `windows` fixture finds nothing left to close
        window = windows.pop()
        if window._engine is not None:
            run_async(window.engine.stop())
            window._engine = None
        window.close()
        window.deleteLater()
    for api in apis:
        api.close()
    for cache in caches:
        cache.close()
