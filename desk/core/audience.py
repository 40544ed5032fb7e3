"""New Message to anyone: from the recipient chips picked to the people reached.

The office picks students (which reach their guardians), guardians, families, staff,
staff groups, rooms and programs, or one of the broad audiences ("all families",
"all staff", "everyone signed in right now"), mixed in one message (seed 002, issue
13). The composer's confirmation and the server's sending both expand the picks
here, over a `Directory` each of them implements on its own data (the client's
cache, the server's database), so the dialog says exactly who the server reaches.

The rules:

- A student reaches the guardians of their family (both households of a split
  family), never authorized pickups (seed 000, `fanout.guardians_for_students`).
- A family reaches its guardians; a guardian picked by name reaches that guardian.
  A pickup picked by name is refused: pickups are not messaged.
- A room reaches the guardians of its students; a program the guardians of its
  students with an ACTIVE enrollment (seed 003: classes and camps reach only those).
- "Everyone signed in right now" is the guardians of the children whose latest
  attendance event today, in the centre's time zone, is a sign-in.
- A staff group reaches its members; "all staff" every active staff member. The
  sender never messages themselves.

Every result is in a deterministic order, so a retried command posts the same
messages in the same order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from typing import Protocol
from zoneinfo import ZoneInfo

from desk.core.conversations import ParticipantRef, check_participants
from desk.core.fanout import (
    ExclusionReason,
    GuardianRef,
    StudentRef,
    ThreadTarget,
    guardians_for_students,
    sms_reach,
)
from desk.core.kinds import AttendanceKind, EnrollmentType, GuardianKind, PersonKind


class PickKind(StrEnum):
    """What one recipient chip stands for."""

    STUDENT = "student"  # reaches their guardians
    GUARDIAN = "guardian"
    FAMILY = "family"
    STAFF = "staff"
    STAFF_GROUP = "staff_group"
    ROOM = "room"
    PROGRAM = "program"  # a class or camp: students with an ACTIVE enrollment
    ALL_FAMILIES = "all_families"
    ALL_STAFF = "all_staff"
    SIGNED_IN = "signed_in"  # guardians of every child signed in right now


BROAD = frozenset({PickKind.ALL_FAMILIES, PickKind.ALL_STAFF, PickKind.SIGNED_IN})
"""Picks that name no record: they take no id."""

GUARDIAN_SIDE = frozenset(
    {
        PickKind.STUDENT,
        PickKind.GUARDIAN,
        PickKind.FAMILY,
        PickKind.ROOM,
        PickKind.PROGRAM,
        PickKind.ALL_FAMILIES,
        PickKind.SIGNED_IN,
    }
)
"""Picks that reach families; the others reach staff."""


class SendMode(StrEnum):
    """How a New Message to several people is sent (seed 002, seed 004)."""

    INDIVIDUAL = "individual"  # blind: each family or person gets a private conversation
    GROUP = "group"  # one reply-all conversation of up to 15 people


@dataclass(frozen=True)
class Pick:
    """One recipient chip: a kind and, except for the broad audiences, a record id."""

    kind: PickKind
    id: str | None = None


class InvalidPick(ValueError):
    """A pick that cannot be expanded: a missing id, an unknown record, a pickup."""


@dataclass(frozen=True)
class StudentInfo:
    """A student as the expansion needs them: their family and usual room."""

    id: str
    family_id: str
    room_id: str | None
    name: str


@dataclass(frozen=True)
class StaffRef:
    """A staff member who can be messaged."""

    id: str
    name: str


@dataclass(frozen=True)
class ProgramEnrollment:
    """One enrollment of a picked program: whose, and of which type."""

    program_id: str
    student_id: str
    type: EnrollmentType


@dataclass(frozen=True)
class AttendanceMark:
    """One attendance event: a child signed in or out at a time."""

    student_id: str
    kind: AttendanceKind
    at: datetime


class Directory(Protocol):
    """The records a New Message can reach, read from the cache or the server database.

    Each method answers only rows of the caller's centre that are not deleted; a
    lookup by id leaves unknown ids out (the expansion names them).
    """

    def students(self, ids: Collection[str]) -> list[StudentInfo]:
        """The students with these ids."""
        ...

    def students_of_rooms(self, room_ids: Collection[str]) -> list[StudentInfo]:
        """The students whose usual room is one of these."""
        ...

    def students_of_families(self, family_ids: Collection[str]) -> list[StudentInfo]:
        """The students of these families."""
        ...

    def rooms(self, ids: Collection[str]) -> set[str]:
        """Which of these room ids exist."""
        ...

    def families(self, ids: Collection[str]) -> set[str]:
        """Which of these family ids exist."""
        ...

    def all_families(self) -> set[str]:
        """Every family of the centre."""
        ...

    def program_enrollments(
        self, program_ids: Collection[str]
    ) -> tuple[set[str], list[ProgramEnrollment]]:
        """Which of these programs exist, and every enrollment in them."""
        ...

    def attendance_since(self, start: datetime) -> list[AttendanceMark]:
        """Every attendance event at or after `start`."""
        ...

    def guardians_of_families(self, family_ids: Collection[str]) -> list[GuardianRef]:
        """Every guardian and pickup of these families, with their children's ids."""
        ...

    def guardians(self, ids: Collection[str]) -> list[GuardianRef]:
        """The guardians and pickups with these ids, with their children's ids."""
        ...

    def staff(self, ids: Collection[str]) -> list[StaffRef]:
        """The active staff members with these ids."""
        ...

    def staff_groups(self, ids: Collection[str]) -> tuple[set[str], list[StaffRef]]:
        """Which of these staff groups exist, and their active members."""
        ...

    def all_staff(self) -> list[StaffRef]:
        """Every active staff member."""
        ...


