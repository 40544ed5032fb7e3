"""The optimistic effects of New Message and of group conversation commands.

Each writes what its command will write on the server, with the same rules
(`desk.core.audience`, `desk.core.conversations`) and the same derived ids, so the
inbox shows a New Message's threads and a conversation's changes at once, online
or not, and the confirmed rows later overwrite these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any

from desk.core.audience import (
    GUARDIAN_SIDE,
    Pick,
    PickKind,
    SendMode,
    check_group,
    day_start,
    expand,
)
from desk.core.conversations import (
    ParticipantRef,
    check_participants,
    title_for_new_message,
    validate_title,
)
from desk.core.ids import derived_id, new_message_thread_id, parent_thread_id
from desk.core.kinds import PersonKind, ThreadKind
from desk.core.status import ensure_can_post
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.models.audience_sql import CacheDirectory
from desk.sync.local_effects import Effect, effect, new_thread, post_message, queue_kiosk_copy


def _directory(e: Effect) -> CacheDirectory:
    def run(sql: str, params: Sequence[object]) -> list[Sequence[object]]:
        e.cursor.execute(sql, tuple(params))
        return list(e.cursor.fetchall())

    return CacheDirectory(run)


def _timezone(e: Effect) -> str:
    e.cursor.execute("SELECT timezone FROM centre LIMIT 1")
    found = e.cursor.fetchone()
    return str(found[0]) if found and found[0] else str(UTC)


def picks_of(args: Mapping[str, Any]) -> list[Pick]:
    """The recipient chips of a `send_new_message` command (older ones: `student_ids`)."""
    return [Pick(PickKind.STUDENT, str(sid)) for sid in args.get("student_ids", ())] + [
        Pick(PickKind(r["kind"]), r.get("id")) for r in args.get("recipients", ())
    ]


def _join(e: Effect, thread_id: str, kind: PersonKind, person_id: str, unread: int = 0) -> None:
    row_id = derived_id(thread_id, kind, person_id)
    values = {"muted": False, "archived": False, "joined_at": e.now_text, "unread_count": unread}
    if e.row("participant", row_id) is None:
        e.insert(
            "participant",
            {"id": row_id, "thread_id": thread_id, "person_kind": kind, "person_id": person_id}
            | values,
        )
    else:
        e.update("participant", row_id, values)


@effect("send_new_message")
def _send_new_message(e: Effect, args: Mapping[str, Any]) -> None:
    kind = ThreadKind(args.get("channel", "classroom"))
    expanded = expand(
        picks_of(args),
        _directory(e),
        sender_id=e.me.id,
        day_began=day_start(e.now, _timezone(e)),
    )
    if expanded.empty:  # the server's words for the same refusal
        raise UserError(
            QT_TRANSLATE_NOOP("Errors", "the chosen students have no guardians to message")
            if all(p.kind in GUARDIAN_SIDE for p in picks_of(args))
            else QT_TRANSLATE_NOOP(
                "Errors", "nobody to message: the recipients reach no guardian or staff member"
            )
        )
    if SendMode(args.get("mode", SendMode.INDIVIDUAL)) is SendMode.GROUP:
        check_group(expanded, e.me.id, students_enabled=True)  # no student takes part
        thread_id = new_message_thread_id(e.command_id, None)
        title = title_for_new_message(str(args.get("subject", "")), str(args["body"]))
        new_thread(e, thread_id, ThreadKind.GROUP, title=title)
        _join(e, thread_id, PersonKind.STAFF, e.me.id)
        for guardian in expanded.guardians:
            _join(e, thread_id, PersonKind.GUARDIAN, guardian.id)
        for staff in expanded.staff:
            _join(e, thread_id, PersonKind.STAFF, staff.id, unread=1)
        thread = e.need("thread", thread_id, "conversation")
        post_message(e, thread, derived_id(e.command_id, thread_id), args, queued=True)
        if args.get("show_at_kiosk"):
            for guardian in expanded.guardians:
                kiosk_id = derived_id(e.command_id, "kiosk", guardian.id)
                queue_kiosk_copy(e, kiosk_id, guardian.id, args, thread_id)
        return
    thread_of: dict[tuple[str, str | None], str] = {}
    for target in expanded.thread_targets():
        thread_id = parent_thread_id(kind, target.family_id, target.guardian_id)
        thread_of[(target.family_id, target.guardian_id)] = thread_id
        room = expanded.family_rooms.get(target.family_id) if kind is ThreadKind.CLASSROOM else None
        new_thread(
            e,
            thread_id,
            kind,
            family_id=target.family_id,
            guardian_id=target.guardian_id,
            room_id=room,
        )
        thread = e.need("thread", thread_id, "conversation")
        post_message(e, thread, derived_id(e.command_id, thread_id), args, queued=True)
    if expanded.staff:
        title = title_for_new_message(str(args.get("subject", "")), str(args["body"]))
        staff_args = {**args, "emergency_sms": False, "show_at_kiosk": False}
        for staff in expanded.staff:
            thread_id = new_message_thread_id(e.command_id, staff.id)
            new_thread(e, thread_id, ThreadKind.GROUP, title=title)
            _join(e, thread_id, PersonKind.STAFF, e.me.id)
            _join(e, thread_id, PersonKind.STAFF, staff.id, unread=1)
            thread = e.need("thread", thread_id, "conversation")
            post_message(e, thread, derived_id(e.command_id, thread_id), staff_args, queued=True)
    if args.get("show_at_kiosk"):
        for guardian in expanded.guardians:
            queue_kiosk_copy(
                e,
                derived_id(e.command_id, "kiosk", guardian.id),
                guardian.id,
                args,
                thread_of.get((guardian.family_id, guardian.id))
                or thread_of.get((guardian.family_id, None)),
            )


@effect("create_conversation")
def _create_conversation(e: Effect, args: Mapping[str, Any]) -> None:
    people = [ParticipantRef(PersonKind.STAFF, e.me.id)] + [
        ParticipantRef(PersonKind(p["kind"]), str(p["id"])) for p in args["participants"]
    ]
    check_participants(people, students_enabled=_students_enabled(e))
    thread_id = str(args["thread_id"])
    new_thread(e, thread_id, ThreadKind.GROUP, title=validate_title(str(args["title"])))
    for person in dict.fromkeys(people):
        _join(e, thread_id, person.kind, person.id)


def _students_enabled(e: Effect) -> bool:
    """Whether the centre lets students take part (synced on the centre row)."""
    e.cursor.execute("SELECT students_in_conversations FROM centre LIMIT 1")
    found = e.cursor.fetchone()
    return bool(found[0]) if found else True  # not synced yet: the server decides


def _members(e: Effect, thread_id: str) -> list[ParticipantRef]:
    e.cursor.execute(
        "SELECT person_kind, person_id FROM participant WHERE thread_id = ?", (thread_id,)
    )
    return [ParticipantRef(PersonKind(kind), str(pid)) for kind, pid in e.cursor.fetchall()]


def _writable(e: Effect, thread_id: str) -> dict[str, Any]:
    thread = e.need("thread", thread_id, "conversation")
    ensure_can_post(stopped=bool(thread["stopped"]))
    return thread


@effect("add_participant")
def _add_participant(e: Effect, args: Mapping[str, Any]) -> None:
    thread_id = str(args["thread_id"])
    _writable(e, thread_id)
    current = _members(e, thread_id)
    person = ParticipantRef(PersonKind(args["participant"]["kind"]), str(args["participant"]["id"]))
    if person in current:
        return
    check_participants([*current, person], students_enabled=_students_enabled(e))
    _join(e, thread_id, person.kind, person.id)


@effect("remove_participant")
def _remove_participant(e: Effect, args: Mapping[str, Any]) -> None:
    """The person leaves the list at once; their rows elsewhere follow from the server."""
    thread_id = str(args["thread_id"])
    _writable(e, thread_id)
    person = ParticipantRef(PersonKind(args["participant"]["kind"]), str(args["participant"]["id"]))
    row_id = derived_id(thread_id, person.kind, person.id)
    if e.row("participant", row_id) is None:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "this person is not in the conversation"))
    remaining = [m for m in _members(e, thread_id) if m != person]
    check_participants(remaining, students_enabled=True)
    e.delete("participant", row_id)


@effect("stop_conversation")
def _stop(e: Effect, args: Mapping[str, Any]) -> None:
    thread_id = str(args["thread_id"])
    thread = e.need("thread", thread_id, "conversation")
    if not thread["stopped"]:
        e.update(
            "thread", thread_id, {"stopped": True, "stopped_by": e.me.id, "stopped_at": e.now_text}
        )


@effect("rename_conversation")
def _rename(e: Effect, args: Mapping[str, Any]) -> None:
    thread_id = str(args["thread_id"])
    _writable(e, thread_id)
    e.update("thread", thread_id, {"title": validate_title(str(args["title"]))})


def _switch(e: Effect, args: Mapping[str, Any], changes: dict[str, Any]) -> None:
    participant_id = derived_id(str(args["thread_id"]), PersonKind.STAFF, e.me.id)
    e.update("participant", participant_id, changes)


@effect("mute_conversation")
def _mute(e: Effect, args: Mapping[str, Any]) -> None:
    on = bool(args.get("on", True))
    _switch(e, args, {"muted": on, "unread_count": 0} if on else {"muted": on})


@effect("archive_conversation")
def _archive(e: Effect, args: Mapping[str, Any]) -> None:
    _switch(e, args, {"archived": bool(args.get("on", True))})
