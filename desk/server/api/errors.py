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
        log.warning("transient database error: %s", error)
        return _answer(503, "the database is busy; try again shortly", {"Retry-After": "1"})

    @app.exception_handler(DBAPIError)
    async def _database(_: Request, error: DBAPIError) -> JSONResponse:
        log.error("database refused a request: %s", error)
        return _answer(400, "the request could not be stored: it conflicts with existing data")