@dataclass(frozen=True)
class Expanded:
    """Who a New Message reaches.

    Attributes:
        guardians: every guardian reached, each once, by family, name and id.
        staff: every staff member reached, each once, by name and id, the sender
            left out.
        family_rooms: for each family reached, the room its Classroom Chat thread
            belongs to: the usual room of the first of its students picked (by
            name), else of its first student.
        students: every student the guardians were reached through (picked
            students, rooms, programs, signed in), for the room permission check.
        private_families: the families reached any of whose guardians keeps
            messages private (split families, seed 000).
    """

    guardians: list[GuardianRef]
    staff: list[StaffRef]
    family_rooms: dict[str, str | None]
    students: list[StudentInfo]
    private_families: frozenset[str] = frozenset()

    def thread_targets(self) -> list[ThreadTarget]:
        """The parent conversations an individual message is posted in (seed 000).

        A family whose guardians keep messages private (any one of them, whether
        reached or not: `fanout.parent_threads_for`) gets one private conversation
        per guardian reached; any other family shares one.
        """
        targets = {
            ThreadTarget(g.family_id, g.id if g.family_id in self.private_families else None)
            for g in self.guardians
        }
        return sorted(targets, key=lambda t: (t.family_id, t.guardian_id or ""))

    @property
    def families(self) -> list[str]:
        """The families reached, each once, in order."""
        return list(dict.fromkeys(g.family_id for g in self.guardians))

    @property
    def empty(self) -> bool:
        """Nobody is reached."""
        return not self.guardians and not self.staff


def day_start(now: datetime, timezone: str) -> datetime:
    """Midnight of `now`'s day in the centre's time zone, as an aware time.

    Raises:
        ValueError: for a time without a time zone.
    """
    if now.tzinfo is None:
        raise ValueError("times must carry a time zone")
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    return datetime.combine(local.date(), time(0), tzinfo=zone)


def signed_in_now(marks: Iterable[AttendanceMark]) -> list[str]:
    """The children whose latest of `marks` is a sign-in, by id.

    Pass today's events only (`day_start`): a child signed in yesterday and never
    signed out is not in the building now. A sign-in and a sign-out at the same
    instant count as signed in: an emergency message to one family too many beats
    one too few.
    """
    latest: dict[str, AttendanceMark] = {}
    for mark in marks:
        held = latest.get(mark.student_id)
        if (
            held is None
            or mark.at > held.at
            or (mark.at == held.at and mark.kind is AttendanceKind.SIGN_IN)
        ):
            latest[mark.student_id] = mark
    return sorted(s for s, mark in latest.items() if mark.kind is AttendanceKind.SIGN_IN)


