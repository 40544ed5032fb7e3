"""Loopback networking helpers for tests."""

from __future__ import annotations

import socket


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on `host` that nothing listened on a moment ago.

    The port is only free when this returns: another process may take it before the
    caller binds it. `tests.support.server_process.run_server` retries with a new port when
    that happens, so callers that start servers through it need not care.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port
