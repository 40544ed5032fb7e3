"""Every failure answered with a status that tells the client what to do, never a 500.

`detail` is always a sentence a person can read; clients show it as it is. It never
echoes what the caller sent as it was sent: input may hold a NUL, an unpaired
surrogate or a NaN, which JSON cannot carry, and the answer would fail while being
written (issue 12 item 13).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.types import ASGIApp, Receive, Scope, Send

from desk.core.permissions import PermissionDenied
from desk.core.text import printable
from desk.core.user_errors import WordedError
from desk.core.worded_wire import to_wire
from desk.server.commands.batch import ClientMismatch, CommandConflict
from desk.server.commands.registry import CommandRefused, NotFound
from desk.server.db import is_disk_full
from desk.server.feed import BadCursor, CursorAhead
from desk.server.principal import NotAuthenticated
from desk.server.throttle import TooManyAttempts

log = logging.getLogger(__name__)

MAX_DETAIL = 500


def describe_errors(errors: Sequence[Any]) -> str:
    """One sentence from pydantic's errors: where each problem is and what it is."""
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return printable("; ".join(parts) or "the request is malformed", MAX_DETAIL)


def _answer(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"detail": printable(detail, MAX_DETAIL)}, status_code=status, headers=headers
    )


def _worded_answer(status: int, error: WordedError) -> JSONResponse:
    """`detail` in English, and `reason` for a client to word it in its user's language."""
    return JSONResponse(
        {"detail": printable(str(error), MAX_DETAIL), "reason": to_wire(error)},
        status_code=status,
    )


def install_error_handlers(app: FastAPI) -> None:
    """Map domain and infrastructure errors to HTTP answers."""

    @app.exception_handler(RequestValidationError)
    async def _malformed(_: Request, error: RequestValidationError) -> JSONResponse:
        return _answer(422, describe_errors(error.errors()))

    @app.exception_handler(UnicodeError)
    async def _not_unicode(_: Request, error: UnicodeError) -> JSONResponse:
        # A safety net: text is checked where it arrives (`desk.core.text`).
        log.warning("text that cannot be encoded reached the database: %s", error)
        return _answer(422, "text must be valid Unicode: it holds an unpaired surrogate")

    @app.exception_handler(NotAuthenticated)
    async def _unauthenticated(_: Request, error: NotAuthenticated) -> JSONResponse:
        return _answer(401, str(error), {"WWW-Authenticate": "Bearer"})

    @app.exception_handler(TooManyAttempts)
    async def _too_many(_: Request, error: TooManyAttempts) -> JSONResponse:
        return _answer(429, str(error), {"Retry-After": str(error.seconds)})

    @app.exception_handler(PermissionDenied)
    async def _forbidden(_: Request, error: PermissionDenied) -> JSONResponse:
        return _worded_answer(403, error)

    @app.exception_handler(ClientMismatch)
    async def _foreign_client(_: Request, error: ClientMismatch) -> JSONResponse:
        return _answer(403, str(error))

    @app.exception_handler(CommandConflict)
    async def _conflict(_: Request, error: CommandConflict) -> JSONResponse:
        return _answer(422, str(error))

    @app.exception_handler(CommandRefused)
    async def _refused(_: Request, error: CommandRefused) -> JSONResponse:
        return _worded_answer(404 if isinstance(error, NotFound) else 409, error)

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

    @app.exception_handler(DataError)
    async def _unstorable(_: Request, error: DataError) -> JSONResponse:
        log.warning("the database cannot store a value of a request: %s", error)
        return _answer(422, "a value of the request cannot be stored: it is too long or malformed")

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


class RefuseNul:
    """ASGI middleware: a NUL in the path or query string gets 422 before any route.

    PostgreSQL refuses NUL in text and SQLite keeps it, so without this the same
    request would be answered differently per backend; no id, cursor or name of ours
    holds one.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 422 to a request whose path or query holds a NUL; pass the rest on."""
        if scope["type"] == "http":
            query: bytes = scope.get("query_string", b"")
            if "\x00" in scope.get("path", "") or b"\x00" in query or b"%00" in query:
                await _answer(422, "the address must not contain a NUL character")(
                    scope, receive, send
                )
                return
        await self.app(scope, receive, send)
