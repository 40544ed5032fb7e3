"""Email replies: a reply address per delivery, and the new text of a reply.

Every email the server sends for a conversation carries `Reply-To:
reply+<delivery>.<mac>@<reply domain>`. The delivery names the message (and so the
conversation) and the guardian it went to; the MAC, keyed by a server secret, makes
the address unguessable, so a stranger cannot post into a conversation by writing
to an address they made up. Nothing is stored per address: the delivery row is the
record, and a leaked address reaches one conversation as one guardian, no further.

Replies quote what they answer and end with signatures; `new_text` keeps what the
guardian wrote above the quote, the way mail clients mark it (seed 004: "replies
from email land in the conversation").
"""

from __future__ import annotations

import hashlib
import hmac
import re
import uuid

LOCAL_PREFIX = "reply+"
_MAC_HEX = 20  # 80 bits: a forger gets one try per email, refused and audited
_ADDRESS = re.compile(rf"^reply\+([0-9a-f]{{32}})\.([0-9a-f]{{{_MAC_HEX}}})$")


def reply_address(secret: bytes, delivery_id: str, domain: str) -> str:
    """The address that routes an answer to `delivery_id`'s conversation."""
    compact = uuid.UUID(delivery_id).hex
    return f"{LOCAL_PREFIX}{compact}.{_mac(secret, compact)}@{domain.lower()}"


def delivery_of(secret: bytes, address: str, domain: str) -> str | None:
    """The delivery a reply address names, or None when it is not one of ours.

    None for another domain, a malformed local part, or a MAC that does not match
    (made up, or signed with a secret since rotated).
    """
    local, _, host = address.strip().strip("<>").rpartition("@")
    if host.lower() != domain.lower():
        return None
    match = _ADDRESS.match(local.lower())
    if match is None:
        return None
    compact, mac = match.groups()
    if not hmac.compare_digest(mac, _mac(secret, compact)):
        return None
    return str(uuid.UUID(compact))


def _mac(secret: bytes, compact: str) -> str:
    return hmac.new(secret, compact.encode("ascii"), hashlib.sha256).hexdigest()[:_MAC_HEX]


# A line that opens the quoted original: "On Tue, 3 Dec 2026 at 09:12, Office
# <...> wrote:" (Gmail, Apple Mail, Thunderbird; also split over two lines),
# "El mar, 3 dic 2026, ... escribió:", Outlook's "-----Original Message-----" and its
# "From: ... Sent: ..." header block, and "Sent from my iPhone"-style footers.
_QUOTE_HEADER = re.compile(
    r"^\s*(On\b.*\bwrote:|El\b.*\bescribi[oó]:|Le\b.*\ba écrit\s?:|Am\b.*\bschrieb\b.*:)\s*$",
    re.IGNORECASE,
)
_QUOTE_HEADER_START = re.compile(r"^\s*(On|El|Le|Am)\s\S", re.IGNORECASE)
_QUOTE_HEADER_END = re.compile(r"(wrote|escribi[oó]|a écrit|schrieb)\s?:\s*$", re.IGNORECASE)
_ORIGINAL = re.compile(r"^\s*-{2,}\s*(Original Message|Mensaje original)\s*-{2,}\s*$", re.I)
_OUTLOOK_FROM = re.compile(r"^\s*\*?(From|De):\*?\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*\*?(Sent|Enviado|Date|Fecha|To|Para):\*?\s", re.IGNORECASE)
_SIGNATURE = re.compile(r"^-- ?$")  # RFC 3676's delimiter, "-- " (often stripped to "--")
_MOBILE_FOOTER = re.compile(
    r"^\s*(Sent from my \w+|Get Outlook for \w+|Enviado desde mi \w+)", re.IGNORECASE
)


def new_text(body: str) -> str:
    """What a reply adds: the text above the quote and the signature, trimmed.

    A reply that is all quote (someone answered by forwarding) keeps its whole text,
    so nothing a guardian sent is thrown away silently.
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = _quote_start(lines)
    kept = lines[:cut]
    while kept and not kept[-1].strip():
        kept.pop()
    text = "\n".join(kept).strip()
    return text or body.strip()


def _quote_start(lines: list[str]) -> int:
    """The index of the first line of quote, signature or footer (len for none)."""
    for index, line in enumerate(lines):
        if (
            _QUOTE_HEADER.match(line)
            or _ORIGINAL.match(line)
            or _SIGNATURE.match(line)
            or _MOBILE_FOOTER.match(line)
            or line.lstrip().startswith(">")
        ):
            return index
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _QUOTE_HEADER_START.match(line) and _QUOTE_HEADER_END.search(following):
            return index  # "On Tue, 3 Dec 2026 at 09:12, Office <office@" / "x.org> wrote:"
        if _OUTLOOK_FROM.match(line) and _OUTLOOK_NEXT.match(following):
            return index
    return len(lines)
