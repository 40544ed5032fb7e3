"""Issue 13's screens run against a real server on SQLite and on PostgreSQL.

The rest of `tests/ui` talks to a server on SQLite only (one backend tests the
client); the conversation screens rest on server rules that differ by backend
(receipts, membership, per-person unread counts), so here `ui_database` follows the
session's `database_backend`: each test runs once per backend, ids `[sqlite]` and
`[postgres]`, with a server process of its own per backend and module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from desk.server.db import Database, open_database
from desk.server.migrate import upgrade


@pytest.fixture(scope="module")
def ui_database(database_factory: Callable[[], str]) -> Iterator[Database]:
    """This module's server database on the current backend, migrated."""
    url = database_factory()
    upgrade(url)
    database = open_database(url)
    yield database
    database.dispose()
