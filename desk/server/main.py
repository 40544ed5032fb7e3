"""Running the hosted backend as a process: migrate, then serve with uvicorn."""

from __future__ import annotations

import logging

import uvicorn

from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.migrate import upgrade


def serve(settings: ServerSettings, *, migrate: bool = True) -> None:
    """Serve until SIGINT/SIGTERM; uvicorn finishes in-flight requests first."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if migrate:
        upgrade(settings.database_url)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        timeout_graceful_shutdown=10,
    )
