"""A full disk under the server's database: 507 with a reason, nothing half-applied, then once.

The application runs in-process on a database of its own (the disk is filled for
real, so it must not be the database other tests share):

- SQLite: the file is capped at its size with `PRAGMA max_page_count` and its free
  pages are used up (`tests.support.disk`). The cap is per connection, so a pool
  `checkout` hook sets it on every connection of the app's write engine, the least
  invasive way that reaches connections the app opens itself; no production code
  knows about it. Writes then fail inside SQLite with SQLITE_FULL.
- PostgreSQL cannot be given a small disk without root, so a trigger on the command
  log raises the error PostgreSQL raises when a file cannot grow (SQLSTATE 53100,
  "No space left on device") inside the command's real transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select, text

from desk.core.ids import new_id
from desk.server import orm
from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from tests.support import disk
from tests.support.callers import Caller, sign_in
from tests.support.factories import CentreIds, make_centre
from tests.support.server_calls import Pusher

LONG_BODY = "Please bring a change of clothes for the field trip. " * 150  # > 2 pages


class FullDisk:
    """Fill the disk under one app's database, and free it again."""

    def __init__(self, url: str, database: Database, app_database: Database) -> None:
        self._url = url
        self._database = database
        self._pages: int | None = None  # the cap each write connection gets on checkout
        self._roomy: int | None = None
        if database.dialect == "sqlite":
            event.listen(app_database.write_engine, "checkout", self._on_checkout)

    def _on_checkout(self, dbapi_connection: Any, *_: Any) -> None:
        if self._pages is not None:
            dbapi_connection.execute(f"PRAGMA max_page_count = {self._pages}")

    def fill(self) -> None:
        if self._database.dialect == "sqlite":
            connection = sqlite3.connect(self._url.removeprefix("sqlite:///"))
            connection.isolation_level = None
            try:
                self._roomy = disk.fill(connection)
                (self._pages,) = connection.execute("PRAGMA page_count").fetchone()
            finally:
                connection.close()
            return
        with self._database.writing() as session:
            session.execute(
                text(
                    "CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$"
                    " BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'"
                    " USING ERRCODE = 'disk_full'; END $$"
                )
            )
            session.execute(
                text(
                    "CREATE TRIGGER test_disk_full BEFORE INSERT ON command_log"
                    " FOR EACH ROW EXECUTE FUNCTION test_disk_full()"
                )
            )

    def free(self) -> None:
        if self._database.dialect == "sqlite":
            self._pages = self._roomy
            return
        with self._database.writing() as session:
            session.execute(text("DROP TRIGGER IF EXISTS test_disk_full ON command_log"))
            session.execute(text("DROP FUNCTION IF EXISTS test_disk_full()"))


@pytest.fixture(scope="module")
def own_server(database_factory: Callable[[], str]) -> Iterator[tuple[str, TestClient, Database]]:
    """An app on a fresh database of this backend, and direct access to that database."""
    url = database_factory()
    upgrade(url)
    database = open_database(url)
    app = create_app(ServerSettings(database_url=url, long_poll_seconds=1))
    with TestClient(app) as client:
        yield url, client, database
    database.dispose()


@pytest.fixture
def full_disk(own_server: tuple[str, TestClient, Database]) -> Iterator[FullDisk]:
    url, client, database = own_server
    app_database: Database = client.app.state.database  # type: ignore[attr-defined]
    space = FullDisk(url, database, app_database)
    yield space
    space.free()
    if database.dialect == "sqlite":
        event.remove(app_database.write_engine, "checkout", space._on_checkout)
        app_database.write_engine.dispose()  # no pooled connection keeps the cap


@pytest.fixture
def own_centre(own_server: tuple[str, TestClient, Database]) -> CentreIds:
    return make_centre(own_server[2])


@pytest.fixture
def own_admin(own_server: tuple[str, TestClient, Database], own_centre: CentreIds) -> Caller:
    return sign_in(own_server[1], own_centre.usernames["admin"])


def count(database: Database, model: type[Any], **where: object) -> int:
    with database.reading() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return session.scalar(query) or 0


def last_seq(database: Database, client_id: str) -> int:
    with database.reading() as session:
        client = session.get(orm.SyncClient, client_id)
        return 0 if client is None else client.last_seq


def test_a_push_on_a_full_disk_gets_507_and_applies_once_when_space_returns(
    own_server: tuple[str, TestClient, Database],
    own_centre: CentreIds,
    own_admin: Caller,
    full_disk: FullDisk,
) -> None:
    database = own_server[2]
    pusher = Pusher(own_admin)
    thread = own_centre.threads["office"]
    command = pusher.command("send_message", message_id=new_id(), thread_id=thread, body=LONG_BODY)
    full_disk.fill()

    answer = pusher.send(command)
    assert answer.status_code == 507, answer.text
    assert "disk is full" in answer.json()["detail"]
    assert "Retry-After" not in answer.headers
    assert count(database, orm.CommandLog, command_id=command["command_id"]) == 0
    assert last_seq(database, pusher.client_id) == 0
    assert count(database, orm.Message, thread_id=thread) == 0
    # Reading needs no room: the feed still answers.
    assert own_admin.get("/api/v1/changes", params={"after": "0"}).status_code == 200

    full_disk.free()
    retried = pusher.send(command)
    assert retried.status_code == 200, retried.text
    assert [r["status"] for r in retried.json()["results"]] == ["applied"]
    assert pusher.send(command).json()["results"][0]["status"] == "duplicate"
    assert count(database, orm.Message, thread_id=thread) == 1
    assert last_seq(database, pusher.client_id) == 1


def test_a_batch_cut_short_by_a_full_disk_is_applied_exactly_once_on_retry(
    own_server: tuple[str, TestClient, Database],
    own_centre: CentreIds,
    own_admin: Caller,
    full_disk: FullDisk,
) -> None:
    """Each command commits on its own: those before the full disk stay applied once."""
    database = own_server[2]
    pusher = Pusher(own_admin)
    thread = own_centre.threads["office"]
    batch = [
        pusher.command("close_thread", thread_id=thread),
        pusher.command("send_message", message_id=new_id(), thread_id=thread, body=LONG_BODY),
    ]
    full_disk.fill()
    assert pusher.send(*batch).status_code == 507
    assert count(database, orm.CommandLog, command_id=batch[1]["command_id"]) == 0

    full_disk.free()
    retried = pusher.send(*batch)
    assert retried.status_code == 200, retried.text
    statuses = [r["status"] for r in retried.json()["results"]]
    assert statuses[1] == "applied"
    assert statuses[0] in ("applied", "duplicate")  # it may have fitted before the disk filled
    for command in batch:
        assert count(database, orm.CommandLog, command_id=command["command_id"]) == 1
    assert count(database, orm.Message, thread_id=thread) == 1
    assert last_seq(database, pusher.client_id) == 2
