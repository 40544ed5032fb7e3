"""Applying a batch of commands exactly once, in each client's sequence order.

Per command, in one transaction: a sequence number already applied returns the
stored result (a reused command id with a different request is an error); a gap
stops the batch so the client resends what is missing; otherwise the handler runs
inside a savepoint, so a domain refusal undoes its partial writes yet still advances
the client's sequence. Transient database errors roll the whole command back and
surface as 503, and the client retries the same command id.

A command whose envelope (`command_id`, `seq`, `name`) is sound but whose arguments
can never be applied (text no backend can store, an integer beyond 64 bits, a value
the database refuses) is recorded as `rejected` with the reason, like a domain
refusal: answering the batch with a 4xx instead would leave the client resending it
forever, with everything queued behind it waiting (issue 12 item 7). A resent
command answers its stored outcome: `duplicate` for one applied, `rejected` with its
reason for one refused, so a client that lost the first answer still learns why
(issue 12 item 6).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import String, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from desk.core.permissions import PermissionDenied
from desk.core.status import ConversationStopped
from desk.core.text import find_text_problem, printable
from desk.core.user_errors import WordedError
from desk.core.worded_wire import to_wire
from desk.server.commands.registry import REGISTRY, CommandRefused, Context
from desk.server.db import Database
from desk.server.fields import StoredText
from desk.server.notify import Announcer
from desk.server.orm import CommandLog, SyncClient
from desk.server.orm.base import ID_LENGTH, utcnow
from desk.server.principal import Principal
from desk.server.versioning import current_version, forget_written, stamp, stamp_changes

MAX_BATCH = 200
# The largest integer every JSON reader holds exactly (a double's 53 bits): beyond
# it a bound in the OpenAPI document is rounded, and what it allows is not what we do.
MAX_JSON_INT = 2**53 - 1

# Domain rules refuse with these (the core's rule errors are ValueErrors); anything
# else is a bug or an outage and must not be recorded as the command's answer.
REFUSALS = (CommandRefused, PermissionDenied, ConversationStopped, ValueError)


class CommandIn(BaseModel):
    """One command as a client sends it."""

    model_config = ConfigDict(extra="forbid")
    command_id: StoredText = Field(min_length=1, max_length=36)
    # Strict: JSON `true` is not sequence number 1, nor `false` base version 0.
    seq: int = Field(ge=1, le=MAX_JSON_INT, strict=True)
    name: StoredText = Field(min_length=1, max_length=64)
    args: dict[str, Any] = Field(
        default_factory=dict,
        description="checked per command: arguments that cannot be applied make the "
        "command `rejected`, not the batch 422",
    )
    base_version: int = Field(default=0, ge=0, le=MAX_JSON_INT, strict=True)


class CommandBatch(BaseModel):
    """Commands from one client installation, in its sequence order."""

    client_id: StoredText = Field(min_length=1, max_length=36)
    commands: list[CommandIn] = Field(max_length=MAX_BATCH)


class ClientMismatch(Exception):
    """The client id is registered to another principal; the server answers 403."""


class CommandConflict(Exception):
    """A command id or sequence number reused for a different request (422)."""


@dataclass(frozen=True)
class CommandResult:
    """The outcome of one command."""

    command_id: str
    status: str  # applied | duplicate | rejected
    error: str
    result: dict[str, Any]


@dataclass(frozen=True)
class BatchResult:
    """What the client learns: each outcome, its last applied seq, the version."""

    results: list[CommandResult]
    last_seq: int
    version: int


def request_hash(command: CommandIn) -> str:
    """A digest of what a command asks, to tell a retry from a reused id.

    Arguments orjson cannot write (an unpaired surrogate, an integer beyond 64 bits)
    are hashed from the standard library's ASCII JSON instead: such a command is
    rejected, and its retry must still be recognised as the same request.
    """
    what = {"name": command.name, "args": command.args}
    try:
        body = orjson.dumps(what, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError:
        body = json.dumps(what, sort_keys=True, ensure_ascii=True).encode()
    return hashlib.sha256(body).hexdigest()


def apply_batch(
    database: Database,
    announcer: Announcer,
    principal: Principal,
    client_id: str,
    commands: list[CommandIn],
    *,
    public_url: str = "",
) -> BatchResult:
    """Apply `commands` in order; stop at the first gap in the sequence.

    Each command is its own transaction, which also registers the client on first
    contact: a push of one command costs one write transaction, not three.
    `public_url` is the server's, for texts' links to attachments (`Context`).
    """
    results: list[CommandResult] = []
    last_seq = version = 0
    for command in sorted(commands, key=lambda c: c.seq):
        applied = _apply_one(database, announcer, principal, client_id, command, public_url)
        if applied is None:
            break
        outcome, last_seq, version = applied
        results.append(outcome)
    if not version:  # nothing applied (all duplicates, a gap, or no commands)
        with database.reading() as session:
            version = current_version(session, principal.centre_id)
            last_seq = _seen_seq(session, principal, client_id)
    return BatchResult(results, last_seq, version)


def last_applied_seq(session: Session, principal: Principal, client_id: str) -> int | None:
    """The client's last applied sequence number, if the client belongs to the caller."""
    client = session.get(SyncClient, client_id)
    if client is None or client.principal_id != principal.id:
        return None
    return client.last_seq


