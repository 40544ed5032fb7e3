"""Recipient fan-out: guardians, parent threads, SMS reach, push devices, audiences."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.fanout import (
    AudienceItem,
    DeviceRef,
    EnrollmentRef,
    Exclusion,
    ExclusionReason,
    GuardianRef,
    PushScope,
    Reach,
    StudentRef,
    ThreadTarget,
    audience_from_enrollments,
    audience_from_programs,
    estimate_devices,
    families_of,
    guardians_for_students,
    parent_threads_for,
    push_targets,
    sms_reach,
)
from desk.core.kinds import Channel, EnrollmentType, GuardianKind, ProgramKind


def guardian(
    id: str,
    family_id: str = "F1",
    name: str | None = None,
    *,
    students: set[str] | None = None,
    kind: GuardianKind = GuardianKind.GUARDIAN,
    private: bool = False,
    phone: str | None = "+12025550100",
    opt_in: bool = True,
) -> GuardianRef:
    return GuardianRef(
        id=id,
        family_id=family_id,
        name=name or id,
        kind=kind,
        private_messaging=private,
        phone=phone,
        email=None,
        preferred_channel=Channel.SMS,
        sms_opt_in=opt_in,
        student_ids=frozenset(students or set()),
    )


def ids(guardians: list[GuardianRef]) -> list[str]:
    return [g.id for g in guardians]


# --- guardians_for_students -------------------------------------------------------------

ALICE = StudentRef("s-alice", "F1", "Alice")
BEN = StudentRef("s-ben", "F1", "Ben")
CARA = StudentRef("s-cara", "F2", "Cara")


def test_both_children_picked_reach_each_parent_once() -> None:
    mum = guardian("mum", name="Mum", students={"s-alice", "s-ben"})
    dad = guardian("dad", name="Dad", students={"s-alice", "s-ben"})
    assert ids(guardians_for_students([ALICE, BEN], [mum, dad])) == ["dad", "mum"]


def test_split_family_guardians_in_two_households_are_all_reached() -> None:
    """Seed 000: New Message goes to both parents of a split family."""
    mum = guardian("mum", "F1", students={"s-alice"})
    dad = guardian("dad", "F9", students={"s-alice"}, private=True)
    assert ids(guardians_for_students([ALICE], [dad, mum])) == ["mum", "dad"]


def test_pickups_and_guardians_of_other_children_are_left_out() -> None:
    mum = guardian("mum", students={"s-alice"})
    grandpa = guardian("grandpa", students={"s-alice"}, kind=GuardianKind.PICKUP)
    other = guardian("other", "F2", students={"s-cara"})
    assert ids(guardians_for_students([ALICE], [mum, grandpa, other])) == ["mum"]


def test_no_students_reach_nobody() -> None:
    assert guardians_for_students([], [guardian("mum", students={"s-alice"})]) == []


def test_order_is_family_then_name_ignoring_case_then_id() -> None:
    people = [
        guardian("g4", "F2", "aaron", students={"s-cara"}),
        guardian("g3", "F1", "zoe", students={"s-alice"}),
        guardian("g2", "F1", "Bea", students={"s-alice"}),
        guardian("g1", "F1", "bea", students={"s-alice"}),
    ]
    assert ids(guardians_for_students([CARA, ALICE], people)) == ["g1", "g2", "g3", "g4"]


student_ids = st.sampled_from(["s1", "s2", "s3", "s4"])
guardian_lists = st.lists(
    st.builds(
        guardian,
        id=st.sampled_from(["g1", "g2", "g3", "g4", "g5", "g6"]),
        family_id=st.sampled_from(["F1", "F2", "F3"]),
        name=st.sampled_from(["Ann", "ann", "Bob"]),
        students=st.sets(student_ids, max_size=3),
        kind=st.sampled_from(GuardianKind),
        private=st.booleans(),
    ),
    max_size=10,
    unique_by=lambda g: g.id,
)


@given(guardian_lists, st.sets(student_ids))
def test_guardians_for_students_is_exactly_the_guardians_of_the_chosen(
    people: list[GuardianRef], chosen: set[str]
) -> None:
    students = [StudentRef(s, "F1", s) for s in sorted(chosen)]
    result = guardians_for_students(students, people)
    expected = {g.id for g in people if g.kind is GuardianKind.GUARDIAN and g.student_ids & chosen}
    assert set(ids(result)) == expected
    assert len(result) == len(expected)
    shuffled = list(reversed(people)) + people
    assert guardians_for_students(reversed(students), shuffled) == result


# --- parent_threads_for -----------------------------------------------------------------


def test_a_family_without_privacy_shares_one_thread() -> None:
    threads = parent_threads_for([guardian("mum"), guardian("dad")])
    assert threads == [ThreadTarget("F1", None)]


def test_one_private_guardian_gives_every_guardian_of_the_family_a_private_thread() -> None:
    """Seed 000: neither parent of a split family reads the other's conversation."""
    threads = parent_threads_for([guardian("mum"), guardian("dad", private=True)])
    assert threads == [ThreadTarget("F1", "dad"), ThreadTarget("F1", "mum")]


