"""Rules of the family app's password-free sign-in (issue 14 item 1).

A guardian proves they hold a phone number or email address on file by typing back
a short code sent to it. The code is only as strong as the rules around it: it
lives `CODE_LIFETIME`, works once, and allows `MAX_TRIES` wrong guesses, so an
attacker has at most 5 guesses in a million per code sent (and sending is throttled
per address and per source). Only a salted hash of it is stored, so a database
copy cannot be used to sign in while a code is still valid without a brute force
that outlasts its ten minutes on most hardware; the salt keeps equal codes apart.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

CODE_DIGITS = 6
CODE_LIFETIME = timedelta(minutes=10)
MAX_TRIES = 5
SESSION_LIFETIME = timedelta(days=30)


def new_code() -> str:
    """A fresh random code of `CODE_DIGITS` digits (leading zeros kept)."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def new_salt() -> str:
    """A random salt for one code's hash."""
    return secrets.token_hex(16)


def code_hash(code: str, salt: str) -> str:
    """The stored form of `code`: a salted SHA-256, never the code itself."""
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def code_matches(typed: str, salt: str, stored: str) -> bool:
    """Whether `typed` (spaces and dashes ignored) is the code hashed as `stored`."""
    cleaned = "".join(ch for ch in typed if ch not in " -")
    if len(cleaned) != CODE_DIGITS or not cleaned.isdigit():
        return False
    return hmac.compare_digest(code_hash(cleaned, salt), stored)


def new_token() -> str:
    """A random session or CSRF token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The stored form of a session token: a leaked table holds no usable cookie."""
    return hashlib.sha256(token.encode()).hexdigest()
