"""Group conversation membership and titles (seed 004)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.conversations import (
    MAX_PARTICIPANTS,
    MAX_TITLE_LENGTH,
    InvalidTitle,
    ParticipantRef,
    StudentsNotAllowed,
    TooFewParticipants,
    TooManyParticipants,
    check_participants,
    validate_title,
)
from desk.core.kinds import PersonKind

ME = ParticipantRef(PersonKind.STAFF, "me")


def staff(n: int) -> list[ParticipantRef]:
    return [ParticipantRef(PersonKind.STAFF, f"staff-{i}") for i in range(n)]


def test_the_limit_is_15() -> None:
    assert MAX_PARTICIPANTS == 15


def test_fifteen_people_including_the_creator_is_allowed() -> None:
    check_participants(staff(14), students_enabled=False, creator=ME)
    check_participants([ME, *staff(14)], students_enabled=False)


def test_sixteen_people_is_refused_with_the_count() -> None:
    with pytest.raises(TooManyParticipants, match="up to 15 people; this one has 16"):
        check_participants(staff(15), students_enabled=False, creator=ME)


def test_duplicates_count_once() -> None:
    check_participants([*staff(14), *staff(14), ME, ME], students_enabled=False, creator=ME)


def test_the_same_id_as_a_different_kind_is_a_different_person() -> None:
    people = [ParticipantRef(PersonKind.GUARDIAN, "7"), ParticipantRef(PersonKind.STAFF, "7")]
    check_participants(people, students_enabled=False)


def test_a_conversation_needs_someone_besides_the_creator() -> None:
    with pytest.raises(TooFewParticipants, match="at least one other"):
        check_participants([], students_enabled=False, creator=ME)
    with pytest.raises(TooFewParticipants):
        check_participants([ME], students_enabled=False, creator=ME)
    with pytest.raises(TooFewParticipants):
        check_participants([ME, ME], students_enabled=False)


def test_students_only_when_enabled() -> None:
    pupil = ParticipantRef(PersonKind.STUDENT, "s1")
    check_participants([pupil], students_enabled=True, creator=ME)
    with pytest.raises(StudentsNotAllowed, match="students"):
        check_participants([pupil], students_enabled=False, creator=ME)


def test_a_student_creator_also_needs_students_enabled() -> None:
    pupil = ParticipantRef(PersonKind.STUDENT, "s1")
    with pytest.raises(StudentsNotAllowed):
        check_participants(staff(1), students_enabled=False, creator=pupil)


def test_errors_are_value_errors() -> None:
    for error in (TooManyParticipants, TooFewParticipants, StudentsNotAllowed, InvalidTitle):
        assert issubclass(error, ValueError)


people = st.lists(
    st.builds(ParticipantRef, kind=st.sampled_from(PersonKind), id=st.sampled_from("abcdefghij")),
    max_size=40,
)


@given(people, st.booleans())
def test_check_participants_accepts_exactly_2_to_15_distinct_allowed_people(
    group: list[ParticipantRef], students_enabled: bool
) -> None:
    distinct = set(group)
    has_student = any(p.kind is PersonKind.STUDENT for p in distinct)
    valid = (students_enabled or not has_student) and 2 <= len(distinct) <= MAX_PARTICIPANTS
    try:
        check_participants(group, students_enabled=students_enabled)
    except ValueError:
        assert not valid
    else:
        assert valid


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [
        ("Field trip", "Field trip"),
        ("  Field trip \n", "Field trip"),
        ("Field\n\ntrip   Friday", "Field trip Friday"),
        ("x", "x"),
        ("é" * MAX_TITLE_LENGTH, "é" * MAX_TITLE_LENGTH),
    ],
)
def test_validate_title_cleans(title: str, cleaned: str) -> None:
    assert validate_title(title) == cleaned


@pytest.mark.parametrize(("title", "message"), [("", "blank"), (" \n\t", "blank")])
def test_validate_title_refuses_blank(title: str, message: str) -> None:
    with pytest.raises(InvalidTitle, match=message):
        validate_title(title)


def test_validate_title_refuses_over_100_characters() -> None:
    assert MAX_TITLE_LENGTH == 100
    with pytest.raises(InvalidTitle, match="up to 100 characters; this one has 101"):
        validate_title("x" * 101)


def test_validate_title_measures_after_cleaning() -> None:
    assert validate_title("  " + "x" * 100 + "  ") == "x" * 100


@given(st.text(max_size=150))
def test_a_clean_title_is_its_own_cleaning(title: str) -> None:
    try:
        cleaned = validate_title(title)
    except InvalidTitle:
        assert not title.split() or len(" ".join(title.split())) > MAX_TITLE_LENGTH
    else:
        assert validate_title(cleaned) == cleaned
        assert 1 <= len(cleaned) <= MAX_TITLE_LENGTH
