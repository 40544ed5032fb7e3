"""Classes and camps, and students' enrollments in them (seed 003).

Push notifications from the Classes and Camps pages reach only ACTIVE enrollments,
and the Camps page filters by dates, so enrollments come in every type and with
date ranges that start, end and overlap the way a school year's do.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from desk.core.kinds import EnrollmentType, ProgramKind
from desk.tools.seeding import vocabulary as vocab
from desk.tools.seeding.ids import IdSpace
from desk.tools.seeding.people import People, Student
from desk.tools.seeding.tables import ENROLLMENT, PROGRAM

_TYPE_WEIGHTS = {
    EnrollmentType.ACTIVE: 72,
    EnrollmentType.WAITLIST: 8,
    EnrollmentType.TRIAL: 7,
    EnrollmentType.MAKEUP: 5,
    EnrollmentType.DROPPED: 8,
}
_SECTION_SIZE = 180  # students per copy of the class list, so big centres get sections


def _school_year(today: date) -> int:
    """The calendar year the current school year started in (September)."""
    return today.year if today.month >= 8 else today.year - 1


def _camp_dates(name: str, year: int) -> tuple[date, date]:
    """When a camp runs in the school year starting in `year`."""
    if name.startswith("Winter"):
        return date(year, 12, 22), date(year + 1, 1, 2)
    if name.startswith("February"):
        return date(year + 1, 2, 16), date(year + 1, 2, 20)
    if name.startswith("Spring"):
        return date(year + 1, 4, 20), date(year + 1, 4, 24)
    week = int(name.split("Week ")[1].split(",")[0])
    start = date(year + 1, 6, 22) + timedelta(weeks=week - 1)
    return start, start + timedelta(days=4)


class _Programs:
    def __init__(self, people: People, ids: IdSpace, seed: int, today: date) -> None:
        self.people = people
        self.ids = ids
        self.rng = random.Random(f"{seed}/programs")
        self.year = _school_year(today)
        self.programs: list[tuple[object, ...]] = []
        self.enrollments: list[tuple[object, ...]] = []

    def program(
        self, kind: ProgramKind, name: str, room_id: str | None, start: date, end: date | None
    ) -> str:
        program_id = self.ids.make(PROGRAM, len(self.programs))
        self.programs.append(
            PROGRAM.row(
                id=program_id,
                kind=kind.value,
                name=name,
                room_id=room_id,
                starts_on=start.isoformat(),
                ends_on=None if end is None else end.isoformat(),
            )
        )
        return program_id

    def enroll(self, program_id: str, student: Student, start: date, end: date | None) -> None:
        # The first five enrollments take every type once, so each always exists.
        n = len(self.enrollments)
        types = list(_TYPE_WEIGHTS)
        kind = (
            types[n] if n < len(types) else self.rng.choices(types, list(_TYPE_WEIGHTS.values()))[0]
        )
        last = end or start + timedelta(days=270)
        if kind in (EnrollmentType.TRIAL, EnrollmentType.MAKEUP):
            start = start + timedelta(days=self.rng.randrange(max(1, (last - start).days)))
            end = start
        elif kind == EnrollmentType.DROPPED:
            end = start + timedelta(days=self.rng.randrange(max(1, (last - start).days)))
        elif kind == EnrollmentType.WAITLIST:
            end = None
        self.enrollments.append(
            ENROLLMENT.row(
                id=self.ids.make(ENROLLMENT, n),
                program_id=program_id,
                student_id=student.id,
                type=kind.value,
                starts_on=start.isoformat(),
                ends_on=None if end is None else end.isoformat(),
            )
        )

    def classes(self) -> None:
        rooms_by_kind: dict[str, list[str]] = {}
        for room in self.people.rooms:
            rooms_by_kind.setdefault(room.kind.name, []).append(room.id)
        students_by_room: dict[str, list[Student]] = {}
        for student in self.people.students():
            students_by_room.setdefault(student.room_id, []).append(student)
        start, end = date(self.year, 9, 3), date(self.year + 1, 6, 13)
        for name, room_kind in vocab.CLASSES:
            for section, room_id in enumerate(rooms_by_kind.get(room_kind, [])):
                label = name if section == 0 else f"{name} (Section {section + 1})"
                ongoing = name == "Art Studio"  # runs all year round, no end date
                program_id = self.program(
                    ProgramKind.CLASS, label, room_id, start, None if ongoing else end
                )
                pupils = students_by_room.get(room_id, [])
                for student in self.rng.sample(pupils, min(len(pupils), 12)):
                    self.enroll(program_id, student, start, None if ongoing else end)

    def camps(self) -> None:
        students = list(self.people.students())
        sections = max(1, round(len(students) / _SECTION_SIZE))
        for name in vocab.CAMPS:
            start, end = _camp_dates(name, self.year)
            for section in range(sections):
                label = name if section == 0 else f"{name} (Group {section + 1})"
                program_id = self.program(ProgramKind.CAMP, label, None, start, end)
                for student in self.rng.sample(students, min(len(students), 15)):
                    self.enroll(program_id, student, start, end)


def program_rows(
    people: People, ids: IdSpace, seed: int, today: date
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Rows of `program` and of `enrollment`, each without its sync header."""
    builder = _Programs(people, ids, seed, today)
    builder.classes()
    builder.camps()
    return builder.programs, builder.enrollments
