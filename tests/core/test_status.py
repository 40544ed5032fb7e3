"""Thread status transitions and the Messenger counters (seeds 001 and 004)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.kinds import ThreadStatus
from desk.core.status import (
    ConversationStopped,
    Counters,
    StatusChange,
    StatusEvent,
    apply,
    counters,
    ensure_can_post,
    on_close,
    on_incoming_message,
    on_outgoing_message,
    on_reopen,
    on_viewed,
)

UNREAD, OPEN, CLOSED = ThreadStatus.UNREAD, ThreadStatus.OPEN, ThreadStatus.CLOSED

Transition = Callable[[ThreadStatus], ThreadStatus]

statuses = st.sampled_from(ThreadStatus)
events = st.tuples(st.sampled_from(StatusEvent), st.booleans())


@pytest.mark.parametrize(
    ("current", "being_viewed", "expected"),
    [
        (UNREAD, False, UNREAD),
        (OPEN, False, UNREAD),
        (CLOSED, False, UNREAD),
        (UNREAD, True, OPEN),
        (OPEN, True, OPEN),
        (CLOSED, True, OPEN),
    ],
)
def test_incoming_message(
    current: ThreadStatus, being_viewed: bool, expected: ThreadStatus
) -> None:
    assert on_incoming_message(current, being_viewed=being_viewed) is expected


@pytest.mark.parametrize(
    ("transition", "current", "expected"),
    [
        (on_viewed, UNREAD, OPEN),
        (on_viewed, OPEN, OPEN),
        (on_viewed, CLOSED, CLOSED),
        (on_close, UNREAD, CLOSED),
        (on_close, OPEN, CLOSED),
        (on_close, CLOSED, CLOSED),
        (on_reopen, UNREAD, UNREAD),
        (on_reopen, OPEN, OPEN),
        (on_reopen, CLOSED, OPEN),
        (on_outgoing_message, UNREAD, OPEN),
        (on_outgoing_message, OPEN, OPEN),
        (on_outgoing_message, CLOSED, OPEN),
    ],
)
def test_staff_transitions(
    transition: Transition, current: ThreadStatus, expected: ThreadStatus
) -> None:
    assert transition(current) is expected


def test_transitions_accept_the_stored_string_form() -> None:
    """Regression: a status read back from a database column as a plain str still works."""
    assert on_viewed("unread") == OPEN  # type: ignore[arg-type]
    assert on_reopen("closed") == OPEN  # type: ignore[arg-type]
    assert apply(StatusEvent.CLOSE, "closed").changed is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("event", "being_viewed", "function_result"),
    [
        (StatusEvent.INCOMING, False, lambda s: on_incoming_message(s, being_viewed=False)),
        (StatusEvent.INCOMING, True, lambda s: on_incoming_message(s, being_viewed=True)),
        (StatusEvent.VIEWED, True, on_viewed),
        (StatusEvent.CLOSE, False, on_close),
        (StatusEvent.REOPEN, False, on_reopen),
        (StatusEvent.OUTGOING, True, on_outgoing_message),
    ],
)
@pytest.mark.parametrize("current", list(ThreadStatus))
def test_apply_dispatches_to_the_transition(
    event: StatusEvent, being_viewed: bool, function_result: Transition, current: ThreadStatus
) -> None:
    change = apply(event, current, being_viewed=being_viewed)
    assert change == StatusChange(before=current, after=function_result(current))


def test_status_change_reports_whether_it_changed() -> None:
    assert StatusChange(UNREAD, OPEN).changed
    assert not StatusChange(CLOSED, CLOSED).changed
    assert apply(StatusEvent.CLOSE, OPEN).changed
    assert not apply(StatusEvent.CLOSE, CLOSED).changed


def test_being_viewed_defaults_to_false() -> None:
    assert apply(StatusEvent.INCOMING, OPEN).after is UNREAD


@given(statuses, events)
def test_every_event_is_idempotent(current: ThreadStatus, event: tuple[StatusEvent, bool]) -> None:
    kind, viewed = event
    once = apply(kind, current, being_viewed=viewed).after
    twice = apply(kind, once, being_viewed=viewed)
    assert twice.after is once
    assert not twice.changed


@given(statuses, st.booleans())
def test_incoming_never_closes(current: ThreadStatus, viewed: bool) -> None:
    assert apply(StatusEvent.INCOMING, current, being_viewed=viewed).after is not CLOSED


@given(statuses, st.lists(st.booleans(), max_size=5))
def test_viewing_never_reopens_a_closed_thread(current: ThreadStatus, views: list[bool]) -> None:
    status = apply(StatusEvent.CLOSE, current).after
    for viewed in views:
        status = apply(StatusEvent.VIEWED, status, being_viewed=viewed).after
    assert status is CLOSED


@given(statuses, st.lists(events, max_size=12))
def test_closed_exactly_when_nothing_but_views_followed_the_last_close(
    start: ThreadStatus, history: list[tuple[StatusEvent, bool]]
) -> None:
    status = start
    for kind, viewed in history:
        status = apply(kind, status, being_viewed=viewed).after
    kinds = [kind for kind, _ in history]
    if StatusEvent.CLOSE in kinds:
        last_close = len(kinds) - 1 - kinds[::-1].index(StatusEvent.CLOSE)
        expected_closed = all(k is StatusEvent.VIEWED for k in kinds[last_close + 1 :])
    else:
        expected_closed = start is CLOSED and all(k is StatusEvent.VIEWED for k in kinds)
    assert (status is CLOSED) == expected_closed


@given(statuses, st.lists(events, min_size=1, max_size=12))
def test_unread_exactly_when_an_unseen_message_is_the_last_news(
    start: ThreadStatus, history: list[tuple[StatusEvent, bool]]
) -> None:
    """Unread iff the last event that was not a REOPEN was an incoming message nobody saw.

    REOPEN is neutral here: it only acts on a closed thread, and it turns that into Open.
    """
    status = start
    for kind, viewed in history:
        status = apply(kind, status, being_viewed=viewed).after
    decisive = [(k, v) for k, v in history if k is not StatusEvent.REOPEN]
    expected_unread = decisive[-1] == (StatusEvent.INCOMING, False) if decisive else start is UNREAD
    assert (status is UNREAD) == expected_unread


def test_ensure_can_post() -> None:
    ensure_can_post(stopped=False)
    with pytest.raises(ConversationStopped, match="stopped"):
        ensure_can_post(stopped=True)


def test_counters_red_counts_unread_messages_grey_counts_open_threads() -> None:
    result = counters([(UNREAD, 3), (UNREAD, 1), (OPEN, 0), (OPEN, 0), (OPEN, 0), (CLOSED, 0)])
    assert result == Counters(unread_messages=4, open_conversations=3)


def test_counters_ignore_stale_counts_on_read_threads() -> None:
    assert counters([(OPEN, 7), (CLOSED, 2)]) == Counters(unread_messages=0, open_conversations=1)


def test_counters_of_nothing_are_zero() -> None:
    assert counters([]) == Counters(0, 0)


def test_counters_accept_a_generator() -> None:
    assert counters((s, 1) for s in [UNREAD, UNREAD]).unread_messages == 2


def test_counters_refuse_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        counters([(UNREAD, -1)])


@given(st.lists(st.tuples(statuses, st.integers(min_value=0, max_value=1000))))
def test_counters_match_a_direct_count(items: list[tuple[ThreadStatus, int]]) -> None:
    result = counters(items)
    assert result.unread_messages == sum(n for s, n in items if s is UNREAD)
    assert result.open_conversations == sum(1 for s, _ in items if s is OPEN)
