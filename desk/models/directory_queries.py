"""Reads behind the people screens: staff list, family and staff records, New Message.

Like `desk.models.queries`, every function returns small frozen dataclasses, so a
record page or a picker keeps its rows across a sync without holding a session.
Searches go through the `people_search` FTS index (names and phone digits), never a
`LIKE` scan, so finding "0134" in a centre of thousands of families stays instant.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.core.kinds import Channel, GuardianKind, ThreadKind
from desk.core.optin import PhoneHolder
from desk.core.sms import segment_count, texted_body
from desk.models.local import MetaKey
from desk.models.search import people_match

_MATCH_PEOPLE = (
    "SELECT p.kind, p.ref_id, p.family_id FROM people_search"
    " JOIN person_index AS p ON p.rowid = people_search.rowid"
    " WHERE people_search MATCH :match"
)


def in_list(name: str, values: Collection[str]) -> tuple[str, dict[str, str]]:
    """A subquery for `IN (...)` over `values`, passed as one JSON parameter.

    One parameter however many values: a placeholder per value made SQLAlchemy
    rewrite the statement once per value (a room of 1,170 students spent half the
    New Message preview there), and SQLite caps the number of placeholders.
    """
    return f"SELECT value FROM json_each(:{name})", {name: json.dumps(list(values))}


def _rows(session: Session, sql: str, params: Mapping[str, object]) -> list[tuple[Any, ...]]:
    """Every row of a plain SQL read, fetched at once on the session's connection.

    For the reads that return thousands of rows (a room's students and guardians,
    their phones' holders): SQLAlchemy's per-row result handling cost a fifth of
    the New Message preview of a room. The statement still runs inside the
    session's transaction, so it sees the same snapshot as the session's other
    reads.
    """
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection.execute(sql, params).fetchall()


def _bools(row: Sequence[Any], *positions: int) -> list[Any]:
    """A row's values with the columns at `positions` as bool (SQLite stores 0 and 1)."""
    values = list(row)
    for position in positions:
        values[position] = bool(values[position])
    return values


# -- who is signed in -------------------------------------------------------------


@dataclass(frozen=True)
class SignedInRow:
    """The staff member this cache belongs to, as the cache knows them.

    Attributes:
        capabilities: the stored comma-separated capability list.
        room_ids: rooms they are assigned to (Classroom Chat reach without full access).
    """

    id: str
    name: str
    capabilities: str
    room_ids: frozenset[str]


def signed_in(session: Session) -> SignedInRow | None:
    """The signed-in staff member, or None before the first sync brought their row."""
    row = session.execute(
        text(
            "SELECT s.id, s.first_name || ' ' || s.last_name, s.capabilities FROM sync_meta AS m"
            " JOIN staff AS s ON s.id = m.value WHERE m.key = :key"
        ),
        {"key": MetaKey.PRINCIPAL_ID.value},
    ).first()
    if row is None:
        return None
    rooms = session.execute(
        text("SELECT room_id FROM staff_room WHERE staff_id = :id"), {"id": row[0]}
    ).scalars()
    return SignedInRow(row[0], row[1], row[2] or "", frozenset(rooms))


# -- rooms and students (New Message) ---------------------------------------------


@dataclass(frozen=True)
class RoomRow:
    """A classroom."""

    id: str
    name: str


def list_rooms(session: Session, only: Collection[str] | None = None) -> list[RoomRow]:
    """Rooms by name; `only` restricts them to those ids."""
    sql = "SELECT id, name FROM room"
    params: dict[str, str] = {}
    if only is not None:
        marks, params = in_list("r", only)
        sql += f" WHERE id IN ({marks})"
    sql += " ORDER BY name COLLATE NOCASE, id"
    return [RoomRow(*row) for row in session.execute(text(sql), params)]


@dataclass(frozen=True)
class StudentChoice:
    """A student as the New Message picker lists them."""

    id: str
    name: str
    family_id: str
    family_name: str
    room_id: str | None
    room_name: str


_STUDENT_CHOICE = (
    "SELECT s.id, s.first_name || ' ' || s.last_name, s.family_id, COALESCE(f.name, ''),"
    " s.room_id, COALESCE(r.name, '') FROM student AS s"
    " LEFT JOIN family AS f ON f.id = s.family_id LEFT JOIN room AS r ON r.id = s.room_id"
)


def student_choices(
    session: Session,
    search: str = "",
    *,
    room_id: str | None = None,
    allowed_rooms: Collection[str] | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[StudentChoice]:
    """Students in name order, optionally matching `search` and in one room.

    A search finds a student by their own name, or by the name or phone digits of
    their family or a guardian ("Diaz" lists every Diaz child).

    Args:
        session: an open cache session.
        search: words as typed; empty lists every student.
        room_id: only students of this room.
        allowed_rooms: only students of these rooms (staff without full messaging
            access may message their own rooms only); None for no restriction.
        limit: at most this many students (one page).
        offset: students to skip, for a later page.
    """
    where: list[str] = []
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if search:
        match = people_match(search)
        if match is None:
            return []
        params["match"] = match
        where.append(
            f"(s.id IN (SELECT ref_id FROM ({_MATCH_PEOPLE}) WHERE kind = 'student')"
            f" OR s.family_id IN (SELECT family_id FROM ({_MATCH_PEOPLE})"
            " WHERE kind IN ('family', 'guardian')))"
        )
    if room_id is not None:
        where.append("s.room_id = :room")
        params["room"] = room_id
    if allowed_rooms is not None:
        marks, allowed = in_list("a", allowed_rooms)
        where.append(f"s.room_id IN ({marks})")
        params.update(allowed)
    sql = _STUDENT_CHOICE
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += (
        " ORDER BY s.first_name COLLATE NOCASE, s.last_name COLLATE NOCASE, s.id"
        " LIMIT :limit OFFSET :offset"
    )
    return [StudentChoice(*row) for row in _rows(session, sql, params)]


def students_by_id(session: Session, ids: Collection[str]) -> list[StudentChoice]:
    """The chosen students, in name order (ids no longer cached are left out)."""
    marks, params = in_list("s", ids)
    sql = f"{_STUDENT_CHOICE} WHERE s.id IN ({marks}) ORDER BY s.first_name COLLATE NOCASE, s.id"
    return [StudentChoice(*row) for row in _rows(session, sql, params)]


def phone_holders(session: Session, phones: Iterable[str]) -> dict[str, list[PhoneHolder]]:
    """Every guardian and staff record holding each number (seed 001 shared numbers)."""
    return phone_holders_and_first_names(session, phones)[0]


def phone_holders_and_first_names(
    session: Session, phones: Iterable[str]
) -> tuple[dict[str, list[PhoneHolder]], dict[str, str]]:
    """`phone_holders`, and the first name of each guardian record among them.

    A "For <name>" label names the guardians of a shared number by first name; they
    are all among the number's holders, so one query answers both (a second query
    over every reached guardian cost the New Message preview a tenth of its time).
    """
    wanted = list(dict.fromkeys(phones))
    holders: dict[str, list[PhoneHolder]] = {phone: [] for phone in wanted}
    first_names: dict[str, str] = {}
    if not wanted:
        return holders, first_names
    marks, params = in_list("p", wanted)
    rows = _rows(
        session,
        "SELECT g.phone, 'guardian', g.id, g.first_name || ' ' || g.last_name,"
        " g.sms_opt_in, g.kind, COALESCE(f.name, ''), g.first_name"
        " FROM guardian AS g LEFT JOIN family AS f ON f.id = g.family_id"
        f" WHERE g.phone IN ({marks})"
        " UNION ALL SELECT phone, 'staff', id, first_name || ' ' || last_name, sms_opt_in,"
        f" 'staff', '', NULL FROM staff WHERE phone IN ({marks}) ORDER BY 1, 2, 4",
        params,
    )
    for phone, kind, record_id, name, opted_in, role, family, first_name in rows:
        holders[phone].append(
            PhoneHolder(kind, record_id, name, bool(opted_in), role=role, family=family)
        )
        if kind == "guardian":
            first_names[record_id] = str(first_name)
    return holders, first_names


@dataclass(frozen=True)
class SmsUsage:
    """The centre's monthly text allowance and what this cache shows of its use.

    Attributes:
        quota: SMS segments allowed per calendar month (seed 000).
        used: billable segments of the texts of messages written this month, as far
            as their deliveries have synced to this cache.
    """

    quota: int
    used: int


def sms_usage(session: Session, month_start: str) -> SmsUsage:
    """Segments of the texts of messages written since `month_start` (UTC text).

    Counted as the server counts its quota: each SMS delivery's labelled body in
    billable segments (`desk.server.delivery.quota`).
    """
    quota = session.execute(text("SELECT sms_monthly_quota FROM centre LIMIT 1")).scalar()
    # One row per distinct text: a room-wide Emergency SMS is one body to hundreds of
    # phones, most of them unlabelled, and counting segments per delivery repeated
    # the same count hundreds of times.
    rows = session.execute(
        text(
            "SELECT d.for_label, m.body, count(*) FROM delivery AS d JOIN message AS m"
            " ON m.id = d.message_id WHERE d.channel = :sms AND m.created_at >= :start"
            " GROUP BY d.message_id, d.for_label"
        ),
        {"start": month_start, "sms": Channel.SMS.value},
    )
    used = sum(
        texts * segment_count(texted_body(label or "", body or "")) for label, body, texts in rows
    )
    return SmsUsage(int(quota or 0), used)


# -- staff list -----------------------------------------------------------------------


@dataclass(frozen=True)
class StaffRow:
    """One line of the staff list."""

    id: str
    name: str
    role: str
    phone: str | None
    active: bool


def list_staff(
    session: Session, search: str = "", limit: int = 100, offset: int = 0
) -> list[StaffRow]:
    """Staff in name order, optionally only those matching `search` (name or phone)."""
    sql = "SELECT id, first_name || ' ' || last_name, role, phone, active FROM staff"
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if search:
        match = people_match(search)
        if match is None:
            return []
        params["match"] = match
        sql += f" WHERE id IN (SELECT ref_id FROM ({_MATCH_PEOPLE}) WHERE kind = 'staff')"
    sql += (
        " ORDER BY first_name COLLATE NOCASE, last_name COLLATE NOCASE, id"
        " LIMIT :limit OFFSET :offset"
    )
    return [StaffRow(*_bools(row, 4)) for row in session.execute(text(sql), params)]


# -- records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GuardianDetail:
    """A family contact on the family record (seed 000 contact details, seed 001 opt-in)."""

    id: str
    name: str
    kind: str  # GuardianKind
    relationship: str
    phone: str | None
    email: str | None
    preferred_channel: str  # Channel
    language: str
    sms_opt_in: bool
    private_messaging: bool


@dataclass(frozen=True)
class StudentDetail:
    """A child on the family record, with where they are right now.

    Attributes:
        signed_in_room: the room of their latest sign-in, or None when their latest
            attendance event is a sign-out (or there is none).
        first_name: what the record's title lists to tell same-name families
            apart (issue 15 item 6).
    """

    id: str
    name: str
    birth_date: str | None
    room_name: str
    signed_in_room: str | None
    first_name: str = ""


@dataclass(frozen=True)
class PickupDetail:
    """An authorized pickup and the children they may collect."""

    guardian_id: str
    name: str
    phone: str | None
    students: tuple[str, ...]


@dataclass(frozen=True)
class FamilyRecordRow:
    """Everything on a family record page."""

    id: str
    name: str
    notes: str
    guardians: tuple[GuardianDetail, ...]
    students: tuple[StudentDetail, ...]
    pickups: tuple[PickupDetail, ...]


def family_record(session: Session, family_id: str) -> FamilyRecordRow | None:
    """One family with its contacts, children and pickups; None if not cached."""
    family = session.execute(
        text("SELECT id, name, notes FROM family WHERE id = :id"), {"id": family_id}
    ).first()
    if family is None:
        return None
    guardians = tuple(
        GuardianDetail(*_bools(row, 8, 9))
        for row in session.execute(
            text(
                "SELECT id, first_name || ' ' || last_name, kind, relationship, phone, email,"
                " preferred_channel, language, sms_opt_in, private_messaging FROM guardian"
                " WHERE family_id = :id ORDER BY kind, first_name COLLATE NOCASE, id"
            ),
            {"id": family_id},
        )
    )
    students = tuple(
        StudentDetail(*row)
        for row in session.execute(
            text(
                "SELECT s.id, s.first_name || ' ' || s.last_name, s.birth_date,"
                " COALESCE(r.name, ''),"
                " (SELECT CASE WHEN a.kind = 'sign_in' THEN COALESCE(ar.name, '') END"
                "  FROM attendance_event AS a LEFT JOIN room AS ar ON ar.id = a.room_id"
                "  WHERE a.student_id = s.id ORDER BY a.at DESC, a.id DESC LIMIT 1),"
                " s.first_name"
                " FROM student AS s LEFT JOIN room AS r ON r.id = s.room_id"
                " WHERE s.family_id = :id ORDER BY s.first_name COLLATE NOCASE, s.id"
            ),
            {"id": family_id},
        )
    )
    pickups: dict[str, tuple[str, str | None, list[str]]] = {}
    for guardian_id, name, phone, student in session.execute(
        text(
            "SELECT g.id, g.first_name || ' ' || g.last_name, g.phone, s.first_name"
            " FROM guardian AS g LEFT JOIN authorized_pickup AS p ON p.guardian_id = g.id"
            " LEFT JOIN student AS s ON s.id = p.student_id"
            " WHERE g.family_id = :id AND g.kind = :pickup"
            " ORDER BY g.first_name COLLATE NOCASE, g.id, s.first_name"
        ),
        {"id": family_id, "pickup": GuardianKind.PICKUP.value},
    ):
        entry = pickups.setdefault(guardian_id, (name, phone, []))
        if student:
            entry[2].append(student)
    return FamilyRecordRow(
        family[0],
        family[1],
        family[2] or "",
        guardians,
        students,
        tuple(PickupDetail(gid, n, p, tuple(s)) for gid, (n, p, s) in pickups.items()),
    )


@dataclass(frozen=True)
class StaffRecordRow:
    """Everything on a staff record page."""

    id: str
    name: str
    username: str
    role: str  # StaffRole
    capabilities: str
    phone: str | None
    email: str | None
    preferred_channel: str
    language: str
    sms_opt_in: bool
    active: bool
    rooms: tuple[str, ...]
    groups: tuple[str, ...]


def staff_record(session: Session, staff_id: str) -> StaffRecordRow | None:
    """One staff member with their rooms and groups; None if not cached."""
    row = session.execute(
        text(
            "SELECT id, first_name || ' ' || last_name, username, role, capabilities, phone,"
            " email, preferred_channel, language, sms_opt_in, active FROM staff WHERE id = :id"
        ),
        {"id": staff_id},
    ).first()
    if row is None:
        return None
    rooms = session.execute(
        text(
            "SELECT r.name FROM staff_room AS sr JOIN room AS r ON r.id = sr.room_id"
            " WHERE sr.staff_id = :id ORDER BY r.name COLLATE NOCASE"
        ),
        {"id": staff_id},
    ).scalars()
    groups = session.execute(
        text(
            "SELECT g.name FROM staff_group_member AS m JOIN staff_group AS g ON g.id = m.group_id"
            " WHERE m.staff_id = :id ORDER BY g.name COLLATE NOCASE"
        ),
        {"id": staff_id},
    ).scalars()
    values = [*_bools(row, 9, 10), tuple(rooms), tuple(groups)]
    return StaffRecordRow(*values)


# -- the Communication tab ----------------------------------------------------------------


@dataclass(frozen=True)
class PersonThreadRow:
    """A conversation on a record's Communication tab.

    Attributes:
        name: who it is with, for display (title, guardian, family or number).
    """

    id: str
    kind: str
    status: str
    name: str
    phone: str | None
    last_message_at: str | None
    last_message_preview: str


_THREAD_NAME = (
    "SELECT t.id, t.kind, t.status,"
    " COALESCE(NULLIF(t.title, ''), g.first_name || ' ' || g.last_name, f.name, t.phone, ''),"
    " t.phone, t.last_message_at, t.last_message_preview FROM thread AS t"
    " LEFT JOIN guardian AS g ON g.id = t.guardian_id LEFT JOIN family AS f ON f.id = t.family_id"
)


def person_threads(
    session: Session,
    *,
    family_id: str | None = None,
    phones: Collection[str] = (),
    staff_id: str | None = None,
    limit: int = 200,
) -> list[PersonThreadRow]:
    """A family's or staff member's conversations, newest activity first.

    A family's are its parent threads and the Messenger Center threads of its
    guardians' numbers; a staff member's are the Messenger Center threads of their
    number and the group conversations they take part in.
    """
    where: list[str] = []
    params: dict[str, object] = {"limit": limit, "sms": ThreadKind.SMS.value}
    if family_id is not None:
        where.append("t.family_id = :family")
        params["family"] = family_id
    if phones:
        marks, phone_params = in_list("p", phones)
        where.append(f"(t.kind = :sms AND t.phone IN ({marks}))")
        params.update(phone_params)
    if staff_id is not None:
        where.append(
            "t.id IN (SELECT thread_id FROM participant"
            " WHERE person_kind = 'staff' AND person_id = :staff)"
        )
        params["staff"] = staff_id
    if not where:
        return []
    sql = (
        f"{_THREAD_NAME} WHERE {' OR '.join(where)}"
        " ORDER BY t.last_message_at IS NULL, t.last_message_at DESC, t.id DESC LIMIT :limit"
    )
    return [PersonThreadRow(*row) for row in session.execute(text(sql), params)]


@dataclass(frozen=True)
class SmsEntry:
    """One text message to or from a person's number (seed 001 SMS logs).

    Attributes:
        phone: the number texted or texting; None for an Emergency SMS to a family,
            which went to every guardian's number.
    """

    message_id: str
    thread_id: str
    created_at: str
    direction: str  # Direction
    phone: str | None
    body: str
    state: str  # MessageState
    error: str
    emergency_sms: bool


_SMS_COLUMNS = (
    "m.id, m.thread_id, m.created_at, m.direction, {phone}, m.body, m.state, m.error,"
    " m.emergency_sms"
)


def sms_history(
    session: Session,
    *,
    phones: Collection[str] = (),
    family_id: str | None = None,
    limit: int = 200,
) -> list[SmsEntry]:
    """Text messages with these numbers, and Emergency SMS to this family, newest first.

    Each part is read newest-first off `ix_message_thread_created` per thread, then
    merged, so a family with years of history costs `limit` rows, not all of them.
    """
    parts: list[str] = []
    params: dict[str, object] = {"limit": limit, "sms": ThreadKind.SMS.value}
    if phones:
        marks, phone_params = in_list("p", phones)
        params.update(phone_params)
        parts.append(
            f"SELECT * FROM (SELECT {_SMS_COLUMNS.format(phone='t.phone')} FROM thread AS t"
            " JOIN message AS m ON m.thread_id = t.id"
            f" WHERE t.kind = :sms AND t.phone IN ({marks})"
            " ORDER BY m.created_at DESC, m.id DESC LIMIT :limit)"
        )
    if family_id is not None:
        params["family"] = family_id
        parts.append(
            f"SELECT * FROM (SELECT {_SMS_COLUMNS.format(phone='NULL')} FROM thread AS t"
            " JOIN message AS m ON m.thread_id = t.id"
            " WHERE t.family_id = :family AND t.kind != :sms AND m.emergency_sms"
            " ORDER BY m.created_at DESC, m.id DESC LIMIT :limit)"
        )
    if not parts:
        return []
    sql = " UNION ALL ".join(parts) + " ORDER BY 3 DESC, 1 DESC LIMIT :limit"
    return [SmsEntry(*_bools(row, 8)) for row in session.execute(text(sql), params)]