def test_privacy_is_decided_per_family() -> None:
    people = [
        guardian("x", "F2", private=True),
        guardian("a", "F1"),
        guardian("b", "F1"),
        guardian("y", "F2"),
    ]
    assert parent_threads_for(people) == [
        ThreadTarget("F1", None),
        ThreadTarget("F2", "x"),
        ThreadTarget("F2", "y"),
    ]


def test_pickups_get_no_parent_thread() -> None:
    pickup = guardian("grandpa", "F3", kind=GuardianKind.PICKUP, private=True)
    assert parent_threads_for([pickup, guardian("mum")]) == [ThreadTarget("F1", None)]


def test_a_guardian_listed_twice_gets_one_thread() -> None:
    dad = guardian("dad", private=True)
    assert parent_threads_for([dad, dad]) == [ThreadTarget("F1", "dad")]


@given(guardian_lists)
def test_every_family_with_a_guardian_has_threads_of_one_kind(people: list[GuardianRef]) -> None:
    threads = parent_threads_for(people)
    real = [g for g in people if g.kind is GuardianKind.GUARDIAN]
    assert {t.family_id for t in threads} == {g.family_id for g in real}
    for family in {g.family_id for g in real}:
        members = [g for g in real if g.family_id == family]
        family_threads = [t for t in threads if t.family_id == family]
        if any(g.private_messaging for g in members):
            assert {t.guardian_id for t in family_threads} == {g.id for g in members}
        else:
            assert family_threads == [ThreadTarget(family, None)]


# --- sms_reach ----------------------------------------------------------------------------

HOME = "+12025550100"
WORK = "+12025550111"


def test_sms_reach_sorts_guardians_into_reached_and_excluded_with_reasons() -> None:
    ok = guardian("ok", phone=HOME)
    no_phone = guardian("no-phone", phone=None)
    blank_phone = guardian("blank-phone", phone="")
    opted_out = guardian("opted-out", phone=WORK, opt_in=False)
    shared = guardian("shared", phone="+12025550122")
    unknown = guardian("unknown", phone="+12025550133")
    reach = sms_reach(
        [ok, no_phone, blank_phone, opted_out, shared, unknown],
        {HOME: True, WORK: True, "+12025550122": False},
    )
    assert reach == Reach(
        reached=[ok],
        excluded=[
            Exclusion(no_phone, ExclusionReason.NO_PHONE),
            Exclusion(blank_phone, ExclusionReason.NO_PHONE),
            Exclusion(opted_out, ExclusionReason.OPTED_OUT),
            Exclusion(shared, ExclusionReason.SHARED_NUMBER_OPTED_OUT),
            Exclusion(unknown, ExclusionReason.OPT_IN_UNKNOWN),
        ],
    )


def test_own_opt_out_is_reported_before_the_shared_number() -> None:
    reach = sms_reach([guardian("dad", phone=HOME, opt_in=False)], {HOME: False})
    assert reach.excluded[0].reason is ExclusionReason.OPTED_OUT


def test_a_shared_number_is_one_phone_for_the_quota() -> None:
    mum, dad, nan = (
        guardian("mum", phone=HOME),
        guardian("dad", phone=HOME),
        guardian("nan", phone=WORK),
    )
    reach = sms_reach([mum, dad, nan], {HOME: True, WORK: True})
    assert ids(reach.reached) == ["mum", "dad", "nan"]
    assert reach.phones == [HOME, WORK]


def test_a_guardian_listed_twice_is_counted_once() -> None:
    mum = guardian("mum", phone=None)
    dad = guardian("dad")
    reach = sms_reach([mum, dad, mum, dad], {HOME: True})
    assert ids(reach.reached) == ["dad"]
    assert len(reach.excluded) == 1


def test_nobody_reached_has_no_phones() -> None:
    assert sms_reach([], {}).phones == []


phones = st.sampled_from([None, HOME, WORK, "+12025550122"])


