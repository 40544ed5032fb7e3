"""UI fixtures: a qasync loop over the test QApplication, and a real server process.

UI tests talk to a server process on its own SQLite file: they test the client, so
one backend is enough and keeps them quick (server tests cover PostgreSQL).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QApplication

from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from tests.server.factories import CentreIds, make_centre
from tests.support.server_process import ServerProcess, run_server

T = TypeVar("T")
Runner = Callable[[Awaitable[T]], T]


@pytest.fixture
def run_async(qapp: QApplication) -> Iterator[Runner[Any]]:
    """Run a coroutine on a qasync loop over the test's QApplication, with a deadline."""
    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)

    def run(awaitable: Awaitable[T], timeout: float = 20.0) -> T:
        return loop.run_until_complete(asyncio.wait_for(awaitable, timeout))

    yield run
    loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()
    asyncio.set_event_loop(None)


async def next_emission(signal: SignalInstance, timeout: float = 10.0) -> tuple[Any, ...]:
    """Wait for `signal` on the running qasync loop and return its arguments."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def receive(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(receive)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(receive)


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
    """A real `desk server` process on loopback over `ui_database`."""
    with run_server(ui_database.url) as server:
        yield server


@pytest.fixture
def ui_centre(ui_database: Database) -> CentreIds:
    """A fresh centre on the UI server."""
    return make_centre(ui_database)


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    """Where this test's client cache lives."""
    return tmp_path / "cache.db"
