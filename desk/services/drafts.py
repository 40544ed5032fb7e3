"""Drafts: what staff are typing, saved as they type so a crash or restart loses nothing.

A draft is keyed by what it answers: a thread id for a reply, or a fixed name such as
`NEW_MESSAGE` for the compose window. Saving is one small upsert, cheap enough to
run on every pause in typing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from desk.core.user_errors import QT_TRANSLATE_NOOP
from desk.core.wire import format_utc
from desk.models.cache import Cache

NEW_MESSAGE = "new-message"


@dataclass(frozen=True)
class Draft:
    """Unsent text."""

    key: str
    subject: str
    body: str
    updated_at: str


def save_draft(cache: Cache, key: str, body: str, subject: str = "") -> None:
    """Keep the text for `key`; an empty draft is removed rather than stored.

    Raises:
        StorageError: the disk is full (`DiskFull`) or failing; the draft saved
            before stays as it was, and the text is still the caller's to keep.
    """
    with cache.writing(QT_TRANSLATE_NOOP("Errors", "your draft")) as cursor:
        if not body.strip() and not subject.strip():
            cursor.execute("DELETE FROM draft WHERE key = ?", (key,))
            return
        cursor.execute(
            "INSERT INTO draft (key, subject, body, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET subject = excluded.subject, "
            "body = excluded.body, updated_at = excluded.updated_at",
            (key, subject, body, format_utc(datetime.now(UTC))),
        )


def load_draft(cache: Cache, key: str) -> Draft | None:
    """The saved draft for `key`, if any."""
    rows = cache.read("SELECT key, subject, body, updated_at FROM draft WHERE key = ?", key)
    return Draft(*rows[0]) if rows else None


def discard_draft(cache: Cache, key: str) -> None:
    """Forget a draft once its message is queued."""
    save_draft(cache, key, "")
