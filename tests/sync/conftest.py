"""Sync fixtures: clients (cache + engine) against real server processes on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from desk.models.cache import open_cache
from desk.server.db import Database, open_database
from desk.services.account import adopt
from desk.sync.engine import SyncEngine
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id
from tests.support.factories import PASSWORD, CentreIds, make_centre
from tests.support.qt_async import Runner
from tests.support.server_process import ServerProcess
from tests.support.sync_client import Client, MakeClient


@pytest.fixture(scope="session")
def server_database(server: ServerProcess) -> Iterator[Database]:
    """Direct access to the shared server's database (migrated by the process)."""
    database = open_database(server.database_url)
    yield database
    database.dispose()


@pytest.fixture
def centre(server_database: Database) -> CentreIds:
    """A fresh centre on the shared server."""
    return make_centre(server_database)


@pytest.fixture
def make_client(tmp_path: Path, run_async: Runner) -> Iterator[MakeClient]:
    """`make_client(server, username, long_poll=2)`: a signed-in client, not started."""
    made: list[Client] = []

    def make(
        server: ServerProcess,
        username: str,
        *,
        long_poll: int = 2,
        name: str | None = None,
        password: str = PASSWORD,
    ) -> Client:
        cache = open_cache(tmp_path / f"{name or username}-{len(made)}.db")
        api = ServerApi(server.url, ServerApi(server.url).login(username, password)["token"])
        adopt(cache, api)
        engine = SyncEngine(cache, api, client_id(cache), long_poll=long_poll)
        made.append(Client(cache, api, engine))
        return made[-1]

    yield make
    for client in made:
        run_async(client.engine.stop())
        client.api.close()
        client.cache.close()
        client.engine.deleteLater()
    # Deliver signals queued from worker threads and the deferred deletes now, while
    # the application is alive, not during interpreter shutdown.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
