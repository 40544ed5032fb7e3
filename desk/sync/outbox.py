"""The durable outbox: commands written with their optimistic effect, sent exactly once.

A command and its effect commit in one SQLite transaction, so after a crash either
both exist or neither. Each command carries a client-generated UUID and a per-client
sequence number; the server applies each once and answers a resend with the stored
result, so "send again until acknowledged" is safe.

Queuing a command is announced as a local change of the cache
(`Cache.on_local_change`): the sync engine listens and sends it at once, so neither
the service nor the screen that queued it has to wake anything.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from desk.core.ids import new_id
from desk.core.user_errors import QT_TRANSLATE_NOOP, WordedError
from desk.core.wire import format_utc
from desk.core.worded_wire import from_wire
from desk.models.cache import Cache
from desk.models.local import MetaKey, OutboxState
from desk.sync.local_effects import Me, Undo, apply_effect, undo_effect


@dataclass(frozen=True)
class Queued:
    """A command in the outbox."""

    seq: int
    command_id: str
    name: str
    args: dict[str, Any]
    base_version: int | None
    state: str
    error: str
    reason: str = ""  # the refusal as `desk.core.worded_wire` JSON, when the server sent it

    @property
    def refusal(self) -> WordedError:
        """Why the server refused it, to show translated (`desk.i18n.errors.error_text`)."""
        return from_wire(self.error, self.reason)

    def wire(self) -> dict[str, Any]:
        """The command as `POST /commands` takes it."""
        return {
            "command_id": self.command_id,
            "seq": self.seq,
            "name": self.name,
            "args": self.args,
            "base_version": self.base_version or 0,
        }


def _meta(cursor: sqlite3.Cursor, key: MetaKey) -> str | None:
    cursor.execute("SELECT value FROM sync_meta WHERE key = ?", (key.value,))
    row = cursor.fetchone()
    return row[0] if row else None


def _set_meta(cursor: sqlite3.Cursor, key: MetaKey, value: str) -> None:
    cursor.execute(
        "INSERT INTO sync_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key.value, value),
    )


def client_id(cache: Cache) -> str:
    """This installation's id for the server's exactly-once bookkeeping (made once)."""
    with cache.writing() as cursor:
        existing = _meta(cursor, MetaKey.CLIENT_ID)
        if existing:
            return existing
        made = new_id()
        _set_meta(cursor, MetaKey.CLIENT_ID, made)
        return made


def remember_principal(cache: Cache, kind: str, principal_id: str, centre_id: str) -> None:
    """Record who this cache belongs to, so local effects name the right author."""
    with cache.writing() as cursor:
        _set_meta(cursor, MetaKey.PRINCIPAL_KIND, kind)
        _set_meta(cursor, MetaKey.PRINCIPAL_ID, principal_id)
        _set_meta(cursor, MetaKey.CENTRE_ID, centre_id)


def me(cursor: sqlite3.Cursor) -> Me:
    """The principal recorded by `remember_principal`."""
    principal = _meta(cursor, MetaKey.PRINCIPAL_ID)
    if not principal:
        raise RuntimeError("the cache does not know who is signed in yet")
    return Me(_meta(cursor, MetaKey.PRINCIPAL_KIND) or "staff", principal)


def submit(
    cache: Cache, name: str, args: Mapping[str, Any], *, now: datetime | None = None
) -> Queued:
    """Apply a command locally and queue it, in one transaction.

    Once it has committed, the cache announces a local change, which the running sync
    engine answers by sending the outbox; this may be called from any thread.

    Raises:
        ValueError: when a rule the client can check refuses it; nothing is written.
        StorageError: the disk is full (`DiskFull`) or failing; nothing is written,
            so the caller keeps what the user typed and can try again.
    """
    command_id = new_id()
    moment = now or datetime.now(UTC)
    what = (
        QT_TRANSLATE_NOOP("Errors", "your message")
        if name.startswith("send")
        else QT_TRANSLATE_NOOP("Errors", "your change")
    )
    with cache.writing(what, local=True) as cursor:
        undo = apply_effect(cursor, me(cursor), command_id, name, args, moment)
        version = _meta(cursor, MetaKey.VERSION)
        cursor.execute(
            "INSERT INTO outbox (command_id, name, args, base_version, created_at, state,"
            " error, attempts, undo) VALUES (?, ?, ?, ?, ?, ?, '', 0, ?)",
            (
                command_id,
                name,
                orjson.dumps(dict(args)).decode(),
                int(version) if version else None,
                format_utc(moment),
                OutboxState.PENDING,
                orjson.dumps([u.as_json() for u in undo]).decode(),
            ),
        )
        seq = cursor.lastrowid
    assert seq is not None
    return Queued(
        seq,
        command_id,
        name,
        dict(args),
        int(version) if version else None,
        OutboxState.PENDING,
        "",
    )


_COLUMNS = "seq, command_id, name, args, base_version, state, error, reason"
_PENDING = f"SELECT {_COLUMNS} FROM outbox WHERE state != ? ORDER BY seq LIMIT ?"


def _queued(row: tuple[Any, ...]) -> Queued:
    seq, command_id, name, args, base_version, state, error, reason = row
    return Queued(seq, command_id, name, orjson.loads(args), base_version, state, error, reason)


def pending(cache: Cache, limit: int = 100) -> list[Queued]:
    """Commands still to send, in sequence order."""
    rows = cache.read(_PENDING, OutboxState.REJECTED.value, limit)
    return [_queued(row) for row in rows]


def rejected(cache: Cache) -> list[Queued]:
    """Commands the server refused, with its reason, until the user dismisses them."""
    rows = cache.read(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = ? ORDER BY seq", OutboxState.REJECTED.value
    )
    return [_queued(row) for row in rows]


_ANY_QUEUED = "SELECT 1 FROM outbox WHERE state != ? LIMIT 1"


def waiting_count(cache: Cache) -> int:
    """How many commands wait to go out (for the status bar)."""
    [(count,)] = cache.read(
        "SELECT COUNT(*) FROM outbox WHERE state != ?", OutboxState.REJECTED.value
    )
    return int(count)


def dismiss(cache: Cache, seq: int) -> None:
    """Forget a rejected command once the user has read why."""
    with cache.writing() as cursor:
        cursor.execute(
            "DELETE FROM outbox WHERE seq = ? AND state = ?", (seq, OutboxState.REJECTED)
        )


def settle(
    cache: Cache,
    results: Sequence[Mapping[str, Any]],
    *,
    attempted: Sequence[int] = (),
    then: int = 0,
) -> tuple[list[Queued], list[Queued]]:
    """Record the server's outcomes in one transaction; answer the rejected commands.

    Applied and duplicate commands leave the outbox (their confirmed effect comes with
    the next pull). Rejected ones have their optimistic effect undone and stay, marked,
    so the user sees why. A resent command the server had refused answers `rejected`
    again; a server from before issue 12 answered it `duplicate` with the refusal as
    its error, which is taken as the refusal it is (only refusals carry an error).

    The same transaction counts the send attempt of the batch (`attempted`, by
    `seq`) and reads the next batch of up to `then` commands, so a push costs the
    cache one write transaction per batch; a batch that fails in transit counts its
    attempt with `note_attempt` instead.

    Returns:
        The commands refused, and the next batch to send (empty when `then` is 0).
    """
    refused: list[Queued] = []
    with cache.writing(
        QT_TRANSLATE_NOOP("Errors", "the server's answer to your changes")
    ) as cursor:
        for result in results:
            command_id = str(result["command_id"])
            status = result["status"]
            if status == "applied" or (status == "duplicate" and not result.get("error")):
                cursor.execute("DELETE FROM outbox WHERE command_id = ?", (command_id,))
                continue
            cursor.execute(
                f"SELECT {_COLUMNS}, undo FROM outbox WHERE command_id = ?", (command_id,)
            )
            row = cursor.fetchone()
            if row is None:
                continue
            undo_effect(cursor, [Undo.from_json(u) for u in orjson.loads(row[-1] or "[]")])
            error = str(result.get("error") or "the server refused this change")
            reason = _worded_reason(result.get("result"))
            cursor.execute(
                "UPDATE outbox SET state = ?, error = ?, reason = ?, undo = '[]'"
                " WHERE command_id = ?",
                (OutboxState.REJECTED, error, reason, command_id),
            )
            refused.append(_queued((*row[:5], OutboxState.REJECTED, error, reason)))
        # Counted after the deletes, so only commands still queued are touched.
        cursor.executemany(
            "UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?", [(s,) for s in attempted]
        )
        following: list[Queued] = []
        if then:
            cursor.execute(_PENDING, (OutboxState.REJECTED, then))
            following = [_queued(row) for row in cursor.fetchall()]
    return refused, following


def _worded_reason(result: object) -> str:
    """The refusal's worded reason as the outbox keeps it: JSON text, or "" if none came."""
    reason = result.get("reason") if isinstance(result, dict) else None
    return orjson.dumps(reason).decode() if isinstance(reason, dict) else ""


