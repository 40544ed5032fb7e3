"""Reads behind New Message to anyone: recipient choices and the cache as a directory.

New Message's type-ahead lists recipients of every kind in one search
(`anyone_choices`), the participants dialog lists guardians by name
(`guardian_choices`); the confirmation expands the picks over
`audience_sql.CacheDirectory` on the session's connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.models.audience_sql import CacheDirectory
from desk.models.directory_queries import in_list
from desk.models.search import people_match


def directory(session: Session) -> CacheDirectory:
    """The cache as `desk.core.audience` expands over it, through this session."""
    connection = session.connection()

    def run(sql: str, params: Sequence[object]) -> list[Sequence[object]]:
        return list(connection.exec_driver_sql(sql, tuple(params)).all())

    return CacheDirectory(run)


def centre_timezone(session: Session) -> str:
    """The centre's time zone (for "signed in today"), UTC until the centre has synced."""
    found = session.execute(text("SELECT timezone FROM centre LIMIT 1")).scalar_one_or_none()
    return str(found) if found else "UTC"


@dataclass(frozen=True)
class Choice:
    """One line of a recipient list: a record, its name and what tells it apart."""

    id: str
    name: str
    detail: str


def _like(search: str) -> str:
    escaped = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def guardian_choices(
    session: Session, search: str = "", limit: int = 100, offset: int = 0
) -> list[Choice]:
    """Guardians (not pickups) by name, each with their family's name."""
    rows = session.execute(
        text(
            "SELECT g.id, g.first_name || ' ' || g.last_name, COALESCE(f.name, '')"
            " FROM guardian AS g LEFT JOIN family AS f ON f.id = g.family_id"
            " WHERE g.kind = 'guardian'"
            " AND (g.first_name || ' ' || g.last_name) LIKE :q ESCAPE '\\'"
            " ORDER BY g.first_name COLLATE NOCASE, g.last_name COLLATE NOCASE, g.id"
            " LIMIT :limit OFFSET :offset"
        ),
        {"q": _like(search), "limit": limit, "offset": offset},
    )
    return [Choice(str(i), str(n), str(f)) for i, n, f in rows]


@dataclass(frozen=True)
class KindChoice:
    """One line of New Message's search over every kind of recipient.

    Attributes:
        kind: the `desk.core.audience.PickKind` value the line picks.
        id: the record's id.
        name: what the chip shows.
        detail: what tells two lines of one name apart, as stored: a student's room
            and family names, a guardian's family name, a family's children's first
            names (what tells five "Bianchi" families apart, issue 15 item 6), a
            staff member's role word, a program's kind word; empty otherwise.
        count: a staff group's active members, a room's students; 0 otherwise.
    """

    kind: str
    id: str
    name: str
    detail: str
    count: int


# Each kind's lines: (kind, id, name, rank). Rank 1 lists the kinds that stand for
# many people before the people themselves (rank 2). People come from
# `person_index`, whose names are stored, so a page is sorted without joining a
# table per person; the details are read for the page's lines only.
_ROOMS = "SELECT 'room', r.id, r.name, 1 FROM room AS r WHERE r.name LIKE :like ESCAPE '\\'"
_STAFF_GROUPS = (
    "SELECT 'staff_group', g.id, g.name, 1 FROM staff_group AS g"
    " WHERE g.name LIKE :like ESCAPE '\\'"
)
_PROGRAMS = (
    "SELECT 'program', p.id, p.name, 1 FROM program AS p WHERE p.name LIKE :like ESCAPE '\\'"
)
_PEOPLE = (
    "SELECT p.kind, p.ref_id, p.name, 2 FROM {source} AS p"
    " WHERE p.kind IN ('student', 'guardian', 'family', 'staff')"
    " AND NOT (p.kind = 'guardian'"
    "  AND p.ref_id IN (SELECT id FROM guardian WHERE kind != 'guardian'))"
    " AND NOT (p.kind = 'staff' AND p.ref_id IN (SELECT id FROM staff WHERE NOT active))"
)
_ROOM_STUDENTS = (
    "SELECT 'student', s.id, s.first_name || ' ' || s.last_name, 2 FROM student AS s"
    " WHERE s.room_id = :room"
)
_HITS = (
    "hits AS MATERIALIZED (SELECT p.kind, p.ref_id, p.family_id, p.name FROM people_search"
    " JOIN person_index AS p ON p.rowid = people_search.rowid"
    " WHERE people_search MATCH :match)"
)
_DETAIL = (
    "CASE page.kind"
    " WHEN 'student' THEN (SELECT COALESCE(r.name || ' · ', '') || COALESCE(f.name, '')"
    "  FROM student AS s LEFT JOIN family AS f ON f.id = s.family_id"
    "  LEFT JOIN room AS r ON r.id = s.room_id WHERE s.id = page.id)"
    " WHEN 'guardian' THEN (SELECT COALESCE(f.name, '') FROM guardian AS g"
    "  LEFT JOIN family AS f ON f.id = g.family_id WHERE g.id = page.id)"
    " WHEN 'family' THEN (SELECT COALESCE(group_concat(first_name, ', '), '') FROM"
    "  (SELECT first_name FROM student WHERE family_id = page.id"
    "  ORDER BY first_name COLLATE NOCASE, id))"
    " WHEN 'staff' THEN (SELECT role FROM staff WHERE id = page.id)"
    " WHEN 'program' THEN (SELECT kind FROM program WHERE id = page.id)"
    " ELSE '' END"
)
_COUNT = (
    "CASE page.kind"
    " WHEN 'room' THEN (SELECT COUNT(*) FROM student WHERE room_id = page.id)"
    " WHEN 'staff_group' THEN (SELECT COUNT(*) FROM staff_group_member AS m"
    "  JOIN staff AS s ON s.id = m.staff_id WHERE m.group_id = page.id AND s.active)"
    " ELSE 0 END"
)
_ORDER = (
    " ORDER BY CASE WHEN name = :exact COLLATE NOCASE THEN 0 ELSE 1 END,"
    " rank, name COLLATE NOCASE, kind, id"
)
"""The name typed exactly first (issue 15 item 6: "Lee" listed every Lee before the
Lee family), then rooms, groups and programs, then people, by name."""


