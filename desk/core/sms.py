"""SMS length rules: the emergency limit, encodings and segment counting.

A message is billed per segment, and the monthly text quota (seed 000) is spent in
segments, so the composer's running counter and the server's quota check must count
exactly as the carrier does. One character outside the GSM 03.38 alphabet (a curly
quote, an emoji) switches the whole message to UCS-2 and cuts a segment from 160
characters to 70; the counter shows that before the office pays for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

EMERGENCY_SMS_LIMIT = 300
"""Longest Emergency SMS body in characters (seed 000)."""

# GSM 03.38 default alphabet, minus the escape code 0x1B, one septet each.
_GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# GSM 03.38 extension table: sent as escape + code, two septets each.
_GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

_GSM7_SINGLE, _GSM7_PART = 160, 153  # a multipart header costs 7 septets
_UCS2_SINGLE, _UCS2_PART = 70, 67  # ... or 3 UTF-16 code units


class SmsTooLong(ValueError):
    """Raised when a message body is over a length limit."""


class SmsEncoding(StrEnum):
    """How a message is put on the air."""

    GSM7 = "gsm7"  # 7-bit GSM 03.38 alphabet
    UCS2 = "ucs2"  # UTF-16, for anything else


@dataclass(frozen=True)
class SmsStats:
    """What the composer shows while someone types an SMS.

    Attributes:
        characters: characters typed, as the 300-character limit counts them.
        encoding: GSM-7, or UCS-2 once a character outside GSM 03.38 appears.
        segments: billable segments; 0 for an empty message.
        remaining_in_segment: units (GSM-7 septets or UTF-16 code units) left
            before another segment is needed.
    """

    characters: int
    encoding: SmsEncoding
    segments: int
    remaining_in_segment: int


def check_emergency_length(body: str) -> None:
    """Refuse an Emergency SMS longer than the 300-character limit (seed 000).

    Raises:
        SmsTooLong: naming the length and the limit, so the message can be shown.
    """
    if len(body) > EMERGENCY_SMS_LIMIT:
        raise SmsTooLong(
            f"an emergency text message is {len(body)} characters long; "
            f"the limit is {EMERGENCY_SMS_LIMIT}"
        )


def encoding_for(text: str) -> SmsEncoding:
    """GSM-7 if every character is in GSM 03.38 (basic or extension), else UCS-2."""
    if all(ch in _GSM7_BASIC or ch in _GSM7_EXTENSION for ch in text):
        return SmsEncoding.GSM7
    return SmsEncoding.UCS2


def _unit_sizes(text: str, encoding: SmsEncoding) -> Iterator[int]:
    """The size of each character in its encoding's units.

    A character is never split across two segments: an escaped GSM character and a
    UTF-16 surrogate pair each travel whole, which is why a part can carry fewer
    units than its capacity.
    """
    if encoding is SmsEncoding.GSM7:
        return (2 if ch in _GSM7_EXTENSION else 1 for ch in text)
    return (2 if ord(ch) > 0xFFFF else 1 for ch in text)


def _pack(text: str) -> tuple[SmsEncoding, int, int]:
    """Encoding, segment count and units left in the last segment."""
    encoding = encoding_for(text)
    single, part = (
        (_GSM7_SINGLE, _GSM7_PART) if encoding is SmsEncoding.GSM7 else (_UCS2_SINGLE, _UCS2_PART)
    )
    sizes = list(_unit_sizes(text, encoding))
    if sum(sizes) <= single:
        return encoding, (1 if sizes else 0), single - sum(sizes)
    segments, used = 1, 0
    for size in sizes:
        if used + size > part:
            segments, used = segments + 1, 0
        used += size
    return encoding, segments, part - used


def segment_count(text: str) -> int:
    """How many billable segments `text` is sent as; 0 for an empty text.

    GSM-7 fits 160 septets in one segment and 153 per part once split; UCS-2 fits
    70 UTF-16 code units, 67 per part, so an emoji outside the BMP counts as 2.
    """
    return _pack(text)[1]


def sms_stats(text: str) -> SmsStats:
    """Everything the composer's running counter shows, in one pass."""
    encoding, segments, remaining = _pack(text)
    return SmsStats(
        characters=len(text),
        encoding=encoding,
        segments=segments,
        remaining_in_segment=remaining,
    )


def needs_for_label(holder_count: int) -> bool:
    """Whether an SMS needs a "For <name>" label: its number is shared (seed 004)."""
    return holder_count > 1


def for_label(name: str, body: str) -> str:
    """Prefix `body` with "For <name>: " so a shared phone knows who it is for.

    Raises:
        ValueError: if `name` is blank, since "For : ..." would help nobody.
    """
    label = " ".join(name.split())
    if not label:
        raise ValueError("a 'For' label needs the recipient's name")
    return f"For {label}: {body}"
