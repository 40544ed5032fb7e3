"""Outbound delivery through SMS, email and push providers, behind one interface.

`base` is the interface delivery code depends on; `twilio`, `smtp`, `fcm` and `log`
adapt real providers to it; `config.build_providers` picks them from settings.
"""

from __future__ import annotations

from .base import (
    AuthenticationFailed,
    DeliveryState,
    EmailFile,
    EmailProvider,
    InvalidRecipient,
    OutcomeUnknown,
    OutgoingEmail,
    OutgoingPush,
    OutgoingSms,
    ProviderError,
    ProviderReceipt,
    ProviderUnavailable,
    PushProvider,
    RateLimited,
    RecipientOptedOut,
    SmsProvider,
)

__all__ = [
    "AuthenticationFailed",
    "DeliveryState",
    "EmailFile",
    "EmailProvider",
    "InvalidRecipient",
    "OutcomeUnknown",
    "OutgoingEmail",
    "OutgoingPush",
    "OutgoingSms",
    "ProviderError",
    "ProviderReceipt",
    "ProviderUnavailable",
    "PushProvider",
    "RateLimited",
    "RecipientOptedOut",
    "SmsProvider",
]
