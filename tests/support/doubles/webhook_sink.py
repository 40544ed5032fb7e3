"""A loopback stand-in for our own webhook endpoints: it records what reaches it.

Until the server's Twilio endpoints exist, tests point the Twilio double's callbacks
here and check the recorded requests with the functions the endpoints will use.
"""

from __future__ import annotations

from dataclasses import dataclass

from .http_double import HttpDouble, Reply, Request

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@dataclass(frozen=True)
class ReceivedWebhook:
    """One POST as it arrived."""

    url: str
    form: dict[str, str]
    headers: dict[str, str]  # names in lower case


class WebhookSink(HttpDouble):
    """Records every request and answers 200 with empty TwiML, as our endpoints will."""

    def __init__(self) -> None:
        super().__init__()
        self._received: list[ReceivedWebhook] = []

    @property
    def received(self) -> list[ReceivedWebhook]:
        """Every request so far, oldest first."""
        with self.lock:
            return list(self._received)

    def url(self, target: str) -> str:
        """The full URL of `target` (a path with an optional query) on this sink."""
        return self.base_url + target

    def handle(self, request: Request) -> Reply:
        """Record the request."""
        received = ReceivedWebhook(
            url=self.url(request.target),
            form=request.form(),
            headers={name.lower(): value for name, value in request.headers.items()},
        )
        with self.lock:
            self._received.append(received)
        return Reply(200, text=EMPTY_TWIML, content_type="text/xml")
