"""Running the hosted backend as a process: migrate, then serve with uvicorn."""

from __future__ import annotations

import uvicorn

from desk.server.app import create_app
from desk.server.config import ServerSettings
from desk.server.logs import configure_logging
from desk.server.migrate import upgrade


def serve(settings: ServerSettings, *, migrate: bool = True) -> None:
    """Serve until SIGINT/SIGTERM; uvicorn finishes in-flight requests first."""
    log_config = configure_logging(settings.log_format)
    if migrate:
        upgrade(settings.database_url)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        log_config=log_config,
        timeout_graceful_shutdown=10,
    )
