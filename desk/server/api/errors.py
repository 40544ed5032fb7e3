"""Every failure answered with a status that tells the client what to do, never a 500.

`detail` is always a sentence a person can read; clients show it as it is.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError

from desk.core.permissions import PermissionDenied
from desk.server.commands.batch import ClientMismatch, CommandConflict
from desk.server.commands.registry import CommandRefused, NotFound
from desk.server.db import is_disk_full
from desk.server.feed import BadCursor, CursorAhead
from desk.server.principal import NotAuthenticated

log = logging.getLogger(__name__)


def _answer(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Map domain and infrastructure errors to HTTP answers."""

    @app.exception_handler(NotAuthenticated)
    async def _unauthenticated(_: Request, error: NotAuthenticated) -> JSONResponse:
        return _answer(401, str(error), {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(PermissionDenied)
    async def _forbidden(_: Request, error: PermissionDenied) -> JSONResponse:
        return _answer(403, str(error))

    @app.exception_handler(ClientMismatch)
    async def _foreign_client(_: Request, error: ClientMismatch) -> JSONResponse:
        return _answer(403, str(error))

    @app.exception_handler(CommandConflict)
    async def _conflict(_: Request, error: CommandConflict) -> JSONResponse:
        return _answer(422, str(error))

    @app.exception_handler(CommandRefused)
    async def _refused(_: Request, error: CommandRefused) -> JSONResponse:
        return _answer(404 if isinstance(error, NotFound) else 409, str(error))

    @app.exception_handler(BadCursor)
    async def _bad_cursor(_: Request, error: BadCursor) -> JSONResponse:
        return _answer(400, str(error))

    @app.exception_handler(CursorAhead)
    async def _cursor_ahead(_: Request, error: CursorAhead) -> JSONResponse:
        return _answer(410, f"{error}: sync again from the start")

    @app.exception_handler(OperationalError)
    async def _transient(_: Request, error: OperationalError) -> JSONResponse:
        if is_disk_full(error):
            return _disk_full(error)
        log.warning("transient database error: %s", error)
        return _answer(503, "the database is busy; try again shortly", {"Retry-After": "1"})

    @app.exception_handler(DBAPIError)
    async def _database(_: Request, error: DBAPIError) -> JSONResponse:
        log.error("database refused a request: %s", error)
        return _answer(400, "the request could not be stored: it conflicts with existing data")


def _disk_full(error: OperationalError) -> JSONResponse:
    """507 Insufficient Storage: the database's disk is full; nothing was written.

    Not 503 with Retry-After: that promises the problem passes by itself in a
    moment, and a load balancer may take it as "this node is unwell" and retry
    elsewhere, but every node shares the one full database. Space only returns
    when someone frees it, so 507 names the cause for operators and monitoring.
    Clients treat every 5xx as retryable with their own capped backoff and keep
    their commands queued; the failed command's transaction was rolled back
    (command log and sequence number included), so the retry applies it once.
    """
    log.error("the database's disk is full; the request was not saved", exc_info=error)
    return _answer(
        507,
        "the server's disk is full, so nothing of this request was saved; "
        "try again once space has been freed on the server",
    )
