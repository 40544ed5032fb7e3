"""Append-only records: the audit log and background-task errors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.core.kinds import AuditAction
from desk.server.orm.base import ID_LENGTH, Base, Synced


class AuditEvent(Synced, Base):
    """Who did what, when (seed 001: sends, opens, closes, numbers marking Unread)."""

    __tablename__ = "audit_event"
    at: Mapped[datetime]
    action: Mapped[AuditAction] = mapped_column(String(32))
    actor_kind: Mapped[str] = mapped_column(String(16))  # staff, device, phone, system
    actor_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    actor_label: Mapped[str] = mapped_column(String(200), default="")
    thread_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    message_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    phone: Mapped[str | None] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")


class BackgroundTaskError(Synced, Base):
    """A job that could not run, shown in the Background Tasks view (seed 003)."""

    __tablename__ = "background_task_error"
    at: Mapped[datetime]
    task: Mapped[str] = mapped_column(String(64))
    error: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")
