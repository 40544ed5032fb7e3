"""The optimistic effect of each command on the local cache.

When staff send a reply offline, the reply must appear at once, in the right
thread, and stay there until the server confirms it. Each function here writes the
effect its command will have on the server, using the same `desk.core` rules and
the same derived ids, so the confirmed rows that later arrive from the feed are
the same rows and simply overwrite the optimistic ones (which keep the version they
had, so any confirmed version is newer).

Each effect returns `Undo` records: the previous values of what it changed (or
None for rows it created), so a command the server rejects can be rolled back.
Rules the client can check (a stopped conversation, an over-long emergency text)
raise `ValueError` before anything is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desk.core import status as status_rules
from desk.core.attachments import kind_of_name
from desk.core.ids import derived_id
from desk.core.kinds import (
    Direction,
    GuardianKind,
    MessageState,
    PersonKind,
    ThreadKind,
    ThreadStatus,
)
from desk.core.sms import check_emergency_length
from desk.core.status import StatusEvent, ensure_can_post
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.core.wire import format_utc, parse_utc

PREVIEW_LENGTH = 200


@dataclass(frozen=True)
class Undo:
    """How to put one row back: its previous values, or None to delete it.

    Attributes:
        removed: the effect deleted the row, and `before` is all of it: insert it again.
    """

    table: str
    id: str
    before: dict[str, Any] | None
    removed: bool = False

    def as_json(self) -> dict[str, Any]:
        """The stored form (in the outbox entry)."""
        stored = {"table": self.table, "id": self.id, "before": self.before}
        return {**stored, "removed": True} if self.removed else stored

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Undo:
        """Read the stored form."""
        return cls(
            str(data["table"]), str(data["id"]), data.get("before"), bool(data.get("removed"))
        )


@dataclass(frozen=True)
class Me:
    """Who is writing: the signed-in staff member or the kiosk device."""

    kind: str  # staff | kiosk
    id: str


@dataclass
class Effect:
    """The context an effect writes in: one transaction of the cache."""

    cursor: sqlite3.Cursor
    me: Me
    command_id: str
    now: datetime
    undo: list[Undo]

    @property
    def now_text(self) -> str:
        """The effect's time in the cache's fixed-width UTC text."""
        return format_utc(self.now)

    def row(self, table: str, row_id: str) -> dict[str, Any] | None:
        """A cached row as a dict, or None."""
        self.cursor.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        found = self.cursor.fetchone()
        if found is None:
            return None
        return dict(zip((d[0] for d in self.cursor.description), found, strict=True))

    def need(self, table: str, row_id: str, what: str) -> dict[str, Any]:
        """A row that must exist in the cache."""
        found = self.row(table, row_id)
        if found is None:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", "{what} {id} is not in the local cache"),
                what=what,
                id=row_id,
            )
        return found

    def insert(self, table: str, values: Mapping[str, Any]) -> None:
        """Insert a new row (version 0: any confirmed copy is newer), once."""
        if self.row(table, values["id"]) is not None:
            return
        row = {"version": 0, **values}
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.cursor.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))
        self.undo.append(Undo(table, values["id"], None))

    def update(self, table: str, row_id: str, changes: Mapping[str, Any]) -> None:
        """Change some columns of a cached row, remembering what they were."""
        current = self.need(table, row_id, table)
        before = {name: current[name] for name in changes}
        if before == dict(changes):
            return
        sets = ", ".join(f"{name} = ?" for name in changes)
        self.cursor.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*changes.values(), row_id))
        self.undo.append(Undo(table, row_id, before))

    def delete(self, table: str, row_id: str) -> None:
        """Remove a cached row, remembering all of it."""
        current = self.row(table, row_id)
        if current is None:
            return
        self.cursor.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        self.undo.append(Undo(table, row_id, current, removed=True))


EffectFunction = Callable[[Effect, Mapping[str, Any]], None]
EFFECTS: dict[str, EffectFunction] = {}


def effect(name: str) -> Callable[[EffectFunction], EffectFunction]:
    """Register the local effect of command `name`."""

    def register(function: EffectFunction) -> EffectFunction:
        EFFECTS[name] = function
        return function

    return register


def apply_effect(
    cursor: sqlite3.Cursor,
    me: Me,
    command_id: str,
    name: str,
    args: Mapping[str, Any],
    now: datetime | None = None,
) -> list[Undo]:
    """Write the optimistic effect of a command; answer how to undo it.

    Raises:
        KeyError: for a command with no local effect (a programming error).
        ValueError: when a rule the client can check refuses the command.
    """
    context = Effect(cursor, me, command_id, now or datetime.now(UTC), [])
    EFFECTS[name](context, args)
    return context.undo


def undo_effect(cursor: sqlite3.Cursor, undo: list[Undo]) -> None:
    """Put rows back as they were, newest change first."""
    for record in reversed(undo):
        if record.before is None:
            cursor.execute(f"DELETE FROM {record.table} WHERE id = ?", (record.id,))
        elif record.removed:
            names = ", ".join(record.before)
            marks = ", ".join("?" for _ in record.before)
            cursor.execute(
                f"INSERT OR REPLACE INTO {record.table} ({names}) VALUES ({marks})",
                tuple(record.before.values()),
            )
        else:
            sets = ", ".join(f"{name} = ?" for name in record.before)
            cursor.execute(
                f"UPDATE {record.table} SET {sets} WHERE id = ?",
                (*record.before.values(), record.id),
            )


def post_message(
    e: Effect, thread: dict[str, Any], message_id: str, args: Mapping[str, Any], *, queued: bool
) -> None:
    """Add an outbound message to a thread and update the thread's summary."""
    ensure_can_post(stopped=bool(thread["stopped"]))
    body = str(args["body"])
    if args.get("emergency_sms"):
        check_emergency_length(body)
    e.insert(
        "message",
        {
            "id": message_id,
            "thread_id": thread["id"],
            "direction": Direction.OUTBOUND,
            "author_kind": PersonKind.STAFF,
            "author_id": e.me.id,
            "from_phone": None,
            "subject": args.get("subject", ""),
            "body": body,
            "emergency_sms": bool(args.get("emergency_sms")),
            "show_at_kiosk": bool(args.get("show_at_kiosk")),
            "state": MessageState.QUEUED if queued else MessageState.SENDING,
            "error": "",
            "created_at": e.now_text,
        },
    )
    attach_files(e, message_id, args.get("attachments") or ())
    _summarise(e, thread)


