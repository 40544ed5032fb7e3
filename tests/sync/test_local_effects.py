"""Optimistic effects: the same rows the server will write, and a clean undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.core.ids import derived_id, parent_thread_id
from desk.models.apply import apply_page
from desk.models.cache import Cache, open_cache
from desk.sync.local_effects import Me, apply_effect, undo_effect
from desk.sync.outbox import remember_principal, replay, submit
from tests.support.cache_checks import count_rows
from tests.support.feed import page, table

ME = Me("staff", "s1")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    """Two families: the Lees are split (private per-guardian threads)."""
    opened = open_cache(tmp_path / "cache.db")
    apply_page(
        opened,
        page(
            table("family", {"id": "f1", "version": 1}, {"id": "f2", "version": 1}),
            table(
                "guardian",
                {"id": "g1", "version": 1, "family_id": "f1", "first_name": "Maria"},
                {"id": "g2", "version": 1, "family_id": "f1", "kind": "pickup"},
                {"id": "g3", "version": 1, "family_id": "f2", "private_messaging": True},
                {"id": "g4", "version": 1, "family_id": "f2", "private_messaging": True},
            ),
            table(
                "student",
                {"id": "st1", "version": 1, "family_id": "f1", "room_id": "r1"},
                {"id": "st2", "version": 1, "family_id": "f2", "room_id": "r1"},
            ),
            version=1,
        ),
    )
    remember_principal(opened, "staff", ME.id, "c1")
    yield opened
    opened.close()


def test_new_message_fans_out_like_the_server_and_undoes_completely(cache: Cache) -> None:
    args = {
        "student_ids": ["st1", "st2"],
        "channel": "classroom",
        "body": "Photo day Friday",
        "show_at_kiosk": True,
    }
    with cache.writing() as cursor:
        undo = apply_effect(cursor, ME, "cmd-1", "send_new_message", args)
    threads = [
        parent_thread_id("classroom", "f1", None),
        parent_thread_id("classroom", "f2", "g3"),
        parent_thread_id("classroom", "f2", "g4"),
    ]
    for thread_id in threads:
        assert count_rows(cache, "thread", "id = ? AND room_id = 'r1'", thread_id) == 1
        assert count_rows(cache, "message", "id = ?", derived_id("cmd-1", thread_id)) == 1
    assert count_rows(cache, "kiosk_message") == 3  # Maria, g3, g4; never the pickup
    with cache.writing() as cursor:
        undo_effect(cursor, undo)
    assert count_rows(cache, "thread") == 0
    assert count_rows(cache, "message") == 0
    assert count_rows(cache, "kiosk_message") == 0


def test_group_conversation_and_its_switches(cache: Cache) -> None:
    with cache.writing() as cursor:
        apply_effect(
            cursor,
            ME,
            "cmd-2",
            "create_conversation",
            {
                "thread_id": "grp",
                "title": "  Zoo   trip ",
                "participants": [{"kind": "guardian", "id": "g1"}],
            },
        )
        apply_effect(cursor, ME, "cmd-3", "mute_conversation", {"thread_id": "grp"})
    assert count_rows(cache, "thread", "id = 'grp' AND title = 'Zoo trip'") == 1
    assert count_rows(cache, "participant", "thread_id = 'grp'") == 2
    assert count_rows(cache, "participant", "person_id = ? AND muted = 1", ME.id) == 1


def test_rules_the_client_knows_refuse_before_writing(cache: Cache) -> None:
    with pytest.raises(ValueError, match="300"), cache.writing() as cursor:
        apply_effect(
            cursor,
            ME,
            "cmd-4",
            "send_new_message",
            {"student_ids": ["st1"], "body": "x" * 301, "emergency_sms": True},
        )
    assert count_rows(cache, "thread") == 0


def test_removing_a_participant_is_undone_by_putting_the_row_back(cache: Cache) -> None:
    """A refused remove_participant leaves the member listed as before (Undo.removed)."""
    with cache.writing() as cursor:
        apply_effect(
            cursor,
            ME,
            "cmd-5",
            "create_conversation",
            {
                "thread_id": "grp",
                "title": "Trip",
                "participants": [
                    {"kind": "guardian", "id": "g1"},
                    {"kind": "guardian", "id": "g3"},
                ],
            },
        )
    row = "thread_id = 'grp' AND person_id = 'g1'"
    [before] = cache.read(f"SELECT * FROM participant WHERE {row}")
    with cache.writing() as cursor:
        undo = apply_effect(
            cursor,
            ME,
            "cmd-6",
            "remove_participant",
            {"thread_id": "grp", "participant": {"kind": "guardian", "id": "g1"}},
        )
    assert count_rows(cache, "participant", row) == 0
    assert [u.as_json()["removed"] for u in undo] == [True]
    with cache.writing() as cursor:
        undo_effect(cursor, undo)
    assert cache.read(f"SELECT * FROM participant WHERE {row}") == [before]


def test_a_blind_new_message_gives_each_staff_member_a_conversation_of_two(
    cache: Cache,
) -> None:
    apply_page(
        cache,
        page(
            table(
                "staff",
                {"id": "s2", "version": 2, "first_name": "Ivy", "active": True},
                {"id": "s3", "version": 2, "first_name": "Jon", "active": True},
            ),
            version=2,
        ),
    )
    args = {
        "recipients": [{"kind": "all_staff"}, {"kind": "family", "id": "f1"}],
        "channel": "office",
        "body": "Staff meeting at 4",
    }
    with cache.writing() as cursor:
        apply_effect(cursor, ME, "cmd-7", "send_new_message", args)
    for staff in ("s2", "s3"):
        thread_id = derived_id("cmd-7", "conversation", staff)
        members = {
            r[0]
            for r in cache.read("SELECT person_id FROM participant WHERE thread_id = ?", thread_id)
        }
        assert members == {ME.id, staff}
    assert count_rows(cache, "thread", "kind = 'office' AND family_id = 'f1'") == 1
    assert count_rows(cache, "message") == 3  # the Diaz family thread and two conversations


def test_replay_writes_only_when_something_is_queued(cache: Cache) -> None:
    """Regression: every pull's replay took the cache's write lock, even with nothing queued.

    A pull that brings the confirmed copy of a reply replays the outbox; once the
    reply is settled there is nothing to replay, and a write transaction on that path
    only delayed the reply's round trip behind the push's own writes.
    """
    begun: list[str] = []
    cache.raw.set_trace_callback(lambda sql: begun.append(sql) if sql.startswith("BEGIN") else None)
    replay(cache)
    assert begun == []
    args = {"student_ids": ["st1"], "channel": "classroom", "body": "Photo day"}
    submit(cache, "send_new_message", args)
    begun.clear()
    replay(cache)
    assert begun == ["BEGIN IMMEDIATE"]
