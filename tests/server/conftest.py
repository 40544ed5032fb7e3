"""Server fixtures: a migrated database per backend, the app in-process, a fresh centre."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.db import Database, open_database
from desk.server.migrate import upgrade
from tests.support.factories import PASSWORD, CentreIds, make_centre


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
def api(migrated_url: str) -> Iterator[TestClient]:
    """The real application, served in-process (lifespan included)."""
    app = create_app(ServerSettings(database_url=migrated_url, long_poll_seconds=5))
    with TestClient(app) as client:
        yield client


@pytest.fixture
def centre(database: Database) -> CentreIds:
    """A fresh centre for this test."""
    return make_centre(database)


class Caller:
    """An authenticated API caller: `caller.get(path)` with its bearer token."""

    def __init__(self, api: TestClient, token: str, me: dict[str, Any]) -> None:
        self.api, self.token, self.me = api, token, me
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.api.get(path, headers=self.headers, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.api.post(path, headers=self.headers, **kwargs)


def sign_in(api: TestClient, username: str) -> Caller:
    """Log in with the factory password."""
    answer = api.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return Caller(api, body["token"], body)


def enroll_kiosk(api: TestClient, admin: Caller, name: str = "Front door") -> Caller:
    """Enroll a kiosk with a fresh code, as an admin would."""
    code = admin.post("/api/v1/kiosk/enrollment-codes").json()["code"]
    answer = api.post("/api/v1/kiosk/enroll", json={"code": code, "name": name})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    return Caller(api, body["token"], body)


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
