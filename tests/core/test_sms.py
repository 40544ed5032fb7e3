"""SMS length rules: the emergency limit, GSM-7 / UCS-2 segments and "For" labels."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.core.sms import (
    EMERGENCY_SMS_LIMIT,
    GSM7_ALPHABET,
    SmsEncoding,
    SmsStats,
    SmsTooLong,
    check_emergency_length,
    encoding_for,
    for_label,
    graphemes,
    label_for,
    needs_for_label,
    segment_count,
    sms_stats,
    split_segments,
    text_label,
    texted_body,
    texted_segment_counts,
)

GSM7, UCS2 = SmsEncoding.GSM7, SmsEncoding.UCS2

# a GSM basic letter, a GSM extension char, a BMP non-GSM char, an astral emoji
mixed_text = st.text(alphabet=st.sampled_from(["a", " ", "\n", "€", "{", "ç", "’", "😀"]))
gsm_basic_text = st.text(alphabet=st.sampled_from(["a", "Z", "0", " ", "@", "ñ", "Δ"]), min_size=1)
ucs2_bmp_text = st.text(alphabet=st.sampled_from(["a", "ç", "’", "Ж", "中"]), min_size=1).filter(
    lambda t: encoding_for(t) is UCS2
)


def test_emergency_limit_is_300() -> None:
    assert EMERGENCY_SMS_LIMIT == 300


def test_emergency_text_at_the_limit_passes() -> None:
    check_emergency_length("x" * 300)


def test_emergency_text_over_the_limit_names_length_and_limit() -> None:
    with pytest.raises(SmsTooLong, match=r"301 characters.*limit is 300"):
        check_emergency_length("x" * 301)


def test_emergency_limit_counts_characters_not_segments() -> None:
    check_emergency_length("😀" * 300)
    with pytest.raises(ValueError, match="301"):
        check_emergency_length("😀" * 301)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", GSM7),
        ("Pick-up at 3:30 today, thanks!", GSM7),
        ("Price: 5€ {refundable} [1] ~ | \\ ^", GSM7),
        ("Ça va? Äpfel, Øl, ß, Δ", GSM7),
        ("line\nbreak\rand\fform feed", GSM7),
        ("don’t", UCS2),
        ("ça va", UCS2),
        ("`backtick`", UCS2),
        ("see you 😀", UCS2),
        ("escape \x1b alone", UCS2),
    ],
)
def test_encoding_for(text: str, expected: SmsEncoding) -> None:
    assert encoding_for(text) is expected


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 0),
        ("a", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("a" * 159 + "€", 2),
        ("ç" * 70, 1),
        ("ç" * 71, 2),
        ("ç" * 134, 2),
        ("ç" * 135, 3),
        ("😀" * 35, 1),
        ("😀" * 36, 2),
    ],
)
def test_segment_count(text: str, segments: int) -> None:
    assert segment_count(text) == segments


def test_escaped_gsm_character_is_not_split_across_parts() -> None:
    """Regression: 306 septets would be 2 parts, but "€" cannot straddle a boundary."""
    assert segment_count("a" * 152 + "€" + "a" * 152) == 3


def test_surrogate_pair_is_not_split_across_parts() -> None:
    """Regression: 134 UTF-16 units would be 2 parts, but an emoji cannot straddle one."""
    assert segment_count("ç" * 66 + "😀" + "ç" * 66) == 3


@pytest.mark.parametrize(
    ("text", "stats"),
    [
        ("", SmsStats(0, GSM7, 0, 160)),
        ("hello", SmsStats(5, GSM7, 1, 155)),
        ("€", SmsStats(1, GSM7, 1, 158)),
        ("a" * 161, SmsStats(161, GSM7, 2, 145)),
        ("😀", SmsStats(1, UCS2, 1, 68)),
        ("ç" * 71, SmsStats(71, UCS2, 2, 63)),
    ],
)
def test_sms_stats(text: str, stats: SmsStats) -> None:
    assert sms_stats(text) == stats


@given(mixed_text)
def test_segments_never_drop_as_text_grows(text: str) -> None:
    counts = [segment_count(text[:i]) for i in range(len(text) + 1)]
    assert counts == sorted(counts)


@given(gsm_basic_text)
def test_basic_gsm_segments_follow_160_and_153(text: str) -> None:
    expected = 1 if len(text) <= 160 else math.ceil(len(text) / 153)
    assert segment_count(text) == expected


@given(ucs2_bmp_text)
def test_ucs2_segments_follow_70_and_67(text: str) -> None:
    expected = 1 if len(text) <= 70 else math.ceil(len(text) / 67)
    assert segment_count(text) == expected


@given(mixed_text.filter(bool))
def test_remaining_is_exactly_what_fits_before_another_segment(text: str) -> None:
    stats = sms_stats(text)
    filler = "a" if stats.encoding is GSM7 else "ç"
    assert segment_count(text + filler * stats.remaining_in_segment) == stats.segments
    assert segment_count(text + filler * (stats.remaining_in_segment + 1)) == stats.segments + 1


@given(mixed_text)
def test_stats_agree_with_the_single_purpose_functions(text: str) -> None:
    stats = sms_stats(text)
    assert stats.characters == len(text)
    assert stats.encoding is encoding_for(text)
    assert stats.segments == segment_count(text)


@given(st.text(alphabet=st.sampled_from(["a", "€", " "])), st.sampled_from(["ç", "’", "😀"]))
def test_one_non_gsm_character_switches_everything_to_ucs2(text: str, odd: str) -> None:
    assert encoding_for(text) is GSM7
    assert encoding_for(text + odd) is UCS2


FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 11 code units
# Characters of several code points each, beside plain ones, GSM escapes and CR LF.
clustered_text = st.lists(
    st.sampled_from(
        [
            "a",
            " ",
            "€",
            "\r\n",
            "ç",
            "😀",
            FAMILY,
            "\U0001f1fa\U0001f1f8",  # a flag: two regional indicators
            "\U0001f44d\U0001f3fd",  # thumbs up, skin tone
            "e\u0301",  # e + combining acute
            "\u0915\u094d\u0937",  # Devanagari conjunct
        ]
    ),
    max_size=200,
).map("".join)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_family_emoji_is_never_split_between_segments() -> None:
    """Regression (issue 12 item 12): segments hold whole user-perceived characters.

    Code-point packing cut the family emoji after its second person, so the text
    counted 2 segments where Twilio's calculator, which keeps each user-perceived
    character whole, counts 3.
    """
    text = "a" * 62 + FAMILY + "a" * 60
    assert utf16_units(text) == 133
    assert segment_count(text) == 3
    assert [utf16_units(part) for part in split_segments(text)] == [62, 11 + 56, 4]
    assert sms_stats(text).segments == 3


def test_a_flag_fits_a_single_segment_whole() -> None:
    flag = "\U0001f1fa\U0001f1f8"
    assert segment_count("a" * 66 + flag) == 1  # 70 units: one segment, no header
    assert split_segments("a" * 66 + flag + "b") == ["a" * 66, flag + "b"]


@given(clustered_text)
def test_segment_boundaries_never_split_a_user_perceived_character(text: str) -> None:
    """Twilio's segment calculator packs whole grapheme clusters; so do we."""
    parts = split_segments(text)
    assert "".join(parts) == text
    assert len(parts) == segment_count(text) == sms_stats(text).segments
    whole = graphemes(text)
    assert [cluster for part in parts for cluster in graphemes(part)] == whole
    if len(parts) > 1:
        for part in parts:
            if encoding_for(text) is UCS2:
                assert utf16_units(part) <= 67
            else:
                assert len(part) + sum(ch in "€" for ch in part) <= 153


