"""Phone numbers stored in E.164 and shown in national format."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.phones import InvalidPhoneNumber, format_national, is_e164, normalize_phone


@pytest.mark.parametrize(
    "raw",
    [
        "(202) 555-0100",
        "202-555-0100",
        "202.555.0100",
        "2025550100",
        "+1 202 555 0100",
        "1-202-555-0100",
        "  +12025550100\n",
    ],
)
def test_spellings_of_one_us_number_normalise_alike(raw: str) -> None:
    assert normalize_phone(raw) == "+12025550100"


def test_default_region_reads_numbers_without_a_country_prefix() -> None:
    assert normalize_phone("020 7946 0958", "GB") == "+442079460958"
    assert normalize_phone("(04) 555 0123", "NZ") == "+6445550123"


def test_country_prefix_wins_over_the_default_region() -> None:
    assert normalize_phone("+44 20 7946 0958", "US") == "+442079460958"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("hello", "not a phone number"),
        ("555-0100", "not a valid phone number"),
        ("+1 999 555 0100", "not a valid phone number"),
        ("202 555 0100 x12", "extension"),
    ],
)
def test_invalid_numbers_are_refused_with_a_reason(raw: str, message: str) -> None:
    with pytest.raises(InvalidPhoneNumber, match=message):
        normalize_phone(raw)


def test_invalid_phone_number_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        normalize_phone("")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+12025550100", True),
        ("+442079460958", True),
        ("12025550100", False),
        ("+1 202 555 0100", False),
        ("+1202555010", False),
        ("+15550100", False),
        ("+0123456789", False),
        ("", False),
        ("+12025550100\n", False),
    ],
)
def test_is_e164(text: str, expected: bool) -> None:
    assert is_e164(text) is expected


@pytest.mark.parametrize(
    ("e164", "home", "shown"),
    [
        ("+12025550100", "US", "(202) 555-0100"),
        ("+14165550199", "US", "(416) 555-0199"),
        ("+442079460958", "US", "+44 20 7946 0958"),
        ("+442079460958", "GB", "020 7946 0958"),
        ("+12025550100", "GB", "+1 202-555-0100"),
    ],
)
def test_format_national(e164: str, home: str, shown: str) -> None:
    assert format_national(e164, home) == shown


def test_format_national_defaults_to_a_us_centre() -> None:
    assert format_national("+12025550100") == "(202) 555-0100"


@pytest.mark.parametrize("bad", ["(202) 555-0100", "+15550100", "nonsense"])
def test_format_national_refuses_what_is_not_stored_form(bad: str) -> None:
    with pytest.raises(InvalidPhoneNumber, match=r"E\.164"):
        format_national(bad)


@given(
    st.sampled_from(["202", "212", "415", "617", "312"]),
    st.integers(min_value=200, max_value=999),
    st.integers(min_value=0, max_value=9999),
)
def test_normalised_numbers_are_e164_and_stable(area: str, exchange: int, line: int) -> None:
    e164 = normalize_phone(f"({area}) {exchange}-{line:04d}")
    assert e164 == f"+1{area}{exchange}{line:04d}"
    assert is_e164(e164)
    assert normalize_phone(e164) == e164
    assert normalize_phone(format_national(e164)) == e164
