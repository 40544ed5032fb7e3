"""The change feed and the command endpoint, for office clients and for kiosks.

Kiosks use their own paths so that a device token can be limited to kiosk endpoints
by route, and office tokens never reach kiosk-shaped data by accident.
"""

from __future__ import annotations

import asyncio
import functools
import random
import time
from collections.abc import AsyncIterator
from typing import Annotated, Any, NamedTuple

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field

from desk.server import metrics
from desk.server.api.deps import (
    AnnouncerDep,
    DatabaseDep,
    KioskDep,
    NotifierDep,
    SettingsDep,
    StaffDep,
    bearer,
    kiosk_principal,
    presented_token,
    staff_principal,
)
from desk.server.api.problems import problems
from desk.server.command_requests import CommandRequest, Handled
from desk.server.commands import apply_batch
from desk.server.commands.batch import CommandBatch, last_applied_seq
from desk.server.commands.registry import REGISTRY as COMMAND_NAMES
from desk.server.commands.registry import any_fans_out
from desk.server.config import ServerSettings
from desk.server.db import Database
from desk.server.feed import TABLE_INDEX, Cursor, CursorAhead, read_page
from desk.server.fields import NO_NUL
from desk.server.lanes import Lanes
from desk.server.notify import Announcer, ChangeNotifier
from desk.server.parked_streams import ParkedStreams, SignIn
from desk.server.principal import Principal, principal_for_token
from desk.server.security import token_digest
from desk.server.shared_pages import FeedAnswer, Reader, SharedFeed

router = APIRouter(tags=["sync"])


class TableRows(BaseModel):
    """Rows of one table, as column names and value lists."""

    name: str
    columns: list[str]
    rows: list[list[Any]]


class ChangesPage(BaseModel):
    """A page of the change feed (DESIGN.md §4)."""

    cursor: str = Field(description="pass back as `after` to get the next page")
    has_more: bool
    version: int
    last_seq: int | None = Field(description="last command seq applied for `client_id`")
    tables: list[TableRows]


class CommandOutcome(BaseModel):
    """What became of one command."""

    command_id: str
    status: str = Field(description="applied, duplicate or rejected")
    error: str
    result: dict[str, Any]


class BatchOutcome(BaseModel):
    """Outcomes in order; commands after a sequence gap are not in `results`."""

    results: list[CommandOutcome]
    last_seq: int
    version: int


# The cursor's grammar (`Cursor.parse`), so the document says which strings are
# cursors: `V`, `V:table:id`, each optionally with `/A`.
CURSOR_PATTERN = f"^[0-9]{{1,18}}(:({'|'.join(TABLE_INDEX)}):[^/\\x00]+)?(/[0-9]{{1,18}})?$"
After = Annotated[
    str,
    Query(max_length=120, pattern=CURSOR_PATTERN, description="cursor of the last page, or 0"),
]
Limit = Annotated[int, Query(ge=1, le=100_000, description="most rows to return")]
Wait = Annotated[int, Query(ge=0, le=600, description="seconds to wait for changes")]
ClientId = Annotated[str | None, Query(min_length=1, max_length=36, pattern=NO_NUL)]

FEED_DOC: dict[int | str, dict[str, Any]] = {
    200: {"model": ChangesPage, "description": "A page of changes"},
    **problems(
        400,
        401,
        403,
        410,
        422,
        s400="A cursor this server did not issue",
        s403="A token of the other kind (office or kiosk)",
        s410="The cursor is from other data: sync again from 0",
    ),
}


async def lanes(request: Request) -> Lanes:
    """The server's thread pools for feed reads and for commands."""
    value: Lanes = request.app.state.lanes
    return value


async def shared_feed(request: Request) -> SharedFeed:
    """Woken long-polls served together."""
    value: SharedFeed = request.app.state.shared_feed
    return value


LanesDep = Annotated[Lanes, Depends(lanes)]
SharedFeedDep = Annotated[SharedFeed, Depends(shared_feed)]


async def parked_streams(request: Request) -> ParkedStreams:
    """Streams waiting at their centre's newest version."""
    value: ParkedStreams = request.app.state.parked_streams
    return value


