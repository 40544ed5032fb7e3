"""The cached people as `desk.core.audience` expands a New Message over them.

The client's side of `audience.Directory`, in plain SQL with `?` marks, so the
composer's confirmation (through a SQLAlchemy session) and the outbox's optimistic
effect (through the stdlib `sqlite3` cursor) read the cache the same way, and both
agree with the server's `desk.server.directory` by the rules they share.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime

from desk.core.audience import AttendanceMark, ProgramEnrollment, StaffRef, StudentInfo
from desk.core.fanout import GuardianRef
from desk.core.kinds import AttendanceKind, Channel, EnrollmentType, GuardianKind
from desk.core.wire import format_utc, parse_utc

Run = Callable[[str, Sequence[object]], Iterable[Sequence[object]]]
"""Runs one statement with `?` parameters and yields its rows."""

_STUDENT = "SELECT id, family_id, room_id, first_name || ' ' || last_name FROM student"
_GUARDIAN = (
    "SELECT id, family_id, first_name || ' ' || last_name, kind, private_messaging, phone,"
    " email, preferred_channel, sms_opt_in FROM guardian"
)
_STAFF = "SELECT id, first_name || ' ' || last_name FROM staff WHERE active"


class CacheDirectory:
    """`audience.Directory` over the client cache."""

    def __init__(self, run: Run) -> None:
        self._run = run

    def _where_in(self, select: str, column: str, ids: Collection[str]) -> list[Sequence[object]]:
        """Rows of `select` whose `column` is one of `ids`, passed as one JSON parameter.

        One statement whatever the number of ids: SQLite caps placeholders, and a
        statement per length would defeat the driver's statement cache.
        """
        if not ids:
            return []
        joiner = " AND " if " WHERE " in select else " WHERE "
        sql = f"{select}{joiner}{column} IN (SELECT value FROM json_each(?))"
        return list(self._run(sql, (json.dumps(list(dict.fromkeys(ids))),)))

    def _students(self, column: str, ids: Collection[str]) -> list[StudentInfo]:
        return [
            StudentInfo(str(i), str(f), None if r is None else str(r), str(n))
            for i, f, r, n in self._where_in(_STUDENT, column, ids)
        ]

    def students(self, ids: Collection[str]) -> list[StudentInfo]:
        """The students with these ids."""
        return self._students("id", ids)

    def students_of_rooms(self, room_ids: Collection[str]) -> list[StudentInfo]:
        """The students whose usual room is one of these."""
        return self._students("room_id", room_ids)

    def students_of_families(self, family_ids: Collection[str]) -> list[StudentInfo]:
        """The students of these families."""
        return self._students("family_id", family_ids)

    def rooms(self, ids: Collection[str]) -> set[str]:
        """Which of these room ids exist."""
        return {str(row[0]) for row in self._where_in("SELECT id FROM room", "id", ids)}

    def families(self, ids: Collection[str]) -> set[str]:
        """Which of these family ids exist."""
        return {str(row[0]) for row in self._where_in("SELECT id FROM family", "id", ids)}

    def all_families(self) -> set[str]:
        """Every cached family."""
        return {str(row[0]) for row in self._run("SELECT id FROM family", ())}

    def program_enrollments(
        self, program_ids: Collection[str]
    ) -> tuple[set[str], list[ProgramEnrollment]]:
        """Which of these programs exist, and every enrollment in them."""
        existing = {
            str(row[0]) for row in self._where_in("SELECT id FROM program", "id", program_ids)
        }
        rows = self._where_in(
            "SELECT program_id, student_id, type FROM enrollment", "program_id", existing
        )
        return existing, [
            ProgramEnrollment(str(p), str(s), EnrollmentType(str(t))) for p, s, t in rows
        ]

    def attendance_since(self, start: datetime) -> list[AttendanceMark]:
        """Every attendance event at or after `start` (wire times sort as text)."""
        rows = self._run(
            "SELECT student_id, kind, at FROM attendance_event WHERE at >= ?", (format_utc(start),)
        )
        return [
            AttendanceMark(str(s), AttendanceKind(str(k)), parse_utc(str(a))) for s, k, a in rows
        ]

    def _guardians(self, column: str, ids: Collection[str]) -> list[GuardianRef]:
        rows = self._where_in(_GUARDIAN, column, ids)
        children: dict[str, set[str]] = {}
        for student in self.students_of_families({str(row[1]) for row in rows}):
            children.setdefault(student.family_id, set()).add(student.id)
        refs = []
        for gid, fid, name, kind, private, phone, email, channel, opted_in in rows:
            guardian_kind = GuardianKind(str(kind))
            refs.append(
                GuardianRef(
                    id=str(gid),
                    family_id=str(fid),
                    name=str(name),
                    kind=guardian_kind,
                    private_messaging=bool(private),
                    phone=None if phone is None else str(phone),
                    email=None if email is None else str(email),
                    preferred_channel=Channel(str(channel)),
                    sms_opt_in=bool(opted_in),
                    student_ids=frozenset(children.get(str(fid), ()))
                    if guardian_kind is GuardianKind.GUARDIAN
                    else frozenset(),
                )
            )
        return refs

    def guardians_of_families(self, family_ids: Collection[str]) -> list[GuardianRef]:
        """Every guardian and pickup of these families, with their children's ids."""
        return self._guardians("family_id", family_ids)

    def guardians(self, ids: Collection[str]) -> list[GuardianRef]:
        """The guardians and pickups with these ids, with their children's ids."""
        return self._guardians("id", ids)

    def staff(self, ids: Collection[str]) -> list[StaffRef]:
        """The active staff members with these ids."""
        return [StaffRef(str(i), str(n)) for i, n in self._where_in(_STAFF, "id", ids)]

    def staff_groups(self, ids: Collection[str]) -> tuple[set[str], list[StaffRef]]:
        """Which of these staff groups exist, and their active members."""
        existing = {str(row[0]) for row in self._where_in("SELECT id FROM staff_group", "id", ids)}
        members = self._where_in(
            "SELECT s.id, s.first_name || ' ' || s.last_name FROM staff AS s"
            " JOIN staff_group_member AS m ON m.staff_id = s.id WHERE s.active",
            "m.group_id",
            existing,
        )
        return existing, [StaffRef(str(i), str(n)) for i, n in members]

    def all_staff(self) -> list[StaffRef]:
        """Every active staff member."""
        return [StaffRef(str(i), str(n)) for i, n in self._run(_STAFF, ())]
