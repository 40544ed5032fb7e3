"""The engine follows the change feed's stream; drops, refusals and buffering proxies.

Against real server processes on loopback: a change arrives on the open stream
without a request of its own; a stream cut by a server restart is opened again
from the cursor, after a backoff, with nothing lost or doubled; where the stream
is refused or held back by a proxy, the engine long-polls instead.
"""

from __future__ import annotations

import asyncio
import functools
import re
import threading
import time
import urllib.request
from collections.abc import Callable, Generator
from dataclasses import dataclass

import pytest

import desk.sync.follow as follow_module
import desk.sync.http as http_module
from desk.server.db import open_database
from desk.sync.errors import MustRefetch
from desk.sync.events import Event, events
from desk.sync.http import ServerApi
from tests.support.cache_checks import count_rows
from tests.support.factories import PASSWORD, CentreIds, make_centre
from tests.support.feed_proxy import feed_proxy
from tests.support.qt_async import Runner, until
from tests.support.server_process import ServerProcess, run_server
from tests.support.sync_client import Client, MakeClient, queue_reply


@dataclass(frozen=True)
class Via:
    """A way to the server that is not the server itself (a proxy), for `make_client`."""

    url: str


def feed_requests(server: ServerProcess) -> int:
    """How many `GET /changes` (not streamed) the server has answered, from its metrics."""
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
        f"{server.url}/metrics", timeout=10
    ) as answer:
        text = answer.read().decode()
    pattern = r'desk_http_requests_total\{[^}]*route="/api/v1/changes"[^}]*\} ([0-9.e+]+)'
    return sum(int(float(count)) for count in re.findall(pattern, text))


async def delivered(sender: Client, receiver: Client, thread_id: str, body: str) -> str:
    """Send a reply from `sender` and wait until `receiver`'s cache holds it."""
    message_id = queue_reply(sender.cache, thread_id, body)
    while await sender.engine.push_once() is None:  # a server restarting: try again
        await asyncio.sleep(0.2)
    await until(
        lambda: count_rows(receiver.cache, "message", "id = ?", message_id) == 1,
        receiver.engine.data_changed,
        timeout=40,
    )
    return message_id


def test_changes_arrive_on_one_stream_without_a_request_each(
    server: ServerProcess, centre: CentreIds, make_client: MakeClient, run_async: Runner
) -> None:
    alice = make_client(server, centre.usernames["admin"])
    bob = make_client(server, centre.usernames["office"], long_poll=20)

    async def scenario() -> int:
        assert await alice.engine.sync_once()
        assert await bob.engine.sync_once()
        before = feed_requests(server)
        bob.engine.start()
        for n in range(3):
            await delivered(alice, bob, centre.threads["sms"], f"Reply {n}")
        asked = feed_requests(server) - before
        await bob.engine.stop()
        return asked

    asked = run_async(scenario(), timeout=60)
    assert bob.engine.streaming
    # One catch-up pull as the engine starts; long-polling would have asked again per reply.
    assert asked <= 1


