"""The family web app's sign-in codes and sessions (server only, never synced).

Neither table holds a secret in clear: a code is kept as a salted hash and a
session as the hash of its cookie, so a copy of the database signs nobody in.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk.server.orm.base import ID_LENGTH, Base


class FamilyCode(Base):
    """A one-time sign-in code sent to a guardian's phone or email address."""

    __tablename__ = "family_code"
    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    guardian_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    address: Mapped[str] = mapped_column(String(254), index=True)  # E.164 or casefolded email
    code_hash: Mapped[str] = mapped_column(String(64))
    salt: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    tries: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[datetime | None]


class FamilySession(Base):
    """A signed-in guardian's browser, by the hash of its session cookie."""

    __tablename__ = "family_session"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    guardian_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))  # not a credential alone: in every form
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class WebPushKey(Base):
    """A centre's VAPID key pair (RFC 8292), made once when a guardian first needs it.

    Push services tie a browser's subscription to the public key it was made with,
    so the pair is kept for good: a new one would silence every subscription. The
    private key never leaves the server, like the centre's kiosk PIN secret.
    """

    __tablename__ = "web_push_key"
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(100))  # base64url, uncompressed P-256 point
    private_key: Mapped[str] = mapped_column(String(100))  # base64url, 32-byte scalar
    created_at: Mapped[datetime]


class AttachmentLink(Base):
    """A link texted with a message's attachments, opened without signing in (server only).

    Only the SHA-256 of its token is kept: the token itself lives in the text that
    was sent, so a copy of the database opens nothing. One link per SMS delivery,
    so the audit says whose link was opened.
    """

    __tablename__ = "attachment_link"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    message_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    delivery_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
