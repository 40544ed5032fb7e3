"""A command POST from its token and body to its applied batch, in one call.

On PostgreSQL a command is handled in a child process (`desk.server.apply_process`);
the sign-in check and the batch each crossed to it and back, and each crossing
waited for the busy server process's event loop and interpreter lock on its way
back. Here they are one call. Its checks come in the order the API's own would give
them: the token (401), the kind of caller (403: a kiosk's token on an office path, or
the other way round), the body, and only then the batch is applied. A call that
refuses for the kind or the body applies nothing and says so (`outcome` None); the
API then answers as it would have anyway (403, or FastAPI's own 422).
"""

from __future__ import annotations

import json
from typing import NamedTuple

from pydantic import ValidationError

from desk.server.commands import apply_batch
from desk.server.commands.batch import BatchResult, CommandBatch
from desk.server.db import Database
from desk.server.notify import Announcer
from desk.server.principal import Principal, principal_for_token


class CommandRequest(NamedTuple):
    """A command POST as it arrived: who (token, which path) and what (the body)."""

    token: str
    kiosk_path: bool
    body: bytes
    public_url: str


class Handled(NamedTuple):
    """The caller, and the batch's result when it was applied.

    `outcome` None means one thing: nothing was applied. The API then either refuses
    the request as it would have anyway (403 for the wrong kind of caller, FastAPI's
    422 for a body that is not a batch) or, when nobody tried to apply it (SQLite: no
    command processes), applies it in a thread of its own.
    """

    caller: Principal
    outcome: BatchResult | None


def handle_commands(database: Database, announcer: Announcer, request: CommandRequest) -> Handled:
    """Sign the caller in, check the path is theirs and the body a batch, apply it.

    Raises:
        NotAuthenticated: as `principal_for_token` does.
    """
    caller = principal_for_token(database, request.token)
    if caller.is_kiosk != request.kiosk_path:
        return Handled(caller, None)
    try:
        # Read as FastAPI reads a body (the standard library's JSON): orjson would
        # read an integer beyond 64 bits as a float, and the command would be refused
        # for another reason than the API's own reading gives.
        batch = CommandBatch.model_validate(json.loads(request.body))
    except (ValueError, RecursionError, ValidationError):
        return Handled(caller, None)
    outcome = apply_batch(
        database,
        announcer,
        caller,
        batch.client_id,
        batch.commands,
        public_url=request.public_url,
    )
    return Handled(caller, outcome)
