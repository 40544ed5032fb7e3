"""A stopping server answers its waiting long-polls and streams instead of waiting them out."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Any

import httpx

from desk.server.db import open_database
from desk.sync.http import ServerApi
from tests.support.factories import PASSWORD, make_centre
from tests.support.polling import wait_until
from tests.support.server_process import run_server

WAIT = 25
"""Longer than the stop may take: uvicorn's graceful stop gives requests 10 s."""


def test_a_stop_ends_held_long_polls_and_streams_at_once(
    database_factory: Callable[[], str],
) -> None:
    with run_server(database_factory()) as server:
        database = open_database(server.database_url)
        try:
            centre = make_centre(database)
        finally:
            database.dispose()
        api = ServerApi(server.url)
        api.token = api.login(centre.usernames["admin"], PASSWORD)["token"]
        first = api.changes("0", limit=5000)
        while first["has_more"]:
            first = api.changes(first["cursor"], limit=5000)
        cursor = first["cursor"]
        streamed: list[dict[str, Any]] = []
        polled: list[httpx.Response] = []
        errors: list[BaseException] = []

        def stream() -> None:
            try:
                streamed.extend(api.follow_changes(cursor, limit=1000, wait=WAIT, quiet=WAIT))
            except BaseException as error:  # reported by the assertions below
                errors.append(error)

        def long_poll() -> None:
            try:
                polled.append(
                    httpx.get(
                        f"{server.url}/api/v1/changes",
                        params={"after": cursor, "wait": WAIT},
                        headers={"Authorization": f"Bearer {api.token}"},
                        timeout=WAIT + 20,
                    )
                )
            except BaseException as error:  # reported by the assertions below
                errors.append(error)

        waiting = [threading.Thread(target=stream), threading.Thread(target=long_poll)]
        for thread in waiting:
            thread.start()
        wait_until(lambda: bool(streamed) or bool(errors), "the stream's first page")
        wait_until(
            lambda: "desk_long_polls_held 2.0" in httpx.get(f"{server.url}/metrics").text,
            "the long-poll and the stream held",
        )
        # SIGKILL follows if the process is still there when the graceful stop of
        # uvicorn would still be waiting for the two requests.
        server.stop(timeout=8)
        for thread in waiting:
            thread.join(30)
        api.close()
    assert server.returncode == -signal.SIGTERM  # it stopped by itself, not killed
    assert errors == []
    assert [page["has_more"] for page in streamed] == [False] * len(streamed)
    [answer] = polled
    assert answer.status_code == 200
    assert answer.json()["cursor"] == cursor  # nothing new: an empty page, answered early
