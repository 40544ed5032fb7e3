"""Kiosk PINs: generation, format, keyed lookup, kiosk verifiers and lockout.

A parent types a PIN at the sign-in kiosk and the kiosk finds the family by it, so
a PIN must be unique in the centre and hard to guess: random, never a pattern such
as 123456, 654321, 111111 or 121212. The server stores a PIN as an HMAC keyed with a
server secret (`pin_lookup_key`): a copied database without the secret does not
give the PINs away, and uniqueness is a plain index. The secret never leaves the
server. The kiosk checks PINs offline against a memory-hard verifier instead
(`pin_verifier`, argon2id under one salt per centre): one derivation per typed PIN,
then an indexed lookup, and a stolen kiosk must pay that derivation for each of the
10^6 PINs (docs/security.md has the measured cost). Repeated wrong PINs lock the
kiosk for a growing time, so guessing at the keypad is not practical either.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets
from collections.abc import Callable, Container
from itertools import pairwise

from argon2.low_level import Type, hash_secret_raw

PIN_LENGTH = 6
MIN_SECRET_BYTES = 16
MAX_GENERATE_ATTEMPTS = 1000
"""Draws before `generate_pin` gives up; with 90% of PINs taken, failing is ~1e-46."""

MAX_WRONG_PINS = 5
"""Consecutive wrong PINs allowed before the kiosk locks."""
LOCKOUT_BASE_SECONDS = 30.0
LOCKOUT_CAP_SECONDS = 15 * 60.0

_DIGITS = "0123456789"

# The kiosk verifier's argon2id cost. Tuned so a typed PIN still paints its first
# message within 50 ms on a kiosk (bench/bench_kiosk.py) while each of the 10^6
# guesses of a stolen kiosk costs the same derivation; see docs/security.md.
VERIFIER_MEMORY_KIB = 12 * 1024
VERIFIER_TIME_COST = 1
VERIFIER_PARALLELISM = 1
VERIFIER_BYTES = 32
SALT_BYTES = 16


class InvalidPin(ValueError):
    """Raised for text that is not a PIN of the right shape."""


class PinSpaceExhausted(RuntimeError):
    """Raised when no free PIN was found; the centre has used up nearly all of them."""


def validate_pin_format(pin: str) -> None:
    """Check that `pin` is exactly `PIN_LENGTH` ASCII digits.

    ASCII only: other scripts' digits pass `str.isdigit` but no kiosk keypad types
    them, and accepting them would make two spellings of one PIN.

    Raises:
        InvalidPin: otherwise.
    """
    if len(pin) != PIN_LENGTH or not (pin.isascii() and pin.isdigit()):
        raise InvalidPin(f"a PIN is exactly {PIN_LENGTH} digits")


def is_weak_pin(pin: str) -> bool:
    """Whether a PIN is a guessable pattern.

    Weak PINs are those whose digits step evenly (mod 10: 111111, 123456, 654321,
    890123, 135791) and those made of a block repeated at least twice (121212,
    123123). Together they are 1,170 of the million PINs.

    Raises:
        InvalidPin: if `pin` is not a well-formed PIN.
    """
    validate_pin_format(pin)
    digits = [int(ch) for ch in pin]
    step = (digits[1] - digits[0]) % 10
    if all((b - a) % 10 == step for a, b in pairwise(digits)):
        return True
    return any(
        all(pin[i] == pin[i % period] for i in range(len(pin)))
        for period in range(1, len(pin) // 2 + 1)
    )


def pin_lookup_key(secret: bytes, pin: str) -> str:
    """The stored form of a PIN: hex HMAC-SHA256 keyed with the server secret.

    It is deterministic, so the kiosk's PIN is found with one indexed lookup and
    uniqueness is a unique index; a salted password hash could do neither.

    Raises:
        InvalidPin: if `pin` is not a well-formed PIN.
        ValueError: if `secret` is shorter than `MIN_SECRET_BYTES`.
    """
    validate_pin_format(pin)
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the PIN secret must be at least {MIN_SECRET_BYTES} bytes")
    return hmac.new(secret, pin.encode("ascii"), hashlib.sha256).hexdigest()


def new_verifier_salt() -> str:
    """A fresh per-centre salt for kiosk PIN verifiers, as hex."""
    return secrets.token_hex(SALT_BYTES)


def pin_verifier(salt_hex: str, pin: str) -> str:
    """What a kiosk stores and looks a typed PIN up by: hex argon2id of the PIN.

    One salt per centre, not per guardian: a kiosk must find whose PIN was typed
    with a single derivation, so a sweep of all PINs is paid once for all guardians
    of the centre (docs/security.md compares the options). Slow on purpose (see
    `VERIFIER_MEMORY_KIB`): run it off the GUI thread where it matters.

    Raises:
        InvalidPin: if `pin` is not a well-formed PIN.
        ValueError: if the salt is not hex of at least `SALT_BYTES` bytes.
    """
    validate_pin_format(pin)
    salt = bytes.fromhex(salt_hex)
    if len(salt) < SALT_BYTES:
        raise ValueError(f"a verifier salt is at least {SALT_BYTES} bytes")
    return hash_secret_raw(
        pin.encode("ascii"),
        salt,
        time_cost=VERIFIER_TIME_COST,
        memory_cost=VERIFIER_MEMORY_KIB,
        parallelism=VERIFIER_PARALLELISM,
        hash_len=VERIFIER_BYTES,
        type=Type.ID,
    ).hex()


def generate_pin(
    taken_keys: Container[str], secret: bytes, rng: random.Random | None = None
) -> str:
    """Draw a random PIN that is not weak and not already used in the centre.

    Args:
        taken_keys: the lookup keys of PINs already issued.
        secret: the server secret the keys are made with.
        rng: a seeded generator for tests; by default the `secrets` module, since
            a predictable PIN is a guessable PIN.

    Raises:
        PinSpaceExhausted: if `MAX_GENERATE_ATTEMPTS` draws found no free PIN.
    """
    choose: Callable[[str], str] = secrets.choice if rng is None else rng.choice
    for _ in range(MAX_GENERATE_ATTEMPTS):
        pin = "".join(choose(_DIGITS) for _ in range(PIN_LENGTH))
        if not is_weak_pin(pin) and pin_lookup_key(secret, pin) not in taken_keys:
            return pin
    raise PinSpaceExhausted(f"no free PIN found in {MAX_GENERATE_ATTEMPTS} attempts")


def lockout_seconds(consecutive_failures: int) -> float:
    """How long the kiosk refuses PINs after this many wrong ones in a row.

    No lockout below `MAX_WRONG_PINS`, since parents mistype; then 30 s, doubling
    with each further failure, capped at 15 minutes so a family is never locked
    out of collecting a child for long.

    Raises:
        ValueError: for a negative count.
    """
    if consecutive_failures < 0:
        raise ValueError("a failure count cannot be negative")
    if consecutive_failures < MAX_WRONG_PINS:
        return 0.0
    doublings = min(consecutive_failures - MAX_WRONG_PINS, 16)
    return min(LOCKOUT_BASE_SECONDS * (1 << doublings), LOCKOUT_CAP_SECONDS)
