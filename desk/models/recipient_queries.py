"""Reads behind New Message to anyone: recipient choices and the cache as a directory.

The recipient picker lists guardians and staff groups by name (students, families,
staff and rooms have their lists already); the confirmation expands the picks over
`audience_sql.CacheDirectory` on the session's connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.models.audience_sql import CacheDirectory


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
