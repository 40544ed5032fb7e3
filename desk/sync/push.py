"""Sending the outbox: in sequence order, in batches, until the server has it all.

A batch that fails in transit is simply sent again: the server answers commands it
already applied with their stored result, so no command is applied twice, and a
command is removed from the outbox only after the server has answered for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desk.models.cache import Cache
from desk.sync.errors import BadAnswer
from desk.sync.http import ServerApi
from desk.sync.outbox import Queued, note_attempt, pending, settle

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
    while batch := pending(cache, BATCH):
        note_attempt(cache, [q.seq for q in batch])
        answer = api.push(client_id, [q.wire() for q in batch])
        results = answer.get("results")
        if not isinstance(results, list) or not all(
            isinstance(r, dict)
            and isinstance(r.get("command_id"), str)
            and r.get("status") in ("applied", "duplicate", "rejected")
            for r in results
        ):
            raise BadAnswer("the server's answer to queued changes was not readable")
        outcome.rejected += settle(cache, results)
        outcome.sent += len(results)
        if len(results) < len(batch):
            # The server stopped at a gap: commands before ours are missing. That
            # cannot happen while the outbox is intact; surface it instead of looping.
            answered = {r["command_id"] for r in results}
            missing = next(q for q in batch if q.command_id not in answered)
            raise BadAnswer(f"the server is missing changes before #{missing.seq}; contact support")
        if len(batch) < BATCH:
            break  # all sent; a command queued meanwhile kicks off another push
    return outcome