@pytest.mark.parametrize("opening_delay", [0.0, 0.5], ids=["open", "still-opening"])
def test_a_pull_asked_for_now_ends_the_stream_being_followed(
    opening_delay: float,
    server: ServerProcess,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sync now while a stream of minutes holds the feed: the pull happens now.

    "still-opening": the stream's thread is slow to send its request, so the first
    attempt to end it finds no connection to cut (the race CI met once).
    """
    alice = make_client(server, centre.usernames["admin"])
    bob = make_client(server, centre.usernames["office"], long_poll=20)
    api = bob.engine.connection
    follow_changes = api.follow_changes
    followed = threading.Event()

    def slow_to_open(*args: object, **kwargs: object) -> Generator[dict[str, object]]:
        followed.set()
        time.sleep(opening_delay)
        yield from follow_changes(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "follow_changes", slow_to_open)

    async def scenario() -> None:
        assert await alice.engine.sync_once()
        bob.engine.start()
        while not followed.is_set():
            await asyncio.sleep(0.01)
        message_id = queue_reply(alice.cache, centre.threads["sms"], "Sent before Sync now")
        assert await alice.engine.push_once() is not None
        assert await bob.engine.pull_once() is not None
        assert count_rows(bob.cache, "message", "id = ?", message_id) == 1
        # The engine follows the feed again after the pull.
        await delivered(alice, bob, centre.threads["sms"], "Sent after Sync now")
        await bob.engine.stop()

    run_async(scenario(), timeout=60)
    assert bob.engine.streaming


def test_a_stream_cut_by_a_restart_resumes_from_its_cursor(
    database_factory: Callable[[], str], make_client: MakeClient, run_async: Runner
) -> None:
    with run_server(database_factory()) as server:
        database = open_database(server.database_url)
        centre = make_centre(database)
        database.dispose()
        alice = make_client(server, centre.usernames["admin"])
        bob = make_client(server, centre.usernames["office"], long_poll=20)
        thread = centre.threads["sms"]

        async def scenario() -> list[str]:
            assert await alice.engine.sync_once()
            bob.engine.start()
            sent = [await delivered(alice, bob, thread, "Before the restart")]
            await asyncio.to_thread(server.restart)
            # Written while Bob's stream is down: it comes with the catch-up from his cursor.
            sent.append(await delivered(alice, bob, thread, "During the reconnect"))
            sent.append(await delivered(alice, bob, thread, "After the reconnect"))
            await bob.engine.stop()
            return sent

        sent = run_async(scenario(), timeout=120)
    assert bob.engine.streaming  # a dropped stream is followed again, not given up
    for message_id in sent:
        assert count_rows(bob.cache, "message", "id = ? AND version > 0", message_id) == 1
    assert count_rows(bob.cache, "message", "thread_id = ?", thread) == len(sent)


@pytest.mark.parametrize("refuse_streams", [True, False], ids=["refused", "held-back"])
def test_where_the_stream_cannot_pass_the_engine_long_polls(
    refuse_streams: bool,
    server: ServerProcess,
    centre: CentreIds,
    make_client: MakeClient,
    run_async: Runner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A proxy that answers 404 for the stream, or holds its events back until it ends."""
    # A stream of 2 s whose first page waits for its end is held back; 0.5 s says so.
    monkeypatch.setattr(follow_module, "HELD_BACK_SECONDS", 0.5)
    # The engine asks for streams of minutes: held back, the first page never comes,
    # and the read times out (3 s + the 2 s the server may stay quiet).
    monkeypatch.setattr(http_module, "READ_TIMEOUT", 3.0)
    with feed_proxy(server.url, refuse_streams=refuse_streams) as proxy:
        alice = make_client(server, centre.usernames["admin"])
        bob = make_client(Via(proxy.url), centre.usernames["office"], long_poll=2)

        async def scenario() -> None:
            assert await alice.engine.sync_once()
            bob.engine.start()
            await until(lambda: not bob.engine.streaming, bob.engine.state_changed, timeout=20)
            for n in range(2):
                await delivered(alice, bob, centre.threads["sms"], f"Through the proxy {n}")
            await bob.engine.stop()

        run_async(scenario(), timeout=60)
        assert proxy.streams == 1  # tried once, then long-polled


def test_a_stream_from_a_cursor_the_server_never_reached_says_refetch(
    server: ServerProcess, centre: CentreIds
) -> None:
    token = ServerApi(server.url).login(centre.usernames["admin"], PASSWORD)["token"]
    api = ServerApi(server.url, token)
    try:
        with pytest.raises(MustRefetch):
            next(api.follow_changes("999999999", limit=10, wait=1, quiet=1))
    finally:
        api.close()


def test_events_are_read_whole_however_the_body_is_cut() -> None:
    body = b': keep-alive\n\ndata: {"a": 1}\n\nevent: gone\ndata: x\r\ndata: y\r\n\r\ndata: cut'
    expected = [Event("message", b'{"a": 1}'), Event("gone", b"x\ny")]
    for size in range(1, len(body) + 1):
        pieces = iter([body[i : i + size] for i in range(0, len(body), size)])
        assert list(events(functools.partial(next, pieces, b""))) == expected, size
