"""Capabilities, role defaults and who may see and post in which thread."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.kinds import StaffRole, ThreadKind
from desk.core.permissions import (
    ROLE_DEFAULTS,
    Capability,
    Page,
    PermissionDenied,
    Tool,
    allowed_tools,
    can_view_thread,
    capability_to_send,
    format_capabilities,
    parse_capabilities,
    require,
    visible_pages,
)

FULL, MASS_TEXT, SMS_LOGS = Capability.FULL_MESSAGING, Capability.MASS_TEXT, Capability.SMS_LOGS
KIOSK = Capability.KIOSK_DEVICE
NONE: frozenset[Capability] = frozenset()
capability_sets = st.frozensets(st.sampled_from(Capability))


def view(
    held: frozenset[Capability],
    kind: ThreadKind,
    *,
    room: str | None = None,
    mine: frozenset[str] = frozenset(),
    participant: bool = False,
) -> bool:
    return can_view_thread(
        held, kind, thread_room_id=room, my_room_ids=mine, is_participant=participant
    )


def test_every_role_has_defaults() -> None:
    assert set(ROLE_DEFAULTS) == set(StaffRole)


def test_admins_get_everything_but_the_kiosk_capability() -> None:
    assert ROLE_DEFAULTS[StaffRole.ADMIN] == frozenset(Capability) - {KIOSK}


def test_office_staff_run_the_messenger_center_but_not_office_chat() -> None:
    assert ROLE_DEFAULTS[StaffRole.OFFICE] == {MASS_TEXT, SMS_LOGS}


def test_teachers_start_with_no_extra_capability() -> None:
    assert ROLE_DEFAULTS[StaffRole.TEACHER] == NONE


def test_no_role_is_a_kiosk() -> None:
    assert all(KIOSK not in caps for caps in ROLE_DEFAULTS.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, NONE),
        ("", NONE),
        ("mass_text", {MASS_TEXT}),
        (" mass_text , sms_logs ,, ", {MASS_TEXT, SMS_LOGS}),
        ("sms_logs,sms_logs", {SMS_LOGS}),
    ],
)
def test_parse_capabilities(text: str | None, expected: frozenset[Capability]) -> None:
    assert parse_capabilities(text) == expected


def test_parse_capabilities_refuses_an_unknown_word() -> None:
    with pytest.raises(ValueError, match="superuser"):
        parse_capabilities("mass_text,superuser")


def test_format_capabilities_is_sorted_and_stable() -> None:
    assert format_capabilities([SMS_LOGS, FULL, MASS_TEXT]) == "full_messaging,mass_text,sms_logs"
    assert format_capabilities([]) == ""


@given(capability_sets)
def test_capabilities_round_trip_through_storage(caps: frozenset[Capability]) -> None:
    assert parse_capabilities(format_capabilities(caps)) == caps


def test_require_passes_when_held() -> None:
    require(frozenset({MASS_TEXT}), MASS_TEXT)


def test_require_raises_naming_the_capability() -> None:
    with pytest.raises(PermissionDenied, match="the Mass Text permission") as caught:
        require(frozenset({SMS_LOGS}), MASS_TEXT)
    assert caught.value.capability is MASS_TEXT


def test_office_chat_is_for_full_messaging_only() -> None:
    """Seed 000: Office Chat reaches admins with full messaging access."""
    assert view(frozenset({FULL}), ThreadKind.OFFICE)
    assert not view(frozenset({MASS_TEXT, SMS_LOGS, Capability.ADMIN}), ThreadKind.OFFICE)
    assert not view(NONE, ThreadKind.OFFICE, participant=True)


def test_sms_threads_need_sms_logs() -> None:
    """Seed 001: SMS Logs lets staff view the Messenger Center."""
    assert view(frozenset({SMS_LOGS}), ThreadKind.SMS)
    assert not view(frozenset({FULL, MASS_TEXT}), ThreadKind.SMS)


def test_classroom_chat_reaches_the_room_staff_and_full_messaging() -> None:
    assert view(NONE, ThreadKind.CLASSROOM, room="r1", mine=frozenset({"r1", "r2"}))
    assert not view(NONE, ThreadKind.CLASSROOM, room="r3", mine=frozenset({"r1"}))
    assert not view(NONE, ThreadKind.CLASSROOM, room=None, mine=frozenset({"r1"}))
    assert view(frozenset({FULL}), ThreadKind.CLASSROOM, room="r3")


def test_group_conversations_reach_participants_and_full_messaging() -> None:
    assert view(NONE, ThreadKind.GROUP, participant=True)
    assert not view(frozenset({SMS_LOGS, MASS_TEXT}), ThreadKind.GROUP)
    assert view(frozenset({FULL}), ThreadKind.GROUP)


@given(capability_sets, st.sampled_from(ThreadKind), st.booleans())
def test_a_kiosk_device_sees_no_thread_whatever_else_it_holds(
    caps: frozenset[Capability], kind: ThreadKind, participant: bool
) -> None:
    held = caps | {KIOSK}
    assert not view(held, kind, room="r1", mine=frozenset({"r1"}), participant=participant)


@given(capability_sets, capability_sets, st.sampled_from(ThreadKind), st.booleans(), st.booleans())
def test_more_capabilities_never_see_less(
    caps: frozenset[Capability],
    extra: frozenset[Capability],
    kind: ThreadKind,
    in_room: bool,
    participant: bool,
) -> None:
    mine = frozenset({"r1"}) if in_room else frozenset()
    before = view(caps - {KIOSK}, kind, room="r1", mine=mine, participant=participant)
    after = view((caps | extra) - {KIOSK}, kind, room="r1", mine=mine, participant=participant)
    assert after or not before


@pytest.mark.parametrize(
    ("kind", "needed"),
    [
        (ThreadKind.SMS, MASS_TEXT),
        (ThreadKind.OFFICE, FULL),
        (ThreadKind.CLASSROOM, None),
        (ThreadKind.GROUP, None),
    ],
)
def test_capability_to_send(kind: ThreadKind, needed: Capability | None) -> None:
    assert capability_to_send(kind) is needed


def test_viewing_sms_without_mass_text_cannot_reply() -> None:
    """Seed 001 FAQ: SMS Logs alone lets you read the Messenger Center but not reply."""
    held = frozenset({SMS_LOGS})
    assert view(held, ThreadKind.SMS)
    needed = capability_to_send(ThreadKind.SMS)
    assert needed is not None
    with pytest.raises(PermissionDenied):
        require(held, needed)


def test_pages_and_tools_follow_the_role_defaults() -> None:
    """Which pages and tools a role shows is a core rule (issue 11), not window code."""
    admin = ROLE_DEFAULTS[StaffRole.ADMIN]
    office = ROLE_DEFAULTS[StaffRole.OFFICE]
    teacher = ROLE_DEFAULTS[StaffRole.TEACHER]
    assert visible_pages(admin) == tuple(Page)
    assert visible_pages(office) == (
        Page.CLASSROOM,
        Page.SMS,
        Page.FAMILIES,
        Page.STAFF,
        Page.KIOSK,
    )
    assert visible_pages(teacher) == (Page.CLASSROOM, Page.FAMILIES, Page.STAFF, Page.KIOSK)
    assert allowed_tools(admin) == frozenset(Tool)
    assert allowed_tools(office) == {Tool.PUSH}
    assert allowed_tools(teacher) == frozenset()
