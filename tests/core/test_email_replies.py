"""Reply addresses and the new text of an emailed reply (issue 14 item 2)."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.email_replies import delivery_of, new_text, reply_address

KEY = b"0123456789abcdef"
DOMAIN = "reply.centre.test"


@given(st.uuids())
def test_a_reply_address_names_its_delivery_and_nothing_else(delivery: uuid.UUID) -> None:
    address = reply_address(KEY, str(delivery), DOMAIN)
    assert len(address.partition("@")[0]) <= 64  # RFC 5321's limit on a local part
    assert delivery_of(KEY, address, DOMAIN) == str(delivery)
    assert delivery_of(KEY, address.upper(), DOMAIN.upper()) == str(delivery)
    assert delivery_of(b"another key, rotated", address, DOMAIN) is None
    assert delivery_of(KEY, address, "other.example") is None


@given(st.uuids(), st.integers(min_value=0, max_value=51), st.sampled_from("0123456789abcdef"))
def test_a_tampered_reply_address_is_refused(
    delivery: uuid.UUID, position: int, character: str
) -> None:
    address = reply_address(KEY, str(delivery), DOMAIN)
    local = address.partition("@")[0]
    index = len("reply+") + position
    if local[index] == character or local[index] == ".":
        return  # no change, or the separator
    forged = local[:index] + character + local[index + 1 :] + "@" + DOMAIN
    assert delivery_of(KEY, forged, DOMAIN) is None


@pytest.mark.parametrize(
    "address",
    ["", "office@centre.test", f"reply+@{DOMAIN}", f"reply+xyz.abc@{DOMAIN}", "@", "reply+"],
)
def test_other_addresses_are_not_reply_addresses(address: str) -> None:
    assert delivery_of(KEY, address, DOMAIN) is None


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("I can bring one!", "I can bring one!"),
        (
            "I can bring one!\n\nOn Tue, 3 Dec 2026 at 09:12, Office <office@centre.test> wrote:\n"
            "> Who can bring a cake?",
            "I can bring one!",
        ),
        (  # Gmail folds a long header over two lines
            "Yes\r\n\r\nOn Tue, 3 Dec 2026 at 09:12, Sunshine Early Learning Office <\r\n"
            "office@centre.test> wrote:\r\n> Who?",
            "Yes",
        ),
        ("Sí, claro\n\nEl mar, 3 dic 2026 a las 9:12, Oficina escribió:\n> ¿Quién?", "Sí, claro"),
        (
            "See you at 5\n\n-----Original Message-----\nFrom: Office\nSent: Tuesday\n\nHi",
            "See you at 5",
        ),
        ("Fine\n\nFrom: Office <office@centre.test>\nSent: Tuesday, 3 December\nTo: me", "Fine"),
        ("Thanks!\n-- \nMaria Diaz\n555-0101", "Thanks!"),
        ("Thanks!\n\nSent from my iPhone", "Thanks!"),
        ("Line one\nLine two\n> quoted", "Line one\nLine two"),
        ("> all of it is quote\n> really", "> all of it is quote\n> really"),
        ("On Monday I will be late.\nSorry.", "On Monday I will be late.\nSorry."),
    ],
)
def test_the_new_text_of_a_reply_leaves_out_quote_and_signature(body: str, kept: str) -> None:
    assert new_text(body) == kept
