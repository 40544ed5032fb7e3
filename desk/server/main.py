"""Running the hosted backend as a process: migrate, then serve with uvicorn.

`serve` runs one process; with `processes > 1` uvicorn's supervisor forks that many
server processes on one listening socket and restarts any that dies. They share
nothing in memory: every process LISTENs on PostgreSQL for the commits of the others
(`desk.server.notify`) and claims delivery jobs with `SKIP LOCKED`, which is why
several processes need PostgreSQL. On SQLite a write in one process could not wake a
long-poll held by another, so more than one process is refused there.
"""

from __future__ import annotations

import os
from dataclasses import fields

import uvicorn
from fastapi import FastAPI

from desk.server.app import create_app
from desk.server.config import FILE_ONLY, ServerSettings
from desk.server.heap import settle_after_startup
from desk.server.logs import configure_logging
from desk.server.migrate import upgrade


class ProcessesRefused(ValueError):
    """More than one server process was asked for where they cannot work together."""


def check_processes(settings: ServerSettings, processes: int) -> None:
    """Refuse a process count the database cannot serve.

    Raises:
        ProcessesRefused: fewer than one process, or several on SQLite.
    """
    if processes < 1:
        raise ProcessesRefused(f"--processes must be 1 or more, not {processes}")
    if processes > 1 and not settings.database_url.startswith("postgresql"):
        raise ProcessesRefused(
            "several server processes need PostgreSQL: on SQLite a change written by one "
            "process cannot wake the clients waiting on another, and SQLite serialises "
            "every write anyway. Run one process (--processes 1), or set "
            "DESK_DATABASE_URL=postgresql+psycopg://..."
        )


def serve(settings: ServerSettings, *, migrate: bool = True, processes: int = 1) -> None:
    """Serve until SIGINT/SIGTERM; uvicorn finishes in-flight requests first.

    Migrations run once, here, before any process serves; the processes then only
    check readiness against them.

    Raises:
        ProcessesRefused: see `check_processes`.
    """
    check_processes(settings, processes)
    log_config = configure_logging(settings.log_format)
    if migrate:
        upgrade(settings.database_url)
    several = processes > 1
    if several:
        # The processes are started afresh (spawned) and read their settings from the
        # environment: hand them exactly the ones resolved here, options included.
        os.environ.update(settings_environment(settings))
    uvicorn.run(
        f"{__name__}:app_from_environment" if several else _built(create_app(settings)),
        factory=several,
        workers=processes if several else None,
        host=settings.host,
        port=settings.port,
        log_level="info",
        log_config=log_config,
        timeout_graceful_shutdown=10,
    )


def settings_environment(settings: ServerSettings) -> dict[str, str]:
    """`DESK_*` variables that make `ServerSettings.load()` give back `settings`.

    The tables of the `DESK_CONFIG` file (`FILE_ONLY`) are left to be read
    from that file again: the variable naming it is inherited.
    """
    return {
        f"DESK_{spec.name.upper()}": str(getattr(settings, spec.name))
        for spec in fields(settings)
        if spec.name not in FILE_ONLY
    }


def app_from_environment() -> FastAPI:
    """The app of one of several server processes (uvicorn calls it in each)."""
    return _built(create_app(ServerSettings.load()))


def _built(app: FastAPI) -> FastAPI:
    """`app`, with the process's startup heap frozen (`desk.server.heap`)."""
    settle_after_startup()
    return app
