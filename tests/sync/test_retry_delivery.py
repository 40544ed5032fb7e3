"""Retry of a failed text from the office's side, against real server and worker processes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desk.core.kinds import MessageState
from desk.services.conversations import Conversations
from tests.support.deliveries import deliveries_of
from tests.support.factories import make_centre
from tests.support.qt_async import Runner
from tests.support.served_delivery import serve_delivery
from tests.support.sync_client import MakeClient


def test_two_retry_clicks_on_a_failed_text_send_it_once_more(
    database_factory: Callable[[], str],
    tmp_path: Path,
    make_client: MakeClient,
    run_async: Runner,
) -> None:
    """Regression (issue 12 item 9): every Retry click was one more text to the parent.

    The office's Retry sent the failed text again as a new message, once per click.
    Here the office client retries twice, through the real `desk server` and a
    separate `desk worker` process texting a Twilio double. Failed before the fix:
    the parent got three texts.
    """
    with serve_delivery(database_factory(), tmp_path / "served") as processes:
        centre = make_centre(processes.database)
        thread_id = centre.threads["sms"]
        client = make_client(processes.server, centre.usernames["office"])
        assert run_async(client.engine.sync_once())
        conversations = Conversations(client.cache)
        message_id = conversations.reply(thread_id, "Closed tomorrow").args["message_id"]
        assert run_async(client.engine.push_once()) is not None
        processes.settled(message_id)
        [delivery] = deliveries_of(processes.database, message_id)
        assert delivery.provider_ref is not None
        failed = processes.twilio.report_status(
            delivery.provider_ref, "undelivered", error_code=30007
        )
        assert failed.status_code == 200, failed.text
        assert run_async(client.engine.sync_once())
        [shown] = [m for m in conversations.messages(thread_id) if m.id == message_id]
        assert shown.state == MessageState.FAILED

        conversations.retry_failed(shown)
        conversations.retry_failed(shown)  # a second click before the first went out
        assert run_async(client.engine.push_once()) is not None
        processes.idle()
        assert [m.body for m in processes.twilio.messages] == ["For Maria: Closed tomorrow"] * 2
        assert run_async(client.engine.sync_once())
        [shown] = [m for m in conversations.messages(thread_id) if m.id == message_id]
        assert shown.state == MessageState.SENT
