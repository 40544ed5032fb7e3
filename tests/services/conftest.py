"""Service fixtures: office workstations synced from the shared server on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.server.db import Database, open_database
from tests.support.factories import CentreIds, make_centre
from tests.support.office import SignIn, offices
from tests.support.server_process import ServerProcess


@pytest.fixture(scope="session")
def server_database(server: ServerProcess) -> Iterator[Database]:
    """Direct access to the shared server's database, to add facts tests need."""
    database = open_database(server.database_url)
    yield database
    database.dispose()


@pytest.fixture
def centre(server_database: Database) -> CentreIds:
    """A fresh centre on the shared server."""
    return make_centre(server_database)


@pytest.fixture
def office(server: ServerProcess, centre: CentreIds, tmp_path: Path) -> Iterator[SignIn]:
    """`office(role)`: a workstation of that role, signed in and synced."""
    with offices(server, centre, tmp_path) as sign_in:
        yield sign_in