def note_attempt(cache: Cache, seqs: list[int]) -> None:
    """Count a send attempt (shown when something keeps failing)."""
    with cache.writing() as cursor:
        cursor.executemany(
            "UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?", [(s,) for s in seqs]
        )


def replay(cache: Cache) -> None:
    """Re-apply pending effects over freshly pulled rows (DESIGN.md §4 rebase).

    A pull can overwrite a row that a pending command changed (a new message reopens a
    thread the user closed offline); replaying keeps the user's intent visible until
    the server has applied it, and refreshes each command's undo to the new rows.

    With nothing queued, which is usual once a reply is confirmed, it only reads: no
    write transaction on the path of every pull. A command queued after that read
    applied its own effect over the rows already pulled.
    """
    if not cache.read(_ANY_QUEUED, OutboxState.REJECTED.value):
        return
    with cache.writing() as cursor:
        cursor.execute(
            "SELECT seq, command_id, name, args, undo FROM outbox WHERE state != ? ORDER BY seq",
            (OutboxState.REJECTED,),
        )
        entries = cursor.fetchall()
        if not entries:
            return
        who = me(cursor)
        for seq, command_id, name, args, stored in entries:
            try:
                fresh = apply_effect(cursor, who, command_id, name, orjson.loads(args))
            except ValueError:
                continue  # no longer possible locally; the server will say why
            # Rows the command created stay its to delete; changed rows get the values
            # they had just before this replay.
            created = [
                u for u in map(Undo.from_json, orjson.loads(stored or "[]")) if u.before is None
            ]
            undo = created + [u for u in fresh if u.before is not None]
            cursor.execute(
                "UPDATE outbox SET undo = ? WHERE seq = ?",
                (orjson.dumps([u.as_json() for u in undo]).decode(), seq),
            )