def attach_files(e: Effect, message_id: str, files: Sequence[Mapping[str, Any]]) -> None:
    """The message's attachment rows, with the ids the server will give them.

    The size is not in the command (the server reads it from the upload), so it is 0
    until the server's row arrives; the office shows the size of the kept copy.
    """
    for index, file in enumerate(files):
        name = str(file["name"])
        e.insert(
            "attachment",
            {
                "id": derived_id(message_id, "attachment", str(index)),
                "message_id": message_id,
                "filename": name,
                "mime_type": kind_of_name(name).mime_type,
                "size": 0,
                "sha256": str(file["sha256"]),
            },
        )


def _summarise(e: Effect, thread: dict[str, Any]) -> None:
    """Set the thread's summary from its cached messages.

    Absolute rather than `count + 1`, so replaying the effect after a pull cannot
    count the same message twice.
    """
    e.cursor.execute(
        "SELECT COUNT(*), MAX(created_at) FROM message WHERE thread_id = ?", (thread["id"],)
    )
    count, newest = e.cursor.fetchone()
    e.cursor.execute(
        "SELECT body FROM message WHERE thread_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
        (thread["id"],),
    )
    (body,) = e.cursor.fetchone()
    after = status_rules.apply(StatusEvent.OUTGOING, ThreadStatus(thread["status"])).after
    e.update(
        "thread",
        thread["id"],
        {
            "last_message_at": newest,
            "last_message_preview": body[:PREVIEW_LENGTH],
            "message_count": max(count, thread["message_count"]),
            "unread_count": 0,
            "status": after.value,
        },
    )


@effect("send_message")
def _send_message(e: Effect, args: Mapping[str, Any]) -> None:
    thread = e.need("thread", str(args["thread_id"]), "conversation")
    post_message(e, thread, str(args["message_id"]), args, queued=True)


def new_thread(
    e: Effect,
    thread_id: str,
    kind: ThreadKind,
    *,
    family_id: str | None = None,
    guardian_id: str | None = None,
    room_id: str | None = None,
    title: str = "",
) -> None:
    """An empty, open thread created by this command (the server creates the same)."""
    e.insert(
        "thread",
        {
            "id": thread_id,
            "kind": kind,
            "status": ThreadStatus.OPEN,
            "family_id": family_id,
            "guardian_id": guardian_id,
            "room_id": room_id,
            "phone": None,
            "title": title,
            "created_by": e.me.id,
            "created_at": e.now_text,
            "stopped": False,
            "last_message_at": None,
            "last_message_preview": "",
            "message_count": 0,
            "unread_count": 0,
        },
    )


def _move(e: Effect, args: Mapping[str, Any], event: StatusEvent) -> None:
    thread = e.need("thread", str(args["thread_id"]), "conversation")
    change = status_rules.apply(event, ThreadStatus(thread["status"]))
    if change.changed:
        changes: dict[str, Any] = {"status": change.after.value}
        if change.after is not ThreadStatus.UNREAD:
            changes["unread_count"] = 0
        e.update("thread", thread["id"], changes)


@effect("open_thread")
def _open(e: Effect, args: Mapping[str, Any]) -> None:
    _move(e, args, StatusEvent.VIEWED)


