"""The centre's people as `desk.core.audience` expands a New Message over them.

The server's side of `audience.Directory`: a few bulk queries per kind of pick, in
chunks, so "all families" of a centre of 5,000 guardians costs a handful of
statements, not one per family.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core.audience import AttendanceMark, ProgramEnrollment, StaffRef, StudentInfo
from desk.core.fanout import GuardianRef
from desk.core.kinds import AttendanceKind, Channel, EnrollmentType, GuardianKind
from desk.server.orm import (
    AttendanceEvent,
    Enrollment,
    Family,
    Guardian,
    Program,
    Room,
    Staff,
    StaffGroup,
    StaffGroupMember,
    Student,
)

_CHUNK = 500


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    items = list(dict.fromkeys(values))
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _student(row: Student) -> StudentInfo:
    return StudentInfo(row.id, row.family_id, row.room_id, f"{row.first_name} {row.last_name}")


def _staff(row: Staff) -> StaffRef:
    return StaffRef(row.id, f"{row.first_name} {row.last_name}")


class DatabaseDirectory:
    """`audience.Directory` over the server database, for one centre."""

    def __init__(self, session: Session, centre_id: str) -> None:
        self._session = session
        self._centre = centre_id

    def _live(self, model: Any) -> list[Any]:
        return [model.centre_id == self._centre, ~model.deleted]

    def _ids(self, model: Any, ids: Collection[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(ids):
            found.update(
                self._session.scalars(
                    select(model.id).where(model.id.in_(chunk), *self._live(model))
                )
            )
        return found

    def students(self, ids: Collection[str]) -> list[StudentInfo]:
        """The students with these ids."""
        return [
            _student(s)
            for chunk in _chunks(ids)
            for s in self._session.scalars(
                select(Student).where(Student.id.in_(chunk), *self._live(Student))
            )
        ]

    def students_of_rooms(self, room_ids: Collection[str]) -> list[StudentInfo]:
        """The students whose usual room is one of these."""
        return [
            _student(s)
            for chunk in _chunks(room_ids)
            for s in self._session.scalars(
                select(Student).where(Student.room_id.in_(chunk), *self._live(Student))
            )
        ]

    def students_of_families(self, family_ids: Collection[str]) -> list[StudentInfo]:
        """The students of these families."""
        return [
            _student(s)
            for chunk in _chunks(family_ids)
            for s in self._session.scalars(
                select(Student).where(Student.family_id.in_(chunk), *self._live(Student))
            )
        ]

    def rooms(self, ids: Collection[str]) -> set[str]:
        """Which of these room ids exist."""
        return self._ids(Room, ids)

    def families(self, ids: Collection[str]) -> set[str]:
        """Which of these family ids exist."""
        return self._ids(Family, ids)

    def all_families(self) -> set[str]:
        """Every family of the centre."""
        return set(self._session.scalars(select(Family.id).where(*self._live(Family))))

    def program_enrollments(
        self, program_ids: Collection[str]
    ) -> tuple[set[str], list[ProgramEnrollment]]:
        """Which of these programs exist, and every enrollment in them."""
        existing = self._ids(Program, program_ids)
        enrollments = [
            ProgramEnrollment(e.program_id, e.student_id, EnrollmentType(e.type))
            for chunk in _chunks(existing)
            for e in self._session.scalars(
                select(Enrollment).where(Enrollment.program_id.in_(chunk), *self._live(Enrollment))
            )
        ]
        return existing, enrollments

    def attendance_since(self, start: datetime) -> list[AttendanceMark]:
        """Every attendance event at or after `start`."""
        rows = self._session.execute(
            select(AttendanceEvent.student_id, AttendanceEvent.kind, AttendanceEvent.at).where(
                *self._live(AttendanceEvent), AttendanceEvent.at >= start
            )
        )
        return [AttendanceMark(sid, AttendanceKind(kind), at) for sid, kind, at in rows]

    def guardians_of_families(self, family_ids: Collection[str]) -> list[GuardianRef]:
        """Every guardian and pickup of these families, with their children's ids."""
        rows: list[Guardian] = []
        for chunk in _chunks(family_ids):
            rows.extend(
                self._session.scalars(
                    select(Guardian).where(Guardian.family_id.in_(chunk), *self._live(Guardian))
                )
            )
        return self._refs(rows)

    def guardians(self, ids: Collection[str]) -> list[GuardianRef]:
        """The guardians and pickups with these ids, with their children's ids."""
        rows: list[Guardian] = []
        for chunk in _chunks(ids):
            rows.extend(
                self._session.scalars(
                    select(Guardian).where(Guardian.id.in_(chunk), *self._live(Guardian))
                )
            )
        return self._refs(rows)

    def _refs(self, rows: list[Guardian]) -> list[GuardianRef]:
        """Fan-out views of guardians: a guardian's children are their family's."""
        children: dict[str, set[str]] = {}
        for student in self.students_of_families({g.family_id for g in rows}):
            children.setdefault(student.family_id, set()).add(student.id)
        return [
            GuardianRef(
                id=g.id,
                family_id=g.family_id,
                name=f"{g.first_name} {g.last_name}",
                kind=GuardianKind(g.kind),
                private_messaging=g.private_messaging,
                phone=g.phone,
                email=g.email,
                preferred_channel=Channel(g.preferred_channel),
                sms_opt_in=g.sms_opt_in,
                student_ids=frozenset(children.get(g.family_id, ()))
                if g.kind == GuardianKind.GUARDIAN
                else frozenset(),
            )
            for g in rows
        ]

    def staff(self, ids: Collection[str]) -> list[StaffRef]:
        """The active staff members with these ids."""
        return [
            _staff(s)
            for chunk in _chunks(ids)
            for s in self._session.scalars(
                select(Staff).where(Staff.id.in_(chunk), Staff.active, *self._live(Staff))
            )
        ]

    def staff_groups(self, ids: Collection[str]) -> tuple[set[str], list[StaffRef]]:
        """Which of these staff groups exist, and their active members."""
        existing = self._ids(StaffGroup, ids)
        members = [
            _staff(s)
            for chunk in _chunks(existing)
            for s in self._session.scalars(
                select(Staff)
                .join(StaffGroupMember, StaffGroupMember.staff_id == Staff.id)
                .where(
                    StaffGroupMember.group_id.in_(chunk),
                    ~StaffGroupMember.deleted,
                    Staff.active,
                    *self._live(Staff),
                )
            )
        ]
        return existing, members

    def all_staff(self) -> list[StaffRef]:
        """Every active staff member."""
        return [
            _staff(s)
            for s in self._session.scalars(select(Staff).where(Staff.active, *self._live(Staff)))
        ]
