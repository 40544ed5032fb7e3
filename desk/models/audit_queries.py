"""Reads behind the administrators' records: the audit log and Background Tasks.

Rows carry the names the views show (the staff member, the conversation, a preview
of the message) from one query, so painting a page runs no query per row. The feed
sends audit events and background-task errors to administrators only, so for anyone
else both tables are empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.models.search import people_match


@dataclass(frozen=True)
class AuditFilter:
    """Which audit events to show; every field left empty means "any".

    Attributes:
        action: one `AuditAction` value.
        actor_id: the staff member (or device) who acted.
        thread_id: one conversation.
        phone_digits: digits that the event's phone number contains.
        since: fixed-width UTC text, inclusive.
        until: fixed-width UTC text, exclusive.
        text: words found in the detail, who, the conversation or the phone.
    """

    action: str | None = None
    actor_id: str | None = None
    thread_id: str | None = None
    phone_digits: str = ""
    since: str | None = None
    until: str | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    """One line of the audit log.

    Attributes:
        actor_name: the staff member's name, else the label the server recorded
            (a phone number, a username that failed to sign in, a device).
        thread_name: who the conversation is with, "" for events on no thread.
        message_preview: the start of the message an event is about, if cached.
    """

    id: str
    at: str
    action: str
    actor_kind: str
    actor_id: str | None
    actor_name: str
    thread_id: str | None
    thread_kind: str | None
    thread_name: str
    message_id: str | None
    message_preview: str
    phone: str | None
    detail: str


PREVIEW = 120

# Filtering, ordering and paging run on `audit_event` alone; the names are joined to
# the page only. Joining first made SQLite join every matching event before sorting
# (0.9 s for one person's events among 200k). Without a conversation to seek by,
# walking the time index newest first stops after one page instead of sorting all
# matches.
_PAGE = (
    "WITH page AS (SELECT * FROM audit_event AS e {indexed} {where}"
    " ORDER BY e.at DESC, e.id DESC LIMIT :limit OFFSET :offset)"
    " SELECT e.id, e.at, e.action, e.actor_kind, e.actor_id,"
    " COALESCE(s.first_name || ' ' || s.last_name, k.name, NULLIF(e.actor_label, ''), ''),"
    " e.thread_id, t.kind,"
    " COALESCE(NULLIF(t.title, ''), g.first_name || ' ' || g.last_name, f.name, t.phone, ''),"
    f" e.message_id, COALESCE(substr(m.body, 1, {PREVIEW}), ''), e.phone, e.detail"
    " FROM page AS e"
    " LEFT JOIN staff AS s ON s.id = e.actor_id"
    " LEFT JOIN kiosk_device AS k ON k.id = e.actor_id"
    " LEFT JOIN thread AS t ON t.id = e.thread_id"
    " LEFT JOIN guardian AS g ON g.id = t.guardian_id"
    " LEFT JOIN family AS f ON f.id = t.family_id"
    " LEFT JOIN message AS m ON m.id = e.message_id"
    " ORDER BY e.at DESC, e.id DESC"
)
_BY_TIME = "INDEXED BY ix_audit_event_at"

# A searched word matches an event's own text and the message it is about by
# substring, and names through the people index (prefix words, as every search box
# in the app): each IN list is computed once, so every event costs a few lookups
# whatever the word. (The message index would return most of the cache for a common
# word, 0.7 s to build the list, so the one message of an event is read instead.)
_PEOPLE_HITS = (
    "SELECT p.kind, p.ref_id, p.family_id FROM people_search"
    " JOIN person_index AS p ON p.rowid = people_search.rowid"
    " WHERE people_search MATCH :{key}"
)
_WORD = (
    "(e.detail LIKE :{key}_like ESCAPE '\\' OR e.actor_label LIKE :{key}_like ESCAPE '\\'"
    " OR e.phone LIKE :{key}_like ESCAPE '\\'"
    " OR e.actor_id IN (SELECT ref_id FROM (" + _PEOPLE_HITS + ") WHERE kind = 'staff')"
    " OR e.thread_id IN (SELECT id FROM thread WHERE title LIKE :{key}_like ESCAPE '\\'"
    "  OR family_id IN (SELECT family_id FROM (" + _PEOPLE_HITS + ") WHERE kind != 'staff'))"
    " OR (SELECT body FROM message WHERE id = e.message_id) LIKE :{key}_like ESCAPE '\\')"
)


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_audit(
    session: Session, where: AuditFilter, limit: int = 200, offset: int = 0
) -> list[AuditRow]:
    """A page of audit events matching `where`, newest first."""
    conditions: list[str] = []
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if where.action:
        conditions.append("e.action = :action")
        params["action"] = where.action
    if where.actor_id:
        conditions.append("e.actor_id = :actor")
        params["actor"] = where.actor_id
    if where.thread_id:
        conditions.append("e.thread_id = :thread")
        params["thread"] = where.thread_id
    if where.phone_digits:
        conditions.append("e.phone LIKE :phone ESCAPE '\\'")
        params["phone"] = _like(where.phone_digits)
    if where.since:
        conditions.append("e.at >= :since")
        params["since"] = where.since
    if where.until:
        conditions.append("e.at < :until")
        params["until"] = where.until
    for n, word in enumerate(where.text.split()[:8]):
        match = people_match(word)
        if match is None:
            continue
        key = f"w{n}"
        params[key] = match
        params[f"{key}_like"] = _like(word)
        conditions.append(_WORD.format(key=key))
    sql = _PAGE.format(
        indexed="" if where.thread_id else _BY_TIME,
        where=f"WHERE {' AND '.join(conditions)}" if conditions else "",
    )
    return [AuditRow(*row) for row in session.execute(text(sql), params)]


@dataclass(frozen=True)
class ActorRow:
    """Someone who appears in the audit log, for the "who" filter."""

    id: str
    name: str


def audit_actors(session: Session) -> list[ActorRow]:
    """Staff members and devices with at least one audit event, by name."""
    rows = session.execute(
        text(
            "SELECT a.actor_id,"
            " COALESCE(s.first_name || ' ' || s.last_name, k.name, a.actor_id)"
            " FROM (SELECT DISTINCT actor_id FROM audit_event WHERE actor_id IS NOT NULL) AS a"
            " LEFT JOIN staff AS s ON s.id = a.actor_id"
            " LEFT JOIN kiosk_device AS k ON k.id = a.actor_id ORDER BY 2 COLLATE NOCASE"
        )
    )
    return [ActorRow(*row) for row in rows]


def has_audit_events(session: Session) -> bool:
    """Whether the cache holds any audit event (only administrators receive them)."""
    return bool(session.execute(text("SELECT EXISTS (SELECT 1 FROM audit_event)")).scalar_one())


@dataclass(frozen=True)
class TaskErrorRow:
    """A background job that could not run (seed 003: a template that would send blanks)."""

    id: str
    at: str
    task: str
    error: str
    detail: str


def list_task_errors(
    session: Session, words: str = "", limit: int = 200, offset: int = 0
) -> list[TaskErrorRow]:
    """Background-task errors newest first, optionally those containing every word."""
    conditions: list[str] = []
    params: dict[str, object] = {"limit": limit, "offset": offset}
    for n, word in enumerate(words.split()[:8]):
        params[f"w{n}"] = _like(word)
        conditions.append(
            f"(task LIKE :w{n} ESCAPE '\\' OR error LIKE :w{n} ESCAPE '\\'"
            f" OR detail LIKE :w{n} ESCAPE '\\')"
        )
    sql = "SELECT id, at, task, error, detail FROM background_task_error"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset"
    return [TaskErrorRow(*row) for row in session.execute(text(sql), params)]
