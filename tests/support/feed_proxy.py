"""A reverse proxy on loopback that will not stream: it refuses or buffers the feed's stream.

Stands in for what sits between some offices and their server: an older server
without `/changes/stream` behind a proxy that says 404, or a proxy that reads
each answer whole before passing it on, which holds a stream's events back until
the stream ends. Everything else is relayed as it is, so sync keeps working.
"""

from __future__ import annotations

import contextlib
import http.client
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

RELAYED_HEADERS = ("Authorization", "Content-Type", "Accept")


class FeedProxy:
    """A running proxy in front of one server; `streams` counts stream requests seen."""

    def __init__(self, upstream: str, *, refuse_streams: bool) -> None:
        parts = urlsplit(upstream)
        assert parts.hostname
        assert parts.port
        self.upstream = (parts.hostname, parts.port)
        self.refuse_streams = refuse_streams
        self.streams = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True

    @property
    def url(self) -> str:
        """Where clients reach the proxy."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def serve(self) -> None:
        """Serve in a background thread until `close`."""
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._relay()

            def do_POST(self) -> None:
                self._relay()

            def log_message(self, format: str, *args: object) -> None:
                pass  # the test's output stays readable

            def _relay(self) -> None:
                if "/changes/stream" in self.path:
                    with proxy._lock:
                        proxy.streams += 1
                    if proxy.refuse_streams:
                        self._answer(404, "application/json", b'{"detail":"Not Found"}')
                        return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k in RELAYED_HEADERS if (v := self.headers.get(k))}
                upstream = http.client.HTTPConnection(*proxy.upstream, timeout=120)
                try:
                    upstream.request(self.command, self.path, body, headers)
                    answer = upstream.getresponse()
                    content = answer.read()  # the whole answer first: a buffering proxy
                    kind = answer.getheader("Content-Type") or "application/octet-stream"
                    self._answer(answer.status, kind, content)
                finally:
                    upstream.close()

            def _answer(self, status: int, kind: str, content: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

        return Handler


@contextlib.contextmanager
def feed_proxy(upstream: str, *, refuse_streams: bool) -> Iterator[FeedProxy]:
    """A proxy before `upstream` for the block: refusing streams, or buffering them."""
    proxy = FeedProxy(upstream, refuse_streams=refuse_streams)
    proxy.serve()
    try:
        yield proxy
    finally:
        proxy.close()
