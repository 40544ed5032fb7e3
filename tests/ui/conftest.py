"""UI fixtures: a qasync loop over the test QApplication, and a real server process.

UI tests talk to a server process on its own SQLite file: they test the client, so
one backend is enough and keeps them quick (server tests cover PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from tests.server.factories import CentreIds, make_centre
from tests.support.qt_async import Runner, next_emission, run_async
from tests.support.server_process import ServerProcess, run_server

__all__ = ["Runner", "next_emission", "run_async"]


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
