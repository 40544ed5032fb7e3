"""How a new kiosk PIN reaches its guardian: on the office screen, by SMS or by email.

The office offers, and the server accepts, only the ways the record allows: a text
needs a phone number whose holder has not opted out of texts, an email needs an
address. Both sides ask this one rule so the choice shown is the choice honoured.
"""

from __future__ import annotations

from enum import StrEnum


class PinDelivery(StrEnum):
    """Where a new kiosk PIN goes; the value is what the API takes in `send_by`."""

    SCREEN = "screen"
    SMS = "sms"
    EMAIL = "email"


def pin_deliveries(
    phone: str | None, email: str | None, sms_opt_in: bool
) -> tuple[PinDelivery, ...]:
    """The ways a PIN may reach a guardian with these contact details, screen first."""
    ways = [PinDelivery.SCREEN]
    if phone and sms_opt_in:
        ways.append(PinDelivery.SMS)
    if email:
        ways.append(PinDelivery.EMAIL)
    return tuple(ways)