def anyone_choices(
    session: Session,
    search: str = "",
    *,
    room_id: str | None = None,
    allowed_rooms: Collection[str] | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[KindChoice]:
    """Every kind of recipient matching `search`, in one statement, one page of it.

    A name matching `search` exactly comes first; then rooms, staff groups and
    programs, then people of every kind by name, so typing "Mar" lists Maria the
    guardian beside Mark of the staff. People are
    found through the `people_search` index (names and phone digits, as every people
    search), each by their own name: the family is a line of its own. Pickups and
    staff no longer active are left out: they cannot be messaged.

    Args:
        session: an open cache session.
        search: words as typed; empty lists everyone.
        room_id: only the students of this room (the picker's room filter).
        allowed_rooms: staff without full messaging access reach only the families
            of their rooms: only those students, families, guardians and rooms, and
            no programs (which span rooms); None for no restriction.
        limit: at most this many lines (one page).
        offset: lines to skip, for a later page.
    """
    params: dict[str, object] = {
        "limit": limit,
        "offset": offset,
        "like": _like(search),
        "exact": " ".join(search.split()),
    }
    match = people_match(search) if search.strip() else None
    if search.strip() and match is None:
        return []
    if match is not None:
        params["match"] = match
    people = _PEOPLE.format(source="hits" if match is not None else "person_index")
    rooms, programs = _ROOMS, [_PROGRAMS]
    room_students = _ROOM_STUDENTS
    if match is not None:
        room_students += " AND s.id IN (SELECT ref_id FROM hits WHERE kind = 'student')"
    if allowed_rooms is not None:
        marks, allowed = in_list("allowed", allowed_rooms)
        params.update(allowed)
        people += (
            " AND (p.kind = 'staff'"
            f" OR (p.kind = 'student' AND p.ref_id IN (SELECT id FROM student"
            f"  WHERE room_id IN ({marks})))"
            " OR (p.kind IN ('guardian', 'family') AND p.family_id IN (SELECT family_id"
            f"  FROM student WHERE room_id IN ({marks}))))"
        )
        rooms += f" AND r.id IN ({marks})"
        room_students += f" AND s.room_id IN ({marks})"
        programs = []  # a program spans rooms
    parts = [rooms, _STAFF_GROUPS, *programs, people]
    if room_id is not None:
        params["room"] = room_id
        parts = [room_students]
    sql = (
        "WITH "
        + (_HITS + ", " if match is not None else "")
        + "found (kind, id, name, rank) AS ("
        + " UNION ALL ".join(parts)
        + "), page AS (SELECT * FROM found"
        + _ORDER
        + " LIMIT :limit OFFSET :offset)"
        f" SELECT kind, id, name, {_DETAIL}, {_COUNT} FROM page" + _ORDER
    )
    # Straight on the session's sqlite3 connection: this runs on every keystroke, and
    # SQLAlchemy's statement and row handling cost more than the query itself.
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return [KindChoice(*row) for row in connection.execute(sql, params).fetchall()]


def named_choices(session: Session, keys: Collection[str]) -> list[KindChoice]:
    """The lines of New Message's search for records picked without a search.

    A record's "Message this family / person" opens New Message with that record
    already picked (issue 15 item 6), so its chip needs the line the search would
    have listed: the same name and detail, read by the same statement parts.
    Records that cannot be messaged (pickups, staff no longer active, records not
    cached) have no line, and the picker then refuses them rather than guess.

    Args:
        session: an open cache session.
        keys: "kind:id" of each record (`PickKind` value and record id).
    """
    marks, params = in_list("keys", keys)
    people = _PEOPLE.format(source="person_index")
    sql = (
        "WITH found (kind, id, name, rank) AS ("
        + " UNION ALL ".join([_ROOMS, _STAFF_GROUPS, _PROGRAMS, people])
        + f"), page AS (SELECT * FROM found WHERE kind || ':' || id IN ({marks}))"
        f" SELECT kind, id, name, {_DETAIL}, {_COUNT} FROM page ORDER BY kind, id"
    )
    rows = session.execute(text(sql), {**params, "like": "%"})
    return [KindChoice(*row) for row in rows]