@given(
    st.lists(
        st.builds(guardian, id=st.sampled_from("abcdefgh"), phone=phones, opt_in=st.booleans()),
        max_size=10,
    ),
    st.dictionaries(st.sampled_from([HOME, WORK]), st.booleans()),
)
def test_sms_reach_partitions_and_only_reaches_consenting_numbers(
    people: list[GuardianRef], consent: dict[str, bool]
) -> None:
    reach = sms_reach(people, consent)
    reached = ids(reach.reached)
    excluded = [e.guardian.id for e in reach.excluded]
    assert sorted(reached + excluded) == sorted({g.id for g in people})
    for g in reach.reached:
        assert g.phone is not None
        assert g.sms_opt_in
        assert consent[g.phone] is True
    assert set(reach.phones) == {g.phone for g in reach.reached}
    assert len(reach.phones) == len(set(reach.phones))


# --- push -------------------------------------------------------------------------------


def test_one_push_per_active_device_however_many_students() -> None:
    """Seed 003: three selected children of one family with two phones: two pushes."""
    devices = [
        DeviceRef("d2", "F1", active=True),
        DeviceRef("d1", "F1", active=True),
        DeviceRef("d3", "F1", active=False),
        DeviceRef("d4", "F2", active=True),
        DeviceRef("d5", "F3", active=True),
    ]
    targets = push_targets(["F1", "F1", "F1", "F2"], devices)
    assert [d.id for d in targets] == ["d1", "d2", "d4"]
    assert estimate_devices(["F1", "F1", "F1", "F2"], devices) == 3


def test_a_device_listed_twice_is_pushed_once() -> None:
    device = DeviceRef("d1", "F1", active=True)
    assert push_targets(iter(["F1"]), [device, device]) == [device]


def test_no_active_devices_estimates_zero() -> None:
    """Seed 003: the dialog hides its fields when the estimate is 0."""
    assert estimate_devices(["F1"], [DeviceRef("d1", "F1", active=False)]) == 0
    assert estimate_devices([], [DeviceRef("d1", "F1", active=True)]) == 0


# --- audiences --------------------------------------------------------------------------

JUL = date(2025, 7, 1)


def enrollment(
    id: str,
    student: str = "s1",
    family: str = "F1",
    program: str = "camp",
    *,
    kind: ProgramKind = ProgramKind.CAMP,
    type: EnrollmentType = EnrollmentType.ACTIVE,
    starts: date = JUL,
    ends: date | None = date(2025, 7, 5),
) -> EnrollmentRef:
    return EnrollmentRef(id, student, family, program, kind, type, starts, ends)


def fam(family_id: str) -> AudienceItem:
    return AudienceItem(family_id, None, None)


def test_classes_reach_families_with_an_active_enrollment_once() -> None:
    rows = [
        enrollment("e1", "s1", "F1", "yoga", kind=ProgramKind.CLASS, ends=None),
        enrollment("e2", "s2", "F1", "yoga", kind=ProgramKind.CLASS, ends=None),
        enrollment("e3", "s3", "F2", "yoga", kind=ProgramKind.CLASS, type=EnrollmentType.WAITLIST),
        enrollment("e4", "s4", "F3", "chess", kind=ProgramKind.CLASS),
    ]
    assert audience_from_programs(["yoga"], rows) == [fam("F1")]


@pytest.mark.parametrize("other", [t for t in EnrollmentType if t is not EnrollmentType.ACTIVE])
def test_programs_skip_every_non_active_type(other: EnrollmentType) -> None:
    assert audience_from_programs(["camp"], [enrollment("e1", type=other)]) == []


def test_camp_scopes() -> None:
    rows = [
        enrollment("e1", "s1", "F1"),
        enrollment("e2", "s1", "F1", starts=date(2025, 8, 1), ends=date(2025, 8, 5)),
        enrollment("e3", "s2", "F1"),
    ]
    assert audience_from_programs(["camp"], rows, scope=PushScope.PER_FAMILY) == [fam("F1")]
    assert audience_from_programs(["camp"], rows, scope=PushScope.PER_STUDENT) == [
        AudienceItem("F1", "s1", None),
        AudienceItem("F1", "s2", None),
    ]
    assert audience_from_programs(["camp"], rows, scope=PushScope.PER_ENROLLMENT) == [
        AudienceItem("F1", "s1", "e1"),
        AudienceItem("F1", "s1", "e2"),
        AudienceItem("F1", "s2", "e3"),
    ]


