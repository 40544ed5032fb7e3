"""Opt-in across shared phone numbers, and carrier keywords (seed 001)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.optin import (
    HELP_KEYWORDS,
    OPT_IN_KEYWORDS,
    OPT_OUT_KEYWORDS,
    KeywordAction,
    PhoneHolder,
    can_text,
    classify_keyword,
    opt_out_reason,
)

MUM = PhoneHolder("family", "f1", "Ann Smith", opted_in=True)
DAD = PhoneHolder("family", "f2", "Dennis Smith", opted_in=False)
NANNY = PhoneHolder("staff", "s1", "Kim Lee", opted_in=True)

holders = st.lists(
    st.builds(
        PhoneHolder,
        record_kind=st.sampled_from(["family", "staff"]),
        record_id=st.uuids().map(str),
        name=st.sampled_from(["Ann", "Dennis", "Kim"]),
        opted_in=st.booleans(),
    ),
    max_size=6,
)


def test_a_single_opted_in_holder_may_be_texted() -> None:
    assert can_text([MUM])
    assert opt_out_reason([MUM]) is None


def test_a_shared_number_needs_every_holder_opted_in() -> None:
    assert can_text([MUM, NANNY])
    assert not can_text([MUM, DAD, NANNY])


def test_a_number_nobody_holds_may_not_be_texted() -> None:
    assert not can_text([])
    assert str(opt_out_reason([])) == "no family or staff record has this phone number"


def test_reason_for_a_single_holder_names_them() -> None:
    assert str(opt_out_reason([DAD])) == "Dennis Smith's family record opted out of text messages"


def test_reason_for_a_shared_number_names_only_who_opted_out() -> None:
    quiet_nanny = PhoneHolder("staff", "s1", "Kim Lee", opted_in=False)
    refusal = opt_out_reason([MUM, DAD, quiet_nanny])
    assert refusal is not None
    reason = str(refusal)
    assert "shared by 3 records" in reason
    assert reason.endswith("opted out: Dennis Smith's family record, Kim Lee's staff record")
    assert "Ann Smith" not in reason


def test_reason_names_the_record_and_its_family() -> None:
    """Regression (issue 12 item 11): the reason says which of a person's records.

    One grandparent holds a pickup record in two families with one phone; "Joe Weber
    (guardian)" did not say which record.
    """
    weber = PhoneHolder("guardian", "g1", "Joe Weber", False, role="pickup", family="Weber")
    diaz = PhoneHolder("guardian", "g2", "Joe Weber", True, role="pickup", family="Diaz")
    reason = opt_out_reason([weber, diaz])
    assert reason is not None
    assert str(reason).endswith("opted out: Joe Weber's pickup record in the Weber family")


@given(holders)
def test_reason_is_given_exactly_when_texting_is_refused(group: list[PhoneHolder]) -> None:
    assert (opt_out_reason(group) is None) == can_text(group)


@given(holders, st.booleans())
def test_adding_a_holder_never_makes_a_refused_number_textable(
    group: list[PhoneHolder], opted_in: bool
) -> None:
    extra = PhoneHolder("family", "new", "New", opted_in)
    if not can_text(group) and group:
        assert not can_text([*group, extra])
    assert can_text([*group, extra]) == (all(h.opted_in for h in group) and opted_in)


OPT_OUT_WORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]


@pytest.mark.parametrize("word", OPT_OUT_WORDS)
def test_every_opt_out_keyword(word: str) -> None:
    assert classify_keyword(word) is KeywordAction.OPT_OUT
    assert classify_keyword(word.lower()) is KeywordAction.OPT_OUT


@pytest.mark.parametrize("word", ["START", "YES", "UNSTOP"])
def test_every_opt_in_keyword(word: str) -> None:
    assert classify_keyword(word.capitalize()) is KeywordAction.OPT_IN


@pytest.mark.parametrize("word", ["HELP", "INFO"])
def test_every_help_keyword(word: str) -> None:
    assert classify_keyword(f"  {word}  ") is KeywordAction.HELP


def test_no_other_keywords_are_recognised() -> None:
    assert sorted(OPT_OUT_KEYWORDS) == sorted(OPT_OUT_WORDS)
    assert sorted(OPT_IN_KEYWORDS) == ["START", "UNSTOP", "YES"]
    assert sorted(HELP_KEYWORDS) == ["HELP", "INFO"]


@pytest.mark.parametrize(
    ("body", "action"),
    [
        (" Stop\n", KeywordAction.OPT_OUT),
        ("\tsToP\r\n", KeywordAction.OPT_OUT),
        ("ＳＴＯＰ", KeywordAction.OPT_OUT),
        ("unstop", KeywordAction.OPT_IN),
        ("Yes", KeywordAction.OPT_IN),
        ("stop please", None),
        ("Don't stop", None),
        ("S T O P", None),
        ("stop.", None),
        ("stopped", None),
        ("yes please, see you at 3", None),
        ("", None),
        ("   ", None),
    ],
)
def test_classify_keyword_matches_the_whole_message_only(
    body: str, action: KeywordAction | None
) -> None:
    assert classify_keyword(body) is action


@given(st.sampled_from(sorted(OPT_OUT_KEYWORDS)), st.text(alphabet=" \t\r\n", max_size=3))
def test_surrounding_whitespace_never_hides_an_opt_out(word: str, pad: str) -> None:
    assert classify_keyword(pad + word.lower() + pad) is KeywordAction.OPT_OUT


@given(st.sampled_from(sorted(OPT_OUT_KEYWORDS | OPT_IN_KEYWORDS | HELP_KEYWORDS)))
def test_a_keyword_inside_a_sentence_is_not_a_keyword(word: str) -> None:
    assert classify_keyword(f"please {word} now") is None
