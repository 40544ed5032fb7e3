"""Kiosk PINs: format, weak patterns, keyed lookup, generation and lockout."""

from __future__ import annotations

import hashlib
import hmac
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.pins import (
    LOCKOUT_CAP_SECONDS,
    MAX_GENERATE_ATTEMPTS,
    MAX_WRONG_PINS,
    PIN_LENGTH,
    InvalidPin,
    PinSpaceExhausted,
    generate_pin,
    is_weak_pin,
    lockout_seconds,
    pin_lookup_key,
    validate_pin_format,
)

SECRET = b"k" * 32
pins = st.text(alphabet="0123456789", min_size=PIN_LENGTH, max_size=PIN_LENGTH)


class Everything:
    """A `taken_keys` that holds every key: no PIN is free."""

    def __contains__(self, key: object) -> bool:
        return True


def test_pins_are_six_digits() -> None:
    assert PIN_LENGTH == 6
    validate_pin_format("048213")


@pytest.mark.parametrize("bad", ["", "12345", "1234567", "12a456", " 12345", "١٢٣٤٥٦", "12 456"])
def test_malformed_pins_are_refused(bad: str) -> None:
    with pytest.raises(InvalidPin, match="exactly 6 digits"):
        validate_pin_format(bad)


@pytest.mark.parametrize(
    "pin",
    ["123456", "654321", "111111", "000000", "121212", "123123", "890123", "210987", "135791",
     "909090"],
)  # fmt: skip
def test_weak_pins(pin: str) -> None:
    assert is_weak_pin(pin)


@pytest.mark.parametrize("pin", ["048213", "123457", "112233", "120121", "482915", "100000"])
def test_ordinary_pins_are_not_weak(pin: str) -> None:
    assert not is_weak_pin(pin)


def test_is_weak_pin_refuses_a_malformed_pin() -> None:
    with pytest.raises(InvalidPin):
        is_weak_pin("1234")


@given(st.sampled_from("0123456789"), st.integers(min_value=0, max_value=9))
def test_every_even_step_sequence_is_weak(first: str, step: int) -> None:
    pin = "".join(str((int(first) + i * step) % 10) for i in range(PIN_LENGTH))
    assert is_weak_pin(pin)


@given(st.text(alphabet="0123456789", min_size=1, max_size=3))
def test_every_repeated_block_is_weak(block: str) -> None:
    assert is_weak_pin((block * PIN_LENGTH)[:PIN_LENGTH])


def test_weak_pins_are_exactly_the_blocks_and_even_steps() -> None:
    """The 1,170 patterns are weak, and a large sample of other PINs is not."""
    digits = "0123456789"
    blocks = {a + b + c for a in digits for b in digits for c in digits}
    blocks |= {a + b for a in digits for b in digits}
    patterns = {(block * PIN_LENGTH)[:PIN_LENGTH] for block in blocks}
    patterns |= {
        "".join(str((first + i * step) % 10) for i in range(PIN_LENGTH))
        for first in range(10)
        for step in range(10)
    }
    assert len(patterns) == 1170
    assert all(is_weak_pin(pin) for pin in patterns)
    sample = {f"{n:06d}" for n in random.Random(3).sample(range(10**6), 30_000)}
    assert not any(is_weak_pin(pin) for pin in sample - patterns)


def test_lookup_key_is_hex_hmac_sha256() -> None:
    expected = hmac.new(SECRET, b"048213", hashlib.sha256).hexdigest()
    assert pin_lookup_key(SECRET, "048213") == expected
    assert len(expected) == 64


def test_lookup_key_depends_on_the_secret_and_the_pin() -> None:
    key = pin_lookup_key(SECRET, "048213")
    assert pin_lookup_key(b"j" * 32, "048213") != key
    assert pin_lookup_key(SECRET, "048214") != key
    assert pin_lookup_key(SECRET, "048213") == key


def test_lookup_key_refuses_a_short_secret_and_a_malformed_pin() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        pin_lookup_key(b"short", "048213")
    with pytest.raises(InvalidPin):
        pin_lookup_key(SECRET, "48213")


def test_generated_pins_are_well_formed_strong_and_reproducible_with_a_seed() -> None:
    first = [generate_pin(set(), SECRET, random.Random(7)) for _ in range(3)]
    again = [generate_pin(set(), SECRET, random.Random(7)) for _ in range(3)]
    assert first == again
    for pin in first:
        validate_pin_format(pin)
        assert not is_weak_pin(pin)


def test_generation_skips_weak_and_taken_pins() -> None:
    """A seeded generator yields a weak PIN and a taken PIN first; both are skipped."""

    class Scripted(random.Random):
        def __init__(self, digits: str) -> None:
            super().__init__(0)
            self._digits = iter(digits)

        def choice(self, seq: object) -> str:  # type: ignore[override]
            return next(self._digits)

    taken = {pin_lookup_key(SECRET, "048213")}
    assert generate_pin(taken, SECRET, Scripted("123456" + "048213" + "590172")) == "590172"


def test_generation_uses_secrets_by_default_and_avoids_taken_keys() -> None:
    taken: set[str] = set()
    for _ in range(200):
        pin = generate_pin(taken, SECRET)
        key = pin_lookup_key(SECRET, pin)
        assert key not in taken
        assert not is_weak_pin(pin)
        taken.add(key)


def test_generation_gives_up_when_every_pin_is_taken() -> None:
    assert MAX_GENERATE_ATTEMPTS >= 100
    with pytest.raises(PinSpaceExhausted, match="no free PIN"):
        generate_pin(Everything(), SECRET, random.Random(1))


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(0, 0.0), (1, 0.0), (4, 0.0), (5, 30.0), (6, 60.0), (7, 120.0), (8, 240.0), (9, 480.0),
     (10, 900.0), (11, 900.0), (10_000, 900.0)],
)  # fmt: skip
def test_lockout_schedule(failures: int, seconds: float) -> None:
    assert MAX_WRONG_PINS == 5
    assert lockout_seconds(failures) == seconds


def test_lockout_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        lockout_seconds(-1)


@given(st.integers(min_value=0, max_value=10**6))
def test_lockout_never_shrinks_and_is_capped(failures: int) -> None:
    now, then = lockout_seconds(failures), lockout_seconds(failures + 1)
    assert 0.0 <= now <= then <= LOCKOUT_CAP_SECONDS
    assert (now > 0) == (failures >= MAX_WRONG_PINS)


@given(pins, pins)
def test_keys_are_lowercase_hex_and_equal_only_for_equal_pins(a: str, b: str) -> None:
    key = pin_lookup_key(SECRET, a)
    assert len(key) == 64
    assert set(key) <= set("0123456789abcdef")
    assert (key == pin_lookup_key(SECRET, b)) == (a == b)
