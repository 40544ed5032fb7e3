"""The kiosk's use cases on a cache filled with kiosk-feed pages, with a clock of our own.

Lockout timing is tested here rather than through the window: the rule is about wall
time across restarts, and a movable clock checks it without waiting.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from desk.core.kinds import AttendanceKind
from desk.core.pins import MAX_WRONG_PINS, pin_verifier
from desk.core.wire import format_utc
from desk.models.cache import Cache, open_cache
from desk.services.kiosk import ADMIN_LOCK, DEFAULT_IDLE_SECONDS, KioskDesk
from desk.sync.outbox import remember_principal
from tests.support.kiosk_feed import apply_kiosk_tables, centre_table, kiosk_table

SALT = bytes(range(16)).hex()
PINS = {"g1": "381946", "g2": "502718", "p1": "649203"}
ADMIN_PIN = "417093"
NOON = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # 12:00 in New York


class Clock:
    """A clock the test moves."""

    def __init__(self, now: datetime = NOON) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    """A kiosk cache with a family, its pickups, queued messages and a past sign-in.

    Two guardians of one family, a grandparent pickup for one child, queued messages
    entered out of time order, and yesterday's sign-in.
    """
    opened = open_cache(tmp_path / "kiosk.db")
    remember_principal(opened, "kiosk", "device-1", "centre-1")
    people = [
        ("g1", "guardian", "Maria", "Diaz"),
        ("g2", "guardian", "Juan", "Diaz"),
        ("p1", "pickup", "Rosa", "Diaz"),
    ]
    guardians = [
        {
            "id": gid,
            "family_id": "f1",
            "kind": kind,
            "first_name": first,
            "last_name": last,
            "language": "en",
            "kiosk_pin_verifier": pin_verifier(SALT, PINS[gid]),
        }
        for gid, kind, first, last in people
    ]
    students = [
        {"id": "s1", "family_id": "f1", "room_id": "r1", "first_name": "Leo", "last_name": "D"},
        {"id": "s2", "family_id": "f1", "room_id": "r2", "first_name": "Ava", "last_name": "D"},
    ]
    at = "2026-11-20T12:00:00.000000Z"
    messages = [
        # entered_seq, not entered_at, is the order the office entered them in
        {"id": "m3", "guardian_id": "g1", "body": "third", "entered_seq": 30, "entered_at": at},
        {"id": "m1", "guardian_id": "g1", "body": "first", "entered_seq": 10, "entered_at": at},
        {"id": "m2", "guardian_id": "g1", "body": "second", "entered_seq": 20, "entered_at": at},
        {
            "id": "m0",
            "guardian_id": "g1",
            "body": "withdrawn",
            "entered_seq": 5,
            "entered_at": at,
            "cancelled": True,
        },
        {
            "id": "m9",
            "guardian_id": "g1",
            "body": "read",
            "entered_seq": 1,
            "entered_at": at,
            "shown_at": at,
            "acknowledged_at": at,
        },
        {"id": "m4", "guardian_id": "g2", "body": "Juan's", "entered_seq": 15, "entered_at": at},
    ]
    for message in messages:
        message.setdefault("cancelled", False)
    apply_kiosk_tables(
        opened,
        centre_table(),
        kiosk_table("room", [{"id": "r1", "name": "Toddlers"}, {"id": "r2", "name": "Pre-K"}]),
        kiosk_table("guardian", guardians),
        kiosk_table("student", students),
        kiosk_table("authorized_pickup", [{"id": "a1", "guardian_id": "p1", "student_id": "s1"}]),
        kiosk_table(
            "staff",
            [
                {
                    "id": "st1",
                    "first_name": "Ada",
                    "last_name": "Admin",
                    "admin_pin_hash": PasswordHasher().hash(ADMIN_PIN),
                },
                {"id": "st2", "first_name": "Tia", "last_name": "Teacher"},
            ],
        ),
        kiosk_table("kiosk_message", messages),
        kiosk_table(
            "attendance_event",
            [
                {  # yesterday, never signed out: today Leo starts signed out
                    "id": "e1",
                    "student_id": "s1",
                    "guardian_id": "g1",
                    "room_id": "r1",
                    "kind": "sign_in",
                    "at": format_utc(NOON - timedelta(days=1)),
                }
            ],
        ),
    )
    yield opened
    opened.close()


def lockout_reports(cache: Cache) -> list[str]:
    return [
        args
        for (args,) in cache.read("SELECT args FROM outbox WHERE name = 'report_kiosk_lockout'")
    ]


def test_a_pin_finds_its_person_and_a_wrong_one_finds_nobody(cache: Cache) -> None:
    desk = KioskDesk(cache)
    maria = desk.enter_pin(PINS["g1"]).person
    assert maria is not None
    assert (maria.first_name, maria.is_pickup) == ("Maria", False)
    rosa = desk.enter_pin(PINS["p1"]).person
    assert rosa is not None
    assert rosa.is_pickup
    wrong = desk.enter_pin("918273")
    assert (wrong.person, wrong.failures, wrong.locked_for) == (None, 1, 0.0)
    assert desk.enter_pin("12").malformed


def test_messages_come_in_entry_order_without_read_or_cancelled_ones(cache: Cache) -> None:
    desk = KioskDesk(cache)
    maria = desk.enter_pin(PINS["g1"]).person
    rosa = desk.enter_pin(PINS["p1"]).person
    assert maria is not None
    assert rosa is not None
    notes = desk.messages_for(maria)
    assert [n.body for n in notes] == ["first", "second", "third"]
    assert desk.messages_for(rosa) == []  # pickups read no guardian messages
    desk.acknowledge(notes[0], NOON)
    assert [n.body for n in desk.messages_for(maria)] == ["second", "third"]


def test_children_with_rooms_and_today_s_state(cache: Cache) -> None:
    clock = Clock()
    desk = KioskDesk(cache, clock=clock)
    maria = desk.enter_pin(PINS["g1"]).person
    rosa = desk.enter_pin(PINS["p1"]).person
    assert maria is not None
    assert rosa is not None
    children = desk.children_for(maria)
    assert [(c.first_name, c.room, c.signed_in) for c in children] == [
        ("Ava", "Pre-K", False),
        ("Leo", "Toddlers", False),  # yesterday's sign-in does not count today
    ]
    assert [c.first_name for c in desk.children_for(rosa)] == ["Leo"]
    leo = children[1]
    desk.sign(rosa, leo, AttendanceKind.SIGN_IN)
    [leo] = desk.children_for(rosa)
    assert leo.signed_in
    assert leo.next_action is AttendanceKind.SIGN_OUT


def test_wrong_pins_lock_for_longer_each_time_and_survive_a_restart(cache: Cache) -> None:
    clock = Clock()
    desk = KioskDesk(cache, clock=clock)
    for _ in range(MAX_WRONG_PINS - 1):
        assert desk.enter_pin("918273").locked_for == 0
        assert desk.locked_for() == 0
    assert desk.enter_pin("918273").locked_for == 30
    assert len(lockout_reports(cache)) == 1
    refused = desk.enter_pin(PINS["g1"])
    assert refused.person is None
    assert refused.locked_for == 30

    restarted = KioskDesk(cache, clock=clock)
    clock.advance(20)
    assert restarted.locked_for() == pytest.approx(10)
    clock.advance(11)
    assert restarted.locked_for() == 0
    assert restarted.enter_pin("918273").locked_for == 60  # the sixth in a row: doubled
    assert len(lockout_reports(cache)) == 2
    clock.advance(61)
    assert restarted.enter_pin(PINS["g1"]).person is not None
    assert restarted.enter_pin("918273").failures == 1  # a right PIN cleared the count


def test_a_clock_set_back_does_not_lengthen_a_lockout(cache: Cache) -> None:
    clock = Clock()
    desk = KioskDesk(cache, clock=clock)
    for _ in range(MAX_WRONG_PINS):
        desk.enter_pin("918273")
    clock.advance(-3600)
    assert desk.locked_for() == 30


def test_the_admin_pin_is_checked_offline_and_wrong_ones_count(cache: Cache) -> None:
    desk = KioskDesk(cache, clock=Clock())
    assert desk.verify_admin_pin(ADMIN_PIN)
    assert not desk.verify_admin_pin(PINS["g1"])  # a parent's PIN opens nothing
    for _ in range(MAX_WRONG_PINS - 1):
        desk.verify_admin_pin("918273")
    assert desk.locked_for(ADMIN_LOCK) == 30
    assert not desk.verify_admin_pin(ADMIN_PIN)  # not even the right one while locked
    assert desk.locked_for() == 0, "guessing at the exit does not lock the parents out"
    assert desk.enter_pin(PINS["g1"]).person is not None


def test_the_admin_pin_works_while_a_parent_lockout_is_in_force(cache: Cache) -> None:
    """Regression (issue 15 item 5): the admin who comes to see about it was locked out too."""
    desk = KioskDesk(cache, clock=Clock())
    for _ in range(MAX_WRONG_PINS):
        desk.enter_pin("918273")
    assert desk.locked_for() == 30
    assert desk.verify_admin_pin(ADMIN_PIN)
    assert desk.locked_for() == 0, "the admin is there: the keypad opens"
    assert desk.enter_pin(PINS["g1"]).person is not None


def test_the_idle_timeout_is_kept_within_bounds(cache: Cache) -> None:
    desk = KioskDesk(cache)
    assert desk.idle_seconds() == DEFAULT_IDLE_SECONDS
    assert desk.set_idle_seconds(1) == 5
    assert desk.set_idle_seconds(45) == 45
    assert KioskDesk(cache).idle_seconds() == 45


def test_a_kiosk_page_without_office_columns_applies(cache: Cache) -> None:
    """Regression: the first kiosk sync failed on NOT NULL office columns it lacks.

    Kiosk pages leave out office columns (a room's capacity, a guardian's channel);
    applied as sent, they broke NOT NULL constraints.
    """
    assert cache.read("SELECT name, capacity FROM room ORDER BY name") == [
        ("Pre-K", 0),
        ("Toddlers", 0),
    ]
    assert cache.read("SELECT phone, email FROM guardian WHERE id = 'g1'") == [(None, None)]
