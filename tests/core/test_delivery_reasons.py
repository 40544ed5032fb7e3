"""Provider failures sorted into kinds a person can act on (issue 15 item 6)."""

from __future__ import annotations

import pytest

from desk.core.delivery_reasons import FailureKind, failure_kind


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        ("30003 Unreachable destination handset", FailureKind.UNREACHABLE),
        ("30005 Unknown destination handset", FailureKind.NOT_A_NUMBER),
        ("30006 Landline or unreachable carrier", FailureKind.CANNOT_TEXT),
        ("21610 Attempt to send to unsubscribed recipient", FailureKind.OPTED_OUT),
        ("30007 Message filtered", FailureKind.FILTERED),
        (
            "550 5.1.1 The email account that you tried to reach does not exist",
            FailureKind.NO_MAILBOX,
        ),
        ("552 5.2.2 mailbox full", FailureKind.MAILBOX_FULL),
        ("UNREGISTERED", FailureKind.APP_GONE),
        ("the handset was unreachable", FailureKind.UNREACHABLE),
        ("99999 something new", FailureKind.UNKNOWN),
        ("", FailureKind.UNKNOWN),
    ],
)
def test_failures_sort_into_kinds(error: str, kind: FailureKind) -> None:
    assert failure_kind(error) is kind
