"""The keep-alive transport (urllib3) against real sockets on loopback.

Tested alone and as the client's round trip uses it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.net.keepalive import ConnectFailed, ExchangeFailed, KeepAlive, TlsSettingsError
from desk.sync.errors import Cancelled, Offline, StreamRefused
from desk.sync.http import ServerApi
from tests.support.http_peer import ANSWER, MakePeer, http_peers, self_signed_tls


@pytest.fixture
def make_peer() -> Iterator[MakePeer]:
    with http_peers() as make:
        yield make


def _transport(url: str, ca_file: str | None = None) -> KeepAlive:
    return KeepAlive(url, {}, connect_timeout=2, read_timeout=5, ca_file=ca_file)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_one_connection_serves_many_calls(make_peer: MakePeer) -> None:
    server = make_peer(100)
    transport = _transport(server.url)
    try:
        for _ in range(5):
            reply = transport.request("POST", "/commands", b"{}", resend_if_stale=False)
            assert (reply.status_code, reply.content) == (200, ANSWER)
            assert reply.content_type == "application/json"
    finally:
        transport.close()
    assert server.connections == 1


def test_threads_calling_at_once_share_the_pool(make_peer: MakePeer) -> None:
    server = make_peer(100)
    transport = _transport(server.url)
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def call() -> None:
        barrier.wait()
        for _ in range(5):
            reply = transport.request("GET", "/changes", resend_if_stale=True)
            statuses.append(reply.status_code)

    threads = [threading.Thread(target=call) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        transport.close()
    assert statuses == [200] * 20
    assert server.connections <= 4  # each kept and reused, never one per call


def test_a_connection_the_server_closed_while_idle_is_replaced(make_peer: MakePeer) -> None:
    server = make_peer(1, hang_up_silently=True)
    transport = _transport(server.url)
    try:
        assert transport.request("GET", "/changes", resend_if_stale=False).status_code == 200
        assert server.hung_up.wait(5)  # closed while idle, before the next request
        assert transport.request("GET", "/changes", resend_if_stale=False).status_code == 200
    finally:
        transport.close()
    assert (server.connections, server.requests) == (2, 2)


def test_a_request_the_server_hangs_up_on_is_sent_again_once(make_peer: MakePeer) -> None:
    # The server keeps the connection open but drops it when the next request arrives:
    # the request cannot have been answered, and the push is safe to repeat.
    server = make_peer(1)
    api = ServerApi(server.url, "token")
    try:
        assert api.push("client", [])["version"] == 1
        assert api.push("client", [])["version"] == 1
    finally:
        api.close()
    assert (server.connections, server.requests) == (2, 2)


def test_a_request_that_must_not_be_repeated_is_not(make_peer: MakePeer) -> None:
    # A text message: the caller reconciles with the provider instead of resending.
    server = make_peer(1)
    transport = _transport(server.url)
    try:
        transport.request("POST", "/Messages.json", b"To=1", resend_if_stale=False)
        with pytest.raises(ExchangeFailed):
            transport.request("POST", "/Messages.json", b"To=1", resend_if_stale=False)
    finally:
        transport.close()
    assert (server.connections, server.requests) == (1, 1)
    assert len(server.heads) == 2  # the second request did go out


def test_a_refused_connection_says_nothing_was_sent() -> None:
    transport = _transport(f"http://127.0.0.1:{_closed_port()}")
    try:
        with pytest.raises(ConnectFailed):
            transport.request("POST", "/Messages.json", b"To=1", resend_if_stale=False)
    finally:
        transport.close()


def test_no_server_is_offline() -> None:
    api = ServerApi(f"http://127.0.0.1:{_closed_port()}", "token")
    try:
        with pytest.raises(Offline, match="cannot reach the server"):
            api.push("client", [])
    finally:
        api.close()


def test_an_untrusted_certificate_fails_before_anything_is_sent(
    make_peer: MakePeer, tmp_path: Path
) -> None:
    context, _ = self_signed_tls(tmp_path)
    server = make_peer(100, tls=context)
    transport = _transport(f"https://127.0.0.1:{server.port}")  # the system's CAs
    try:
        with pytest.raises(ConnectFailed, match="certificate"):
            transport.request("POST", "/Messages.json", b"To=1", resend_if_stale=False)
    finally:
        transport.close()
    assert server.heads == []


def test_a_trusted_certificate_is_accepted(make_peer: MakePeer, tmp_path: Path) -> None:
    context, ca_file = self_signed_tls(tmp_path)
    server = make_peer(100, tls=context)
    transport = _transport(f"https://127.0.0.1:{server.port}", ca_file=str(ca_file))
    try:
        for _ in range(3):
            reply = transport.request("GET", "/changes", resend_if_stale=True)
            assert (reply.status_code, reply.content) == (200, ANSWER)
    finally:
        transport.close()
    assert server.connections == 1


def test_an_unreadable_ca_bundle_fails_the_call_not_the_construction(tmp_path: Path) -> None:
    transport = _transport("https://127.0.0.1:9", ca_file=str(tmp_path / "missing.pem"))
    try:
        with pytest.raises(TlsSettingsError, match=r"missing\.pem\) cannot be read"):
            transport.request("GET", "/", resend_if_stale=True)
    finally:
        transport.close()


def test_abort_ends_a_request_waiting_for_its_answer(make_peer: MakePeer) -> None:
    server = make_peer(1, silent=True)
    transport = _transport(server.url)
    failures: list[BaseException] = []

    def wait() -> None:
        try:
            transport.request("GET", "/changes?wait=25", resend_if_stale=True, read_timeout=60)
        except BaseException as error:  # handed to the test thread
            failures.append(error)

    waiter = threading.Thread(target=wait)
    waiter.start()
    try:
        assert server.received.wait(5)
        transport.abort()
        waiter.join(10)
        assert not waiter.is_alive()
        assert [type(f) for f in failures] in ([ExchangeFailed], [ConnectFailed])
        transport.resume()
        server.release.set()
    finally:
        transport.close()


def test_cancel_waits_ends_a_long_poll_with_cancelled(make_peer: MakePeer) -> None:
    server = make_peer(1, silent=True)
    api = ServerApi(server.url, "token")
    failures: list[BaseException] = []

    def poll() -> None:
        try:
            api.changes("0", limit=10, wait=25)
        except BaseException as error:  # handed to the test thread
            failures.append(error)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        assert server.received.wait(5)
        api.cancel_waits()
        poller.join(10)
        assert not poller.is_alive()
        assert [type(f) for f in failures] == [Cancelled]
        with pytest.raises(Cancelled):  # until sync starts again
            api.changes("0", limit=10, wait=25)
    finally:
        api.close()


def test_a_long_poll_after_allow_waits_reaches_the_server(make_peer: MakePeer) -> None:
    server = make_peer(100)
    api = ServerApi(server.url, "token")
    try:
        api.cancel_waits()
        api.allow_waits()
        assert api.changes("0", limit=10, wait=25)["version"] == 1
    finally:
        api.close()


def test_an_answer_opened_and_read_to_its_end_gives_its_connection_back(
    make_peer: MakePeer,
) -> None:
    server = make_peer(100)
    transport = _transport(server.url)
    try:
        streamed = transport.open("/changes/stream")
        pieces = []
        while piece := streamed.read_some():
            pieces.append(piece)
        streamed.close()
        assert (streamed.status_code, b"".join(pieces)) == (200, ANSWER)
        assert transport.request("GET", "/changes", resend_if_stale=True).content == ANSWER
    finally:
        transport.close()
    assert server.connections == 1


def test_cancel_waits_ends_a_stream_with_cancelled(make_peer: MakePeer) -> None:
    server = make_peer(1, silent=True)
    api = ServerApi(server.url, "token")
    failures: list[BaseException] = []

    def follow() -> None:
        try:
            next(api.follow_changes("0", limit=10, wait=25, quiet=25))
        except BaseException as error:  # handed to the test thread
            failures.append(error)

    follower = threading.Thread(target=follow)
    follower.start()
    try:
        assert server.received.wait(5)
        api.cancel_waits()
        follower.join(10)
        assert not follower.is_alive()
        assert [type(f) for f in failures] == [Cancelled]
    finally:
        api.close()


def test_a_server_answering_the_stream_with_json_is_long_polled_instead(
    make_peer: MakePeer,
) -> None:
    """A server (or proxy) that answers the stream's path as a plain JSON request."""
    server = make_peer(100)
    api = ServerApi(server.url, "token")
    try:
        with pytest.raises(StreamRefused):
            next(api.follow_changes("0", limit=10, wait=25, quiet=25))
        assert api.changes("0", limit=10, wait=25)["version"] == 1
    finally:
        api.close()
