"""The loopback HTTP server under the Twilio and FCM doubles and the webhook sink.

A `ThreadingHTTPServer` on 127.0.0.1 with a port the OS picks, run in a thread; a
subclass answers each `Request` with a `Reply`, or with `DROP` to close the socket
without answering (a provider that crashed after doing the work). An exception inside
a double fails the test that started it, instead of vanishing into a thread.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Final, Self
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Request:
    """One request as the double saw it."""

    method: str
    target: str  # path and query, as on the request line
    path: str
    query: dict[str, str]
    headers: Message
    body: bytes

    def form(self) -> dict[str, str]:
        """The body as an `application/x-www-form-urlencoded` form (first values)."""
        parsed = parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
        return {name: values[0] for name, values in parsed.items()}

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


@dataclass(frozen=True)
class Reply:
    """What to answer: a JSON body unless `text` is given."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    content_type: str = "application/json"
    raw: bytes | None = None  # a body of bytes as they are (a photo)


DROP: Final = object()
"""Answer nothing and close the connection."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real providers speak
    timeout = 5  # an idle keep-alive connection must not outlive the test for long
    disable_nagle_algorithm = True  # headers and body go out in two writes; no 40 ms stall
    server: _Server

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the doubles record what matters."""

    def _dispatch(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        url = urlsplit(self.path)
        query = {name: values[0] for name, values in parse_qs(url.query).items()}
        request = Request(self.command, self.path, url.path, query, self.headers, body)
        answer = self.server.double.handle(request)
        if answer is DROP:
            self.close_connection = True
            return
        assert isinstance(answer, Reply)
        if answer.raw is not None:
            payload = answer.raw
        elif answer.text is not None:
            payload = answer.text.encode()
        else:
            payload = json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, double: HttpDouble) -> None:
        self.double = double
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client hanging up is the client's business; anything else is a bug here.
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError | TimeoutError):
            self.double.errors.append(error)


class HttpDouble:
    """Base of the HTTP doubles: start, stop, and the URL to point an adapter at."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.errors: list[BaseException | None] = []
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>` while running."""
        assert self._server is not None, "the double is not running"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def handle(self, request: Request) -> Reply | object:
        """Answer one request; runs on the server's handler threads."""
        raise NotImplementedError

    def start(self) -> Self:
        """Listen on a free loopback port."""
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=type(self).__name__,
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening; raise what went wrong inside, if anything did."""
        if self._server is not None and self._thread is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
        self._server = self._thread = None
        if self.errors:
            raise AssertionError(f"{type(self).__name__} failed inside: {self.errors!r}")

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
