"""How big a seeded centre is."""

from __future__ import annotations

from dataclasses import dataclass

MIN_FAMILIES = 10
MIN_STAFF = 6  # two admins, three office staff (`people.ADMINS`, `OFFICE_STAFF`), a teacher
MAX_STUDENTS_PER_FAMILY = 4


@dataclass(frozen=True)
class Scale:
    """The size of one centre's data.

    Attributes:
        families: households; guardians and pickups come to about 2.2 per family.
        students_per_family: children per family on average, 1 to 4.
        staff: staff members: 2 admins, 3 office staff, the rest teachers.
        threads: conversations; None picks one per 8 messages, at most 3 per family.
        messages: messages over all threads, spread unevenly as real threads are.
    """

    families: int = 120
    students_per_family: float = 1.5
    staff: int = 25
    threads: int | None = None
    messages: int = 2_400

    def __post_init__(self) -> None:
        if self.families < MIN_FAMILIES:
            raise ValueError(f"at least {MIN_FAMILIES} families, so every case fits")
        if not 1 <= self.students_per_family <= MAX_STUDENTS_PER_FAMILY:
            raise ValueError(f"students per family is 1 to {MAX_STUDENTS_PER_FAMILY}")
        if self.staff < MIN_STAFF:
            raise ValueError(f"at least {MIN_STAFF} staff: 2 admins, 3 office, 1 teacher")
        if self.messages < 0 or (self.threads is not None and self.threads < 0):
            raise ValueError("thread and message counts cannot be negative")

    @property
    def student_count(self) -> int:
        """How many students in all."""
        return round(self.families * self.students_per_family)

    @property
    def thread_count(self) -> int:
        """How many threads: every thread has at least one message."""
        wanted = (
            self.threads if self.threads is not None else min(self.messages // 8, 3 * self.families)
        )
        return min(max(wanted, 1 if self.messages else 0), self.messages)


DEMO_SCALE = Scale(families=120, students_per_family=1.5, staff=25, threads=300, messages=2_400)
"""The realistic small centre of the demo."""
