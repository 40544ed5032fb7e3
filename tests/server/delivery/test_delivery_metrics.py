"""Delivery outcomes per channel and provider reach the process's metrics (issue 16 item 4)."""

from __future__ import annotations

from desk.core.ids import new_id
from desk.server import metrics
from desk.server.providers.twilio import TwilioSms
from tests.support.delivery_stack import Stack
from tests.support.factories import CentreIds
from tests.support.server_calls import Pusher


def sent_texts(provider: str) -> float:
    """The process's count of SMS attempts `provider` accepted."""
    labels = {"channel": "sms", "provider": provider, "outcome": "sent"}
    return metrics.REGISTRY.get_sample_value("desk_delivery_outcomes_total", labels) or 0.0


def test_each_text_the_provider_accepts_is_counted_once(stack: Stack, centre: CentreIds) -> None:
    provider = TwilioSms.__name__  # the stack's SMS provider, talking to the Twilio double
    before = sent_texts(provider)
    office = Pusher(stack.callers["office"])
    for body in ("Pickup at 3", "Pickup at 4"):
        result = office.run(
            "send_message", message_id=new_id(), thread_id=centre.threads["sms"], body=body
        )
        assert result["status"] == "applied", result
    assert stack.work() == 2
    assert len(stack.twilio.messages) == 2
    assert sent_texts(provider) - before == 2
    assert stack.work() == 0  # nothing left: nothing more counted
    assert sent_texts(provider) - before == 2
