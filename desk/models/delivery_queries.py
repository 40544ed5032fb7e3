"""Reads behind the push notification dialog and the template editor (seed 003).

The dialog estimates devices from the cached `device` rows with the same
`desk.core.fanout` functions the server sends with, so it needs the devices,
programs and enrollments as the fan-out takes them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.core.fanout import DeviceRef, EnrollmentRef
from desk.core.kinds import EnrollmentType, ProgramKind
from desk.models.directory_queries import in_list


@dataclass(frozen=True)
class TemplateRow:
    """A saved title and message for one page and channel."""

    id: str
    page: str
    channel: str  # Channel
    name: str
    title: str
    body: str


def list_templates(
    session: Session, *, page: str | None = None, channel: str | None = None
) -> list[TemplateRow]:
    """Templates by page, channel and name; optionally one page's or channel's."""
    conditions, params = [], {}
    if page is not None:
        conditions.append("page = :page")
        params["page"] = page
    if channel is not None:
        conditions.append("channel = :channel")
        params["channel"] = channel
    sql = "SELECT id, page, channel, name, title, body FROM template"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY page, channel, name COLLATE NOCASE, id"
    return [TemplateRow(*row) for row in session.execute(text(sql), params)]


@dataclass(frozen=True)
class ProgramRow:
    """A class or camp, with how many enrollments it has."""

    id: str
    kind: str  # ProgramKind
    name: str
    starts_on: str
    ends_on: str | None
    enrollments: int


def list_programs(
    session: Session, kind: ProgramKind, search: str = "", *, limit: int = -1, offset: int = 0
) -> list[ProgramRow]:
    """Classes or camps by start and name, optionally those whose name contains `search`.

    `limit` and `offset` read one page (a limit of -1: every program).
    """
    sql = (
        "SELECT p.id, p.kind, p.name, p.starts_on, p.ends_on,"
        " (SELECT COUNT(*) FROM enrollment AS e WHERE e.program_id = p.id)"
        " FROM program AS p WHERE p.kind = :kind"
    )
    params: dict[str, object] = {"kind": kind.value, "limit": limit, "offset": offset}
    if search:
        sql += " AND p.name LIKE :search"
        params["search"] = f"%{search}%"
    sql += " ORDER BY p.starts_on, p.name COLLATE NOCASE, p.id LIMIT :limit OFFSET :offset"
    return [ProgramRow(*row) for row in session.execute(text(sql), params)]


@dataclass(frozen=True)
class EnrollmentRow:
    """An enrollment as the ENROLLMENTS page lists it."""

    id: str
    student_name: str
    program_name: str
    type: str  # EnrollmentType
    family_id: str


def list_enrollments(
    session: Session, search: str = "", limit: int = 500, offset: int = 0
) -> list[EnrollmentRow]:
    """Enrollments by program then student, optionally matching a student or program name."""
    sql = (
        "SELECT e.id, s.first_name || ' ' || s.last_name, p.name, e.type, s.family_id"
        " FROM enrollment AS e JOIN student AS s ON s.id = e.student_id"
        " JOIN program AS p ON p.id = e.program_id"
    )
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if search:
        sql += " WHERE (s.first_name || ' ' || s.last_name) LIKE :search OR p.name LIKE :search"
        params["search"] = f"%{search}%"
    sql += (
        " ORDER BY p.name COLLATE NOCASE, s.first_name COLLATE NOCASE, e.id"
        " LIMIT :limit OFFSET :offset"
    )
    return [EnrollmentRow(*row) for row in session.execute(text(sql), params)]


def enrollment_refs(
    session: Session, *, program_ids: Collection[str] = (), enrollment_ids: Collection[str] = ()
) -> list[EnrollmentRef]:
    """Enrollments of these programs, or these enrollments, as fan-out takes them."""
    if program_ids:
        marks, params = in_list("p", program_ids)
        where = f"e.program_id IN ({marks})"
    else:
        marks, params = in_list("e", enrollment_ids)
        where = f"e.id IN ({marks})"
    rows = session.execute(
        text(
            "SELECT e.id, e.student_id, s.family_id, e.program_id, p.kind, e.type,"
            " e.starts_on, e.ends_on FROM enrollment AS e"
            " JOIN student AS s ON s.id = e.student_id JOIN program AS p ON p.id = e.program_id"
            f" WHERE {where}"
        ),
        params,
    )
    return [
        EnrollmentRef(
            id=eid,
            student_id=student,
            family_id=family,
            program_id=program,
            program_kind=ProgramKind(kind),
            type=EnrollmentType(etype),
            starts_on=date.fromisoformat(starts),
            ends_on=date.fromisoformat(ends) if ends else None,
        )
        for eid, student, family, program, kind, etype, starts, ends in rows
    ]


def family_ids_of_students(session: Session, student_ids: Collection[str]) -> list[str]:
    """The families of these students, each once."""
    marks, params = in_list("s", student_ids)
    rows = session.execute(
        text(f"SELECT DISTINCT family_id FROM student WHERE id IN ({marks})"), params
    )
    return [family for (family,) in rows]


def device_refs(session: Session, family_ids: Collection[str]) -> list[DeviceRef]:
    """The app installations of these families (active or not: fan-out decides)."""
    marks, params = in_list("f", family_ids)
    rows = session.execute(
        text(f"SELECT id, family_id, active FROM device WHERE family_id IN ({marks})"), params
    )
    return [DeviceRef(did, family, bool(active)) for did, family, active in rows]
