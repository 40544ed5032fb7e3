"""The family app's sign-in code rules (`desk.core.family_codes`)."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from desk.core.family_codes import (
    CODE_DIGITS,
    code_hash,
    code_matches,
    new_code,
    new_salt,
    new_token,
    token_hash,
)


def test_a_code_is_six_digits_and_leading_zeros_are_kept() -> None:
    """Codes are typed on a phone keypad: always exactly six digits."""
    codes = {new_code() for _ in range(200)}
    assert all(len(code) == CODE_DIGITS and code.isdigit() for code in codes)
    assert len(codes) > 190  # random, not a counter


@given(st.from_regex(r"[0-9]{6}", fullmatch=True))
def test_the_code_matches_its_hash_however_it_is_spaced(code: str) -> None:
    """Spaces and a dash, as people copy a code, do not stop it matching."""
    salt = new_salt()
    stored = code_hash(code, salt)
    assert code not in stored
    assert code_matches(code, salt, stored)
    assert code_matches(f" {code[:3]}-{code[3:]} ", salt, stored)
    assert not code_matches(code, new_salt(), stored)


@given(st.text(max_size=12))
def test_anything_else_never_matches(typed: str) -> None:
    """Only the six digits themselves sign in, whatever else is typed."""
    assume(typed.replace(" ", "").replace("-", "") != "123456")
    salt = new_salt()
    assert not code_matches(typed, salt, code_hash("123456", salt))


def test_a_session_token_is_stored_as_its_hash() -> None:
    """A copy of the sessions table holds no cookie that signs anyone in."""
    token = new_token()
    assert len(token) >= 43
    assert token_hash(token) != token
    assert token_hash(token) == token_hash(token)
