"""Reads behind New Message to anyone: recipient choices and the cache as a directory.

The recipient picker lists guardians and staff groups by name (students, families,
staff and rooms have their lists already); the confirmation expands the picks over
`audience_sql.CacheDirectory` on the session's connection.
"""

from __future__ import annotations

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


def staff_group_choices(
    session: Session, search: str = "", limit: int = 100, offset: int = 0
) -> list[Choice]:
    """Staff groups by name, each with how many active members it has."""
    rows = session.execute(
        text(
            "SELECT g.id, g.name, (SELECT COUNT(*) FROM staff_group_member AS m"
            "  JOIN staff AS s ON s.id = m.staff_id WHERE m.group_id = g.id AND s.active)"
            " FROM staff_group AS g WHERE g.name LIKE :q ESCAPE '\\'"
            " ORDER BY g.name COLLATE NOCASE, g.id LIMIT :limit OFFSET :offset"
        ),
        {"q": _like(search), "limit": limit, "offset": offset},
    )
    return [Choice(str(i), str(n), f"{c} members") for i, n, c in rows]


def program_choices(
    session: Session, search: str = "", limit: int = 100, offset: int = 0
) -> list[Choice]:
    """Classes and camps by name, each with its kind."""
    rows = session.execute(
        text(
            "SELECT id, name, kind FROM program WHERE name LIKE :q ESCAPE '\\'"
            " ORDER BY name COLLATE NOCASE, id LIMIT :limit OFFSET :offset"
        ),
        {"q": _like(search), "limit": limit, "offset": offset},
    )
    return [Choice(str(i), str(n), str(k)) for i, n, k in rows]


@dataclass(frozen=True)
class KindChoice:
    """One line of New Message's search over every kind of recipient.

    Attributes:
        kind: the `desk.core.audience.PickKind` value the line picks.
        id: the record's id.
        name: what the chip shows.
        detail: what tells two lines of one name apart, as stored: a student's room
            and family names, a guardian's family name, a staff member's role word,
            a program's kind word; empty otherwise.
        count: a staff group's active members, a room's students; 0 otherwise.
    """

    kind: str
    id: str
    name: str
    detail: str
    count: int


# Each kind's lines: (kind, id, name, detail, count, rank). Rank 1 lists the kinds
# that stand for many people before the people themselves (rank 2).
_ROOMS = (
    "SELECT 'room', r.id, r.name, '', (SELECT COUNT(*) FROM student AS s"
    " WHERE s.room_id = r.id), 1 FROM room AS r WHERE r.name LIKE :like ESCAPE '\\'"
)
_STAFF_GROUPS = (
    "SELECT 'staff_group', g.id, g.name, '', (SELECT COUNT(*)"
    " FROM staff_group_member AS m JOIN staff AS s ON s.id = m.staff_id"
    " WHERE m.group_id = g.id AND s.active), 1"
    " FROM staff_group AS g WHERE g.name LIKE :like ESCAPE '\\'"
)
_PROGRAMS = (
    "SELECT 'program', p.id, p.name, p.kind, 0, 1 FROM program AS p"
    " WHERE p.name LIKE :like ESCAPE '\\'"
)
_STUDENTS = (
    "SELECT 'student', s.id, s.first_name || ' ' || s.last_name,"
    " COALESCE(r.name || ' · ', '') || COALESCE(f.name, ''), 0, 2 FROM student AS s"
    " LEFT JOIN family AS f ON f.id = s.family_id LEFT JOIN room AS r ON r.id = s.room_id"
    " WHERE 1"
)
_GUARDIANS = (
    "SELECT 'guardian', g.id, g.first_name || ' ' || g.last_name, COALESCE(f.name, ''), 0, 2"
    " FROM guardian AS g LEFT JOIN family AS f ON f.id = g.family_id WHERE g.kind = 'guardian'"
)
_FAMILIES = "SELECT 'family', f.id, f.name, '', 0, 2 FROM family AS f WHERE 1"
_STAFF = (
    "SELECT 'staff', s.id, s.first_name || ' ' || s.last_name, s.role, 0, 2"
    " FROM staff AS s WHERE s.active"
)
# Materialised once: every kind's branch reads the same matches.
_HITS = (
    "hits AS MATERIALIZED (SELECT p.kind, p.ref_id FROM people_search"
    " JOIN person_index AS p ON p.rowid = people_search.rowid"
    " WHERE people_search MATCH :match)"
)


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

    Rooms, staff groups and programs come first, then people of every kind by name,
    so typing "Mar" lists Maria the guardian beside Mark of the staff. People are
    found through the `people_search` index (names and phone digits, as every people
    search), each by their own name: the family is a line of its own.

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
    params: dict[str, object] = {"limit": limit, "offset": offset, "like": _like(search)}
    match = people_match(search) if search.strip() else None
    if search.strip() and match is None:
        return []
    rooms, students, guardians, families = _ROOMS, _STUDENTS, _GUARDIANS, _FAMILIES
    staff, groups, programs = _STAFF, _STAFF_GROUPS, _PROGRAMS
    if match is not None:
        params["match"] = match
        students += " AND s.id IN (SELECT ref_id FROM hits WHERE kind = 'student')"
        guardians += " AND g.id IN (SELECT ref_id FROM hits WHERE kind = 'guardian')"
        families += " AND f.id IN (SELECT ref_id FROM hits WHERE kind = 'family')"
        staff += " AND s.id IN (SELECT ref_id FROM hits WHERE kind = 'staff')"
    parts = [rooms, groups, programs, students, guardians, families, staff]
    if allowed_rooms is not None:
        marks, allowed = in_list("allowed", allowed_rooms)
        params.update(allowed)
        mine = f"(SELECT family_id FROM student WHERE room_id IN ({marks}))"
        students += f" AND s.room_id IN ({marks})"
        guardians += f" AND g.family_id IN {mine}"
        families += f" AND f.id IN {mine}"
        parts = [rooms + f" AND r.id IN ({marks})", groups, students, guardians, families, staff]
    if room_id is not None:
        params["room"] = room_id
        parts = [students + " AND s.room_id = :room"]
    sql = (
        "WITH "
        + (_HITS + ", " if match is not None else "")
        + "found (kind, id, name, detail, count, rank) AS ("
        + " UNION ALL ".join(parts)
        + ") SELECT kind, id, name, detail, count FROM found"
        " ORDER BY rank, name COLLATE NOCASE, kind, id LIMIT :limit OFFSET :offset"
    )
    return [KindChoice(*row) for row in session.execute(text(sql), params)]
