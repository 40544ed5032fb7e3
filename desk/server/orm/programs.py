"""Classes, camps and enrollments: the audiences of push notifications (seed 003)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from desk.core.kinds import EnrollmentType, ProgramKind
from desk.server.orm.base import Base, Synced
from desk.server.orm.people import ref


class Program(Synced, Base):
    """A class (term-long) or a camp (a run of dates)."""

    __tablename__ = "program"
    kind: Mapped[ProgramKind] = mapped_column(String(16))
    name: Mapped[str]
    room_id: Mapped[str | None] = ref("room", nullable=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class Enrollment(Synced, Base):
    """A student's place in a program; only ACTIVE ones count from classes and camps."""

    __tablename__ = "enrollment"
    program_id: Mapped[str] = ref("program")
    student_id: Mapped[str] = ref("student")
    type: Mapped[EnrollmentType] = mapped_column(String(16), default=EnrollmentType.ACTIVE)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