def expand(
    picks: Sequence[Pick], directory: Directory, *, sender_id: str, day_began: datetime
) -> Expanded:
    """Expand recipient chips to the guardians and staff they reach.

    Args:
        picks: the chips, in the order picked; the same one twice counts once.
        directory: the records to expand over.
        sender_id: the staff member sending, who is never a recipient.
        day_began: the start of today in the centre's time zone (`day_start`), for
            "everyone signed in right now".

    Raises:
        InvalidPick: a pick without its id (or a broad one with one), an id that
            names no record, or a pickup picked by name.
    """
    by_kind: dict[PickKind, list[str]] = {}
    for pick in dict.fromkeys(picks):
        if (pick.kind in BROAD) != (pick.id is None):
            raise InvalidPick(
                f"a {pick.kind.value} pick takes no id"
                if pick.kind in BROAD
                else f"a {pick.kind.value} pick needs an id"
            )
        by_kind.setdefault(pick.kind, []).append(pick.id or "")
    students = _students(by_kind, directory, day_began)
    families, guardian_ids = _families_and_guardians(by_kind, directory)
    picked = directory.guardians(guardian_ids)
    _all_found(guardian_ids, {g.id for g in picked}, "guardian")
    if pickups := [g for g in picked if g.kind is not GuardianKind.GUARDIAN]:
        raise InvalidPick(f"{pickups[0].name} is an authorized pickup; pickups are not messaged")
    reached_families = {s.family_id for s in students} | families | {g.family_id for g in picked}
    known = directory.guardians_of_families(reached_families)
    chosen = guardians_for_students(
        [StudentRef(s.id, s.family_id, s.name) for s in students], known
    )
    chosen += [g for g in known if g.family_id in families and g.kind is GuardianKind.GUARDIAN]
    unique = {g.id: g for g in [*chosen, *picked]}
    guardians = sorted(unique.values(), key=lambda g: (g.family_id, g.name.casefold(), g.id))
    return Expanded(
        guardians=guardians,
        staff=_staff(by_kind, directory, sender_id),
        family_rooms=_family_rooms(guardians, students, directory),
        students=students,
        private_families=frozenset(
            g.family_id for g in known if g.private_messaging and g.kind is GuardianKind.GUARDIAN
        ),
    )


def _all_found(wanted: Collection[str], found: Collection[str], what: str) -> None:
    if missing := [i for i in wanted if i not in found]:
        raise InvalidPick(f"{what} {missing[0]} does not exist")


def _students(
    by_kind: Mapping[PickKind, list[str]], directory: Directory, day_began: datetime
) -> list[StudentInfo]:
    """The students picked directly or through rooms, programs or attendance."""
    found: dict[str, StudentInfo] = {}
    if ids := by_kind.get(PickKind.STUDENT):
        students = directory.students(ids)
        _all_found(ids, {s.id for s in students}, "student")
        found.update((s.id, s) for s in students)
    if rooms := by_kind.get(PickKind.ROOM):
        _all_found(rooms, directory.rooms(rooms), "room")
        found.update((s.id, s) for s in directory.students_of_rooms(rooms))
    if programs := by_kind.get(PickKind.PROGRAM):
        existing, enrollments = directory.program_enrollments(programs)
        _all_found(programs, existing, "program")
        active = {e.student_id for e in enrollments if e.type is EnrollmentType.ACTIVE}
        found.update((s.id, s) for s in directory.students(active))
    if PickKind.SIGNED_IN in by_kind:
        present = signed_in_now(directory.attendance_since(day_began))
        found.update((s.id, s) for s in directory.students(present))
    return sorted(found.values(), key=lambda s: (s.family_id, s.name.casefold(), s.id))


def _families_and_guardians(
    by_kind: Mapping[PickKind, list[str]], directory: Directory
) -> tuple[set[str], list[str]]:
    """The families picked (or all of them) and the guardians picked by name."""
    families: set[str] = set()
    if PickKind.ALL_FAMILIES in by_kind:
        families = directory.all_families()
    elif ids := by_kind.get(PickKind.FAMILY):
        families = directory.families(ids)
        _all_found(ids, families, "family")
    return families, by_kind.get(PickKind.GUARDIAN, [])


def _staff(
    by_kind: Mapping[PickKind, list[str]], directory: Directory, sender_id: str
) -> list[StaffRef]:
    chosen: list[StaffRef] = []
    if PickKind.ALL_STAFF in by_kind:
        chosen = directory.all_staff()
    else:
        if ids := by_kind.get(PickKind.STAFF):
            picked = directory.staff(ids)
            _all_found(ids, {s.id for s in picked}, "staff member")
            chosen += picked
        if groups := by_kind.get(PickKind.STAFF_GROUP):
            existing, members = directory.staff_groups(groups)
            _all_found(groups, existing, "staff group")
            chosen += members
    unique = {s.id: s for s in chosen if s.id != sender_id}
    return sorted(unique.values(), key=lambda s: (s.name.casefold(), s.id))


