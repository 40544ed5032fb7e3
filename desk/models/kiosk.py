"""Queued kiosk messages, attendance and kiosk devices (`desk.server.orm.kiosk`)."""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from desk.models.base import CacheBase, Synced, UtcText


class KioskMessage(Synced, CacheBase):
    """A message shown to one guardian at their next PIN entry, in entry order
    (`entered_at`, then `entered_seq`); `thread_id` is the conversation it came from."""

    __tablename__ = "kiosk_message"
    __table_args__ = (
        Index("ix_kiosk_message_guardian_seq", "guardian_id", "entered_seq"),
        Index("ix_kiosk_message_guardian_entered", "guardian_id", "entered_at", "entered_seq"),
    )
    guardian_id: Mapped[str]
    body: Mapped[str]
    entered_by: Mapped[str | None]
    entered_at: Mapped[UtcText]
    entered_seq: Mapped[int]
    thread_id: Mapped[str | None]
    shown_at: Mapped[UtcText | None]
    acknowledged_at: Mapped[UtcText | None]
    cancelled: Mapped[bool]


class AttendanceEvent(Synced, CacheBase):
    """A child signed in or out; the latest event per student gives their room."""

    __tablename__ = "attendance_event"
    __table_args__ = (Index("ix_attendance_event_student_at", "student_id", "at"),)
    student_id: Mapped[str]
    guardian_id: Mapped[str | None]
    room_id: Mapped[str | None]
    kind: Mapped[str]  # AttendanceKind
    at: Mapped[UtcText]
    device_id: Mapped[str | None]
    note: Mapped[str]


class KioskDevice(Synced, CacheBase):
    """An enrolled kiosk."""

    __tablename__ = "kiosk_device"
    name: Mapped[str]
    enrolled_by: Mapped[str]
    enrolled_at: Mapped[UtcText]
    revoked: Mapped[bool]
