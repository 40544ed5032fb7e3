"""The audit log and background-task errors (`desk.server.orm.records`)."""

from __future__ import annotations

from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import CacheBase, Synced, UtcText


class AuditEvent(Synced, CacheBase):
    """Who did what, when."""

    __tablename__ = "audit_event"
    at: Mapped[UtcText] = mapped_column(index=True)
    action: Mapped[str]  # AuditAction
    actor_kind: Mapped[str]
    actor_id: Mapped[str | None]
    actor_label: Mapped[str]
    thread_id: Mapped[str | None] = mapped_column(index=True)
    message_id: Mapped[str | None]
    phone: Mapped[str | None]
    detail: Mapped[str]


class BackgroundTaskError(Synced, CacheBase):
    """A job that could not run, shown in the Background Tasks view."""

    __tablename__ = "background_task_error"
    at: Mapped[UtcText] = mapped_column(index=True)
    task: Mapped[str]
    error: Mapped[str]
    detail: Mapped[str]
