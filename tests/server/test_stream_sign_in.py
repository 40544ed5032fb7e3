"""A stream lasts minutes on one request; its sign-in is checked again every long-poll wait.

Against a real server process whose long-poll wait is 1 s: a quiet stream gets a page
at each check (so no proxy times it out), a stream whose token is signed out ends at
the next check while a stream still signed in goes on, and a stream misses no change
while PostgreSQL's listener is lost and comes back.
"""

from __future__ import annotations

import functools
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from desk.core.ids import new_id
from desk.server.db import open_database
from desk.sync.http import ServerApi
from tests.support.factories import PASSWORD, CentreIds, make_centre
from tests.support.polling import wait_until
from tests.support.server_process import ServerProcess, run_server

CHECK_SECONDS = 1
STREAM_SECONDS = 60


@pytest.fixture(scope="module")
def quick_checks(database_factory: Callable[[], str]) -> Iterator[tuple[ServerProcess, CentreIds]]:
    env = {"DESK_LONG_POLL_SECONDS": str(CHECK_SECONDS)}
    with run_server(database_factory(), env=env) as server:
        database = open_database(server.database_url)
        try:
            centre = make_centre(database)
        finally:
            database.dispose()
        yield server, centre


class Follower:
    """One stream read in a thread: the time of each page, and how it ended."""

    def __init__(self, api: ServerApi, cursor: str) -> None:
        self.pages: list[tuple[float, dict[str, Any]]] = []
        self.ended_at: float | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._follow, args=(api, cursor), daemon=True)
        self._thread.start()

    def _follow(self, api: ServerApi, cursor: str) -> None:
        try:
            for page in api.follow_changes(
                cursor, limit=1000, wait=STREAM_SECONDS, quiet=CHECK_SECONDS
            ):
                self.pages.append((time.monotonic(), page))
        except BaseException as error:  # reported by the test
            self.error = error
        self.ended_at = time.monotonic()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def reached(self, version: int) -> bool:
        """Whether a page at or past `version` has come."""
        return any(page["version"] >= version for _, page in self.pages)


def signed_in(server: ServerProcess, username: str) -> tuple[ServerApi, str]:
    """An API signed in as `username`, and the cursor after everything it may see."""
    api = ServerApi(server.url)
    api.token = api.login(username, PASSWORD)["token"]
    page = api.changes("0", limit=5000)
    while page["has_more"]:
        page = api.changes(page["cursor"], limit=5000)
    return api, page["cursor"]


def test_a_quiet_stream_gets_a_page_at_each_check_of_its_sign_in(
    quick_checks: tuple[ServerProcess, CentreIds],
) -> None:
    server, centre = quick_checks
    api, cursor = signed_in(server, centre.usernames["office"])
    follower = Follower(api, cursor)
    time.sleep(4.5 * CHECK_SECONDS)
    assert follower.ended_at is None, follower.error
    times = [at for at, _ in follower.pages]
    # The first page at once, then one for each check: nothing changed, so empty.
    assert len(times) >= 4, times
    assert all(page["tables"] == [] and page["cursor"] == cursor for _, page in follower.pages)
    assert max(b - a for a, b in itertools.pairwise(times)) < CHECK_SECONDS + 1.5
    api.close()


def test_signing_out_ends_the_stream_at_the_next_check_and_spares_the_others(
    quick_checks: tuple[ServerProcess, CentreIds],
) -> None:
    server, centre = quick_checks
    leaving, cursor = signed_in(server, centre.usernames["admin"])
    staying, other_cursor = signed_in(server, centre.usernames["admin"])
    gone = Follower(leaving, cursor)
    kept = Follower(staying, other_cursor)
    time.sleep(1.5 * CHECK_SECONDS)
    assert gone.ended_at is None
    assert kept.ended_at is None
    answer = httpx.post(
        f"{server.url}/api/v1/auth/logout",
        headers={"Authorization": f"Bearer {leaving.token}"},
        timeout=10,
    )
    assert answer.status_code in (200, 204), answer.text
    signed_out = time.monotonic()
    gone.join(timeout=10)
    assert gone.ended_at is not None, "a signed-out stream is still served"
    assert gone.ended_at - signed_out < CHECK_SECONDS + 2.5
    assert gone.error is None, gone.error  # ended as a stream ends: the client reconnects
    # ... and reconnecting is refused: the token is gone.
    refused = httpx.get(
        f"{server.url}/api/v1/changes/stream",
        params={"after": cursor, "wait": 5},
        headers={"Authorization": f"Bearer {leaving.token}"},
        timeout=10,
    )
    assert refused.status_code == 401
    time.sleep(CHECK_SECONDS + 0.5)
    assert kept.ended_at is None, kept.error  # the other sign-in's stream goes on
    staying.cancel_waits()
    kept.join(timeout=10)
    leaving.close()
    staying.close()


def test_a_stream_still_gets_changes_when_the_listener_is_lost(
    quick_checks: tuple[ServerProcess, CentreIds], database_backend: str
) -> None:
    """PostgreSQL's LISTEN connection dies under an open stream; no change is missed.

    While the listener reconnects, commits may go unheard: the parked stream is woken
    to read again and waits as a long-poll does (reading before it waits), and once
    the listener is back it parks again.
    """
    if database_backend == "sqlite":
        pytest.skip("one process on SQLite: no listener to lose")
    server, centre = quick_checks
    api, cursor = signed_in(server, centre.usernames["admin"])
    follower = Follower(api, cursor)
    time.sleep(0.5)
    database = open_database(server.database_url)
    try:
        with database.writing() as session:
            killed = session.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                )
            )
        assert killed == 1
        for n, name in enumerate(("close_thread", "reopen_thread", "close_thread")):
            answer = httpx.post(
                f"{server.url}/api/v1/commands",
                json={
                    "client_id": "listener-lost",
                    "commands": [
                        {
                            "command_id": new_id(),
                            "seq": n + 1,
                            "name": name,
                            "args": {"thread_id": centre.threads["sms"]},
                        }
                    ],
                },
                headers={"Authorization": f"Bearer {api.token}"},
                timeout=20,
            )
            assert answer.status_code == 200, answer.text
            version = answer.json()["version"]
            wait_until(
                functools.partial(follower.reached, version),
                f"the stream's page of version {version}",
                timeout=10,
            )
            time.sleep(CHECK_SECONDS)  # across the listener's return, after the first
    finally:
        database.dispose()
    assert follower.ended_at is None, follower.error
    api.cancel_waits()
    follower.join(timeout=10)
    api.close()
