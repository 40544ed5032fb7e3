"""API callers: a signed-in staff member or an enrolled kiosk.

Of the in-process app (a `TestClient`) or of a real server process (an `httpx.Client`).
"""

from __future__ import annotations

from typing import Any

import httpx
from fastapi.testclient import TestClient

from tests.support.factories import PASSWORD

# The in-process app's client, or a client of a real server process.
Http = TestClient | httpx.Client


class Caller:
    """An authenticated API caller: `caller.get(path)` with its bearer token."""

    def __init__(self, api: Http, token: str, me: dict[str, Any]) -> None:
        self.api, self.token, self.me = api, token, me
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.api.get(path, headers=self.headers, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.api.post(path, headers=self.headers, **kwargs)


def sign_in(api: Http, username: str) -> Caller:
    """Log in with the factory password."""
    answer = api.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return Caller(api, body["token"], body)


def enroll_kiosk(api: Http, admin: Caller, name: str = "Front door") -> Caller:
    """Enroll a kiosk with a fresh code, as an admin would."""
    code = admin.post("/api/v1/kiosk/enrollment-codes").json()["code"]
    answer = api.post("/api/v1/kiosk/enroll", json={"code": code, "name": name})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    return Caller(api, body["token"], body)
