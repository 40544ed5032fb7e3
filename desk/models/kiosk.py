"""Queued kiosk messages, attendance and kiosk devices (`desk.server.orm.kiosk`)."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desk.models.base import CacheBase, Synced, UtcText, mirror_table


class KioskMessage(Synced, CacheBase):
    """A message shown to one guardian at their next PIN entry.

    Shown in entry order (`entered_at`, then `entered_seq`); `thread_id` is the
    conversation it came from.
    """

    __table__ = mirror_table("kiosk_message")
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

    __table__ = mirror_table("attendance_event")
    student_id: Mapped[str]
    guardian_id: Mapped[str | None]
    room_id: Mapped[str | None]
    kind: Mapped[str]  # AttendanceKind
    at: Mapped[UtcText]
    device_id: Mapped[str | None]
    note: Mapped[str]


class KioskDevice(Synced, CacheBase):
    """An enrolled kiosk."""

    __table__ = mirror_table("kiosk_device")
    name: Mapped[str]
    enrolled_by: Mapped[str]
    enrolled_at: Mapped[UtcText]
    revoked: Mapped[bool]