@given(clustered_text.filter(bool))
def test_each_part_is_as_full_as_whole_characters_allow(text: str) -> None:
    """Greedy packing: the next segment's first character did not fit the previous."""
    parts = split_segments(text)
    if len(parts) > 1 and encoding_for(text) is UCS2:
        for previous, following in itertools.pairwise(parts):
            assert utf16_units(previous) + utf16_units(graphemes(following)[0]) > 67


def test_gsm_characters_never_join_into_one_user_perceived_character() -> None:
    """What `segment_count`'s shortcut for long GSM-7 texts rests on.

    The shortcut counts a long text of basic GSM characters as full 153-septet parts,
    without grapheme segmentation: right only if no two GSM characters form one
    grapheme cluster, CR LF apart. Joining rules look at neighbouring pairs (the
    context-dependent ones need emoji or regional indicators, which GSM-7 lacks),
    so every pair is checked.
    """
    joined = [a + b for a in GSM7_ALPHABET for b in GSM7_ALPHABET if len(graphemes(a + b)) != 2]
    assert joined == ["\r\n"]


# Every GSM character, a few beside it that are not, and characters of several code
# points: texts that take each of `segment_count`'s paths, long ones included.
any_sms_text = st.lists(
    st.sampled_from(
        [
            *sorted(GSM7_ALPHABET),
            *("ç", "’", "Ж", "😀", FAMILY, "e\u0301", "\U0001f1fa\U0001f1f8", "\r\n"),
        ]
    ),
    max_size=400,
).map("".join)
long_gsm_text = st.text(alphabet=st.sampled_from(sorted(GSM7_ALPHABET)), min_size=150, max_size=330)


@settings(deadline=None)  # long texts; a loaded machine must not fail the test
@given(st.one_of(any_sms_text, long_gsm_text, long_gsm_text.map(lambda t: "For Maria: " + t)))
def test_segment_count_is_the_number_of_parts_the_text_is_cut_into(text: str) -> None:
    """Regression (issue 11, bench_people): counting without segmentation counts the same.

    The New Message preview counts a text per phone on every key press; the full
    grapheme-cluster packing made that 280 ms for a room of 1,519 phones.
    """
    assert segment_count(text) == len(split_segments(text)) == sms_stats(text).segments


