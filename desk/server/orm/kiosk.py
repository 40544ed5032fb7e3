"""What the sign-in/out kiosk reads and writes: queued messages and attendance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.core.kinds import AttendanceKind
from desk.server.orm.base import ID_LENGTH, Base, Synced
from desk.server.orm.people import ref


class KioskMessage(Synced, Base):
    """A message shown to one guardian at their next PIN entry (seed 000).

    Several messages for one guardian show in the order staff entered them:
    `entered_at` as the workstation reported it (offline ones included), then
    `entered_seq`, which the server assigns in arrival order. `thread_id` is the
    conversation the message was also posted in: staff who may not read it do not
    receive this copy either.
    """

    __tablename__ = "kiosk_message"
    guardian_id: Mapped[str] = ref("guardian")
    body: Mapped[str] = mapped_column(Text)
    entered_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    entered_at: Mapped[datetime]
    entered_seq: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    shown_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    cancelled: Mapped[bool] = mapped_column(default=False)


class AttendanceEvent(Synced, Base):
    """A child signed in or out, at the kiosk or by staff."""

    __tablename__ = "attendance_event"
    __table_args__ = (
        Index("ix_attendance_event_feed", "centre_id", "version", "id"),
        # Today's events of a centre: "everyone signed in right now" (issue 13).
        Index("ix_attendance_event_centre_at", "centre_id", "at"),
    )
    student_id: Mapped[str] = ref("student")
    guardian_id: Mapped[str | None] = ref("guardian", nullable=True)
    room_id: Mapped[str | None] = ref("room", nullable=True)
    kind: Mapped[AttendanceKind] = mapped_column(String(16))
    at: Mapped[datetime]
    device_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    note: Mapped[str] = mapped_column(Text, default="")


class KioskDevice(Synced, Base):
    """An enrolled kiosk; its token reaches kiosk endpoints only."""

    __tablename__ = "kiosk_device"
    name: Mapped[str] = mapped_column(String(100))
    enrolled_by: Mapped[str] = mapped_column(String(ID_LENGTH))
    enrolled_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)
    # When it last called the server (to a few minutes); served by GET /kiosk/devices,
    # not synced, so a kiosk's polling wakes nobody.
    last_seen_at: Mapped[datetime | None] = mapped_column()
