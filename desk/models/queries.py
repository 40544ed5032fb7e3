"""Reads for the first windows: the family list and the badge counters.

The inbox and a thread's messages are read by `desk.models.inbox` and
`desk.models.thread_view`.

Each returns small frozen dataclasses rather than ORM objects: Qt item models keep
them across a sync without holding a session open, and a row cannot be modified
by accident behind the cache's back. Times are fixed-width UTC text
(`desk.core.wire.parse_utc` turns them into datetimes for display).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import column, func, select, table, text
from sqlalchemy.orm import Session

from desk.core.status import Counters
from desk.models.inbox_sql import COUNTERS_OF_KIND, COUNTERS_SQL
from desk.models.local import PersonIndex
from desk.models.people import Family, Guardian, Student
from desk.models.search import people_match


@dataclass(frozen=True)
class FamilyRow:
    """One line of the family list.

    Attributes:
        children: the students' first names, and `guardian_names` the guardians':
            with five "Bianchi" families in one centre, the name alone does not
            tell them apart (issue 15 item 6).
    """

    id: str
    name: str
    guardians: int
    students: int
    children: str = ""
    guardian_names: str = ""


# The FTS5 table as a Core construct: its hidden column of the same name takes MATCH.
_PEOPLE_SEARCH = table("people_search", column("rowid"), column("people_search"))


def list_families(
    session: Session, search: str = "", limit: int = 100, offset: int = 0
) -> list[FamilyRow]:
    """Families in name order, optionally only those matching `search`.

    A search matches the family name or the name or phone digits of any of its
    guardians and students, through the `people_search` index (see
    `desk.models.search.search_people`).
    """
    guardians = select(func.count()).where(Guardian.family_id == Family.id).scalar_subquery()
    students = select(func.count()).where(Student.family_id == Family.id).scalar_subquery()
    children = (
        select(func.group_concat(Student.first_name, ", "))
        .where(Student.family_id == Family.id)
        .scalar_subquery()
    )
    guardian_names = (
        select(func.group_concat(Guardian.first_name, ", "))
        .where(Guardian.family_id == Family.id, Guardian.kind == "guardian")
        .scalar_subquery()
    )
    query = select(
        Family.id,
        Family.name,
        guardians,
        students,
        func.coalesce(children, ""),
        func.coalesce(guardian_names, ""),
    )
    if search:
        match = people_match(search)
        if match is None:
            return []
        hits = (
            select(PersonIndex.family_id)
            .join(_PEOPLE_SEARCH, _PEOPLE_SEARCH.c.rowid == PersonIndex.rowid)
            .where(_PEOPLE_SEARCH.c.people_search.match(match))
        )
        query = query.where(Family.id.in_(hits))
    query = query.order_by(Family.name.collate("NOCASE"), Family.id).limit(limit).offset(offset)
    return [FamilyRow(*row) for row in session.execute(query)]


def counters(session: Session, kind: str | None = None) -> Counters:
    """The red and grey badge numbers (seed 001), for one kind of thread or all.

    The same rule as `desk.core.status.counters`, computed in SQL: unread messages
    count only on Unread threads, and open conversations are threads with status
    Open. The statement is `inbox_sql.COUNTERS_SQL`, which the start-up snapshot
    runs too, so the first paint and the live window show the same numbers.
    """
    if kind is None:
        found = session.execute(text(COUNTERS_SQL))
    else:
        found = session.execute(text(COUNTERS_SQL + COUNTERS_OF_KIND), {"kind": kind})
    unread, open_ = found.one()
    return Counters(unread_messages=unread, open_conversations=open_)