ParkedStreamsDep = Annotated[ParkedStreams, Depends(parked_streams)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


class Feed(NamedTuple):
    """What a feed request needs from the server."""

    db: Database
    config: ServerSettings
    wake: ChangeNotifier
    lanes: Lanes
    shared: SharedFeed
    parked: ParkedStreams


async def feed(
    db: DatabaseDep,
    config: SettingsDep,
    wake: NotifierDep,
    reads: LanesDep,
    shared: SharedFeedDep,
    parked: ParkedStreamsDep,
) -> Feed:
    """What the feed endpoints need, gathered once (one dependency, not six each)."""
    return Feed(db, config, wake, reads, shared, parked)


FeedDep = Annotated[Feed, Depends(feed)]


async def _changes(
    server: Feed, caller: Principal, feed: tuple[str, int, int, str | None]
) -> Response:
    """The feed's answer as a response."""
    after, limit, wait, client_id = feed
    wait = min(wait, server.config.long_poll_seconds)
    answer = await _answer(server, caller, Cursor.parse(after), (limit, wait, client_id))
    return _json(answer.body)


async def _answer(
    server: Feed, caller: Principal, cursor: Cursor, feed: tuple[int, float, str | None]
) -> FeedAnswer:
    """A page after the cursor, waiting for one when there is none.

    A cursor at the newest version this process knows committed has nothing to read:
    it waits first. A cursor at a whole version is answered with the page its
    visibility class shares (`desk.server.shared_pages`), read once for every client
    of the class at that cursor; a cursor inside a version (a paged initial sync)
    reads its own.
    """
    limit, wait, client_id = feed
    limit = min(limit, server.config.feed_page_limit)
    centre = caller.centre_id
    wake = server.wake
    whole_version = cursor.whole_version

    def read_own() -> FeedAnswer:
        with metrics.FEED_PAGE_SECONDS.time(), server.db.reading() as session:
            page = read_page(session, caller, cursor, limit)
            seq = last_applied_seq(session, caller, client_id) if client_id else None
        body = orjson.dumps(page.as_json(seq))
        return FeedAnswer(body, page.version, page.row_count, page.cursor)

    async def read() -> FeedAnswer:
        epoch = wake.epoch
        if whole_version:
            answer = await server.shared.page_after(caller, cursor, limit, client_id)
        else:
            answer = await asyncio.get_running_loop().run_in_executor(server.lanes.reads, read_own)
        wake.observe(centre, answer.version, epoch)
        return answer

    answer: FeedAnswer | None = None
    waited_at = cursor.version
    if not (wait > 0 and whole_version and wake.known(centre) == cursor.version):
        answer = await read()
        if answer.rows or wait <= 0:
            return answer
        waited_at = answer.version
    with metrics.LONG_POLLS_HELD.track_inprogress():
        woken = await wake.wait_beyond(centre, waited_at, wait)
    if woken or answer is None:
        answer = await read()
    if woken and (heard := wake.heard_at(centre)) is not None:
        metrics.WAKEUP_SECONDS.observe(time.perf_counter() - heard)
    return answer


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


@router.get("/changes", summary="Change feed for office clients", responses=FEED_DOC)
async def office_changes(
    server: FeedDep,
    caller: StaffDep,
    after: After = "0",
    limit: Limit = 1000,
    wait: Wait = 0,
    client_id: ClientId = None,
) -> Response:
    """Rows changed after `after` that this staff member may see, oldest first.

    With nothing new it waits up to `wait` seconds for a commit, so the long-poll is
    also the wake-up channel.
    """
    return await _changes(server, caller, (after, limit, wait, client_id))


@router.get("/kiosk/changes", summary="Change feed for kiosks", responses=FEED_DOC)
async def kiosk_changes(
    server: FeedDep,
    caller: KioskDep,
    after: After = "0",
    limit: Limit = 1000,
    wait: Wait = 0,
    client_id: ClientId = None,
) -> Response:
    """What an enrolled kiosk holds: names, PIN keys, children, rooms, kiosk messages."""
    return await _changes(server, caller, (after, limit, wait, client_id))


STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/event-stream": {}},
        "description": "Server-Sent Events: each `data:` line a page of changes, as /changes"
        " answers; `event: gone` when the cursor must start over from 0",
    },
    **{status: answer for status, answer in FEED_DOC.items() if status != 200},
}


END_SPREAD = 0.2
"""The share of a stream's wait within which it ends, at random."""


