"""Threads, their participants, messages, per-recipient deliveries and receipts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.core.kinds import Channel, Direction, MessageState, ThreadKind, ThreadStatus
from desk.server.orm.base import ID_LENGTH, Base, Synced
from desk.server.orm.people import ref


class Thread(Synced, Base):
    """One conversation; its summary columns are denormalised for a fast inbox.

    The inbox lists threads newest first with a preview and an unread count; keeping
    those here turns a 241 ms aggregate into a 0.2 ms index scan (DESIGN.md §6).
    """

    __tablename__ = "thread"
    kind: Mapped[ThreadKind] = mapped_column(String(16))
    status: Mapped[ThreadStatus] = mapped_column(String(16), default=ThreadStatus.OPEN)
    family_id: Mapped[str | None] = ref("family", nullable=True)
    guardian_id: Mapped[str | None] = ref("guardian", nullable=True)  # private thread
    room_id: Mapped[str | None] = ref("room", nullable=True)  # Classroom Chat
    phone: Mapped[str | None] = mapped_column(String(20), index=True)  # SMS thread, E.164
    title: Mapped[str] = mapped_column(String(100), default="")
    created_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[datetime]
    stopped: Mapped[bool] = mapped_column(default=False)
    last_message_at: Mapped[datetime | None]
    last_message_preview: Mapped[str] = mapped_column(String(200), default="")
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    unread_count: Mapped[int] = mapped_column(Integer, default=0)
    stopped_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    stopped_at: Mapped[datetime | None]


class Participant(Synced, Base):
    """A member of a thread, with their own mute and archive switches (seed 004)."""

    __tablename__ = "participant"
    thread_id: Mapped[str] = ref("thread")
    person_kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    muted: Mapped[bool] = mapped_column(default=False)
    archived: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime]
    # A staff participant's own unread messages here; muted: stays 0 (seed 004).
    unread_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Message(Synced, Base):
    """One message in a thread: immutable once written except for its delivery state."""

    __tablename__ = "message"
    __table_args__ = (
        Index("ix_message_feed", "centre_id", "version", "id"),
        Index("ix_message_thread_created", "thread_id", "created_at"),
    )
    # Indexed by the composite index above, which also serves thread lookups.
    thread_id: Mapped[str] = mapped_column(String(ID_LENGTH), ForeignKey("thread.id"))
    direction: Mapped[Direction] = mapped_column(String(8), default=Direction.OUTBOUND)
    author_kind: Mapped[str | None] = mapped_column(String(16))
    author_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    from_phone: Mapped[str | None] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    emergency_sms: Mapped[bool] = mapped_column(default=False)
    show_at_kiosk: Mapped[bool] = mapped_column(default=False)
    state: Mapped[MessageState] = mapped_column(String(16), default=MessageState.SENT)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class Attachment(Synced, Base):
    """A file attached to a message (seed 002); bytes live in the blob store."""

    __tablename__ = "attachment"
    message_id: Mapped[str] = ref("message")
    filename: Mapped[str]
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))


class Delivery(Synced, Base):
    """A message's journey to one recipient on one channel, updated from receipts."""

    __tablename__ = "delivery"
    # The server defaults are for rows the migration found; the ORM always sends
    # the Python default. Left "auto", SQLAlchemy 2 inserts so that it could read
    # them back: a thousand rows' VALUES in one statement (0.5 MB of SQL for
    # psycopg to parse) instead of executemany, 8 % of a 5,000-guardian fan-out.
    __mapper_args__ = {"eager_defaults": False}  # noqa: RUF012 (declarative reads a dict)
    __table_args__ = (
        Index("ix_delivery_feed", "centre_id", "version", "id"),
        # The latest texts to a number: which conversation an incoming reply answers.
        Index("ix_delivery_address_updated", "address", "updated_at"),
    )
    message_id: Mapped[str] = ref("message")
    recipient_kind: Mapped[str] = mapped_column(String(16))
    recipient_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    channel: Mapped[Channel] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(254))
    for_label: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[MessageState] = mapped_column(String(16), default=MessageState.QUEUED)
    provider_ref: Mapped[str | None] = mapped_column(String(100), index=True)
    error: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]
    # Server-side remarks that are not failures ("sent untranslated: ..."), synced
    # and shown beside the delivery state.
    note: Mapped[str] = mapped_column(Text, default="")
    # Billable segments of an SMS delivery's text as planned (label + body), what the
    # monthly quota sums; 1 for other channels. The client computes the same from
    # the synced label and body (`desk.core.sms.texted_body`), so it is private.
    segments: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The language the text went out in, once sent ("" before).
    language: Mapped[str] = mapped_column(String(16), default="", server_default="")
    # The failing channel this delivery replaces ("" when it is the first choice).
    fallback_from: Mapped[str] = mapped_column(String(16), default="", server_default="")


class SmsUsage(Base):
    """The billable SMS segments of a centre's texts, by the month their messages were written.

    Server only, never synced. Kept as texts are planned, recounted and withdrawn
    (`desk.server.delivery.quota.count_texts`), so checking the monthly quota
    before a send reads one row instead of summing the month's deliveries: that SUM
    was a fifth of a reply's server time at 100,000 messages, and its index on
    every message a third of the seeder's time.
    """

    __tablename__ = "sms_usage"
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-12", UTC
    segments: Mapped[int] = mapped_column(Integer, default=0)


class Receipt(Synced, Base):
    """Seen-by: who has seen a message, and when (seed 004)."""

    __tablename__ = "receipt"
    message_id: Mapped[str] = ref("message")
    person_kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    seen_at: Mapped[datetime]


class Template(Synced, Base):
    """A saved title and message for a page and channel (seed 003)."""

    __tablename__ = "template"
    page: Mapped[str] = mapped_column(String(32))
    channel: Mapped[Channel] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)


class Blob(Base):
    """A file uploaded to a centre, stored by content hash (server only).

    The bytes live in the blob store (`desk.server.attachments.store`); this row
    says the centre has them, how big they are and what they are, so a command can
    attach them without reading the file, and one centre's upload never lets another
    centre attach the same hash.
    """

    __tablename__ = "blob"
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(100))
    uploaded_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[datetime]