def test_long_texts_take_every_path_of_segment_count() -> None:
    assert segment_count("a" * 306) == 2
    assert segment_count("a" * 307) == 3
    assert segment_count("a" * 152 + "€") == 1  # 154 septets: one segment
    # 306 septets, but the escape pair or CR LF cannot straddle the first boundary.
    assert segment_count("a" * 152 + "€" + "a" * 152) == 3
    assert segment_count("a" * 152 + "\r\n" + "a" * 152) == 3
    assert segment_count("a" * 151 + "€" + "a" * 153) == 2
    assert segment_count("ç" * 70) == 1
    assert segment_count("😀" * 35) == 1  # 70 UTF-16 units
    assert segment_count("😀" * 34 + "ç" * 3) == 2


# Pieces that test where a label's text meets the body: characters that join what
# comes before them (a combining mark, a zero-width joiner, a spacing mark), one
# that joins what follows (a prepended concatenation mark), regional indicators,
# GSM escapes, CR LF, and plain letters to make texts long.
joining_text = st.lists(
    st.sampled_from(
        [
            *("a", "a" * 40, "Z", " ", "€", "{", "\r", "\n", "ç", "’", "😀", FAMILY),
            *("\u0301", "\u200d", "\u0903", "\u0600", "\U0001f1fa", "\U0001f1f8"),
        ]
    ),
    max_size=14,
).map("".join)


@settings(deadline=None)  # long texts; a loaded machine must not fail the test
@given(st.lists(joining_text, max_size=6), joining_text)
def test_texted_segment_counts_count_each_labelled_text(labels: list[str], body: str) -> None:
    """Regression (issue 11, bench_people): counting the labels together counts the same.

    The preview counts every shared phone's labelled text on each key press; packing
    the body once per fill level must give each text's own count.
    """
    expected = {label: segment_count(texted_body(label, body)) for label in labels}
    assert texted_segment_counts(labels, body) == expected


def test_a_body_that_joins_the_label_is_counted_whole() -> None:
    """A body opening with a combining mark joins the label's space into one character.

    "ç" * 65 + ": " fills a UCS-2 part (67 units) to its last unit with the space;
    with the mark, the space travels into the next part, which then overflows.
    """
    label, body = "ç" * 65, "\u0301" + "ç" * 66
    assert segment_count(texted_body(label, body)) == 3
    assert texted_segment_counts([label, ""], body) == {label: 3, "": 1}


def test_labels_that_fill_the_first_part_differently_are_counted_apart() -> None:
    body = "ç" * 133  # behind a 2-unit prefix: 135 units, 3 parts; behind 3 units, 3; ...
    labels = ["é" * n for n in range(0, 70, 3)]
    assert texted_segment_counts(labels, body) == {
        label: segment_count(texted_body(label, body)) for label in labels
    }
    assert len(set(texted_segment_counts(labels, body).values())) > 1


def test_a_label_names_families_only_when_the_phone_spans_several() -> None:
    """Regression (issue 12 item 11): a grandparent's phone on two families' records."""
    from desk.core.optin import PhoneHolder

    diaz = PhoneHolder("guardian", "g1", "Joe Weber", True, role="pickup", family="Diaz")
    weber = PhoneHolder("guardian", "g2", "Joe Weber", True, role="pickup", family="Weber")
    assert text_label([diaz, weber], [("g2", "Joe")]) == "For Joe (Weber family)"
    both = [("g2", "Joe"), ("g1", "Joe")]
    assert text_label([diaz, weber], both) == "For Joe (Diaz & Weber families)"
    rosa = PhoneHolder("guardian", "g3", "Rosa Diaz", True, role="pickup", family="Diaz")
    maria = PhoneHolder("guardian", "g4", "Maria Diaz", True, family="Diaz")
    assert text_label([rosa, maria], [("g4", "Maria")]) == "For Maria"
    assert label_for([]) == ""
    assert len(label_for([("x" * 200, "")])) == 100
    assert texted_body("For Maria", "Hi") == "For Maria: Hi"
    assert texted_body("", "Hi") == "Hi"


def test_for_label() -> None:
    assert for_label("Dennis", "Pick-up moved to 4pm") == "For Dennis: Pick-up moved to 4pm"


def test_for_label_tidies_the_name() -> None:
    assert for_label("  Mary \n Ann ", "Hi") == "For Mary Ann: Hi"


def test_for_label_refuses_a_blank_name() -> None:
    with pytest.raises(ValueError, match="name"):
        for_label("  ", "Hi")


@pytest.mark.parametrize(("holders", "needed"), [(0, False), (1, False), (2, True), (5, True)])
def test_needs_for_label_only_for_a_shared_number(holders: int, needed: bool) -> None:
    assert needs_for_label(holders) is needed