async def _stream(
    server: Feed, caller: Principal, token: str, feed: tuple[str, int, int, str | None]
) -> StreamingResponse:
    """Pages after the cursor as Server-Sent Events, for `wait` seconds.

    A long-poll costs a request per change: parsing, the caller's sign-in check, a
    read of its own. A stream pays those once; each change after that is the page its
    class shares, spliced and written (issue 16: under 0.5 ms of server CPU a wake).
    It lasts up to `stream_seconds` (minutes: each new stream is a request, a sign-in
    check and a first read), and its sign-in is checked again every
    `long_poll_seconds` (`desk.server.parked_streams`), so a revoked token stops being
    served as soon as a long-poll's would; each check that holds sends a page, so a
    quiet stream is never silent longer than a long-poll. The client reconnects with
    the last cursor. Streams begun together (every client of a restarted process)
    would end together, and their reconnections' sign-in checks and first reads
    would stall every wake-up of that moment (the p99 of `bench_load`), so each ends
    at a random point of the last fifth of its wait.
    """
    after, limit, wait, client_id = feed
    lasting = min(wait, server.config.stream_seconds) * random.uniform(1 - END_SPREAD, 1)
    start = Cursor.parse(after)
    reader = Reader.of(caller, client_id)
    if server.parked.can_park(caller.centre_id, start):
        first = await server.parked.first_page(reader, start, limit)
    else:
        first = await _answer(server, caller, start, (limit, 0, client_id))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + lasting
    sign_in = SignIn(token_digest(token), loop.time() + server.parked.every)

    async def events() -> AsyncIterator[bytes]:
        yield b"data: " + first.body + b"\n\n"
        cursor = first.cursor
        while (remaining := deadline - loop.time()) > 0 and not server.wake.draining:
            try:
                answer = await _next(Cursor.parse(cursor), remaining)
            except CursorAhead as gone:
                yield b"event: gone\ndata: " + orjson.dumps({"detail": str(gone)}) + b"\n\n"
                return
            if answer is None:  # the wait is over, the sign-in gone, or the process stops
                return
            # Every answer a long-poll would give, an empty page after a change this
            # caller may not see included: the client's cursor keeps up.
            cursor = answer.cursor
            yield b"data: " + answer.body + b"\n\n"

    async def _next(cursor: Cursor, remaining: float) -> FeedAnswer | None:
        """The next page: parked until the centre moves, or read as a long-poll."""
        if not server.parked.can_park(caller.centre_id, cursor):
            # Commits may go unheard (PostgreSQL's listener is reconnecting): wait as
            # a long-poll does, the sign-in checked on its own when it is due.
            if sign_in.check_at <= loop.time() and not await server.parked.recheck(sign_in):
                return None
            wait = min(remaining, sign_in.check_at - loop.time())
            return await _answer(server, caller, cursor, (limit, wait, client_id))
        answer = await server.parked.next_page(reader, cursor, limit, (deadline, sign_in))
        if answer is not None and (heard := server.wake.heard_at(caller.centre_id)) is not None:
            metrics.WAKEUP_SECONDS.observe(time.perf_counter() - heard)
        return answer

    # A reverse proxy must pass each event on as it comes (nginx reads this header).
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)


@router.get(
    "/changes/stream", summary="Change feed for office clients, streamed", responses=STREAM_DOC
)
async def office_stream(
    server: FeedDep,
    caller: StaffDep,
    credentials: BearerDep,
    after: After = "0",
    limit: Limit = 1000,
    wait: Wait = 0,
    client_id: ClientId = None,
) -> StreamingResponse:
    """`/changes`, every page as it happens, for `wait` seconds on one request."""
    assert credentials is not None  # the caller was resolved from them
    return await _stream(server, caller, credentials.credentials, (after, limit, wait, client_id))


@router.get(
    "/kiosk/changes/stream", summary="Change feed for kiosks, streamed", responses=STREAM_DOC
)
async def kiosk_stream(
    server: FeedDep,
    caller: KioskDep,
    credentials: BearerDep,
    after: After = "0",
    limit: Limit = 1000,
    wait: Wait = 0,
    client_id: ClientId = None,
) -> StreamingResponse:
    """`/kiosk/changes`, every page as it happens, for `wait` seconds on one request."""
    assert credentials is not None  # the caller was resolved from them
    return await _stream(server, caller, credentials.credentials, (after, limit, wait, client_id))


COMMANDS_DOC = problems(
    400,
    401,
    403,
    422,
    503,
    507,
    s403="The client id belongs to another account, or a token of the other kind",
    s422="A malformed batch, or a command id or sequence number reused for another request",
    s503="A transient failure: retry the same commands",
)


