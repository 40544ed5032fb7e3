"""The client's HTTP session takes proxy and CA settings from the environment, once."""

from __future__ import annotations

import pytest

from desk.sync.errors import Offline
from desk.sync.http import ServerApi


def test_a_proxy_from_the_environment_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.centre.test:3128")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    api = ServerApi("https://desk.centre.test")
    try:
        assert api._http.proxies["https"] == "http://proxy.centre.test:3128"
        assert api._http.trust_env is False  # the environment is not read per request
    finally:
        api.close()


def test_no_proxy_keeps_the_server_direct(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.centre.test:3128")
    monkeypatch.setenv("NO_PROXY", "desk.centre.test")
    api = ServerApi("https://desk.centre.test")
    try:
        assert "https" not in api._http.proxies
    finally:
        api.close()


def test_a_ca_bundle_from_the_environment_is_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/centre/ca.pem")
    api = ServerApi("https://desk.centre.test")
    try:
        assert api._http.verify == "/etc/centre/ca.pem"
    finally:
        api.close()


def test_an_unreadable_ca_bundle_fails_the_call_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/ca.pem")
    api = ServerApi("https://127.0.0.1:9")  # made without complaint: the app starts
    try:
        with pytest.raises(Offline, match=r"/nonexistent/ca\.pem\) cannot be read"):
            api.push("client", [])
    finally:
        api.close()
