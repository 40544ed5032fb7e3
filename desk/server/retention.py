"""How long the server keeps records that only exist to make retries safe.

A command's log entry lets a client that lost the answer retry and get the original
result (DESIGN.md §4). Clients retry within minutes, or after days offline; after
`COMMAND_LOG_DAYS` the entry is dropped, and a retry of a command that old is still
recognised as a duplicate by its sequence number, only without its result. Expired
sign-in tokens and enrollment codes go the same way.

Deletes run in small batches, each its own transaction, so a purge never holds the
SQLite writer lock (or PostgreSQL row locks) long enough to stall a push.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from desk.server.db import Database
from desk.server.orm import ApiToken, CommandLog, EnrollmentCode
from desk.server.orm.base import utcnow

COMMAND_LOG_DAYS = 90
EXPIRED_TOKEN_DAYS = 30  # kept a while so "your sign-in expired" can be told apart
BATCH = 2000


@dataclass(frozen=True)
class Purged:
    """How many rows one purge removed."""

    commands: int
    tokens: int
    codes: int


def purge(database: Database, *, now: datetime | None = None, batch: int = BATCH) -> Purged:
    """Drop command log entries, tokens and enrollment codes past their retention."""
    moment = now or utcnow()
    return Purged(
        commands=_purge(
            database,
            CommandLog.command_id,
            CommandLog.created_at,
            moment - timedelta(days=COMMAND_LOG_DAYS),
            batch,
        ),
        tokens=_purge(
            database,
            ApiToken.token_hash,
            ApiToken.expires_at,
            moment - timedelta(days=EXPIRED_TOKEN_DAYS),
            batch,
        ),
        codes=_purge(database, EnrollmentCode.code_hash, EnrollmentCode.expires_at, moment, batch),
    )


def _purge(database: Database, key: Any, moment: Any, before: datetime, batch: int) -> int:
    removed = 0
    while True:
        with database.writing() as session:
            keys = list(session.scalars(select(key).where(moment < before).limit(batch)))
            if keys:
                session.execute(delete(key.class_).where(key.in_(keys)))
        removed += len(keys)
        if len(keys) < batch:
            return removed
