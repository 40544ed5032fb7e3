"""Reads behind one open conversation: its messages with authors, seen-by, remarks.

One query returns a thread's newest messages with each author's name already
joined in, so a thread of 500 messages costs one indexed range read
(`ix_message_thread_created`) and no lookups while painting. Two more give what
shows under each message: who has read it, in brief (`seen_summaries`), and the
deliveries worth a remark, translated or fallen back (`delivery_remarks`). Opening
such a thread with all three is measured by `bench/bench_thread_open.py`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.core.user_errors import WordedError
from desk.core.worded_wire import from_wire
from desk.models.local import MetaKey, OutboxState


@dataclass(frozen=True)
class MessageView:
    """One message as the conversation shows it.

    Attributes:
        author: the staff member's or guardian's name; "" when only `from_phone`
            is known (an SMS from a number no record holds).
        local: True while the server has not confirmed the message yet (it was
            written by this workstation's outbox and has version 0).
        notes: the server's remarks on its deliveries that are not failures
            ("sent untranslated: ..."), each once, joined by "; "; "" for none.
    """

    id: str
    thread_id: str
    direction: str
    author_kind: str | None
    author_id: str | None
    author: str
    from_phone: str | None
    body: str
    state: str
    error: str
    emergency_sms: bool
    created_at: str
    local: bool
    notes: str = ""


@dataclass(frozen=True)
class RejectedSend:
    """A reply the server refused: kept in the outbox so the user sees why and retries."""

    seq: int
    thread_id: str
    body: str
    error: WordedError  # shown with `desk.i18n.errors.error_text`
    files: tuple[tuple[str, str], ...] = ()
    """The files it carried, as (sha256, name): a retry sends them again."""

    @property
    def label(self) -> str:
        """What it said: its text, or the names of its files when it had none."""
        return self.body or ", ".join(name for _sha256, name in self.files)


@dataclass(frozen=True)
class RefusedRetry:
    """A Retry the server refused (the number opted out, the quota is spent)."""

    seq: int
    error: WordedError


@dataclass(frozen=True)
class Retries:
    """The Retry requests of a thread's failed messages still in the outbox.

    Attributes:
        pending: ids of messages whose retry is queued or being sent: the server
            has not answered yet, so another click must not ask again.
        refused: the latest refused retry of each message, to show why.
    """

    pending: frozenset[str] = frozenset()
    refused: dict[str, RefusedRetry] = field(default_factory=dict)


@dataclass(frozen=True)
class Sibling:
    """Another conversation of the same family on the same channel.

    In a split family each guardian has a private conversation (seed 000); the
    thread view lists them by guardian name so staff can switch between them.
    """

    thread_id: str
    guardian_id: str | None
    label: str
    status: str


_MESSAGES = (
    "SELECT m.id, m.thread_id, m.direction, m.author_kind, m.author_id,"
    " COALESCE(s.first_name || ' ' || s.last_name, g.first_name || ' ' || g.last_name,"
    "  (SELECT first_name || ' ' || last_name FROM guardian WHERE phone = m.from_phone"
    "   ORDER BY kind, id LIMIT 1), ''),"
    " m.from_phone, m.body, m.state, m.error, m.emergency_sms, m.created_at, m.version = 0,"
    # One probe of ix_delivery_message_id per message; most have no note.
    " (SELECT group_concat(note, '; ') FROM (SELECT DISTINCT d.note FROM delivery AS d"
    "   WHERE d.message_id = m.id AND d.note <> '' ORDER BY d.note))"
    " FROM (SELECT * FROM message WHERE thread_id = :thread"
    "  ORDER BY created_at DESC, id DESC LIMIT :limit) AS m"
    " LEFT JOIN staff AS s ON m.author_kind = 'staff' AND s.id = m.author_id"
    " LEFT JOIN guardian AS g ON m.author_kind = 'guardian' AND g.id = m.author_id"
    " ORDER BY m.created_at, m.id"
)


def _rows(session: Session, sql: str, params: Mapping[str, object]) -> list[tuple[Any, ...]]:
    """Every row of a read, fetched at once on the session's own sqlite3 connection.

    Opening a thread reads a row per message and SQLAlchemy's per-row result
    handling cost more than the statements (`bench/bench_thread_open.py`); the read
    still runs in the session's transaction and sees its snapshot.
    """
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection.execute(sql, params).fetchall()


def conversation(session: Session, thread_id: str, limit: int = 500) -> list[MessageView]:
    """The newest `limit` messages of a thread, oldest first as a conversation reads."""
    rows = _rows(session, _MESSAGES, {"thread": thread_id, "limit": limit})
    return [
        MessageView(
            id=row[0],
            thread_id=row[1],
            direction=row[2],
            author_kind=row[3],
            author_id=row[4],
            author=row[5],
            from_phone=row[6],
            body=row[7],
            state=row[8],
            error=row[9],
            emergency_sms=bool(row[10]),
            created_at=row[11],
            local=bool(row[12]),
            notes=row[13] or "",
        )
        for row in rows
    ]


WRITTEN_IN = "en"
"""The language staff write in: the server's `SOURCE_LANGUAGE`, which it translates from.

A delivery in any other language was translated; one in this language to a person
who reads another went out untranslated, and its `note` says why.
"""


@dataclass(frozen=True)
class DeliveryRemark:
    """A delivery worth a line under its message: translated, or sent on another channel.

    Attributes:
        name: the recipient's name ("" for a number no record holds).
        language: the language the text went out in.
        translated: whether that is another language than staff wrote in.
        fallback_from: the preferred channel that failed, so `channel` was used; ""
            when it went out on the preferred one.
        failing: whether `fallback_from` is still marked failing for the recipient,
            so the next message falls back too until someone resets it.
        reason: why `fallback_from` failed, as the server recorded it ("" if unknown).
    """

    message_id: str
    recipient_kind: str
    recipient_id: str | None
    name: str
    channel: str
    language: str
    translated: bool
    fallback_from: str
    failing: bool
    reason: str


_REMARKS = (
    "SELECT d.message_id, d.recipient_kind, d.recipient_id,"
    " COALESCE(s.first_name || ' ' || s.last_name, g.first_name || ' ' || g.last_name, ''),"
    " d.channel, d.language, d.fallback_from, COALESCE(c.failing, 0),"
    # The reason only while failing: a reset replaces it with who reset it.
    " CASE WHEN c.failing THEN c.reason ELSE '' END"
    " FROM (SELECT id, created_at FROM message WHERE thread_id = :thread"
    "  ORDER BY created_at DESC, id DESC LIMIT :limit) AS m"
    " JOIN delivery AS d ON d.message_id = m.id"
    " LEFT JOIN channel_status AS c ON c.person_id = d.recipient_id"
    "  AND c.person_kind = d.recipient_kind AND c.channel = d.fallback_from"
    " LEFT JOIN staff AS s ON d.recipient_kind = 'staff' AND s.id = d.recipient_id"
    " LEFT JOIN guardian AS g ON d.recipient_kind = 'guardian' AND g.id = d.recipient_id"
    " WHERE d.fallback_from <> '' OR d.language NOT IN ('', :written_in)"
    " ORDER BY m.created_at, m.id, 4, d.channel"
)


def delivery_remarks(
    session: Session, thread_id: str, limit: int = 500
) -> dict[str, list[DeliveryRemark]]:
    """The translated and fallen-back deliveries of the thread's newest `limit` messages.

    By message, oldest first, recipients by name. Deliveries sent as written on the
    preferred channel, nearly all of them, are left out in the statement, so a
    thread of 500 messages to 15 people builds no object for them.
    """
    rows = _rows(session, _REMARKS, {"thread": thread_id, "limit": limit, "written_in": WRITTEN_IN})
    found: dict[str, list[DeliveryRemark]] = {}
    for message_id, kind, recipient, name, channel, language, fallback, failing, reason in rows:
        found.setdefault(str(message_id), []).append(
            DeliveryRemark(
                str(message_id),
                str(kind),
                None if recipient is None else str(recipient),
                str(name),
                str(channel),
                str(language),
                language not in ("", WRITTEN_IN),
                str(fallback),
                bool(failing),
                str(reason),
            )
        )
    return found


@dataclass(frozen=True)
class SeenSummary:
    """Who has read a message, as much as shows under it (seed 004's seen-by).

    Attributes:
        readers: how many people hold a receipt for it.
        members_read: how many of the `members` asked about, the author left out,
            are among them: all of them is "seen by everyone".
        name: the reader's name when there is exactly one, else "".
        seen_at: when that one reader read it, else "".
    """

    message_id: str
    readers: int
    members_read: int
    name: str
    seen_at: str


_SEEN = (
    "WITH s AS MATERIALIZED (SELECT m.id,"
    "  (SELECT COUNT(*) FROM receipt AS r WHERE r.message_id = m.id) AS n,"
    "  CASE WHEN :members = '[]' THEN 0 ELSE (SELECT COUNT(*) FROM receipt AS r"
    "   WHERE r.message_id = m.id AND r.person_id IS NOT m.author_id"
    "   AND r.person_id IN (SELECT value FROM json_each(:members))) END AS members_read"
    "  FROM (SELECT id, author_id FROM message WHERE thread_id = :thread"
    "   ORDER BY created_at DESC, id DESC LIMIT :limit) AS m)"
    " SELECT id, n, members_read, '', '' FROM s WHERE n > 1"
    " UNION ALL SELECT s.id, 1, s.members_read, COALESCE(st.first_name || ' ' || st.last_name,"
    " g.first_name || ' ' || g.last_name, pupil.first_name || ' ' || pupil.last_name, ''),"
    " r.seen_at FROM s JOIN receipt AS r ON r.message_id = s.id"
    " LEFT JOIN staff AS st ON r.person_kind = 'staff' AND st.id = r.person_id"
    " LEFT JOIN guardian AS g ON r.person_kind = 'guardian' AND g.id = r.person_id"
    " LEFT JOIN student AS pupil ON r.person_kind = 'student' AND pupil.id = r.person_id"
    " WHERE s.n = 1"
)


def seen_summaries(
    session: Session,
    thread_id: str,
    members: Sequence[tuple[str, str]] = (),
    limit: int = 500,
) -> dict[str, SeenSummary]:
    """Who has read each of the thread's newest `limit` messages, in brief; unread ones left out.

    One statement: each message's receipts counted on `ix_receipt_message_id` alone,
    the members among them counted by id (ids are unique across kinds), and the
    reader's name joined only where there is one reader. A thread of 500 messages
    read by 15 people builds 500 small rows, not 7,500, in a third of the time the
    same figures took with a GROUP BY over every receipt's columns; the readers of
    one message in full come on demand (`seen_by_message`).

    The conversation's participants as (kind, id), `members`, are what
    `SeenSummary.members_read` counts; other conversations have none.
    """
    rows = _rows(
        session,
        _SEEN,
        {
            "thread": thread_id,
            "limit": limit,
            "members": json.dumps([pid for _kind, pid in members]),
        },
    )
    return {
        str(message_id): SeenSummary(
            str(message_id), int(n), int(members_read or 0), str(name), str(seen_at)
        )
        for message_id, n, members_read, name, seen_at in rows
    }


def unseen(session: Session, thread_id: str, me: str, limit: int = 500) -> list[str]:
    """Ids of the thread's recent messages by others without a seen-by receipt of `me`.

    Others are the family and, in a group conversation, the other staff: every
    message a staff member did not write is one they can be seen to have read
    (seed 004).
    """
    rows = session.execute(
        text(
            "SELECT m.id FROM (SELECT id, author_kind, author_id FROM message"
            " WHERE thread_id = :thread ORDER BY created_at DESC, id DESC LIMIT :limit) AS m"
            " WHERE NOT (m.author_kind IS 'staff' AND m.author_id IS :me)"
            " AND NOT EXISTS (SELECT 1 FROM receipt AS r"
            "  WHERE r.message_id = m.id AND r.person_kind = 'staff' AND r.person_id = :me)"
        ),
        {"thread": thread_id, "me": me, "limit": limit},
    )
    return [row[0] for row in rows]


def rejected_sends(session: Session, thread_id: str) -> list[RejectedSend]:
    """Replies to `thread_id` that the server refused, oldest first."""
    rows = session.execute(
        text(
            "SELECT seq, json_extract(args, '$.body'), error, reason,"
            " COALESCE(json_extract(args, '$.attachments'), '[]') FROM outbox"
            " WHERE state = :rejected AND name = 'send_message'"
            " AND json_extract(args, '$.thread_id') = :thread ORDER BY seq"
        ),
        {"rejected": OutboxState.REJECTED.value, "thread": thread_id},
    )
    return [
        RejectedSend(
            seq,
            thread_id,
            body or "",
            from_wire(error, reason),
            tuple((str(f["sha256"]), str(f["name"])) for f in json.loads(files)),
        )
        for seq, body, error, reason, files in rows
    ]


def retries(session: Session, thread_id: str) -> Retries:
    """Where the Retry requests for the thread's messages stand (see `Retries`)."""
    rows = session.execute(
        text(
            "SELECT seq, json_extract(args, '$.message_id'), state, error, reason FROM outbox"
            " WHERE name = 'retry_delivery' AND json_extract(args, '$.message_id') IN"
            " (SELECT id FROM message WHERE thread_id = :thread) ORDER BY seq"
        ),
        {"thread": thread_id},
    )
    pending: set[str] = set()
    refused: dict[str, RefusedRetry] = {}
    for seq, message_id, state, error, reason in rows:
        if state == OutboxState.REJECTED.value:
            refused[message_id] = RefusedRetry(seq, from_wire(error, reason))
        else:
            pending.add(message_id)
    return Retries(frozenset(pending), refused)


def siblings(session: Session, thread_id: str) -> list[Sibling]:
    """The conversations of the thread's family on the thread's channel, the thread included.

    The family-wide conversation first, then one per guardian by name. Empty for
    threads without a family (SMS to a bare number, group conversations).
    """
    rows = session.execute(
        text(
            "SELECT t.id, t.guardian_id, COALESCE(g.first_name || ' ' || g.last_name, ''),"
            " t.status FROM thread AS me"
            " JOIN thread AS t ON t.family_id = me.family_id AND t.kind = me.kind"
            " LEFT JOIN guardian AS g ON g.id = t.guardian_id"
            " WHERE me.id = :thread AND me.family_id IS NOT NULL"
            " ORDER BY t.guardian_id IS NOT NULL, g.first_name, g.last_name, t.id"
        ),
        {"thread": thread_id},
    )
    return [Sibling(*row) for row in rows]


def principal_id(session: Session) -> str | None:
    """The signed-in staff member's id, as `adopt` recorded it."""
    row = session.execute(
        text("SELECT value FROM sync_meta WHERE key = :key"), {"key": MetaKey.PRINCIPAL_ID.value}
    ).first()
    return None if row is None else row[0]


def staff_capabilities(session: Session, staff_id: str) -> str:
    """The stored capability list of a staff member ("" when not cached)."""
    row = session.execute(
        text("SELECT capabilities FROM staff WHERE id = :id"), {"id": staff_id}
    ).first()
    return "" if row is None else str(row[0])
