"""Sending the outbox: in sequence order, in batches, until the server has it all.

A batch that fails in transit is simply sent again: the server answers commands it
already applied with their stored result, so no command is applied twice, and a
command is removed from the outbox only after the server has answered for it.

Each batch costs the cache one write transaction: the server's answer, the attempt
count and the read of the next batch go together (`settle`). Nothing is written
before the request, so a batch lost in transit counts its attempt afterwards.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.models.cache import Cache, StorageError
from desk.sync.errors import BadAnswer
from desk.sync.files import FileStore
from desk.sync.http import ServerApi
from desk.sync.outbox import Queued, note_attempt, pending, settle
from desk.sync.uploads import upload_files

BATCH = 100


@dataclass
class PushResult:
    """What one push did."""

    sent: int = 0
    rejected: list[Queued] = field(default_factory=list)


def push(api: ServerApi, cache: Cache, client_id: str) -> PushResult:
    """Send every pending command.

    Raises:
        SyncError: on network or server failure; unsent commands stay queued.
    """
    outcome = PushResult()
    files = FileStore.beside(cache.path)
    batch = pending(cache, BATCH)
    while batch:
        seqs = [q.seq for q in batch]
        try:
            # The files first: a command naming a file the server lacks is refused.
            unsendable = upload_files(api, files, batch)
            results = _results(api.push(client_id, [q.wire() for q in batch]))
        except Exception:
            # The count is for the user's information; a cache that cannot take it
            # must not hide why the batch failed.
            with contextlib.suppress(StorageError):
                note_attempt(cache, seqs)
            raise
        results = [_with_file_reason(r, unsendable) for r in results]
        # The next batch is read only after a full one: a shorter batch was all there
        # was, and a command queued since then wakes the engine for another push.
        refused, following = settle(
            cache, results, attempted=seqs, then=BATCH if len(batch) == BATCH else 0
        )
        outcome.rejected += refused
        outcome.sent += len(results)
        if len(results) < len(batch):
            # The server stopped at a gap: commands before ours are missing. That
            # cannot happen while the outbox is intact; surface it instead of looping.
            answered = {r["command_id"] for r in results}
            missing = next(q for q in batch if q.command_id not in answered)
            raise BadAnswer(
                QT_TRANSLATE_NOOP(
                    "Errors", "the server is missing changes before #{seq}; contact support"
                ),
                seq=missing.seq,
            )
        batch = following
    return outcome


def _with_file_reason(result: dict[str, Any], unsendable: dict[str, str]) -> dict[str, Any]:
    """A refusal of a command whose file the server refused says why the file was refused.

    The server refuses such a command only as "not uploaded"; the reason the user can
    act on (too large, a refused kind) is the upload's.
    """
    reason = unsendable.get(str(result.get("command_id")))
    refused = result.get("status") == "rejected" or result.get("error")
    if reason is None or not refused:
        return result
    return {**result, "status": "rejected", "error": reason}


def _results(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-command results of a `POST /commands` answer, checked for shape.

    Raises:
        BadAnswer: the answer does not have the shape the protocol promises.
    """
    results = answer.get("results")
    if not isinstance(results, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("command_id"), str)
        and r.get("status") in ("applied", "duplicate", "rejected")
        for r in results
    ):
        raise BadAnswer(
            QT_TRANSLATE_NOOP("Errors", "the server's answer to queued changes was not readable")
        )
    return results