async def _push(
    db: Database,
    announce: Announcer,
    lanes: Lanes,
    handled: Handled,
    batch: CommandBatch,
    public_url: str = "",
) -> Response:
    """Answer a `BatchOutcome`, applying the batch here unless a command process did.

    The answer is written with orjson directly since every command's round trip
    waits for it.
    """
    outcome = handled.outcome
    if outcome is None:  # not applied: no command processes (SQLite), or the process
        # refused a body FastAPI took as a batch (both read it with the same model)
        with metrics.COMMAND_BATCH_SECONDS.time():
            outcome = await asyncio.get_running_loop().run_in_executor(
                lanes.commands,
                functools.partial(
                    apply_batch,
                    db,
                    announce,
                    handled.caller,
                    batch.client_id,
                    batch.commands,
                    public_url=public_url,
                ),
            )
    names = {command.command_id: command.name for command in batch.commands}
    for result in outcome.results:
        name = names.get(result.command_id, "")
        metrics.COMMANDS.labels(name if name in COMMAND_NAMES else "unknown", result.status).inc()
    answer = {
        "results": outcome.results,  # dataclasses, which orjson writes as objects
        "last_seq": outcome.last_seq,
        "version": outcome.version,
    }
    return Response(orjson.dumps(answer), media_type="application/json")


async def _handled(
    request: Request, db: Database, lanes: Lanes, credentials: BearerDep, kiosk_path: bool
) -> Handled:
    """A command request handled in a command process, or its caller signed in here.

    In a process (PostgreSQL) the sign-in check, the kind of caller, the body and the
    batch are one call (`desk.server.command_requests`); a batch that fans out to a
    centre goes to the fan-out process. Without, the caller is signed in in the
    command pool (FastAPI's own pool resolves the callers of thousands of long-polls
    at once after a change; a command's sign-in check must not wait behind them) and
    `_push` applies the batch.
    """
    token = presented_token(credentials)
    if lanes.apart is None:
        loop = asyncio.get_running_loop()
        caller = await loop.run_in_executor(lanes.commands, principal_for_token, db, token)
        return Handled(caller, None)
    body = await request.body()
    process = lanes.apart
    if lanes.fan_out is not None and any_fans_out(_command_names(body)):
        process = lanes.fan_out
    # Links in texts need the public address; a kiosk's commands send none.
    public_url: str = "" if kiosk_path else request.app.state.settings.public_url
    started = time.perf_counter()
    handled = await process.handle(
        CommandRequest(token, kiosk_path, body, public_url), lanes.commands
    )
    if handled.outcome is not None:
        metrics.COMMAND_BATCH_SECONDS.observe(time.perf_counter() - started)
    return handled


def _command_names(body: bytes) -> list[str]:
    """The command names of a body, as far as it reads as a batch (else none).

    Read here only to choose the process: FastAPI validates the body for the API's
    answer and the command process reads it to apply it; neither reading is
    available before the choice (FastAPI hands its reading to the endpoint only).
    """
    try:
        commands = orjson.loads(body).get("commands")
        return [str(command.get("name")) for command in commands]
    except (orjson.JSONDecodeError, AttributeError, TypeError):
        return []


async def _office_request(
    request: Request, db: DatabaseDep, lanes: LanesDep, credentials: BearerDep
) -> Handled:
    handled = await _handled(request, db, lanes, credentials, kiosk_path=False)
    await staff_principal(handled.caller)  # a kiosk's token: 403, nothing applied
    return handled


async def _kiosk_request(
    request: Request, db: DatabaseDep, lanes: LanesDep, credentials: BearerDep
) -> Handled:
    handled = await _handled(request, db, lanes, credentials, kiosk_path=True)
    await kiosk_principal(handled.caller)  # a staff token: 403, nothing applied
    return handled


@router.post(
    "/commands",
    response_model=BatchOutcome,
    responses=COMMANDS_DOC,
    summary="Apply commands from an office client",
)
async def office_commands(
    request: Request,
    batch: CommandBatch,
    db: DatabaseDep,
    announce: AnnouncerDep,
    lanes: LanesDep,
    handled: Annotated[Handled, Depends(_office_request)],
) -> Response:
    """Apply each command exactly once, in sequence order; see DESIGN.md §4."""
    public_url: str = request.app.state.settings.public_url
    return await _push(db, announce, lanes, handled, batch, public_url)


@router.post(
    "/kiosk/commands",
    response_model=BatchOutcome,
    responses=COMMANDS_DOC,
    summary="Apply commands from a kiosk",
)
async def kiosk_commands(
    batch: CommandBatch,
    db: DatabaseDep,
    announce: AnnouncerDep,
    lanes: LanesDep,
    handled: Annotated[Handled, Depends(_kiosk_request)],
) -> Response:
    """Kiosk commands: acknowledgements, sign-ins and lockout reports."""
    return await _push(db, announce, lanes, handled, batch)
