"""The `[email_replies]` table of the server's configuration: where replies come back.

Apart from `email_inbound`, which receives the replies: the configuration is read by
every process the server starts (and by `desk` commands), and importing the
receiver brought the whole command layer with it, a second of start-up each.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EmailReplySettings:
    """The `[email_replies]` table of the server's configuration file.

    Attributes:
        domain: the domain of reply addresses (`reply+…@<domain>`); its MX must reach
            the provider's inbound parse or `desk mail`.
        secret: the key reply addresses are signed with; changing it orphans the
            addresses of emails already sent.
        webhook_signing_key: the inbound-parse provider's webhook signing key
            (Mailgun's format); empty: the webhook is off.
        receiver_host, receiver_port: where `desk mail` listens for SMTP.
        trusted_authserv_id: when set, `desk mail` believes a sender only if an
            `Authentication-Results` header from this host (the MX in front of it)
            says DKIM, SPF or DMARC passed.
    """

    domain: str
    secret: str = field(repr=False)
    webhook_signing_key: str = field(default="", repr=False)
    receiver_host: str = "127.0.0.1"
    receiver_port: int = 8025
    trusted_authserv_id: str = ""

    def __post_init__(self) -> None:
        if "@" in self.domain or "." not in self.domain:
            raise ValueError(f"email_replies.domain must be a domain name, not {self.domain!r}")
        if len(self.secret) < 16:
            raise ValueError("email_replies.secret must be at least 16 characters")

    @property
    def key(self) -> bytes:
        """The signing key of reply addresses."""
        return self.secret.encode()
