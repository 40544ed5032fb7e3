"""Server fixtures: a migrated database per backend, the app in-process, a fresh centre.

The `served_*` fixtures do the same against the shared real server process
(`tests/conftest.py::server`): its database, a fresh centre on it, an HTTP client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from tests.support.callers import Caller, enroll_kiosk, sign_in
from tests.support.factories import CentreIds, make_centre
from tests.support.server_process import ServerProcess
from tests.support.texting_server import TextingServer, texting_server


@pytest.fixture(scope="session")
def migrated_url(database_url: str) -> str:
    """The run's database for this backend, migrated to the newest schema."""
    upgrade(database_url)
    return database_url


@pytest.fixture(scope="session")
def database(migrated_url: str) -> Iterator[Database]:
    """Direct database access for arranging and checking state."""
    db = open_database(migrated_url)
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def api(migrated_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The real application, served in-process (lifespan included)."""
    uploads = str(tmp_path_factory.mktemp("attachments"))
    app = create_app(
        ServerSettings(database_url=migrated_url, long_poll_seconds=5, attachments_dir=uploads)
    )
    with TestClient(app) as client:
        yield client


@pytest.fixture
def centre(database: Database) -> CentreIds:
    """A fresh centre for this test."""
    return make_centre(database)


@pytest.fixture
def admin(api: TestClient, centre: CentreIds) -> Caller:
    """The centre's admin, signed in."""
    return sign_in(api, centre.usernames["admin"])


@pytest.fixture
def office(api: TestClient, centre: CentreIds) -> Caller:
    """An office role (Mass Text, SMS Logs), signed in."""
    return sign_in(api, centre.usernames["office"])


@pytest.fixture
def teacher(api: TestClient, centre: CentreIds) -> Caller:
    """A teacher of room A, signed in."""
    return sign_in(api, centre.usernames["teacher"])


@pytest.fixture
def kiosk(api: TestClient, admin: Caller) -> Caller:
    """An enrolled kiosk of the centre."""
    return enroll_kiosk(api, admin)


@pytest.fixture(scope="session")
def served_database(server: ServerProcess) -> Iterator[Database]:
    """Direct access to the shared real server's database (migrated by the process)."""
    db = open_database(server.database_url)
    yield db
    db.dispose()


@pytest.fixture
def served_centre(served_database: Database) -> CentreIds:
    """A fresh centre on the shared real server."""
    return make_centre(served_database)


@pytest.fixture
def http(server_url: str) -> Iterator[httpx.Client]:
    """An HTTP client of the shared real server process."""
    with httpx.Client(base_url=server_url, timeout=30) as client:
        yield client


@pytest.fixture
def served_admin(http: httpx.Client, served_centre: CentreIds) -> Caller:
    """The admin of `served_centre`, signed in to the real server."""
    return sign_in(http, served_centre.usernames["admin"])


@pytest.fixture
def served(http: httpx.Client, served_centre: CentreIds) -> Callable[[str], Caller]:
    """`served(who)`: a staff member of `served_centre`, signed in to the real server.

    `who` is a role ("admin", "office", "teacher") or a name given to `add_staff`.
    """

    def signed_in(who: str) -> Caller:
        return sign_in(http, served_centre.usernames.get(who, who))

    return signed_in


@pytest.fixture(scope="session")
def texting(
    database_factory: Callable[[], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TextingServer]:
    """A real server process texting through a Twilio double, on a database of its own."""
    with texting_server(database_factory(), tmp_path_factory.mktemp("texting")) as server:
        yield server


@pytest.fixture(scope="session")
def texting_database(texting: TextingServer) -> Iterator[Database]:
    """Direct access to the texting server's database."""
    db = open_database(texting.process.database_url)
    yield db
    db.dispose()


@pytest.fixture
def served_office(http: httpx.Client, served_centre: CentreIds) -> Caller:
    """An office role of `served_centre` (Mass Text, SMS Logs), signed in to the real server."""
    return sign_in(http, served_centre.usernames["office"])


@pytest.fixture
def served_teacher(http: httpx.Client, served_centre: CentreIds) -> Caller:
    """The room A teacher of `served_centre`, signed in to the real server."""
    return sign_in(http, served_centre.usernames["teacher"])


@pytest.fixture
def served_kiosk(http: httpx.Client, served_admin: Caller) -> Caller:
    """A kiosk of `served_centre`, enrolled on the real server."""
    return enroll_kiosk(http, served_admin)
