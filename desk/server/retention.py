"""How long the server keeps records that only exist to make retries safe.

A command's log entry lets a client that lost the answer retry and get the original
result (DESIGN.md §4). Clients retry within minutes, or after days offline; after
`COMMAND_LOG_DAYS` the entry is dropped, and a retry of a command that old is still
recognised as a duplicate by its sequence number, only without its result. Expired
sign-in tokens and enrollment codes go the same way, and so do sign-in attempts
after `desk.server.throttle.KEEP_FOR`, and the family app's sign-in codes and
sessions once expired, and texted links to attachments `EXPIRED_TOKEN_DAYS` after
they expired (until then, opening one says "expired" rather than "unknown"). Each
turn also writes the audit events of failed sign-ins that no successful sign-in has
audited yet (`audit_failures`).

Deletes run in small batches, each its own transaction, so a purge never holds the
SQLite writer lock (or PostgreSQL row locks) long enough to stall a push. Every
server process purges once an hour (`purge_every`); a purge that finds nothing old
costs three index probes, and several processes purging at once delete each row once.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from desk.server.db import Database
from desk.server.orm import (
    ApiToken,
    AttachmentLink,
    CommandLog,
    EnrollmentCode,
    FamilyCode,
    FamilySession,
)
from desk.server.orm.base import utcnow
from desk.server.throttle import audit_failures, purge_attempts

log = logging.getLogger(__name__)

COMMAND_LOG_DAYS = 90  # the default of `ServerSettings.command_log_days`
EXPIRED_TOKEN_DAYS = 30  # kept a while so "your sign-in expired" can be told apart
BATCH = 2000


@dataclass(frozen=True)
class Purged:
    """How many rows one purge removed."""

    commands: int
    tokens: int
    codes: int
    attempts: int = 0
    family: int = 0  # the family app's spent sign-in codes and expired sessions
    links: int = 0  # texted links to attachments, long expired


def purge(
    database: Database,
    *,
    now: datetime | None = None,
    batch: int = BATCH,
    command_log_days: int = COMMAND_LOG_DAYS,
) -> Purged:
    """Drop command log entries, tokens and enrollment codes past their retention."""
    moment = now or utcnow()
    return Purged(
        commands=_purge(
            database,
            CommandLog.command_id,
            CommandLog.created_at,
            moment - timedelta(days=command_log_days),
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
        attempts=purge_attempts(database, moment),
        family=_purge(database, FamilyCode.id, FamilyCode.expires_at, moment, batch)
        + _purge(database, FamilySession.token_hash, FamilySession.expires_at, moment, batch),
        links=_purge(
            database,
            AttachmentLink.token_hash,
            AttachmentLink.expires_at,
            moment - timedelta(days=EXPIRED_TOKEN_DAYS),
            batch,
        ),
    )


async def purge_every(
    database: Database, seconds: float, *, command_log_days: int = COMMAND_LOG_DAYS
) -> None:
    """Purge every `seconds` until cancelled (the server's lifespan runs it).

    The first purge waits a turn too, so that starting a server costs nothing. A
    failed purge (the database restarting, a full disk) is logged and tried again at
    the next turn: nothing depends on it running on time.
    """
    while True:
        await asyncio.sleep(seconds)
        try:
            await asyncio.to_thread(audit_failures, database, utcnow())
            purged = await asyncio.to_thread(purge, database, command_log_days=command_log_days)
        except Exception:
            log.exception("the retention purge failed; it runs again in %s s", seconds)
        else:
            if any((purged.commands, purged.tokens, purged.codes, purged.attempts, purged.family)):
                log.info("retention purge removed %s", purged)


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
