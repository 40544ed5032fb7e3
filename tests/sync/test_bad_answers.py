"""Malformed server answers are reported as sync errors and leave the cache untouched."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.models.apply import apply_page, read_cursor
from desk.models.cache import Cache, open_cache
from desk.sync.errors import BadAnswer, Offline, ServerUnavailable, SyncError, Unauthorized
from desk.sync.http import ServerApi
from desk.sync.pull import pull
from tests.support.cache_checks import count_rows

GOOD_PAGE = {
    "cursor": "3",
    "has_more": False,
    "version": 3,
    "last_seq": None,
    "tables": [
        {
            "name": "family",
            "columns": ["id", "version", "deleted", "name", "notes"],
            "rows": [["f1", 3, False, "Diaz", ""]],
        }
    ],
}
ANSWERS: dict[str, tuple[int, str, bytes]] = {
    "truncated": (200, "application/json", b'{"cursor": "9", "has_more": fal'),
    "html": (200, "text/html", b"<html><body>Gateway login</body></html>"),
    "garbage": (200, "application/json", b"\x00\xff\x13garbage"),
    "wrong_types": (
        200,
        "application/json",
        b'{"cursor": 9, "has_more": "no", "version": "x", "tables": {}}',
    ),
    "bad_row": (
        200,
        "application/json",
        b'{"cursor": "9", "has_more": false, "version": 9, "last_seq": null, "tables":'
        b' [{"name": "family", "columns": ["id", "version", "deleted", "name"],'
        b' "rows": [["f2", 9, false]]}]}',
    ),
    "array": (200, "application/json", b"[1, 2, 3]"),
    "proxy_error": (502, "text/html", b"<h1>502 Bad Gateway</h1>"),
    "unauthorized": (401, "application/json", b'{"detail": "sign in again"}'),
    "disk_full": (507, "application/json", b'{"detail": "The server\'s disk is full"}'),
}
EXPECTED: dict[str, type[SyncError]] = {
    "truncated": BadAnswer,
    "html": BadAnswer,
    "garbage": BadAnswer,
    "wrong_types": BadAnswer,
    "bad_row": BadAnswer,
    "array": BadAnswer,
    "proxy_error": ServerUnavailable,
    "unauthorized": Unauthorized,
    "disk_full": ServerUnavailable,
}


class _BadServer(http.server.ThreadingHTTPServer):
    """A loopback server answering whatever the test sets as `answer`."""

    answer: tuple[int, str, bytes] = (200, "application/json", b"{}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


class _Misbehaving(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        assert isinstance(self.server, _BadServer)
        status, kind, body = self.server.answer
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def bad_server() -> Iterator[_BadServer]:
    """A `_BadServer` on a free loopback port, serving from a thread of its own."""
    server = _BadServer(("127.0.0.1", 0), _Misbehaving)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def filled_cache(tmp_path: Path) -> Iterator[Cache]:
    cache = open_cache(tmp_path / "cache.db")
    apply_page(cache, GOOD_PAGE)
    yield cache
    cache.close()


@pytest.mark.parametrize("kind", sorted(ANSWERS))
def test_a_bad_answer_is_a_sync_error_and_changes_nothing(
    bad_server: _BadServer, filled_cache: Cache, kind: str
) -> None:
    bad_server.answer = ANSWERS[kind]
    api = ServerApi(bad_server.url, "token")
    with pytest.raises(EXPECTED[kind]) as raised:
        pull(api, filled_cache)
    api.close()
    assert str(raised.value)
    assert read_cursor(filled_cache) == "3"
    assert count_rows(filled_cache, "family") == 1


def test_a_dropped_connection_is_offline_and_changes_nothing(filled_cache: Cache) -> None:
    from tests.support.net import free_port

    api = ServerApi(f"http://127.0.0.1:{free_port()}", "token")
    with pytest.raises(Offline, match="cannot reach the server"):
        pull(api, filled_cache, wait=5)
    api.close()
    assert read_cursor(filled_cache) == "3"


def test_a_server_that_keeps_answering_410_is_refetched_once_then_reported(
    filled_cache: Cache,
) -> None:
    """Regression: every 410 restarted the pull recursively, until RecursionError."""
    from desk.sync.errors import MustRefetch

    class Always410(ServerApi):
        calls = 0

        def changes(self, *_args: object, **_kwargs: object) -> dict[str, object]:
            self.calls += 1
            raise MustRefetch(410, "your access changed since the last sync")

    api = Always410("http://127.0.0.1:9")
    with pytest.raises(MustRefetch):
        pull(api, filled_cache)
    api.close()
    assert api.calls == 2


def test_a_server_error_with_a_reason_shows_the_reason(
    bad_server: _BadServer, filled_cache: Cache
) -> None:
    bad_server.answer = ANSWERS["disk_full"]
    api = ServerApi(bad_server.url, "token")
    with pytest.raises(ServerUnavailable, match=r"^The server's disk is full; retrying$"):
        pull(api, filled_cache)
    bad_server.answer = ANSWERS["proxy_error"]
    with pytest.raises(ServerUnavailable, match=r"HTTP 502"):
        pull(api, filled_cache)
    api.close()
