"""Seen by everyone, and who has not read a message yet (seed 004)."""

from __future__ import annotations

from desk.core.seen_by import not_yet, seen_by_everyone

ME = ("staff", "s1")
MARIA = ("guardian", "g1")
BEN = ("guardian", "g2")
OTHER_STAFF = ("staff", "s9")  # reads every conversation without being in it


def test_everyone_means_every_member_but_the_author() -> None:
    members = [ME, MARIA, BEN]
    assert seen_by_everyone(members, ME, {MARIA, BEN})
    assert not seen_by_everyone(members, ME, {MARIA, OTHER_STAFF})
    assert not_yet(members, ME, {MARIA, OTHER_STAFF}) == [BEN]
    assert not_yet(members, None, {MARIA}) == [ME, BEN]  # an unknown number wrote it


def test_without_other_members_nobody_is_everyone() -> None:
    assert not seen_by_everyone([], None, {MARIA})
    assert not seen_by_everyone([ME], ME, {MARIA})
    assert not_yet([], ME, set()) == []
