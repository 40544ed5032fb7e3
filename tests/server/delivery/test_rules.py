"""The pure delivery rules of `desk.core.delivery` (channel order, state order)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desk.core.delivery import advance, channel_order, choose_channel, summarise
from desk.core.kinds import Channel, MessageState

STATES = st.sampled_from([s for s in MessageState if s is not MessageState.DRAFT])


def test_preferred_channel_first_then_alternatives_without_failing_ones() -> None:
    assert channel_order(Channel.SMS, ()) == [Channel.SMS, Channel.EMAIL, Channel.APP]
    assert channel_order(Channel.EMAIL, {Channel.EMAIL}) == [Channel.SMS, Channel.APP]
    reachable = {Channel.SMS: False, Channel.EMAIL: True, Channel.APP: True}
    assert choose_channel(Channel.SMS, (), reachable) is Channel.EMAIL
    assert choose_channel(Channel.SMS, {Channel.EMAIL}, reachable) is Channel.APP
    assert choose_channel(Channel.APP, {Channel.APP}, {}) is None


@given(st.lists(STATES, min_size=1, max_size=8))
def test_reports_in_any_order_never_move_a_delivery_backwards(reports: list[MessageState]) -> None:
    """Regression guard: a late "sent" must not undo "delivered" (or "failed")."""
    state = MessageState.QUEUED
    for report in reports:
        after = advance(state, report)
        if state in (MessageState.DELIVERED, MessageState.FAILED):
            assert after is state
        state = after
    finals = [r for r in reports if r in (MessageState.DELIVERED, MessageState.FAILED)]
    if finals:
        assert state is finals[0]


def test_message_state_from_its_deliveries() -> None:
    assert summarise([]) is MessageState.QUEUED
    assert summarise([MessageState.FAILED, MessageState.DELIVERED]) is MessageState.DELIVERED
    assert summarise([MessageState.FAILED, MessageState.SENDING]) is MessageState.SENDING
    assert summarise([MessageState.FAILED, MessageState.FAILED]) is MessageState.FAILED
    assert summarise([MessageState.SENT, MessageState.QUEUED]) is MessageState.SENT
