"""The sync engine against a real server process: push, pull, wake-up, refusals."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from sqlalchemy import func, select

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database, open_database
from desk.services.conversations import Conversations
from desk.sync.engine import SyncEngine
from desk.sync.errors import Offline
from desk.sync.http import ServerApi
from desk.sync.outbox import client_id, pending, rejected, submit, waiting_count
from desk.sync.push import push
from desk.sync.state import Phase
from tests.support.cache_checks import count_rows
from tests.support.factories import CentreIds, make_centre
from tests.support.net import free_port
from tests.support.qt_async import Runner, next_emission, until
from tests.support.server_process import ServerProcess, run_server
from tests.support.sync_client import Client, MakeClient, queue_reply


def server_count(database: Database, model: type[orm.Synced], **where: object) -> int:
    with database.reading() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(session.scalar(query) or 0)


async def seconds_until_delivered(alice: Client, bob: Client, thread_id: str) -> float:
    """How long after Alice sends a reply Bob's cache holds it, Bob long-polling."""
    assert await alice.engine.sync_once()
    assert await bob.engine.sync_once()
    bob.engine.start()
    await asyncio.sleep(0.3)  # let Bob's long-poll reach the server; the clock starts after
    started = time.monotonic()
    message_id = queue_reply(alice.cache, thread_id, "Can Leo stay late?")
    assert await alice.engine.push_once() is not None
    await until(
        lambda: count_rows(bob.cache, "message", "id = ?", message_id) == 1, bob.engine.data_changed
    )
    elapsed = time.monotonic() - started
    await bob.engine.stop()
    return elapsed


def test_a_message_sent_by_one_client_reaches_another_within_a_second(
    server: ServerProcess, centre: CentreIds, make_client: MakeClient, run_async: Runner
) -> None:
    alice = make_client(server, centre.usernames["admin"])
    bob = make_client(server, centre.usernames["office"], long_poll=20)
    elapsed = run_async(seconds_until_delivered(alice, bob, centre.threads["sms"]))
    assert elapsed < 1.0, f"took {elapsed:.2f} s"


