"""Password hashing and bearer tokens.

Passwords and admin PINs are argon2 hashes; bearer tokens and enrollment codes are
random and stored only as SHA-256 digests, so reading the database grants nothing.
"""

from __future__ import annotations

import functools
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against for an unknown username, made on first use.

    Verifying against it keeps an unknown username as slow as a wrong password, so
    response times do not reveal which usernames exist. Made at import it cost every
    process 0.15 s to start (servers, workers, command processes, `desk` commands).
    """
    return _hasher.hash("not a real password")


def hash_secret(secret: str) -> str:
    """An argon2id hash of a password or admin PIN."""
    return _hasher.hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """Whether `secret` matches; a missing hash still costs one verification."""
    dummy = _dummy_hash()  # asked for every check: the first is as slow for any name
    try:
        return _hasher.verify(stored_hash or dummy, secret) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A fresh bearer token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """The stored form of a token or enrollment code."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_enrollment_code() -> str:
    """A short code an admin can read out to whoever sets up the kiosk (40 bits)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
    raw = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"
