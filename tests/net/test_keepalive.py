"""The keep-alive transport against real sockets on loopback, alone and as the
client's round trip uses it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from desk.net.keepalive import ConnectFailed, KeepAlive
from desk.sync.errors import Offline
from desk.sync.http import ServerApi

ANSWER = b'{"results": [], "last_seq": 0, "version": 1}'


@dataclass
class _Server:
    """An HTTP/1.1 server that answers each connection's first `answers` requests and
    then hangs up on it, as a server does when a kept connection times out."""

    answers: int
    hang_up_silently: bool  # close after answering, or only when the next request comes
    listener: socket.socket = field(default_factory=socket.socket)
    connections: int = 0
    requests: int = 0
    hung_up: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._talk, args=(client,), daemon=True).start()

    def _talk(self, client: socket.socket) -> None:
        try:
            self._answer(client)
        finally:
            client.close()
            self.hung_up.set()

    def _answer(self, client: socket.socket) -> None:
        reader = client.makefile("rb")
        for n in range(self.answers + 1):
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                line = reader.readline()
                if not line:
                    return
                head += line
            length = next(
                (
                    int(h.split(b":")[1])
                    for h in head.split(b"\r\n")
                    if h.lower().startswith(b"content-length")
                ),
                0,
            )
            reader.read(length)
            if n == self.answers:
                return  # a request on a connection we meant to close: hang up
            self.requests += 1
            client.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(ANSWER)}\r\n\r\n".encode()
                + ANSWER
            )
            if n + 1 == self.answers and self.hang_up_silently:
                return


@pytest.fixture
def make_server() -> Iterator[type[_Server]]:
    started: list[_Server] = []

    def make(answers: int, *, hang_up_silently: bool) -> _Server:
        server = _Server(answers, hang_up_silently)
        server.listener.bind(("127.0.0.1", 0))
        server.listener.listen()
        threading.Thread(target=server.serve, daemon=True).start()
        started.append(server)
        return server

    yield make  # type: ignore[misc]
    for server in started:
        server.listener.close()


def _transport(url: str) -> KeepAlive:
    return KeepAlive(url, {}, connect_timeout=2, read_timeout=5, ca_file=None)


def test_one_connection_serves_many_calls(make_server: type[_Server]) -> None:
    server = make_server(100, hang_up_silently=False)
    transport = _transport(server.url)
    try:
        for _ in range(5):
            reply = transport.request("POST", "/commands", b"{}", resend_if_stale=False)
            assert (reply.status_code, reply.content) == (200, ANSWER)
            assert reply.content_type == "application/json"
    finally:
        transport.close()
    assert server.connections == 1


def test_a_connection_the_server_closed_while_idle_is_replaced(
    make_server: type[_Server],
) -> None:
    server = make_server(1, hang_up_silently=True)
    transport = _transport(server.url)
    try:
        assert transport.request("GET", "/changes", resend_if_stale=False).status_code == 200
        assert server.hung_up.wait(5)  # closed while idle, before the next request
        assert transport.request("GET", "/changes", resend_if_stale=False).status_code == 200
    finally:
        transport.close()
    assert (server.connections, server.requests) == (2, 2)


def test_a_request_the_server_hangs_up_on_is_sent_again_once(
    make_server: type[_Server],
) -> None:
    # The server keeps the connection open but drops it when the next request arrives:
    # the request cannot have been answered, and the push is safe to repeat.
    server = make_server(1, hang_up_silently=False)
    api = ServerApi(server.url, "token")
    try:
        assert api.push("client", [])["version"] == 1
        assert api.push("client", [])["version"] == 1
    finally:
        api.close()
    assert (server.connections, server.requests) == (2, 2)


def test_a_request_that_must_not_be_repeated_is_not(make_server: type[_Server]) -> None:
    # A text message: the caller reconciles with the provider instead of resending.
    server = make_server(1, hang_up_silently=False)
    transport = _transport(server.url)
    try:
        transport.request("POST", "/Messages.json", b"To=1", resend_if_stale=False)
        with pytest.raises(ConnectionError):
            transport.request("POST", "/Messages.json", b"To=1", resend_if_stale=False)
    finally:
        transport.close()
    assert (server.connections, server.requests) == (1, 1)


def test_a_refused_connection_says_nothing_was_sent() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    transport = _transport(f"http://127.0.0.1:{port}")
    try:
        with pytest.raises(ConnectFailed):
            transport.request("POST", "/Messages.json", b"To=1", resend_if_stale=False)
    finally:
        transport.close()


def test_no_server_is_offline() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    api = ServerApi(f"http://127.0.0.1:{port}", "token")
    try:
        with pytest.raises(Offline, match="cannot reach the server"):
            api.push("client", [])
    finally:
        api.close()


def test_behind_a_proxy_the_calls_go_through_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    api = ServerApi("http://desk.centre.test", "token")
    try:
        assert api._keepalive is None
        with pytest.raises(Offline):  # the proxy is not there: refused, as requests says
            api.push("client", [])
    finally:
        api.close()