@effect("close_thread")
def _close(e: Effect, args: Mapping[str, Any]) -> None:
    _move(e, args, StatusEvent.CLOSE)


@effect("reopen_thread")
def _reopen(e: Effect, args: Mapping[str, Any]) -> None:
    _move(e, args, StatusEvent.REOPEN)


@effect("mark_seen")
def _mark_seen(e: Effect, args: Mapping[str, Any]) -> None:
    for message_id in dict.fromkeys(args["message_ids"]):
        e.insert(
            "receipt",
            {
                "id": derived_id("receipt", str(message_id), e.me.id),
                "message_id": message_id,
                "person_kind": PersonKind.STAFF,
                "person_id": e.me.id,
                "seen_at": e.now_text,
            },
        )


def queue_kiosk_copy(
    e: Effect,
    kiosk_message_id: str,
    guardian_id: str,
    args: Mapping[str, Any],
    thread_id: str | None = None,
) -> None:
    """Add the kiosk copy of a message, dated when it was entered.

    The date is the command's `entered_at`: the kiosk shows its messages in that order.
    """
    e.cursor.execute("SELECT COALESCE(MAX(entered_seq), 0) FROM kiosk_message")
    (last,) = e.cursor.fetchone()
    entered = args.get("entered_at")
    e.insert(
        "kiosk_message",
        {
            "id": kiosk_message_id,
            "guardian_id": guardian_id,
            "body": str(args["body"]),
            "entered_by": e.me.id,
            "entered_at": format_utc(parse_utc(str(entered))) if entered else e.now_text,
            "entered_seq": last + 1,
            "thread_id": thread_id,
            "shown_at": None,
            "acknowledged_at": None,
            "cancelled": False,
        },
    )


@effect("queue_kiosk_message")
def _queue_kiosk_message(e: Effect, args: Mapping[str, Any]) -> None:
    guardian = e.need("guardian", str(args["guardian_id"]), "guardian")
    if guardian["kind"] != GuardianKind.GUARDIAN:
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "kiosk messages are for guardians, not authorized pickups")
        )
    queue_kiosk_copy(e, str(args["kiosk_message_id"]), guardian["id"], args)


@effect("cancel_kiosk_message")
def _cancel_kiosk_message(e: Effect, args: Mapping[str, Any]) -> None:
    e.update("kiosk_message", str(args["kiosk_message_id"]), {"cancelled": True})


@effect("ack_kiosk_message")
def _ack_kiosk_message(e: Effect, args: Mapping[str, Any]) -> None:
    message = e.need("kiosk_message", str(args["kiosk_message_id"]), "kiosk message")
    at = str(args.get("acknowledged_at") or e.now_text)
    e.update(
        "kiosk_message",
        message["id"],
        {
            "shown_at": message["shown_at"] or str(args.get("shown_at") or at),
            "acknowledged_at": message["acknowledged_at"] or at,
        },
    )


@effect("record_attendance")
def _record_attendance(e: Effect, args: Mapping[str, Any]) -> None:
    student = e.need("student", str(args["student_id"]), "student")
    e.insert(
        "attendance_event",
        {
            "id": str(args["event_id"]),
            "student_id": student["id"],
            "guardian_id": args.get("guardian_id"),
            "room_id": student["room_id"],
            "kind": str(args["kind"]),
            "at": str(args.get("at") or e.now_text),
            "device_id": e.me.id if e.me.kind == "kiosk" else None,
            "note": "",
        },
    )


@effect("report_kiosk_lockout")
def _report_lockout(e: Effect, args: Mapping[str, Any]) -> None:
    """Nothing to show locally: the audit entry exists only on the server."""


@effect("save_template")
def _save_template(e: Effect, args: Mapping[str, Any]) -> None:
    """The template shows in the editor's list at once, as the server will store it."""
    values = {
        "page": str(args["page"]),
        "channel": str(args["channel"]),
        "name": str(args["template_name"]),
        "title": str(args.get("title", "")),
        "body": str(args["body"]),
    }
    template_id = str(args["template_id"])
    if e.row("template", template_id) is None:
        e.insert("template", {"id": template_id, **values})
    else:
        e.update("template", template_id, values)


@effect("retry_delivery")
def _retry_delivery(e: Effect, args: Mapping[str, Any]) -> None:
    """Nothing changes locally: the server decides whether to retry.

    Another workstation may have retried the message already, so the server decides
    whether it is still failed and plans the new attempt; the failure bar shows the
    retry as under way from the outbox entry meanwhile.
    """
    del e, args


@effect("send_push")
def _send_push(e: Effect, args: Mapping[str, Any]) -> None:
    """Nothing to show locally: the server fills the template in per family and device."""


# The effects of the other command families register themselves on import; they use
# the helpers above, so they are imported last.
from desk.sync import effects_conversations, effects_records  # noqa: E402, F401