def test_optimistic_reply_shows_at_once_and_is_confirmed_once(
    server: ServerProcess,
    server_database: Database,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    message_id = queue_reply(client.cache, centre.threads["office"], "Hi")
    assert count_rows(client.cache, "message", "id = ? AND state = 'queued'", message_id) == 1
    assert (
        count_rows(
            client.cache,
            "thread",
            "id = ? AND last_message_preview = 'Hi'",
            centre.threads["office"],
        )
        == 1
    )
    assert waiting_count(client.cache) == 1
    assert run_async(client.engine.sync_once())
    assert waiting_count(client.cache) == 0
    assert (
        count_rows(client.cache, "message", "id = ? AND state = 'sent' AND version > 0", message_id)
        == 1
    )
    assert server_count(server_database, orm.Message, id=message_id) == 1


def test_a_rejected_command_is_rolled_back_and_explained(
    server: ServerProcess,
    server_database: Database,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    with server_database.writing() as session:
        session.get_one(orm.Guardian, centre.guardians["rosa"]).sms_opt_in = False
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    message_id = queue_reply(client.cache, centre.threads["sms"], "Pickup at 3?")
    assert count_rows(client.cache, "message", "id = ?", message_id) == 1
    refusals: list[object] = []
    client.engine.rejected.connect(refusals.append)
    assert run_async(client.engine.push_once()) is not None
    assert count_rows(client.cache, "message", "id = ?", message_id) == 0
    assert (
        count_rows(
            client.cache, "thread", "id = ? AND last_message_preview = ''", centre.threads["sms"]
        )
        == 1
    )
    [refused] = rejected(client.cache)
    assert "Rosa Diaz" in refused.error
    assert len(refusals) == 1
    assert pending(client.cache) == []


def test_a_pending_intent_survives_a_pull_that_overwrites_its_row(
    server: ServerProcess,
    server_database: Database,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    submit(client.cache, "close_thread", {"thread_id": centre.threads["sms"]})
    with server_database.writing() as session:  # someone else touches the thread meanwhile
        from desk.server.versioning import stamp

        session.get_one(orm.Thread, centre.threads["sms"]).title = "Maria's phone"
        stamp(session, centre.centre)
    assert run_async(client.engine.pull_once()) is not None
    assert (
        count_rows(
            client.cache,
            "thread",
            "id = ? AND status = 'closed' AND title = ?",
            centre.threads["sms"],
            "Maria's phone",
        )
        == 1
    )
    assert run_async(client.engine.push_once()) is not None
    assert run_async(client.engine.pull_once()) is not None
    assert (
        count_rows(client.cache, "thread", "id = ? AND status = 'closed'", centre.threads["sms"])
        == 1
    )


def test_offline_commands_go_out_once_when_the_server_returns(
    database_factory: Callable[[], str],
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    with run_server(database_factory()) as server:
        database = open_database(server.database_url)
        centre = make_centre(database)
        client = make_client(server, centre.usernames["admin"])
        ids = [new_id() for _ in range(3)]

        async def scenario() -> None:
            assert await client.engine.sync_once()
            await asyncio.to_thread(server.stop)
            for message_id in ids:
                queue_reply(client.cache, centre.threads["office"], "written offline", message_id)
            client.engine.start()
            await until(
                lambda: client.engine.state.phase is Phase.OFFLINE, client.engine.state_changed
            )
            assert waiting_count(client.cache) == 3
            await asyncio.to_thread(server.restart)
            await until(
                lambda: waiting_count(client.cache) == 0, client.engine.outbox_changed, timeout=40
            )
            await client.engine.stop()

        run_async(scenario(), timeout=60)
        with database.reading() as session:
            stored = session.scalars(
                select(orm.Message.id).where(orm.Message.thread_id == centre.threads["office"])
            ).all()
        database.dispose()
    assert sorted(stored) == sorted(ids)


def test_a_revoked_sign_in_keeps_the_outbox(
    server: ServerProcess,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    submit(client.cache, "close_thread", {"thread_id": centre.threads["office"]})
    client.api.logout()
    assert run_async(client.engine.push_once()) is None
    assert client.engine.state.phase is Phase.SIGNED_OUT
    assert "sign in again" in client.engine.state.detail
    assert waiting_count(client.cache) == 1


def test_a_room_move_refetches_only_what_the_teacher_may_now_see(
    server: ServerProcess,
    server_database: Database,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    client = make_client(server, centre.usernames["teacher"])
    assert run_async(client.engine.sync_once())
    assert count_rows(client.cache, "thread", "id = ?", centre.threads["classroom_a"]) == 1
    queue_reply(client.cache, centre.threads["classroom_a"], "queued before the move")
    with server_database.writing() as session:
        from desk.server.versioning import stamp

        assignment = session.scalars(
            select(orm.StaffRoom).where(orm.StaffRoom.staff_id == centre.teacher)
        ).one()
        assignment.room_id = centre.room_b
        stamp(session, centre.centre)
    assert run_async(client.engine.pull_once()) is not None
    assert count_rows(client.cache, "thread", "id = ?", centre.threads["classroom_a"]) == 0
    assert count_rows(client.cache, "thread", "id = ?", centre.threads["classroom_b"]) == 1
    assert waiting_count(client.cache) == 1  # the outbox survives a refetch


def test_the_event_loop_keeps_turning_during_a_large_initial_sync(
    database_factory: Callable[[], str],
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    from desk.tools.seeding import DEMO_PASSWORD, Scale, seed_centre

    url = database_factory()
    from desk.server.migrate import upgrade

    upgrade(url)
    report = seed_centre(url, Scale(families=150, messages=30_000))
    with run_server(url) as server:
        client = make_client(server, f"admin-{report.centre_number}", password=DEMO_PASSWORD)
        progress: list[tuple[int, int]] = []
        client.engine.state_changed.connect(
            lambda state: (
                progress.append((state.done, state.total)) if state.phase is Phase.SYNCING else None
            )
        )

        async def sync_while_ticking() -> tuple[list[float], float, bool]:
            loop = asyncio.get_running_loop()
            ticks: list[float] = []

            async def tick() -> None:
                while True:
                    ticks.append(loop.time())
                    await asyncio.sleep(0.01)

            ticker = asyncio.ensure_future(tick())
            started = loop.time()
            done = await client.engine.sync_once()
            duration = loop.time() - started
            ticker.cancel()
            return ticks, duration, done

        ticks, duration, done = run_async(sync_while_ticking(), timeout=60)
    assert done
    assert count_rows(client.cache, "message") >= 30_000
    # A loop blocked by the sync shows one gap as long as the sync itself; a loop
    # that keeps turning shows many short ones (the bound leaves room for a busy CI).
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) >= 10
    assert max(gaps) < duration / 2, f"the GUI loop stalled {max(gaps):.2f} s of {duration:.2f} s"
    reached = [done for done, total in progress if total]
    assert reached == sorted(reached)
    assert progress[-1][0] == progress[-1][1]  # 100% at the end


@pytest.mark.postgres
@pytest.mark.parametrize("database_backend", ["postgres"], indirect=True, scope="session")
def test_a_change_on_one_server_process_wakes_clients_of_another(
    database_factory: Callable[[], str],
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    """Scale-out: two stateless server processes on one PostgreSQL database.

    The long-poll on one wakes through LISTEN/NOTIFY when the other commits. (SQLite
    is the embedded single-process default, so this runs on PostgreSQL only.)
    """
    url = database_factory()
    with run_server(url) as first, run_server(url) as second:
        database = open_database(url)
        centre = make_centre(database)
        alice = make_client(first, centre.usernames["admin"])
        bob = make_client(second, centre.usernames["admin"], long_poll=20)
        elapsed = run_async(seconds_until_delivered(alice, bob, centre.threads["office"]))
        database.dispose()
    assert elapsed < 1.0, f"took {elapsed:.2f} s"


def test_a_reply_through_a_service_with_no_window_reaches_the_server(
    server: ServerProcess,
    server_database: Database,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    """Regression (issue 11): a queued command wakes the engine by itself.

    Before, only the main window woke the pusher (`engine.kick()` after each screen
    said it had queued something), so a command queued by a service with no window,
    here from a worker thread as background work does, was never sent: this test
    timed out.
    """
    client = make_client(server, centre.usernames["admin"])
    conversations = Conversations(client.cache)

    async def scenario() -> str:
        assert await client.engine.sync_once()
        first_push = asyncio.ensure_future(next_emission(client.engine.outbox_changed))
        client.engine.start()
        try:
            await first_push  # the pusher now waits to be woken
            queued = await asyncio.to_thread(
                conversations.reply, centre.threads["office"], "Sent with no window"
            )
            await until(lambda: waiting_count(client.cache) == 0, client.engine.outbox_changed)
        finally:
            await client.engine.stop()
        return str(queued.args["message_id"])

    message_id = run_async(scenario())
    assert server_count(server_database, orm.Message, id=message_id) == 1


def test_an_engine_stopped_and_deleted_no_longer_listens_to_the_cache(
    server: ServerProcess,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A deleted engine takes its cache listener with it.

    A command queued after it is gone stays queued for the next run, and nothing calls
    into a deleted object.
    """
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    engine = SyncEngine(client.cache, client.api, client_id(client.cache))
    engine.start()
    run_async(engine.stop())
    engine.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    queue_reply(client.cache, centre.threads["office"], "For next time")
    run_async(asyncio.sleep(0))
    assert waiting_count(client.cache) == 1
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


@pytest.mark.parametrize(("commands", "transactions"), [(3, 1), (150, 2)])
def test_a_push_costs_one_cache_transaction_per_batch(
    server: ServerProcess,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
    commands: int,
    transactions: int,
) -> None:
    """Regression (issue 11): a batch once cost two write transactions.

    One for the attempt count before sending, one for the answer after; now the
    answer, the attempt count and the next batch's read share one.
    """
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    for n in range(commands):
        queue_reply(client.cache, centre.threads["office"], f"Reply {n}")
    me = client_id(client.cache)
    statements: list[str] = []
    client.cache.raw.set_trace_callback(statements.append)
    try:
        result = push(client.api, client.cache, me)
    finally:
        client.cache.raw.set_trace_callback(None)
    assert result.sent == commands
    assert statements.count("BEGIN IMMEDIATE") == transactions
    assert waiting_count(client.cache) == 0


def test_a_batch_lost_in_transit_still_counts_its_attempt(
    server: ServerProcess, centre: CentreIds, make_client: MakeClient, run_async: Runner
) -> None:
    """The attempt is written after the request now, on failure as on success."""
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    queue_reply(client.cache, centre.threads["office"], "Into the void")
    offline = ServerApi(f"http://127.0.0.1:{free_port()}", client.api.token)
    try:
        with pytest.raises(Offline):
            push(offline, client.cache, client_id(client.cache))
    finally:
        offline.close()
    assert count_rows(client.cache, "outbox", "attempts = 1") == 1
    assert push(client.api, client.cache, client_id(client.cache)).sent == 1
