"""Command batches are applied in child processes on PostgreSQL, fan-outs in one apart.

A child must apply exactly what the server's own thread would: the commands'
results, their rows, their place in the feed (its NOTIFY wakes the server's
listener like any commit); its sign-in check refuses what the thread's would; and a
child that dies must cost no command.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from desk.core.ids import new_id
from desk.server import orm
from desk.server.apply_process import ApplyProcess
from desk.server.db import Database
from tests.support.callers import Caller
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher, pull_all


def fan_out_of(api: TestClient) -> ApplyProcess | None:
    lane: ApplyProcess | None = api.app.state.lanes.fan_out  # type: ignore[attr-defined]
    return lane


def commands_of(api: TestClient) -> ApplyProcess | None:
    lane: ApplyProcess | None = api.app.state.lanes.apart  # type: ignore[attr-defined]
    return lane


def new_message(pusher: Pusher, centre: CentreIds, body: str) -> dict[str, object]:
    return pusher.run(
        "send_new_message",
        student_ids=sorted(centre.students.values()),
        channel="office",
        body=body,
    )


def messages_saying(database: Database, centre: CentreIds, body: str) -> int:
    with database.reading() as session:
        count = session.scalar(
            select(func.count()).where(
                orm.Message.centre_id == centre.centre, orm.Message.body == body
            )
        )
    return int(count or 0)


def test_a_fan_out_is_applied_apart_and_reaches_the_feed(
    api: TestClient, admin: Caller, centre: CentreIds, database: Database, database_backend: str
) -> None:
    lane = fan_out_of(api)
    if database_backend == "sqlite":
        assert lane is None  # one process: the batch stays in the command thread
    else:
        assert lane is not None
    before = lane.applied_in_child if lane is not None else 0
    _, cursor = pull_all(admin)
    body = f"Closed today {new_id()}"
    result = new_message(Pusher(admin), centre, body)
    assert result["status"] == "applied", result
    if lane is not None:
        assert lane.applied_in_child == before + 1
    sent = messages_saying(database, centre, body)
    assert sent >= 2  # one per family thread: the Diaz family, Ann and Ben apart
    tables, _ = pull_all(admin, after=cursor)
    assert sum(1 for m in tables["message"] if m["body"] == body) == sent


def test_a_killed_fan_out_process_loses_no_command(
    api: TestClient, admin: Caller, centre: CentreIds, database: Database, database_backend: str
) -> None:
    if database_backend == "sqlite":
        pytest.skip("on SQLite a fan-out is applied in the server's own thread")
    lane = fan_out_of(api)
    assert lane is not None
    pusher = Pusher(admin)
    assert new_message(pusher, centre, f"first {new_id()}")["status"] == "applied"
    assert lane.child_pid is not None
    assert lane.child_pid != os.getpid()
    os.kill(lane.child_pid, signal.SIGKILL)
    in_child = lane.applied_in_child
    # The dead child's batch falls back to the server's thread: applied once.
    body = f"second {new_id()}"
    assert new_message(pusher, centre, body)["status"] == "applied"
    assert lane.applied_in_child == in_child
    assert messages_saying(database, centre, body) >= 2
    # And the next batch has a child again.
    body = f"third {new_id()}"
    assert new_message(pusher, centre, body)["status"] == "applied"
    assert lane.applied_in_child == in_child + 1
    assert messages_saying(database, centre, body) >= 2


def test_a_command_and_its_sign_in_check_are_done_apart(
    api: TestClient, admin: Caller, centre: CentreIds, database_backend: str
) -> None:
    lane = commands_of(api)
    if database_backend == "sqlite":
        assert lane is None  # one process: commands stay in the command threads
        return
    assert lane is not None
    before = lane.applied_in_child
    thread = centre.threads["sms"]
    assert Pusher(admin).run("close_thread", thread_id=thread)["status"] == "applied"
    assert lane.applied_in_child == before + 1
    assert lane.child_pid is not None
    assert lane.child_pid != os.getpid()
    refused = api.post(
        "/api/v1/commands",
        json={"client_id": new_id(), "commands": []},
        headers={"Authorization": "Bearer not-a-token-this-server-issued"},
    )
    assert refused.status_code == 401
    assert "sign in again" in refused.json()["detail"]


def test_command_processes_take_batches_in_turn_so_none_stays_cold(
    api: TestClient, admin: Caller, centre: CentreIds, database_backend: str
) -> None:
    """A child's first batch compiles every statement: it must not wait for a busy moment.

    With the most recently idle child taken first, one child applied every batch
    sent one at a time, and the other met its first only when two overlapped.
    """
    if database_backend == "sqlite":
        pytest.skip("on SQLite commands are applied in the server's own threads")
    lane = commands_of(api)
    assert lane is not None
    deadline = time.monotonic() + 30
    while not lane.ready:
        assert time.monotonic() < deadline, "the command processes never came up"
        time.sleep(0.05)
    pusher = Pusher(admin)
    thread = centre.threads["sms"]
    appliers = []
    for name in ("close_thread", "reopen_thread", "close_thread", "reopen_thread"):
        assert pusher.run(name, thread_id=thread)["status"] == "applied"
        appliers.append(lane.child_pid)
    first, second, third, fourth = appliers
    assert first != second, appliers
    assert (third, fourth) == (first, second), appliers