def last_applied_seqs(
    session: Session, clients: Iterable[tuple[Principal, str]]
) -> dict[tuple[str, str], int]:
    """`last_applied_seq` of many (caller, client id) pairs in one statement.

    Keyed by (principal id, client id); a pair that is missing reads None, as one by
    one: an unknown client, or one of another account.
    """
    wanted = {(caller.id, client_id) for caller, client_id in clients}
    if not wanted:
        return {}
    ids = sorted({client_id for _, client_id in wanted})
    postgres = session.get_bind().dialect.name == "postgresql"
    rows = session.execute(_ANY_SEQS if postgres else _MANY_SEQS, {"clients": ids})
    return {(owner, client): seq for owner, client, seq in rows if (owner, client) in wanted}


_SEQS = select(SyncClient.principal_id, SyncClient.client_id, SyncClient.last_seq)
_MANY_SEQS = _SEQS.where(SyncClient.client_id.in_(bindparam("clients", expanding=True)))
# On PostgreSQL the ids go as one array: the statement's text stays the same whatever
# their number, so neither SQLAlchemy nor psycopg renders and parses 2,000 placeholders
# each time a change wakes a centre's clients (a tenth of the server's CPU at 1,000
# streaming clients, bench_load).
_ANY_SEQS = _SEQS.where(
    SyncClient.client_id == any_(bindparam("clients", type_=ARRAY(String(ID_LENGTH))))
)


def _seen_seq(session: Session, principal: Principal, client_id: str) -> int:
    """The client's last applied sequence number (0 for a new client)."""
    client = session.get(SyncClient, client_id)
    if client is not None:
        _check_owner(client, principal)
    return client.last_seq if client is not None else 0


def _check_owner(client: SyncClient, principal: Principal) -> None:
    if client.principal_id != principal.id or client.principal_kind != principal.kind:
        raise ClientMismatch(f"client {client.client_id} belongs to another account")


_CLIENT_FOR_UPDATE = (
    select(SyncClient).where(SyncClient.client_id == bindparam("client")).with_for_update()
)


def _locked_client(session: Session, principal: Principal, client_id: str) -> SyncClient:
    """The client's row, locked for this transaction, created on first contact."""
    client = session.execute(_CLIENT_FOR_UPDATE, {"client": client_id}).scalar_one_or_none()
    if client is None:
        try:
            with session.begin_nested():
                client = SyncClient(
                    client_id=client_id,
                    principal_kind=principal.kind.value,
                    principal_id=principal.id,
                    centre_id=principal.centre_id,
                    last_seq=0,
                    created_at=utcnow(),
                )
                session.add(client)
        except IntegrityError:
            # Two first pushes of one client at once (PostgreSQL): the other won.
            client = session.execute(_CLIENT_FOR_UPDATE, {"client": client_id}).scalar_one()
    _check_owner(client, principal)
    return client


def _apply_one(
    database: Database,
    announcer: Announcer,
    principal: Principal,
    client_id: str,
    command: CommandIn,
    public_url: str,
) -> tuple[CommandResult, int, int] | None:
    """Apply one command in its own transaction; None when its seq leaves a gap."""
    digest = request_hash(command)
    with database.writing() as session:
        client = _locked_client(session, principal, client_id)
        if command.seq > client.last_seq + 1:
            return None
        if command.seq <= client.last_seq:
            return _replay(session, client, command, digest), client.last_seq, 0
        if session.get(CommandLog, command.command_id) is not None:
            raise CommandConflict(f"command id {command.command_id} was already used")
        status, error, result, stamped = _run_handler(session, principal, command, public_url)
        version = stamped or stamp(session, principal.centre_id)
        announcer.before_commit(session, principal.centre_id, version)
        session.add(
            CommandLog(
                command_id=command.command_id,
                client_id=client_id,
                seq=command.seq,
                name=command.name,
                request_hash=digest,
                status=status,
                error=error,
                version=version,
                result=orjson.dumps(result).decode(),
                created_at=utcnow(),
            )
        )
        client.last_seq = command.seq
    announcer.after_commit(principal.centre_id, version)
    return CommandResult(command.command_id, status, error, result), command.seq, version


