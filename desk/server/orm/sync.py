"""Server-only bookkeeping: sync versions, clients, the command log, tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk.server.orm.base import ID_LENGTH, Base


class SyncState(Base):
    """The version counter of one scope (centre), bumped last in every write."""

    __tablename__ = "sync_state"
    scope: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class SyncClient(Base):
    """A client installation and the last command sequence number it had applied."""

    __tablename__ = "sync_client"
    client_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    principal_kind: Mapped[str] = mapped_column(String(16))
    principal_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime]


class CommandLog(Base):
    """The outcome of every command, so a retry returns the original result."""

    __tablename__ = "command_log"
    __table_args__ = (UniqueConstraint("client_id", "seq"),)
    command_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    seq: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(64))
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    result: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(index=True)


class ApiToken(Base):
    """A bearer token, stored only as its SHA-256 so a database leak grants nothing."""

    __tablename__ = "api_token"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    principal_kind: Mapped[str] = mapped_column(String(16))  # staff | kiosk
    principal_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(default=False)


class EnrollmentCode(Base):
    """A one-time code an admin hands to a kiosk to enroll it (hashed, expiring)."""

    __tablename__ = "enrollment_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    created_by: Mapped[str] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    used: Mapped[bool] = mapped_column(default=False)


class LoginAttempt(Base):
    """One sign-in attempt, for throttling (`desk.server.throttle`); never synced.

    Kept here rather than as an audit event so that a failed sign-in writes nothing
    clients sync: it neither bumps the centre's version nor wakes long-polls. Failures
    reach the audit log later, folded into one event (`audited` marks those done).
    """

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_username_at", "username", "at"),
        Index("ix_login_attempt_address_at", "address", "at"),
    )
    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    username: Mapped[str] = mapped_column(String(100))  # as typed, lower-cased
    address: Mapped[str] = mapped_column(String(64))  # IPv4, or an IPv6 /64
    at: Mapped[datetime]
    succeeded: Mapped[bool] = mapped_column(default=False)
    audited: Mapped[bool] = mapped_column(default=False)
