"""Tables that exist only in the client cache: sync bookkeeping, outbox, drafts.

None of these come from the change feed, so `reset_synced` and a refetch from 0
leave them alone: the outbox and drafts hold work the user has not sent yet.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from desk.models.base import CacheBase, UtcText


class MetaKey(StrEnum):
    """The keys of `sync_meta`; one place so the sync and UI code agree on spelling."""

    CURSOR = "cursor"  # opaque change-feed position, passed back as ?after=
    LAST_SEQ = "last_seq"  # last outbox seq the server has applied for this client
    VERSION = "version"  # server sync version of the last applied page
    CLIENT_ID = "client_id"  # this installation's UUID (DESIGN.md §4 push)
    SERVER_URL = "server_url"
    PRINCIPAL_KIND = "principal_kind"  # staff | kiosk
    PRINCIPAL_ID = "principal_id"
    CENTRE_ID = "centre_id"
    # Set by pages applied with initial=True, cleared by rebuild_search: deferred
    # indexes and search still need building.
    INITIAL_UNFINISHED = "initial_unfinished"


class SyncMeta(CacheBase):
    """Key/value settings of the sync engine, as text.

    Written in the same transaction as the rows they describe, so the cursor can
    never run ahead of (or behind) what the cache holds.
    """

    __tablename__ = "sync_meta"
    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str | None]


class OutboxState(StrEnum):
    """Where a queued command stands."""

    PENDING = "pending"  # not yet sent, or sent and must be retried
    SENDING = "sending"  # in a push request right now
    REJECTED = "rejected"  # the server refused it; kept so the UI can show `error`


class Outbox(CacheBase):
    """A command waiting to be pushed, written with its optimistic local effect.

    `seq` is the per-client sequence number of DESIGN.md §4. The table uses
    AUTOINCREMENT because a plain INTEGER PRIMARY KEY reuses the largest seq once
    the acknowledged rows are deleted, and the server would take a reused seq for a
    retry of an old command and answer with that command's stored result.
    """

    __tablename__ = "outbox"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 - SQLAlchemy reads it
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    command_id: Mapped[str] = mapped_column(unique=True)  # client UUID, the idempotency key
    name: Mapped[str]  # e.g. send_message, close_thread
    args: Mapped[str]  # JSON object text
    base_version: Mapped[int | None]  # the server version the command was made against
    created_at: Mapped[UtcText]
    state: Mapped[str] = mapped_column(server_default=OutboxState.PENDING.value)  # OutboxState
    error: Mapped[str] = mapped_column(server_default="")
    # The refusal's untranslated text and values as JSON (desk.core.worded_wire), or "".
    reason: Mapped[str] = mapped_column(server_default="")
    attempts: Mapped[int] = mapped_column(server_default="0")
    # JSON list of what undoes the optimistic effect (desk.sync.local_effects), so a
    # rejected command can be taken back without refetching.
    undo: Mapped[str] = mapped_column(server_default="[]")


class Draft(CacheBase):
    """Unsent text, saved as the user types so it survives a crash or going offline.

    `key` is a thread id for a reply, or a fixed name such as "new-message" for the
    compose window.
    """

    __tablename__ = "draft"
    key: Mapped[str] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(server_default="")
    body: Mapped[str] = mapped_column(server_default="")
    updated_at: Mapped[UtcText]


class Tombstone(CacheBase):
    """The version at which a mirrored row was deleted.

    Deleted rows are removed from their table; remembering the deletion version
    keeps an older copy of the row that arrives afterwards (a page received twice,
    or out of order) from bringing it back.
    """

    __tablename__ = "tombstone"
    table_name: Mapped[str] = mapped_column(primary_key=True)
    id: Mapped[str] = mapped_column(primary_key=True)
    version: Mapped[int]


class PersonIndex(CacheBase):
    """One searchable person or family: the content table of `people_search`.

    People come from four tables (families, guardians, students, staff), so the FTS
    index reads this small derived table instead of any one of them. The explicit
    INTEGER PRIMARY KEY keeps rowids stable through VACUUM, which an external-content
    FTS index relies on. `terms` holds every digit suffix of the phone numbers (see
    `desk.models.search.phone_terms`), so any run of three or more digits matches.
    """

    __tablename__ = "person_index"
    __table_args__ = (Index("ix_person_index_ref", "kind", "ref_id", unique=True),)
    rowid: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str]  # family | guardian | student | staff (the source table)
    ref_id: Mapped[str]
    family_id: Mapped[str | None] = mapped_column(index=True)
    name: Mapped[str]
    phone: Mapped[str | None]  # E.164, for display beside a hit
    terms: Mapped[str]