@pytest.mark.parametrize(
    ("starts", "ends", "included"),
    [
        (date(2025, 7, 1), date(2025, 7, 5), True),  # ends on the first day of the range
        (date(2025, 7, 1), date(2025, 7, 4), False),  # ended the day before
        (date(2025, 7, 10), date(2025, 7, 20), True),  # starts on the last day
        (date(2025, 7, 11), date(2025, 7, 20), False),  # starts the day after
        (date(2025, 7, 6), date(2025, 7, 7), True),  # inside
        (date(2025, 6, 1), date(2025, 8, 1), True),  # spans the whole range
        (date(2025, 6, 1), None, True),  # open-ended, started before
        (date(2025, 7, 11), None, False),  # open-ended, starts after
    ],
)
def test_date_range_keeps_enrollments_attending_on_any_day_of_it(
    starts: date, ends: date | None, included: bool
) -> None:
    rows = [enrollment("e1", starts=starts, ends=ends)]
    result = audience_from_programs(
        ["camp"], rows, date_range=(date(2025, 7, 5), date(2025, 7, 10))
    )
    assert (result == [fam("F1")]) is included


def test_a_one_day_range_is_allowed_and_a_reversed_one_refused() -> None:
    rows = [enrollment("e1")]
    assert audience_from_programs(["camp"], rows, date_range=(JUL, JUL)) == [fam("F1")]
    with pytest.raises(ValueError, match="before it starts"):
        audience_from_programs(["camp"], rows, date_range=(JUL, date(2025, 6, 30)))


@pytest.mark.parametrize(
    "options",
    [
        {"scope": PushScope.PER_STUDENT},
        {"scope": PushScope.PER_ENROLLMENT},
        {"date_range": (JUL, JUL)},
    ],
)
def test_camp_options_are_refused_for_a_class(options: dict[str, object]) -> None:
    rows = [enrollment("e1", program="yoga", kind=ProgramKind.CLASS), enrollment("e2")]
    with pytest.raises(ValueError, match="camps only"):
        audience_from_programs(["yoga", "camp"], rows, **options)  # type: ignore[arg-type]


def test_enrollments_page_reaches_any_type() -> None:
    rows = [
        enrollment("e1", "s1", "F1", type=EnrollmentType.WAITLIST),
        enrollment("e2", "s2", "F2", type=EnrollmentType.TRIAL, kind=ProgramKind.CLASS),
        enrollment("e3", "s3", "F3"),
    ]
    assert audience_from_enrollments(["e1", "e2", "gone"], rows) == [fam("F1"), fam("F2")]
    assert audience_from_enrollments(["e2"], rows, scope=PushScope.PER_ENROLLMENT) == [
        AudienceItem("F2", "s2", "e2")
    ]


def test_enrollments_page_honours_a_date_range() -> None:
    rows = [enrollment("e1", ends=date(2025, 7, 5)), enrollment("e2", "s2", "F2", ends=None)]
    late = (date(2025, 7, 6), date(2025, 7, 9))
    assert audience_from_enrollments(["e1", "e2"], rows, date_range=late) == [fam("F2")]
    with pytest.raises(ValueError, match="before it starts"):
        audience_from_enrollments(["e1"], rows, date_range=(late[1], late[0]))


def test_families_of_feeds_push_targets() -> None:
    items = [
        AudienceItem("F2", "s1", "e1"),
        AudienceItem("F1", "s2", None),
        AudienceItem("F2", "s3", None),
    ]
    assert families_of(items) == ["F2", "F1"]


enrollment_rows = st.lists(
    st.builds(
        enrollment,
        id=st.sampled_from([f"e{i}" for i in range(8)]),
        student=st.sampled_from(["s1", "s2", "s3"]),
        family=st.sampled_from(["F1", "F2"]),
        program=st.sampled_from(["camp-a", "camp-b"]),
        type=st.sampled_from(EnrollmentType),
    ),
    max_size=10,
    unique_by=lambda e: e.id,
)


@given(enrollment_rows, st.sets(st.sampled_from(["camp-a", "camp-b"])))
def test_program_audiences_nest_by_scope_and_count_active_enrollments(
    rows: list[EnrollmentRef], programs: set[str]
) -> None:
    by_scope = {s: audience_from_programs(programs, rows, scope=s) for s in PushScope}
    active = [e for e in rows if e.program_id in programs and e.type is EnrollmentType.ACTIVE]
    assert {i.family_id for i in by_scope[PushScope.PER_FAMILY]} == {e.family_id for e in active}
    assert len(by_scope[PushScope.PER_FAMILY]) == len({e.family_id for e in active})
    assert len(by_scope[PushScope.PER_STUDENT]) == len(
        {(e.family_id, e.student_id) for e in active}
    )
    assert len(by_scope[PushScope.PER_ENROLLMENT]) == len(active)
    for items in by_scope.values():
        assert len(set(items)) == len(items)
