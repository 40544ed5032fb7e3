"""The durable job queue: one row per piece of background work (server only).

Jobs live in the server's own database, so a job is enqueued in the same
transaction as the rows it works on (a message and its deliveries): either both
commit or neither does, and no message is ever written without its sending.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.server.orm.base import ID_LENGTH, Base


class Job(Base):
    """A unit of background work, leased by one worker at a time.

    `state` is queued, running, done or dead. A worker owns a running job until
    `locked_until`; a worker that dies loses its lease and another takes the job
    up again. `in_flight_since` is set, and committed, before a provider is called
    and cleared once the outcome is recorded, so a job found with it set may
    already have reached the provider and is reconciled before any resend.
    """

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_claim", "state", "run_after"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    payload: Mapped[str] = mapped_column(Text, default="{}")
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=8)
    run_after: Mapped[datetime]
    locked_by: Mapped[str | None] = mapped_column(String(100))
    locked_until: Mapped[datetime | None]
    in_flight_since: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
