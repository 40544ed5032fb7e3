"""Reads behind one open conversation: its messages with authors, its siblings.

One query returns a thread's newest messages with each author's name already
joined in, so a thread of 500 messages costs one indexed range read
(`ix_message_thread_created`) and no lookups while painting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

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
    error: str


@dataclass(frozen=True)
class RefusedRetry:
    """A Retry the server refused (the number opted out, the quota is spent)."""

    seq: int
    error: str


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


def conversation(session: Session, thread_id: str, limit: int = 500) -> list[MessageView]:
    """The newest `limit` messages of a thread, oldest first as a conversation reads."""
    rows = session.execute(text(_MESSAGES), {"thread": thread_id, "limit": limit})
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
            "SELECT seq, json_extract(args, '$.body'), error FROM outbox"
            " WHERE state = :rejected AND name = 'send_message'"
            " AND json_extract(args, '$.thread_id') = :thread ORDER BY seq"
        ),
        {"rejected": OutboxState.REJECTED.value, "thread": thread_id},
    )
    return [RejectedSend(seq, thread_id, body or "", error) for seq, body, error in rows]


def retries(session: Session, thread_id: str) -> Retries:
    """Where the Retry requests for the thread's messages stand (see `Retries`)."""
    rows = session.execute(
        text(
            "SELECT seq, json_extract(args, '$.message_id'), state, error FROM outbox"
            " WHERE name = 'retry_delivery' AND json_extract(args, '$.message_id') IN"
            " (SELECT id FROM message WHERE thread_id = :thread) ORDER BY seq"
        ),
        {"thread": thread_id},
    )
    pending: set[str] = set()
    refused: dict[str, RefusedRetry] = {}
    for seq, message_id, state, error in rows:
        if state == OutboxState.REJECTED.value:
            refused[message_id] = RefusedRetry(seq, error)
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