def _replay(session: Session, client: SyncClient, command: CommandIn, digest: str) -> CommandResult:
    logged = session.get(CommandLog, command.command_id)
    if logged is None and _seq_forgotten(session, client, command.seq):
        # Applied long ago (its seq is behind the client's) and its record has aged
        # out (`desk.server.retention`): it is a duplicate whose result is gone.
        return CommandResult(command.command_id, "duplicate", "", {"expired": True})
    if logged is None or logged.client_id != client.client_id or logged.seq != command.seq:
        raise CommandConflict(f"sequence number {command.seq} was already used by another command")
    if logged.request_hash != digest:
        raise CommandConflict(f"command id {command.command_id} was reused for another request")
    # A refusal is answered as one again: a client that lost the first answer and
    # took `duplicate` for success would drop the command and its reason unseen.
    status = "rejected" if logged.status == "rejected" else "duplicate"
    return CommandResult(command.command_id, status, logged.error, orjson.loads(logged.result))


def _seq_forgotten(session: Session, client: SyncClient, seq: int) -> bool:
    """No record of any command at `seq` of this client is kept any more."""
    kept = session.execute(
        select(CommandLog.command_id).where(
            CommandLog.client_id == client.client_id, CommandLog.seq == seq
        )
    ).first()
    return kept is None


def _run_handler(
    session: Session, principal: Principal, command: CommandIn, public_url: str
) -> tuple[str, str, dict[str, Any], int | None]:
    """(status, error, result, version) of one command; version None if not stamped.

    An applied command's rows are stamped inside its savepoint, before they are
    flushed: flushed first, they needed an UPDATE per table to be stamped after (3 of
    the 16 statements of a reply). A refusal rolls the bump back with the rest.
    """
    spec = REGISTRY.get(command.name)
    if spec is None:
        return "rejected", f"unknown command {command.name!r}", {}, None
    if principal.kind not in spec.principals:
        return "rejected", f"{principal.kind.value} accounts cannot {command.name}", {}, None
    if problem := _unstorable(command.args):
        return "rejected", f"invalid arguments: {problem}", {}, None
    try:
        args = spec.args.model_validate(command.args)
    except ValidationError as error:
        return "rejected", printable(f"invalid arguments: {_describe(error)}"), {}, None
    context = Context(session, principal, command.command_id, utcnow(), public_url=public_url)
    savepoint = session.begin_nested()
    try:
        result = spec.handler(context, args)
        # Flushes, so constraint violations surface here, inside the savepoint.
        version = stamp_changes(session, principal.centre_id)
    except REFUSALS as refusal:
        savepoint.rollback()
        forget_written(session)
        # The worded reason rides in the result, which a replay answers again.
        worded = {"reason": to_wire(refusal)} if isinstance(refusal, WordedError) else {}
        return "rejected", str(refusal), worded, None
    except IntegrityError:
        # Retrying would fail the same way forever: record it and let the queue move on.
        savepoint.rollback()
        forget_written(session)
        return "rejected", "this change conflicts with data already on the server", {}, None
    except DataError:
        # A value this database cannot hold (too long for its column, out of range):
        # as permanent as a conflict, so recorded, never retried.
        savepoint.rollback()
        forget_written(session)
        return (
            "rejected",
            "the server cannot store this change: a value is too long or malformed",
            {},
            None,
        )
    savepoint.commit()
    return "applied", "", result, version


def _unstorable(args: dict[str, Any]) -> str | None:
    """Why these arguments can never be applied on any backend, or None."""
    if problem := find_text_problem(args, "args"):
        return problem
    try:
        orjson.dumps(args)
    except orjson.JSONEncodeError:
        return "a number is beyond the 64-bit range the server stores"
    return None


def _describe(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'args'}: {e['msg']}" for e in error.errors()
    )
