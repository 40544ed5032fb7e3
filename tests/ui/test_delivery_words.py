"""Plain words for delivery failures and text encodings (issue 15 item 6)."""

from __future__ import annotations

from desk.core.delivery_reasons import FailureKind
from desk.core.sms import SmsEncoding
from desk.ui.shared.delivery_words import encoding_words, plain_reason


def test_provider_jargon_becomes_plain_words() -> None:
    assert plain_reason("30003 Unreachable destination handset") == "The phone could not be reached"
    assert plain_reason("UNREGISTERED") == "The app is no longer on that device"


def test_every_kind_but_unknown_has_its_own_words() -> None:
    samples = {
        "30003": FailureKind.UNREACHABLE,
        "30005": FailureKind.NOT_A_NUMBER,
        "30006": FailureKind.CANNOT_TEXT,
        "21610": FailureKind.OPTED_OUT,
        "30007": FailureKind.FILTERED,
        "550": FailureKind.NO_MAILBOX,
        "552": FailureKind.MAILBOX_FULL,
        "UNREGISTERED": FailureKind.APP_GONE,
        "30002": FailureKind.SERVICE,
    }
    words = {plain_reason(f"{code} jargon") for code in samples}
    assert len(words) == len(samples)
    assert not any(code in text for text in words for code in samples)


def test_an_unknown_failure_keeps_the_provider_text() -> None:
    assert plain_reason(" 99999 something new ") == "99999 something new"


def test_encodings_are_named_without_gsm_jargon() -> None:
    words = [encoding_words(encoding) for encoding in SmsEncoding]
    assert len(set(words)) == 2
    assert not any("GSM" in w or "UCS" in w or "Unicode" in w for w in words)
