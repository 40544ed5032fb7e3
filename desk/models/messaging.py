"""Threads, participants, messages, deliveries and receipts (`desk.server.orm.messaging`)."""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import CacheBase, Synced, UtcText


class Thread(Synced, CacheBase):
    """One conversation with the server's denormalised inbox summary.

    The inbox shows the newest threads first; the indexes below let SQLite read the
    first page straight off an index instead of sorting every thread (DESIGN.md §6:
    0.19 ms instead of 241 ms for 20k threads). `id` ends each index so that paging
    with an offset is stable when two threads share a `last_message_at`.
    """

    __tablename__ = "thread"
    __table_args__ = (
        Index("ix_thread_recent", "last_message_at", "id"),
        Index("ix_thread_kind_status_recent", "kind", "status", "last_message_at", "id"),
    )
    kind: Mapped[str]  # ThreadKind
    status: Mapped[str]  # ThreadStatus
    family_id: Mapped[str | None] = mapped_column(index=True)
    guardian_id: Mapped[str | None] = mapped_column(index=True)
    room_id: Mapped[str | None]
    phone: Mapped[str | None] = mapped_column(index=True)  # E.164, SMS threads
    title: Mapped[str]
    created_by: Mapped[str | None]
    created_at: Mapped[UtcText]
    stopped: Mapped[bool]
    last_message_at: Mapped[UtcText | None]
    last_message_preview: Mapped[str]
    message_count: Mapped[int]
    unread_count: Mapped[int]


class Participant(Synced, CacheBase):
    """A member of a thread."""

    __tablename__ = "participant"
    thread_id: Mapped[str] = mapped_column(index=True)
    person_kind: Mapped[str]  # PersonKind
    person_id: Mapped[str] = mapped_column(index=True)
    muted: Mapped[bool]
    archived: Mapped[bool]
    joined_at: Mapped[UtcText]


class Message(Synced, CacheBase):
    """One message; `message_search` indexes its subject and body by rowid.

    `ix_message_created` lets a search for a common word walk messages newest
    first instead of sorting every match (see `desk.models.search`).
    """

    __tablename__ = "message"
    __table_args__ = (
        Index("ix_message_thread_created", "thread_id", "created_at"),
        Index("ix_message_created", "created_at", "id"),
    )
    thread_id: Mapped[str]
    direction: Mapped[str]  # Direction
    author_kind: Mapped[str | None]
    author_id: Mapped[str | None]
    from_phone: Mapped[str | None]
    subject: Mapped[str]
    body: Mapped[str]
    emergency_sms: Mapped[bool]
    show_at_kiosk: Mapped[bool]
    state: Mapped[str]  # MessageState
    error: Mapped[str]
    created_at: Mapped[UtcText]


class Attachment(Synced, CacheBase):
    """A file attached to a message; the bytes are fetched from the blob store."""

    __tablename__ = "attachment"
    message_id: Mapped[str] = mapped_column(index=True)
    filename: Mapped[str]
    mime_type: Mapped[str]
    size: Mapped[int]
    sha256: Mapped[str]


class Delivery(Synced, CacheBase):
    """A message's journey to one recipient on one channel."""

    __tablename__ = "delivery"
    message_id: Mapped[str] = mapped_column(index=True)
    recipient_kind: Mapped[str]
    recipient_id: Mapped[str | None]
    channel: Mapped[str]  # Channel
    address: Mapped[str]
    for_label: Mapped[str]
    state: Mapped[str]  # MessageState
    provider_ref: Mapped[str | None]
    error: Mapped[str]
    updated_at: Mapped[UtcText]


class Receipt(Synced, CacheBase):
    """Seen-by: who has seen a message, and when."""

    __tablename__ = "receipt"
    message_id: Mapped[str] = mapped_column(index=True)
    person_kind: Mapped[str]
    person_id: Mapped[str]
    seen_at: Mapped[UtcText]


class Template(Synced, CacheBase):
    """A saved title and message for a page and channel."""

    __tablename__ = "template"
    page: Mapped[str]
    channel: Mapped[str]  # Channel
    name: Mapped[str]
    title: Mapped[str]
    body: Mapped[str]
