"""Sync fixtures: clients (cache + engine) against real server processes on loopback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from desk.core.ids import new_id
from desk.models.cache import Cache, open_cache
from desk.server.db import Database, open_database
from desk.services.account import adopt
from desk.sync.engine import SyncEngine
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id, submit
from tests.support.factories import PASSWORD, CentreIds, make_centre
from tests.support.qt_async import Runner
from tests.support.server_process import ServerProcess


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


@dataclass
class Client:
    """One office installation: its cache, its connection and its sync engine."""

    cache: Cache
    api: ServerApi
    engine: SyncEngine


MakeClient = Callable[..., Client]


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


def count_rows(cache: Cache, table: str, where: str = "1", *params: Any) -> int:
    """Rows of a cache table matching a SQL condition."""
    [(count,)] = cache.read(f"SELECT COUNT(*) FROM {table} WHERE {where}", *params)
    return int(count)


def queue_reply(cache: Cache, thread_id: str, body: str, message_id: str | None = None) -> str:
    """Queue a reply as the office app does (effect + outbox); answer its message id."""
    message_id = message_id or new_id()
    submit(cache, "send_message", {"message_id": message_id, "thread_id": thread_id, "body": body})
    return message_id
