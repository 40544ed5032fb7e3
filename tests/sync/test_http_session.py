"""The client's HTTP calls take proxy and CA settings from the environment, once.

Every call honours them: the round trip, the long-poll and the rest alike.

Checked on the wire: a loopback peer stands in for the proxy or the TLS server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.sync.errors import Offline
from desk.sync.http import ServerApi
from tests.support.http_peer import MakePeer, http_peers, self_signed_tls


@pytest.fixture
def make_peer() -> Iterator[MakePeer]:
    with http_peers() as make:
        yield make


@pytest.fixture(autouse=True)
def _no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)


def test_a_proxy_from_the_environment_is_used(
    make_peer: MakePeer, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = make_peer(100)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    api = ServerApi("http://desk.centre.test", "token")
    try:
        assert api.push("client", [])["version"] == 1
        assert api.changes("0", limit=10)["version"] == 1
        assert api.me()["version"] == 1
    finally:
        api.close()
    request_lines = [head.split(b"\r\n")[0] for head in proxy.heads]
    assert request_lines == [
        b"POST http://desk.centre.test/api/v1/commands HTTP/1.1",
        b"GET http://desk.centre.test/api/v1/changes?after=0&limit=10&wait=0 HTTP/1.1",
        b"GET http://desk.centre.test/api/v1/auth/me HTTP/1.1",
    ]
    assert proxy.connections == 1  # kept between calls


def test_a_long_poll_goes_through_the_proxy(
    make_peer: MakePeer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: the long-poll goes through the proxy the environment names.

    It opened its own `http.client` connection straight to the server, so behind a
    proxy the office never heard of changes until the next poll timed out.
    """
    proxy = make_peer(100)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    api = ServerApi("http://desk.centre.test", "token")
    try:
        assert api.changes("0", limit=10, wait=20)["version"] == 1
    finally:
        api.close()
    assert proxy.heads[0].startswith(b"GET http://desk.centre.test/api/v1/changes?")


def test_an_https_server_is_reached_through_a_tunnel(
    make_peer: MakePeer, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = make_peer(1, hang_up_silently=True)  # answers CONNECT, then hangs up
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    api = ServerApi("https://desk.centre.test")
    try:
        with pytest.raises(Offline, match="cannot reach the server"):
            api.push("client", [])
    finally:
        api.close()
    assert proxy.heads[0].startswith(b"CONNECT desk.centre.test:443 HTTP/1.")


def test_no_proxy_keeps_the_server_direct(
    make_peer: MakePeer, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy, server = make_peer(100), make_peer(100)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    api = ServerApi(server.url, "token")
    try:
        assert api.push("client", [])["version"] == 1
    finally:
        api.close()
    assert (proxy.heads, len(server.heads)) == ([], 1)


def test_a_ca_bundle_from_the_environment_is_trusted(
    make_peer: MakePeer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    context, ca_file = self_signed_tls(tmp_path)
    server = make_peer(100, tls=context)
    url = f"https://127.0.0.1:{server.port}"
    untrusting = ServerApi(url, "token")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    trusting = ServerApi(url, "token")
    try:
        with pytest.raises(Offline):  # certifi's bundle does not know this certificate
            untrusting.push("client", [])
        assert trusting.push("client", [])["version"] == 1
        assert trusting.me()["version"] == 1
    finally:
        untrusting.close()
        trusting.close()
    assert len(server.heads) == 2


def test_a_long_poll_trusts_the_ca_bundle_too(
    make_peer: MakePeer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: the long-poll trusts the certificate authority the environment names.

    It made its own TLS connection with the system's certificates, so with a
    centre's own certificate authority it never connected.
    """
    context, ca_file = self_signed_tls(tmp_path)
    server = make_peer(100, tls=context)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    api = ServerApi(f"https://127.0.0.1:{server.port}", "token")
    try:
        assert api.changes("0", limit=10, wait=20)["version"] == 1
    finally:
        api.close()


def test_an_unreadable_ca_bundle_fails_the_call_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/ca.pem")
    api = ServerApi("https://127.0.0.1:9")  # made without complaint: the app starts
    try:
        with pytest.raises(Offline, match=r"/nonexistent/ca\.pem\) cannot be read"):
            api.push("client", [])
        with pytest.raises(Offline, match=r"/nonexistent/ca\.pem\) cannot be read"):
            api.changes("0", limit=10, wait=20)
    finally:
        api.close()
