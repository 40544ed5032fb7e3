"""Refused commands reach the user even when an answer is lost, and never block the queue."""

from __future__ import annotations

from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from desk.sync.outbox import client_id, pending, rejected, submit
from tests.support.cache_checks import count_rows
from tests.support.factories import CentreIds
from tests.support.qt_async import Runner
from tests.support.server_process import ServerProcess
from tests.support.sync_client import MakeClient, queue_reply


def _on_server(database: Database, message_id: str) -> bool:
    with database.reading() as session:
        return session.get(orm.Message, message_id) is not None


def test_a_refusal_whose_first_answer_was_lost_is_still_shown(
    server: ServerProcess,
    server_database: Database,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    """Regression (issue 12 item 6): a refusal survives the resend of its command.

    The resend of a refused command came back `duplicate`, which the client counted
    as success: the message vanished from the outbox with its refusal reason, and
    the user never learnt it was not sent.
    """
    with server_database.writing() as session:
        session.get_one(orm.Guardian, centre.guardians["rosa"]).sms_opt_in = False
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    message_id = queue_reply(client.cache, centre.threads["sms"], "Pickup at 3?")
    [queued] = pending(client.cache)
    # The first push reaches the server, which refuses it; its answer is lost.
    lost = client.api.push(client_id(client.cache), [queued.wire()])
    assert lost["results"][0]["status"] == "rejected"
    refusals: list[object] = []
    client.engine.rejected.connect(refusals.append)
    assert run_async(client.engine.push_once()) is not None
    [refused] = rejected(client.cache)
    assert refused.command_id == queued.command_id
    assert "Rosa Diaz" in refused.error
    # The resend's answer carries the worded reason too, for the office's language.
    assert "{names}" in refused.refusal.text
    assert refused.refusal.values["names"]
    assert str(refused.refusal) == refused.error
    assert len(refusals) == 1
    assert count_rows(client.cache, "message", "id = ?", message_id) == 0
    assert pending(client.cache) == []


def test_a_message_the_server_cannot_store_is_refused_and_the_queue_moves_on(
    server: ServerProcess,
    server_database: Database,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    """Regression (issue 12 item 7): a NUL in a message body is refused with a reason.

    It answered 400 on PostgreSQL; the client resent the batch forever and every
    command queued behind it waited (and SQLite stored the NUL). Now it is refused
    with a reason on both backends, and the next message goes out.
    """
    client = make_client(server, centre.usernames["admin"])
    assert run_async(client.engine.sync_once())
    bad = new_id()
    submit(
        client.cache,
        "send_message",
        {"message_id": bad, "thread_id": centre.threads["office"], "body": "a\x00b"},
    )
    good = queue_reply(client.cache, centre.threads["office"], "Invoice attached")
    assert run_async(client.engine.push_once()) is not None
    [refused] = rejected(client.cache)
    assert refused.args["message_id"] == bad
    assert "NUL" in refused.error
    assert pending(client.cache) == []
    assert not _on_server(server_database, bad)
    assert _on_server(server_database, good)
