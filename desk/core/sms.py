r"""SMS length rules: the emergency limit, encodings and segment counting.

A message is billed per segment, and the monthly text quota (seed 000) is spent in
segments, so the composer's running counter and the server's quota check must count
exactly as the carrier does. One character outside the GSM 03.38 alphabet (a curly
quote, an emoji) switches the whole message to UCS-2 and cuts a segment from 160
characters to 70; the counter shows that before the office pays for it.

The segmentation rule, as Twilio's segment calculator applies it:

* The encoding is GSM-7 when every code point is in the GSM 03.38 basic or
  extension table, else UCS-2 (UTF-16).
* A message that fits one segment (160 septets, or 70 UTF-16 code units) is one
  segment. A longer one is split into parts of 153 septets or 67 code units (the
  concatenation header takes the rest).
* Parts are filled greedily with whole user-perceived characters: Unicode extended
  grapheme clusters (UAX #29, via the `regex` package's `\X`). A segment boundary
  never falls inside one, so a family emoji built with zero-width joiners, a flag,
  a skin-tone modifier, an accented letter with a combining mark or a GSM escape
  pair travels whole, and a part can carry fewer units than its capacity.
* A cluster longer than a whole part (a pathological run of combining marks) cannot
  travel whole; it alone is split between code points, never inside a UTF-16
  surrogate pair or a GSM escape pair.

Twilio's calculator also treats any cluster of two or more UTF-16 code units as
UCS-2 (a CR LF pair, say); we do not, since CR and LF are both GSM-7 characters and
are sent as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

from desk.core.optin import PhoneHolder

EMERGENCY_SMS_LIMIT = 300
"""Longest Emergency SMS body in characters (seed 000)."""

# GSM 03.38 default alphabet, minus the escape code 0x1B, one septet each.
_GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# GSM 03.38 extension table: sent as escape + code, two septets each.
_GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")
GSM7_ALPHABET = _GSM7_BASIC | _GSM7_EXTENSION
"""Every character GSM-7 can carry (basic table and extension table)."""

_GSM7_SINGLE, _GSM7_PART = 160, 153  # a multipart header costs 7 septets
_UCS2_SINGLE, _UCS2_PART = 70, 67  # ... or 3 UTF-16 code units

if TYPE_CHECKING:
    import regex


@cache
def _grapheme_pattern() -> regex.Pattern[str]:
    """One extended grapheme cluster (UAX #29), compiled on first use.

    `regex` takes about 30 ms to import: too much on the office window's first
    paint, which imports the composer and so this module before any text is typed.
    """
    import regex

    return regex.compile(r"\X")


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
    if GSM7_ALPHABET.issuperset(text):
        return SmsEncoding.GSM7
    return SmsEncoding.UCS2


def graphemes(text: str) -> list[str]:
    """`text` as user-perceived characters (extended grapheme clusters, UAX #29)."""
    return list(_grapheme_pattern().findall(text))


def _code_point_size(ch: str, encoding: SmsEncoding) -> int:
    """One code point's size: an escaped GSM character or a surrogate pair is 2."""
    if encoding is SmsEncoding.GSM7:
        return 2 if ch in _GSM7_EXTENSION else 1
    return 2 if ord(ch) > 0xFFFF else 1


def _capacity(encoding: SmsEncoding) -> tuple[int, int]:
    """Units in a lone segment, and in each part of a split message."""
    if encoding is SmsEncoding.GSM7:
        return _GSM7_SINGLE, _GSM7_PART
    return _UCS2_SINGLE, _UCS2_PART


def _pieces(text: str, encoding: SmsEncoding, part: int) -> Iterator[tuple[str, int]]:
    """The indivisible pieces of `text`, each with its size in the encoding's units.

    A piece is a grapheme cluster, which a segment boundary never splits; only a
    cluster bigger than a whole part is cut, between code points.
    """
    for cluster in graphemes(text):
        sizes = [_code_point_size(ch, encoding) for ch in cluster]
        if sum(sizes) <= part:
            yield cluster, sum(sizes)
        else:
            yield from zip(cluster, sizes, strict=True)


def _segments(text: str) -> tuple[SmsEncoding, list[str], int]:
    """Encoding, the segments as sent, and units left in the last segment."""
    encoding = encoding_for(text)
    single, part = _capacity(encoding)
    pieces = list(_pieces(text, encoding, part))
    total = sum(size for _, size in pieces)
    if total <= single:
        return encoding, ([text] if text else []), single - total
    segments, used = [""], 0
    for piece, size in pieces:
        if used + size > part:
            segments.append("")
            used = 0
        segments[-1] += piece
        used += size
    return encoding, segments, part - used


def split_segments(text: str) -> list[str]:
    """`text` cut into the segments it is sent as (the rule in the module docstring).

    The composer needs only `segment_count`; the pieces let tests check that no
    boundary splits a user-perceived character.
    """
    return _segments(text)[1]


def segment_count(text: str) -> int:
    """How many billable segments `text` is sent as; 0 for an empty text.

    GSM-7 fits 160 septets in one segment and 153 per part once split; UCS-2 fits
    70 UTF-16 code units, 67 per part, so an emoji outside the BMP counts as 2, and
    no part boundary falls inside a user-perceived character (see the module
    docstring for the exact rule).

    The rule needs grapheme segmentation only for a text longer than one segment
    that holds a character of several units or code points; the New Message
    preview counts a text per phone on every key press, so the common texts are
    counted without it, with the same result (tests compare the two).
    """
    if not text:
        return 0
    if GSM7_ALPHABET.issuperset(text):
        escaped = sum(map(text.count, _GSM7_EXTENSION))
        septets = len(text) + escaped
        if septets <= _GSM7_SINGLE:
            return 1
        if not escaped and "\r\n" not in text:
            # Each basic GSM character is a grapheme cluster of its own (CR LF is
            # the only pair that joins), one septet each: every part is full.
            return -(-septets // _GSM7_PART)
    elif len(text.encode("utf-16-le", "surrogatepass")) // 2 <= _UCS2_SINGLE:
        return 1
    return len(_segments(text)[1])


def sms_stats(text: str) -> SmsStats:
    """Everything the composer's running counter shows, in one pass."""
    encoding, segments, remaining = _segments(text)
    return SmsStats(
        characters=len(text),
        encoding=encoding,
        segments=len(segments),
        remaining_in_segment=remaining,
    )


def texted_body(label: str, body: str) -> str:
    """The text an SMS delivery sends: its "For <name>" label, if any, then the body.

    The server plans with this and the client counts the quota with it, so both
    count the same segments.
    """
    return f"{label}: {body}" if label else body


def texted_segment_counts(labels: Iterable[str], body: str) -> dict[str, int]:
    """`segment_count(texted_body(label, body))` for each distinct label, counted together.

    The New Message preview needs this for every shared phone's label on each key
    press. Counting each labelled text from scratch segmented the same body once
    per label (63 ms for a room's 211 labels and a 172-character UCS-2 body). The
    body's pieces are the same behind every label, and greedy packing carries only
    how full the current part is from the label into the body, so the body is
    packed once per distinct fill level. That holds when the body's first
    character does not join the label's closing space into one grapheme cluster
    (it begins with a combining mark, say); such a body is counted text by text.
    """
    counts: dict[str, int] = {}
    labelled = []
    for label in dict.fromkeys(labels):
        if label:
            labelled.append(label)
        else:
            counts[""] = segment_count(body)
    if not labelled:
        return counts
    if body and len(graphemes(" " + body[0])) != 2:  # joined (GB9: Extend, ZWJ, SpacingMark)
        counts.update((label, segment_count(texted_body(label, body))) for label in labelled)
        return counts
    body_gsm = GSM7_ALPHABET.issuperset(body)
    body_plain = _GSM7_BASIC.issuperset(body) and "\r\n" not in body
    body_sizes: dict[SmsEncoding, list[int]] = {}
    carried: dict[tuple[SmsEncoding, int], int] = {}  # (encoding, fill) -> parts added
    for label in labelled:
        prefix = texted_body(label, "")
        if body_plain and _GSM7_BASIC.issuperset(prefix):  # counted without segmenting
            counts[label] = segment_count(prefix + body)
            continue
        encoding = (
            SmsEncoding.GSM7 if body_gsm and GSM7_ALPHABET.issuperset(prefix) else SmsEncoding.UCS2
        )
        single, part = _capacity(encoding)
        sizes = body_sizes.get(encoding)
        if sizes is None:
            sizes = body_sizes[encoding] = [size for _, size in _pieces(body, encoding, part)]
        prefix_sizes = [size for _, size in _pieces(prefix, encoding, part)]
        if sum(prefix_sizes) + sum(sizes) <= single:
            counts[label] = 1
            continue
        parts, fill = _pack(prefix_sizes, part, 1, 0)
        added = carried.get((encoding, fill))
        if added is None:
            added = carried[(encoding, fill)] = _pack(sizes, part, 0, fill)[0]
        counts[label] = parts + added
    return counts


def _pack(sizes: Iterable[int], part: int, parts: int, fill: int) -> tuple[int, int]:
    """Greedy packing, as `_segments` does it, from `parts` parts with `fill` units used.

    Returns:
        The parts, and the units used in the last one, after `sizes`.
    """
    for size in sizes:
        if fill + size > part:
            parts, fill = parts + 1, 0
        fill += size
    return parts, fill


LABEL_LENGTH = 100
"""The most a "For" label may hold (the delivery's `for_label` column)."""


def label_for(people: Iterable[tuple[str, str]]) -> str:
    """The "For Maria & Juan" label: who a text to a shared phone is for (seed 004).

    `people` are (first name, family name) pairs; the family is given only when the
    phone's records belong to more than one family, and then the label says it:
    "For Joe (Weber family)", "For Joe (Diaz & Weber families)". A grandparent who
    holds a pickup record in two families otherwise cannot tell which family a
    text is about.
    """
    by_name: dict[str, list[str]] = {}
    for raw, family in people:
        name = " ".join(raw.split())
        if name:
            kin = by_name.setdefault(name, [])
            if family and family not in kin:
                kin.append(family)
                kin.sort(key=str.casefold)
    parts = [
        name
        if not kin
        else f"{name} ({kin[0]} family)"
        if len(kin) == 1
        else f"{name} ({' & '.join(kin)} families)"
        for name, kin in by_name.items()
    ]
    label = f"For {' & '.join(parts)}" if parts else ""
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def text_label(holders: Sequence[PhoneHolder], people: Sequence[tuple[str, str]]) -> str:
    """The label of a text to a phone with these holders, for `people`.

    `people` are (record id, first name) pairs; families are named only when the
    holders span several.
    """
    spans = len({h.family for h in holders if h.family}) > 1
    family_of = {h.record_id: h.family for h in holders} if spans else {}
    return label_for((name, family_of.get(record, "")) for record, name in people)


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


def with_link(text: str, link: str) -> str:
    """A text followed, on its own line, by the link to its message's attachments.

    The link's characters are the text's: they count in its segments and its cost.
    """
    return f"{text}\n{link}" if link else text
