"""Which `Authentication-Results` make `desk mail` believe a sender (RFC 8601)."""

from __future__ import annotations

import pytest

from desk.server.mail_receiver import authenticated

MX = "mx.centre.test"


def raw(*results: str) -> bytes:
    headers = "".join(f"Authentication-Results: {r}\r\n" for r in results)
    return (headers + "From: Maria <maria@example.org>\r\nSubject: Re\r\n\r\nhi\r\n").encode()


@pytest.mark.parametrize(
    ("results", "believed"),
    [
        ((f"{MX}; dmarc=pass header.from=example.org",), True),
        ((f"{MX}; spf=fail; dkim=pass header.d=example.org",), True),
        ((f"{MX}; dkim=pass header.d=mailer.example.net",), False),  # someone else signed
        ((f"{MX}; dmarc=fail; dkim=fail",), False),
        (("mx.elsewhere.test; dmarc=pass",), False),  # a header the sender wrote
        (("mx.elsewhere.test; dmarc=pass", f"{MX}; dmarc=fail"), False),
        ((), False),
    ],
)
def test_only_the_trusted_mx_vouches_for_a_sender(results: tuple[str, ...], believed: bool) -> None:
    assert authenticated(raw(*results), MX, "maria@example.org") is believed
