"""Enqueueing, claiming and settling jobs.

Claiming takes a batch of due jobs and leases them to one worker in one short
transaction. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several workers (threads or
processes) claim at once without waiting for each other or taking the same job; on
SQLite the `BEGIN IMMEDIATE` writer lock serialises claims, which is as much
concurrency as SQLite has anyway. A job whose lease ran out (its worker died) is due
again; one that has used up its attempts goes to the dead letter instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from desk.core.ids import derived_id
from desk.server.db import Database
from desk.server.orm import BackgroundTaskError, Job
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp

QUEUED, RUNNING, DONE, DEAD = "queued", "running", "done", "dead"
DEFAULT_MAX_ATTEMPTS = 8


@dataclass(frozen=True)
class NewJob:
    """A job to enqueue.

    Attributes:
        key: unique per piece of work, e.g. "deliver:<delivery id>"; enqueueing the
            same key twice is a bug the database refuses.
    """

    kind: str
    centre_id: str
    key: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class ClaimedJob:
    """A job leased to a worker, as the handler sees it.

    Attributes:
        attempts: attempts including this one.
        in_flight_since: set when an earlier attempt may have reached the provider
            and its outcome was never recorded: reconcile before sending again.
    """

    id: int
    kind: str
    centre_id: str
    key: str
    payload: dict[str, Any]
    attempts: int
    max_attempts: int
    in_flight_since: datetime | None


def enqueue_many(session: Session, jobs: Iterable[NewJob], *, now: datetime | None = None) -> int:
    """Insert jobs in the caller's transaction, so they commit with what they work on."""
    when = now or utcnow()
    rows = [
        {
            "kind": job.kind,
            "centre_id": job.centre_id,
            "idempotency_key": job.key,
            "payload": json.dumps(job.payload),
            "state": QUEUED,
            "attempts": 0,
            "max_attempts": DEFAULT_MAX_ATTEMPTS,
            "run_after": when,
            "last_error": "",
            "created_at": when,
        }
        for job in jobs
    ]
    if rows:
        session.execute(insert(Job), rows)
    return len(rows)


def claim(
    database: Database,
    worker: str,
    kinds: Iterable[str],
    *,
    limit: int,
    lease: timedelta,
) -> list[ClaimedJob]:
    """Lease up to `limit` due jobs of `kinds` to `worker`, oldest first.

    A job reclaimed after a lost lease that has no attempt left is dead-lettered
    here rather than run again.
    """
    with database.writing() as session:
        now = utcnow()
        due = or_(
            and_(Job.state == QUEUED, Job.run_after <= now),
            and_(Job.state == RUNNING, Job.locked_until < now),
        )
        query = (
            select(Job)
            .where(Job.kind.in_(list(kinds)), due)
            .order_by(Job.run_after, Job.id)
            .limit(limit)
        )
        if database.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True)
        claimed: list[ClaimedJob] = []
        dead_centres: set[str] = set()
        for job in session.scalars(query):
            if job.attempts >= job.max_attempts:
                dead_letter(session, job, job.last_error or "its worker stopped before finishing")
                dead_centres.add(job.centre_id)
                continue
            job.state, job.locked_by = RUNNING, worker
            job.locked_until = now + lease
            job.attempts += 1
            claimed.append(
                ClaimedJob(
                    job.id,
                    job.kind,
                    job.centre_id,
                    job.idempotency_key,
                    json.loads(job.payload),
                    job.attempts,
                    job.max_attempts,
                    job.in_flight_since,
                )
            )
        if dead_centres:
            for centre in dead_centres:
                stamp(session, centre)
    return claimed


@dataclass(frozen=True)
class Settlement:
    """The outcome of one attempt at a job.

    Attributes:
        error: why the attempt failed (kept for the next attempt and the dead letter).
        retry_in: seconds until the job is due again; None when it is finished.
        in_flight: keep the in-flight mark, because the provider may have the message
            (an unanswered request); the next attempt reconciles first.
        payload: a replacement payload (e.g. the final text, fixed at the first
            attempt so a reconciliation compares what was really sent).
    """

    job_id: int
    error: str = ""
    retry_in: float | None = None
    in_flight: bool = False
    payload: dict[str, Any] | None = None


def settle_many(session: Session, settlements: Iterable[Settlement]) -> None:
    """Record many outcomes in one batched UPDATE (jobs are not synced: no ORM needed)."""
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for s in settlements:
        row: dict[str, Any] = {
            "id": s.job_id,
            "locked_by": None,
            "locked_until": None,
            "last_error": s.error,
        }
        if s.payload is not None:
            row["payload"] = json.dumps(s.payload)
        if not s.in_flight:
            row["in_flight_since"] = None
        if s.retry_in is None:
            row["state"], row["finished_at"] = DONE, now
        else:
            row["state"], row["run_after"] = QUEUED, now + timedelta(seconds=s.retry_in)
        rows.append(row)
    # Plain statements on the table, one executemany per shape of row.
    # Declarative types `__table__` as any FromClause; a mapped class's is its Table.
    table = cast(Table, Job.__table__)
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        shapes.setdefault(tuple(sorted(row)), []).append(
            {f"v_{name}": value for name, value in row.items()}
        )
    for names, params in shapes.items():
        session.execute(
            update(table)
            .where(table.c.id == bindparam("v_id"))
            .values({name: bindparam(f"v_{name}") for name in names if name != "id"}),
            params,
        )


def settle(session: Session, job_id: int, **outcome: Any) -> None:
    """Record the outcome of one attempt (see `Settlement` for the arguments)."""
    settle_many(session, [Settlement(job_id, **outcome)])


def mark_in_flight(session: Session, marks: Iterable[tuple[int, dict[str, Any]]]) -> None:
    """Note that the provider is about to be called; commit before calling it.

    Each mark is a job id and the payload to keep (with the text to send). The
    first attempt's time is kept, so a reconciliation searches from it.
    """
    now = utcnow()
    rows = [{"job_id": job_id, "payload": json.dumps(payload)} for job_id, payload in marks]
    if rows:
        # Declarative types `__table__` as any FromClause; a mapped class's is its Table.
        table = cast(Table, Job.__table__)
        session.execute(
            update(table)
            .where(table.c.id == bindparam("job_id"))
            .values(
                payload=bindparam("payload"),
                in_flight_since=func.coalesce(table.c.in_flight_since, now),
            ),
            rows,
        )


def dead_letter(session: Session, job: Job, error: str, *, task: str | None = None) -> None:
    """Give up on `job` and show it in the Background Tasks view (seed 003)."""
    now = utcnow()
    job.state, job.finished_at = DEAD, now
    job.locked_by = job.locked_until = None
    job.last_error = error
    session.add(
        BackgroundTaskError(
            id=derived_id("job", str(job.id)),
            centre_id=job.centre_id,
            at=now,
            task=task or job.kind,
            error=error,
            detail=f"job {job.id} ({job.idempotency_key}) after {job.attempts} attempts",
        )
    )
