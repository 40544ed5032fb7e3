"""A server's worded refusal survives JSON, and a malformed one falls back to English."""

from __future__ import annotations

import json

import pytest

from desk.core.optin import PhoneHolder, opt_out_reason
from desk.core.user_errors import Listing, Phrase, UserError, WordedError
from desk.core.worded_wire import from_wire, to_wire


def test_a_sentence_with_values_comes_back_whole() -> None:
    sent = UserError("{name} is not in one of your rooms", name="Ava Ruiz")
    back = from_wire(str(sent), json.loads(json.dumps(to_wire(sent))))
    assert back.text == "{name} is not in one of your rooms"
    assert back.values == {"name": "Ava Ruiz"}
    assert str(back) == "Ava Ruiz is not in one of your rooms"


def test_phrases_lists_and_nested_sentences_keep_their_kind() -> None:
    shared = [
        PhoneHolder("guardian", "g1", "Joe Weber", False, role="pickup", family="Weber"),
        PhoneHolder("staff", "s1", "Kim Lee", False),
        PhoneHolder("guardian", "g2", "Ann Weber", True, family="Weber"),
    ]
    refusal = opt_out_reason(shared)
    assert refusal is not None
    back = from_wire(str(refusal), to_wire(refusal))
    assert str(back) == str(refusal)
    names = back.values["names"]
    assert isinstance(names, Listing)
    assert [type(part) for part in names] == [WordedError, WordedError]
    assert isinstance(names[0].values["role"], Phrase)
    assert names[0].values["role"] == "pickup"


def test_the_outbox_form_json_text_is_read_too() -> None:
    sent = UserError("message {id} already exists", id="m1")
    back = from_wire("message m1 already exists", json.dumps(to_wire(sent)))
    assert back.values == {"id": "m1"}


@pytest.mark.parametrize(
    "reason",
    [
        None,
        "",
        "{not json",
        json.dumps(["a list"]),
        {"values": {}},  # no text
        {"text": "{name} left", "values": {}},  # a field with no value
        {"text": "left", "values": {"name": "x"}},  # a value with no field
        {"text": "{name.__class__} left", "values": {"name": "x"}},  # reaching into a value
        {"text": "{0} left", "values": {"0": "x"}},  # positional fields
        {"text": "unbalanced {", "values": {}},
        {"text": "{name}", "values": {"name": [1, 2]}},  # not a value kind
        {"text": "{name}", "values": {"name": True}},  # a boolean is no count
        {"text": "{n}", "values": "not an object"},
    ],
)
def test_a_malformed_reason_shows_the_english_sentence(reason: object) -> None:
    back = from_wire("the server refused this", reason)
    assert back.text == "the server refused this"
    assert back.values == {}
    assert str(back) == "the server refused this"


def test_nesting_is_bounded() -> None:
    deep: dict[str, object] = {"text": "end", "values": {}}
    for _ in range(10):
        deep = {"text": "{inner}", "values": {"inner": deep}}
    assert str(from_wire("too deep", deep)) == "too deep"


def test_braces_in_an_english_sentence_without_values_are_kept() -> None:
    assert str(from_wire("a {literal} brace", None)) == "a {literal} brace"
