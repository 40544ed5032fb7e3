"""The backend inside another process (the demo, client tests): uvicorn in a thread."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace

import uvicorn

from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.migrate import upgrade


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class EmbeddedServer:
    """A migrated server on loopback, serving from a background thread."""

    def __init__(self, settings: ServerSettings) -> None:
        if not settings.port:
            settings = replace(settings, port=free_port(settings.host))
        self.settings = settings
        self.url = f"http://{settings.host}:{settings.port}"
        config = uvicorn.Config(
            create_app(settings),
            host=settings.host,
            port=settings.port,
            log_level="warning",
            lifespan="on",
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="desk-server", daemon=True)

    def start(self, timeout: float = 20.0) -> EmbeddedServer:
        """Migrate, start serving, and return once the server accepts requests."""
        upgrade(self.settings.database_url)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the embedded server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        """Finish in-flight requests and stop."""
        self._server.should_exit = True
        self._thread.join(15)
