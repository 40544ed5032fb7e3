"""A family-app server per backend, shared by this folder's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from desk.server.db import Database, open_database
from tests.support.doubles.web_push_double import PushService, push_service
from tests.support.factories import CentreIds, make_centre
from tests.support.family_app import FamilyServer, family_server


@pytest.fixture(scope="session")
def push() -> Iterator[PushService]:
    """A browser vendor's push service on loopback (RFC 8030, VAPID, aes128gcm)."""
    with push_service() as service:
        yield service


@pytest.fixture(scope="session")
def family(
    database_factory: Callable[[], str],
    tmp_path_factory: pytest.TempPathFactory,
    push: PushService,
) -> Iterator[FamilyServer]:
    """A real server whose sign-in codes are written to a log file.

    Its web push goes to the `push` double, the one push service it accepts.
    """
    env = {"DESK_WEB_PUSH_SERVICES": push.origin}
    with family_server(database_factory(), tmp_path_factory.mktemp("family"), env) as server:
        yield server


@pytest.fixture(scope="session")
def family_database(family: FamilyServer) -> Iterator[Database]:
    """Direct access to the family server's database, to arrange and to check."""
    db = open_database(family.process.database_url)
    yield db
    db.dispose()


@pytest.fixture
def family_centre(family_database: Database) -> CentreIds:
    """A fresh centre on the family server (its phone numbers repeat across centres)."""
    return make_centre(family_database)
