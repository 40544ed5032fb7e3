"""New Message's recipient rules without a database (desk.core.audience, issue 13)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.audience import (
    AttendanceMark,
    InvalidPick,
    Pick,
    PickKind,
    ProgramEnrollment,
    SendMode,
    StaffRef,
    StudentInfo,
    check_group,
    day_start,
    expand,
    signed_in_now,
    summarise,
)
from desk.core.conversations import TooManyParticipants, title_for_new_message
from desk.core.delivery import InvalidPreference, normalise_language
from desk.core.fanout import GuardianRef, StudentRef, guardians_for_students
from desk.core.kinds import AttendanceKind, Channel, EnrollmentType, GuardianKind
from desk.core.optin import may_answer_unknown

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # 10:00 in New York


def guardian(
    gid: str, family: str, *, kind: GuardianKind = GuardianKind.GUARDIAN, **kw: object
) -> GuardianRef:
    values: dict[str, object] = {
        "name": gid.title(),
        "private_messaging": False,
        "phone": None,
        "email": None,
        "preferred_channel": Channel.SMS,
        "sms_opt_in": True,
        "student_ids": frozenset(),
    }
    values.update(kw)
    return GuardianRef(id=gid, family_id=family, kind=kind, **values)  # type: ignore[arg-type]


@dataclass
class Records:
    """An in-memory `audience.Directory`."""

    students_: list[StudentInfo] = field(default_factory=list)
    guardians_: list[GuardianRef] = field(default_factory=list)
    staff_: list[StaffRef] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)
    enrollments: list[ProgramEnrollment] = field(default_factory=list)
    marks: list[AttendanceMark] = field(default_factory=list)

    def _children(self, g: GuardianRef) -> GuardianRef:
        if g.kind is not GuardianKind.GUARDIAN:
            return g
        kids = frozenset(s.id for s in self.students_ if s.family_id == g.family_id)
        return GuardianRef(**{**g.__dict__, "student_ids": kids})

    def students(self, ids: Collection[str]) -> list[StudentInfo]:
        return [s for s in self.students_ if s.id in ids]

    def students_of_rooms(self, room_ids: Collection[str]) -> list[StudentInfo]:
        return [s for s in self.students_ if s.room_id in room_ids]

    def students_of_families(self, family_ids: Collection[str]) -> list[StudentInfo]:
        return [s for s in self.students_ if s.family_id in family_ids]

    def rooms(self, ids: Collection[str]) -> set[str]:
        return {s.room_id for s in self.students_ if s.room_id in ids}  # type: ignore[misc]

    def families(self, ids: Collection[str]) -> set[str]:
        return {g.family_id for g in self.guardians_ if g.family_id in ids}

    def all_families(self) -> set[str]:
        return {g.family_id for g in self.guardians_}

    def program_enrollments(
        self, program_ids: Collection[str]
    ) -> tuple[set[str], list[ProgramEnrollment]]:
        found = [e for e in self.enrollments if e.program_id in program_ids]
        return {e.program_id for e in found}, found

    def attendance_since(self, start: datetime) -> list[AttendanceMark]:
        return [m for m in self.marks if m.at >= start]

    def guardians_of_families(self, family_ids: Collection[str]) -> list[GuardianRef]:
        return [self._children(g) for g in self.guardians_ if g.family_id in family_ids]

    def guardians(self, ids: Collection[str]) -> list[GuardianRef]:
        return [self._children(g) for g in self.guardians_ if g.id in ids]

    def staff(self, ids: Collection[str]) -> list[StaffRef]:
        return [s for s in self.staff_ if s.id in ids]

    def staff_groups(self, ids: Collection[str]) -> tuple[set[str], list[StaffRef]]:
        found = {g for g in ids if g in self.groups}
        members = {m for g in found for m in self.groups[g]}
        return found, [s for s in self.staff_ if s.id in members]

    def all_staff(self) -> list[StaffRef]:
        return list(self.staff_)


def centre() -> Records:
    """Diaz (Maria, pickup Rosa; Leo in room A), Lee (split: Ann, Ben; Kim in room B)."""
    return Records(
        students_=[
            StudentInfo("leo", "diaz", "room-a", "Leo Diaz"),
            StudentInfo("kim", "lee", "room-b", "Kim Lee"),
        ],
        guardians_=[
            guardian("maria", "diaz", phone="+15555550101"),
            guardian("rosa", "diaz", kind=GuardianKind.PICKUP, phone="+15555550101"),
            guardian("ann", "lee", private_messaging=True, phone="+15555550102"),
            guardian("ben", "lee", phone=None),
        ],
        staff_=[
            StaffRef("me", "Me Staff"),
            StaffRef("ivy", "Ivy Staff"),
            StaffRef("jon", "Jon Staff"),
        ],
        groups={"floaters": ["ivy", "me"]},
        enrollments=[
            ProgramEnrollment("camp", "kim", EnrollmentType.ACTIVE),
            ProgramEnrollment("camp", "leo", EnrollmentType.WAITLIST),
        ],
    )


def reach(records: Records, *picks: Pick) -> tuple[list[str], list[str]]:
    expanded = expand(picks, records, sender_id="me", day_began=day_start(NOW, "UTC"))
    return [g.id for g in expanded.guardians], [s.id for s in expanded.staff]


def test_each_kind_of_chip_reaches_its_people() -> None:
    c = centre()
    assert reach(c, Pick(PickKind.STUDENT, "leo")) == (["maria"], [])  # never the pickup
    assert reach(c, Pick(PickKind.FAMILY, "lee")) == (["ann", "ben"], [])
    assert reach(c, Pick(PickKind.GUARDIAN, "ben")) == (["ben"], [])
    assert reach(c, Pick(PickKind.ROOM, "room-b")) == (["ann", "ben"], [])
    assert reach(c, Pick(PickKind.PROGRAM, "camp")) == (["ann", "ben"], [])  # ACTIVE only
    assert reach(c, Pick(PickKind.ALL_FAMILIES)) == (["maria", "ann", "ben"], [])
    assert reach(c, Pick(PickKind.STAFF_GROUP, "floaters")) == ([], ["ivy"])  # not the sender
    assert reach(c, Pick(PickKind.ALL_STAFF), Pick(PickKind.STAFF, "ivy")) == ([], ["ivy", "jon"])


def test_everyone_signed_in_is_whose_latest_event_today_is_a_sign_in() -> None:
    c = centre()
    c.marks = [
        AttendanceMark("leo", AttendanceKind.SIGN_IN, NOW - timedelta(days=1)),  # yesterday
        AttendanceMark("kim", AttendanceKind.SIGN_IN, NOW - timedelta(hours=2)),
        AttendanceMark("kim", AttendanceKind.SIGN_OUT, NOW - timedelta(hours=1)),
    ]
    assert reach(c, Pick(PickKind.SIGNED_IN)) == ([], [])
    c.marks.append(AttendanceMark("kim", AttendanceKind.SIGN_IN, NOW - timedelta(minutes=5)))
    assert reach(c, Pick(PickKind.SIGNED_IN)) == (["ann", "ben"], [])


def test_a_tie_between_sign_in_and_sign_out_counts_as_signed_in() -> None:
    both = [AttendanceMark("kim", kind, NOW) for kind in AttendanceKind]
    assert signed_in_now(both) == ["kim"] == signed_in_now(list(reversed(both)))


def test_today_starts_at_midnight_in_the_centres_time_zone() -> None:
    late = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)  # still the 20th in New York
    assert day_start(late, "America/New_York") == datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="time zone"):
        day_start(datetime(2026, 11, 20), "UTC")


@pytest.mark.parametrize(
    ("pick", "reason"),
    [
        (Pick(PickKind.GUARDIAN, "rosa"), "Rosa is an authorized pickup"),
        (Pick(PickKind.ROOM, "room-z"), "room room-z does not exist"),
        (Pick(PickKind.STAFF_GROUP, "nobody"), "staff group nobody does not exist"),
        (Pick(PickKind.FAMILY), "needs an id"),
        (Pick(PickKind.ALL_STAFF, "x"), "takes no id"),
    ],
)
def test_picks_that_cannot_be_expanded_say_why(pick: Pick, reason: str) -> None:
    with pytest.raises(InvalidPick, match=reason):
        reach(centre(), pick)


def test_blind_threads_keep_a_split_family_private_even_when_one_parent_is_picked() -> None:
    """Ben has no privacy flag, Ann has: Ben alone still gets a thread of his own."""
    expanded = expand(
        [Pick(PickKind.GUARDIAN, "ben"), Pick(PickKind.GUARDIAN, "maria")],
        centre(),
        sender_id="me",
        day_began=day_start(NOW, "UTC"),
    )
    assert [(t.family_id, t.guardian_id) for t in expanded.thread_targets()] == [
        ("diaz", None),
        ("lee", "ben"),
    ]


def test_the_summary_counts_families_staff_conversations_and_opt_outs() -> None:
    c = centre()
    c.guardians_[0] = guardian("maria", "diaz", phone="+15555550101", sms_opt_in=False)
    expanded = expand(
        [Pick(PickKind.ALL_FAMILIES), Pick(PickKind.STAFF, "jon")],
        c,
        sender_id="me",
        day_began=day_start(NOW, "UTC"),
    )
    summary = summarise(
        expanded, SendMode.INDIVIDUAL, {"+15555550101": False, "+15555550102": True}
    )
    assert (summary.guardians, summary.families, summary.staff) == (3, 2, 1)
    assert summary.conversations == 4  # Diaz, Ann, Ben (split), Jon
    assert (summary.opted_out, summary.no_phone) == (1, 1)
    assert summary.text() == "3 guardians in 2 families and 1 staff member; 1 opted out"
    assert summarise(expanded, SendMode.GROUP, {}).conversations == 1


def test_a_group_new_message_counts_the_sender_towards_15() -> None:
    c = centre()
    c.staff_ += [StaffRef(f"s{n}", f"S{n}") for n in range(11)]
    expanded = expand(
        [Pick(PickKind.ALL_STAFF)], c, sender_id="me", day_began=day_start(NOW, "UTC")
    )
    check_group(expanded, "me", students_enabled=False)  # 13 staff + the sender
    more = expand(
        [Pick(PickKind.ALL_STAFF), Pick(PickKind.FAMILY, "lee")],
        c,
        sender_id="me",
        day_began=day_start(NOW, "UTC"),
    )
    with pytest.raises(TooManyParticipants, match="this one has 16"):
        check_group(more, "me", students_enabled=False)


FAMILIES = st.lists(
    st.tuples(st.sampled_from(["f1", "f2", "f3"]), st.booleans(), st.booleans()), max_size=8
)


@given(people=FAMILIES, picked=st.sets(st.sampled_from(["k1", "k2", "k3"])))
def test_student_chips_reach_exactly_who_the_old_new_message_reached(
    people: list[tuple[str, bool, bool]], picked: set[str]
) -> None:
    """Regression guard: `student_ids` of older clients expand as before issue 13."""
    c = Records(students_=[StudentInfo(f"k{n}", f"f{n}", None, f"K{n}") for n in (1, 2, 3)])
    c.guardians_ = [
        guardian(
            f"g{i}",
            family,
            kind=GuardianKind.PICKUP if pickup else GuardianKind.GUARDIAN,
            private_messaging=private,
        )
        for i, (family, pickup, private) in enumerate(people)
    ]
    picks = [Pick(PickKind.STUDENT, s) for s in sorted(picked)]
    new, _ = reach(c, *picks)
    chosen = [StudentRef(s.id, s.family_id, s.name) for s in c.students_ if s.id in picked]
    old = guardians_for_students(chosen, c.guardians_of_families({s.family_id for s in chosen}))
    assert new == [g.id for g in old]


def test_a_conversation_from_a_new_message_is_titled_by_subject_or_opening() -> None:
    assert title_for_new_message("  Water   off ", "body") == "Water off"
    long = "word " * 40
    titled = title_for_new_message("", long)
    assert titled.endswith("…")
    assert len(titled) <= 100


def test_an_unknown_number_may_be_answered_until_stop_and_again_after_start() -> None:
    assert not may_answer_unknown([])
    assert may_answer_unknown(["Any places?"])
    assert not may_answer_unknown(["Any places?", "STOP", "hello?"])
    assert may_answer_unknown(["Any places?", "stop", "START"])


def test_languages_are_stored_as_tags() -> None:
    assert [normalise_language(c) for c in ("ES", "pt-br", "zh-hant", "es-419")] == [
        "es",
        "pt-BR",
        "zh-Hant",
        "es-419",
    ]
    with pytest.raises(InvalidPreference):
        normalise_language("spanish")
