"""Links texted with a message's attachments: no sign-in, unguessable, expiring.

An SMS cannot carry a file, so a text whose message has attachments ends with a
link (`<public_url>/f/<token>`) to a page listing that message's files and nothing
else. The token is 128 random bits; only its SHA-256 is stored, so the database
alone opens nothing. A link lasts `[attachments] link_days` (7 by default); after
that, or for a token never issued, the page says so and serves nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from desk.server.orm import AttachmentLink

LINK_PATH = "/f/"
TOKEN_BYTES = 16
"""128 bits: as hard to guess as a random UUID is unique."""
TOKEN_CHARS = 22
"""A token's length in URL-safe base64, which the SMS segment maths counts."""


def new_token() -> str:
    """A fresh token: 22 URL-safe characters."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What is stored of a token (SHA-256 hex)."""
    return hashlib.sha256(token.encode()).hexdigest()


def link_url(public_url: str, token: str) -> str:
    """The link a text carries."""
    return public_url.rstrip("/") + LINK_PATH + token


class LinkState(StrEnum):
    """What a token opens."""

    OPEN = "open"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


def find_link(
    session: Session, token: str, now: datetime
) -> tuple[LinkState, AttachmentLink | None]:
    """The link a token names and whether it still opens."""
    if not 16 <= len(token) <= 64:
        return LinkState.UNKNOWN, None
    link = session.get(AttachmentLink, token_hash(token))
    if link is None:
        return LinkState.UNKNOWN, None
    if link.expires_at <= now:
        return LinkState.EXPIRED, link
    return LinkState.OPEN, link
