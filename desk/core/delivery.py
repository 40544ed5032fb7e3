"""Delivery rules shared by client and server: channel choice, fallback, state order.

A message reaches each recipient on their preferred channel (seed 004: SMS by
default for guardians) unless that channel has failed for them, in which case it
goes out on the next one that can reach them, until the person or an admin resets
the failing channel. A delivery's state only ever moves forward, because provider
receipts arrive out of order ("sent" after "delivered") and a worker's own record
of a send can land after the receipt that followed it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import UTC, datetime

from desk.core.kinds import Channel, MessageState

FALLBACK_ORDER: dict[Channel, tuple[Channel, ...]] = {
    Channel.SMS: (Channel.EMAIL, Channel.APP),
    Channel.EMAIL: (Channel.SMS, Channel.APP),
    Channel.APP: (Channel.SMS, Channel.EMAIL),
}
"""After the preferred channel, the alternatives in the order they are tried."""

_RANK = {
    MessageState.DRAFT: 0,
    MessageState.QUEUED: 1,
    MessageState.SENDING: 2,
    MessageState.SENT: 3,
    MessageState.DELIVERED: 4,
    MessageState.FAILED: 4,
}


def channel_order(preferred: Channel, failing: Collection[Channel]) -> list[Channel]:
    """The channels to try for a person, best first, leaving out failing ones."""
    return [c for c in (preferred, *FALLBACK_ORDER[preferred]) if c not in failing]


def choose_channel(
    preferred: Channel, failing: Collection[Channel], reachable: Mapping[Channel, bool]
) -> Channel | None:
    """The first channel in `channel_order` that can reach the person, or None.

    Args:
        preferred: the person's preferred channel.
        failing: channels marked failing for the person and not reset yet.
        reachable: whether each channel has an address that may be used now (a
            phone that every holder opted in, an email address, an active device).
    """
    for channel in channel_order(preferred, failing):
        if reachable.get(channel, False):
            return channel
    return None


def advance(current: MessageState, reported: MessageState) -> MessageState:
    """The state after a report, which never moves a delivery backwards.

    DELIVERED and FAILED are final: a late "sent" does not undo either, and a
    failure reported after delivery (which carriers do not send) is ignored.
    """
    if _RANK[current] >= _RANK[MessageState.DELIVERED]:
        return current
    return reported if _RANK[reported] > _RANK[current] else current


def summarise(states: Collection[MessageState]) -> MessageState:
    """A message's state from its deliveries, as the thread shows it.

    Delivered once any recipient has it; failed only when every delivery failed;
    otherwise as far as the furthest delivery got. No delivery at all stays queued.
    """
    if not states:
        return MessageState.QUEUED
    if MessageState.DELIVERED in states:
        return MessageState.DELIVERED
    if all(state is MessageState.FAILED for state in states):
        return MessageState.FAILED
    live = [state for state in states if state is not MessageState.FAILED]
    return max(live, key=lambda state: _RANK[state])


def month_start(moment: datetime) -> datetime:
    """The first instant of `moment`'s calendar month in UTC: the quota period."""
    utc = moment.astimezone(UTC)
    return utc.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:-([A-Za-z]{2}|[0-9]{3}|[A-Za-z]{4}))?$")


class InvalidPreference(ValueError):
    """A preferred channel or language a record cannot take; the message says why."""


def normalise_language(code: str) -> str:
    """A language tag as stored: "es", "pt-BR", "zh-Hant" (BCP 47 language[-region|script]).

    Raises:
        InvalidPreference: for anything else.
    """
    found = _LANGUAGE.fullmatch(code.strip())
    if found is None:
        raise InvalidPreference(f"{code!r} is not a language code such as 'es' or 'pt-BR'")
    language, sub = found.group(1).lower(), found.group(2)
    if sub is None:
        return language
    if len(sub) == 4:
        return f"{language}-{sub.title()}"
    return f"{language}-{sub.upper()}"


def check_preferred_channel(channel: Channel, *, phone: str | None, email: str | None) -> None:
    """Refuse a preferred channel the record has no address for (seed 004).

    The app needs no address: a guardian without the app is still told by the next
    channel (`FALLBACK_ORDER`), and staff read it when signed in.

    Raises:
        InvalidPreference: text without a phone number, email without an address.
    """
    if channel is Channel.SMS and not phone:
        raise InvalidPreference("texts need a phone number on the record")
    if channel is Channel.EMAIL and not email:
        raise InvalidPreference("email needs an email address on the record")