def _family_rooms(
    guardians: Sequence[GuardianRef], students: Sequence[StudentInfo], directory: Directory
) -> dict[str, str | None]:
    rooms: dict[str, str | None] = {}
    for student in sorted(students, key=lambda s: (s.name.casefold(), s.id)):
        rooms.setdefault(student.family_id, student.room_id)
    missing = {g.family_id for g in guardians} - set(rooms)
    if missing:
        others = sorted(
            directory.students_of_families(missing), key=lambda s: (s.name.casefold(), s.id)
        )
        for student in others:
            rooms.setdefault(student.family_id, student.room_id)
    return {family: rooms.get(family) for family in dict.fromkeys(g.family_id for g in guardians)}


def group_members(expanded: Expanded, sender_id: str) -> list[ParticipantRef]:
    """The participants of a group conversation made of `expanded`, sender first."""
    return [
        ParticipantRef(PersonKind.STAFF, sender_id),
        *(ParticipantRef(PersonKind.GUARDIAN, g.id) for g in expanded.guardians),
        *(ParticipantRef(PersonKind.STAFF, s.id) for s in expanded.staff),
    ]


def check_group(expanded: Expanded, sender_id: str, *, students_enabled: bool) -> None:
    """Refuse a group New Message over the 15-person limit (seed 004), sender included.

    Raises:
        TooManyParticipants: more than `MAX_PARTICIPANTS` people.
        TooFewParticipants: nobody besides the sender.
    """
    check_participants(group_members(expanded, sender_id), students_enabled=students_enabled)


@dataclass(frozen=True)
class Summary:
    """What a New Message reaches, as the confirmation and the result say it.

    Attributes:
        guardians: guardians reached.
        families: the families they belong to.
        staff: staff members reached.
        conversations: conversations the message is posted in.
        opted_out: guardians a text cannot reach because they, or another record
            sharing their number, opted out (seed 001).
        no_phone: guardians with no number on file.
    """

    guardians: int
    families: int
    staff: int
    conversations: int
    opted_out: int
    no_phone: int

    def text(self) -> str:
        """The figures in plain English ("182 guardians in 120 families; 3 opted out").

        For logs and command results; the office app words them through `tr()`.
        """
        parts = []
        if self.guardians:
            parts.append(
                f"{_count(self.guardians, 'guardian')} in {_count(self.families, 'family')}"
            )
        if self.staff:
            parts.append(_count(self.staff, "staff member"))
        text = " and ".join(parts) or "nobody"
        if self.opted_out:
            text += f"; {self.opted_out} opted out"
        return text

    def as_json(self) -> dict[str, int | str]:
        """The result of the command: every figure, and `text`."""
        return {
            "guardians": self.guardians,
            "families": self.families,
            "staff": self.staff,
            "conversations": self.conversations,
            "opted_out": self.opted_out,
            "no_phone": self.no_phone,
            "text": self.text(),
        }


def _count(n: int, noun: str) -> str:
    plural = "families" if noun == "family" else f"{noun}s"
    return f"{n} {noun if n == 1 else plural}"


def summarise(expanded: Expanded, mode: SendMode, opted_in_by_phone: Mapping[str, bool]) -> Summary:
    """The figures of a New Message.

    Args:
        expanded: who it reaches.
        mode: individual (a conversation per family or staff member) or group (one).
        opted_in_by_phone: for each number of the guardians, whether every record
            holding it is opted in (`optin.can_text` over its holders).
    """
    reach = sms_reach(expanded.guardians, opted_in_by_phone)
    reasons = [e.reason for e in reach.excluded]
    opted_out = sum(
        r in (ExclusionReason.OPTED_OUT, ExclusionReason.SHARED_NUMBER_OPTED_OUT) for r in reasons
    )
    if mode is SendMode.GROUP:
        conversations = 0 if expanded.empty else 1
    else:
        conversations = len(expanded.thread_targets()) + len(expanded.staff)
    return Summary(
        guardians=len(expanded.guardians),
        families=len(expanded.families),
        staff=len(expanded.staff),
        conversations=conversations,
        opted_out=opted_out,
        no_phone=reasons.count(ExclusionReason.NO_PHONE),
    )
