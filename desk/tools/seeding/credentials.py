"""The logins every seeded centre shares, so whoever seeds a database can sign in.

Seeded data is for demos and load tests, never for real families, so one known
password for every staff member is a feature. The demo centre's usernames are the
plain ones below; other seeded centres add `-<centre number>` to each username,
because usernames are unique across the whole server.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from argon2 import PasswordHasher

DEMO_ADMIN_USERNAME = "admin"
DEMO_OFFICE_USERNAME = "office"
DEMO_TEACHER_USERNAME = "teacher"
DEMO_PASSWORD = "frontdesk"
DEMO_ADMIN_PIN = "417093"
"""The admin PIN that unlocks a kiosk (not a weak pattern, as `desk.core.pins` requires)."""


@dataclass(frozen=True)
class StaffSecrets:
    """Argon2 hashes shared by every seeded staff member.

    Hashing is deliberately slow (tens of milliseconds), so each distinct secret
    is hashed once and the hash reused; passing the hashes in also keeps the
    generator deterministic, as argon2 salts are random.
    """

    password_hash: str
    admin_pin_hash: str


def username(base: str, centre_number: int) -> str:
    """A seeded staff username in the centre with this number."""
    return base if centre_number == 1 else f"{base}-{centre_number}"


@functools.cache
def hash_staff_secrets() -> StaffSecrets:
    """Argon2 hashes of `DEMO_PASSWORD` and `DEMO_ADMIN_PIN`, each hashed once per process.

    Every centre a process seeds (the seeding benchmark seeds five, a test session
    many) logs in with the same secrets, and each hash is a deliberately slow
    derivation; its random salt made the hashes differ between calls, never what
    they accept.
    """
    hasher = PasswordHasher()
    return StaffSecrets(hasher.hash(DEMO_PASSWORD), hasher.hash(DEMO_ADMIN_PIN))
