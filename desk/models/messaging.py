"""Threads, participants, messages, deliveries and receipts (`desk.server.orm.messaging`)."""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from desk.models.base import CacheBase, Synced, UtcText, mirror_table


class Thread(Synced, CacheBase):
    """One conversation with the server's denormalised inbox summary.

    The inbox shows the newest threads first; the indexes declared in
    `desk.core.schema.tables` let SQLite read the first page straight off an index
    instead of sorting every thread (DESIGN.md §6: 0.19 ms instead of 241 ms for 20k
    threads). `id` ends each index so that paging with an offset is stable when two
    threads share a `last_message_at`.
    """

    __table__ = mirror_table("thread")
    kind: Mapped[str]  # ThreadKind
    status: Mapped[str]  # ThreadStatus
    family_id: Mapped[str | None]
    guardian_id: Mapped[str | None]
    room_id: Mapped[str | None]
    phone: Mapped[str | None]  # E.164, SMS threads
    title: Mapped[str]
    created_by: Mapped[str | None]
    created_at: Mapped[UtcText]
    stopped: Mapped[bool]
    last_message_at: Mapped[UtcText | None]
    last_message_preview: Mapped[str]
    message_count: Mapped[int]
    unread_count: Mapped[int]
    stopped_by: Mapped[str | None]  # staff id; a stopped group conversation (seed 004)
    stopped_at: Mapped[UtcText | None]


class Participant(Synced, CacheBase):
    """A member of a thread."""

    __table__ = mirror_table("participant")
    thread_id: Mapped[str]
    person_kind: Mapped[str]  # PersonKind
    person_id: Mapped[str]
    muted: Mapped[bool]
    archived: Mapped[bool]
    joined_at: Mapped[UtcText]
    unread_count: Mapped[int]  # a staff participant's own; 0 while muted


class Message(Synced, CacheBase):
    """One message; `message_search` indexes its subject and body by rowid.

    `ix_message_created` lets a search for a common word walk messages newest
    first instead of sorting every match (see `desk.models.search`).
    """

    __table__ = mirror_table("message")
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

    __table__ = mirror_table("attachment")
    message_id: Mapped[str]
    filename: Mapped[str]
    mime_type: Mapped[str]
    size: Mapped[int]
    sha256: Mapped[str]


class Delivery(Synced, CacheBase):
    """A message's journey to one recipient on one channel, with the server's note."""

    __table__ = mirror_table("delivery")
    message_id: Mapped[str]
    recipient_kind: Mapped[str]
    recipient_id: Mapped[str | None]
    channel: Mapped[str]  # Channel
    address: Mapped[str]
    for_label: Mapped[str]
    state: Mapped[str]  # MessageState
    provider_ref: Mapped[str | None]
    error: Mapped[str]
    updated_at: Mapped[UtcText]
    note: Mapped[str]  # not a failure: "sent untranslated: ..."
    language: Mapped[str]  # the language the text went out in; "" until sent
    fallback_from: Mapped[str]  # Channel that failed, so this one was used; "" if none


class Receipt(Synced, CacheBase):
    """Seen-by: who has seen a message, and when."""

    __table__ = mirror_table("receipt")
    message_id: Mapped[str]
    person_kind: Mapped[str]
    person_id: Mapped[str]
    seen_at: Mapped[UtcText]


class Template(Synced, CacheBase):
    """A saved title and message for a page and channel."""

    __table__ = mirror_table("template")
    page: Mapped[str]
    channel: Mapped[str]  # Channel
    name: Mapped[str]
    title: Mapped[str]
    body: Mapped[str]
