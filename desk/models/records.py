"""The audit log and background-task errors (`desk.server.orm.records`)."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desk.models.base import CacheBase, Synced, UtcText, mirror_table


class AuditEvent(Synced, CacheBase):
    """Who did what, when."""

    __table__ = mirror_table("audit_event")
    at: Mapped[UtcText]
    action: Mapped[str]  # AuditAction
    actor_kind: Mapped[str]
    actor_id: Mapped[str | None]
    actor_label: Mapped[str]
    thread_id: Mapped[str | None]
    message_id: Mapped[str | None]
    phone: Mapped[str | None]
    detail: Mapped[str]


class BackgroundTaskError(Synced, CacheBase):
    """A job that could not run, shown in the Background Tasks view."""

    __table__ = mirror_table("background_task_error")
    at: Mapped[UtcText]
    task: Mapped[str]
    error: Mapped[str]
    detail: Mapped[str]
