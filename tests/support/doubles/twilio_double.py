"""A loopback stand-in for Twilio Programmable Messaging, on Twilio's wire format.

It answers the REST calls our adapter makes (create, fetch and list Message
resources) with Twilio's status codes and bodies, checks basic auth and the form
fields as Twilio does, and records every message it accepted. Failures are injected
per recipient (`fail_for`), per request (`fail_next`), as a crash after acceptance
(`accept_then_drop_connection`) or as a sender that dies mid-request (`hold_next`).
`reset` forgets all of it, for a double that outlives one test.

MMS media are served as Twilio serves them (`add_media`): the media URL answers only
the account's basic auth and redirects to a storage host that, like S3 behind a
signed URL, refuses a request carrying an `Authorization` header.

It also plays Twilio's side of the webhooks: `send_status_callback` and `send_inbound`
POST to our endpoints with an `X-Twilio-Signature` computed here, independently of
`desk.server.providers.twilio`, so a shared mistake cannot make both sides agree.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime

import httpx

from .http_double import DROP, HttpDouble, Reply, Request

API_VERSION = "2010-04-01"
DEFAULT_NUMBER = "+12025550100"
TEST_ACCOUNT_SID = "AC" + "5" * 32
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
_FETCH = re.compile(r"/(?P<sid>[A-Za-z0-9]+)\.json")
_MEDIA = re.compile(r"/MM[0-9a-f]{32}/Media/(?P<sid>ME[0-9a-f]{32})")
CDN_PATH = "/media-cdn/"
_MORE_INFO = "https://www.twilio.com/docs/errors/{code}"
_RECIPIENT_ERRORS = {
    21211: "The 'To' number {to} is not a valid phone number.",
    21610: "Attempt to send to unsubscribed recipient",
    21612: "The 'To' phone number: {to}, is not currently reachable via SMS.",
    21614: "'To' number is not a valid mobile number",
}
_STATUS_ERRORS = {
    429: (20429, "Too Many Requests"),
    500: (20500, "Internal Server Error"),
    503: (20503, "Service Unavailable"),
}


@dataclass
class TwilioMessage:
    """A Message resource the double accepted."""

    sid: str
    to: str
    from_: str | None
    messaging_service_sid: str | None
    body: str
    status: str
    status_callback: str | None
    date_created: datetime
    error_code: int | None = None

    def resource(self, account_sid: str) -> dict[str, object]:
        """The JSON Twilio answers for this message."""
        created = format_datetime(self.date_created)
        return {
            "account_sid": account_sid,
            "api_version": API_VERSION,
            "body": self.body,
            "date_created": created,
            "date_sent": None,
            "date_updated": created,
            "direction": "outbound-api",
            "error_code": self.error_code,
            "error_message": None,
            "from": self.from_,
            "messaging_service_sid": self.messaging_service_sid,
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": self.sid,
            "status": self.status,
            "subresource_uris": {
                "media": f"/{API_VERSION}/Accounts/{account_sid}/Messages/{self.sid}/Media.json"
            },
            "to": self.to,
            "uri": f"/{API_VERSION}/Accounts/{account_sid}/Messages/{self.sid}.json",
        }


def twilio_error(status: int, code: int, message: str) -> Reply:
    """An error answer in Twilio's shape."""
    body = {
        "code": code,
        "message": message,
        "more_info": _MORE_INFO.format(code=code),
        "status": status,
    }
    return Reply(status, body)


class TwilioDouble(HttpDouble):
    """Twilio's Messages API on loopback.

    Attributes:
        account_sid, auth_token: the only credentials it accepts.
        numbers: the sender numbers "owned" by the account.
        messaging_service_sid: the one Messaging Service of the account.
    """

    def __init__(self, numbers: tuple[str, ...] = (DEFAULT_NUMBER,)) -> None:
        super().__init__()
        self.account_sid = "AC" + secrets.token_hex(16)
        self.auth_token = secrets.token_hex(16)
        self.numbers = numbers
        self.messaging_service_sid = "MG" + secrets.token_hex(16)
        self._messages: list[TwilioMessage] = []
        self._refusals: dict[str, Reply] = {}
        self._next_failures: list[Reply] = []
        self._drops = 0
        self._holds = 0
        self._released = threading.Event()
        self.held = threading.Event()
        """Set once a request `hold_next` asked for has arrived."""
        self._media: dict[str, tuple[str, bytes]] = {}
        self.media_requests: list[tuple[str, bool]] = []
        """(path, whether it carried an Authorization header) of each media request."""

    def add_media(self, content: bytes, content_type: str) -> str:
        """Keep an MMS item; answers its media URL as Twilio's webhook names it."""
        sid = "ME" + secrets.token_hex(16)
        with self.lock:
            self._media[sid] = (content_type, content)
        message = "MM" + secrets.token_hex(16)
        account = f"{self.base_url}/{API_VERSION}/Accounts/{self.account_sid}"
        return f"{account}/Messages/{message}/Media/{sid}"

    @property
    def messages(self) -> list[TwilioMessage]:
        """Copies of every accepted message, oldest first."""
        with self.lock:
            return [replace(message) for message in self._messages]

    def fail_for(self, to: str, code: int, *, status: int = 400) -> None:
        """Refuse every message to `to` with Twilio error `code` (e.g. 21610)."""
        message = _RECIPIENT_ERRORS.get(code, "Refused by the test double").format(to=to)
        with self.lock:
            self._refusals[to] = twilio_error(status, code, message)

    def fail_next(self, count: int, status: int, *, retry_after: str | None = None) -> None:
        """Answer the next `count` requests (any endpoint) with `status` (429, 500, 503)."""
        code, message = _STATUS_ERRORS[status]
        reply = twilio_error(status, code, message)
        if retry_after is not None:
            reply.headers["Retry-After"] = retry_after
        with self.lock:
            self._next_failures.extend([reply] * count)

    def accept_then_drop_connection(self, count: int = 1) -> None:
        """Record the next `count` messages, then close the socket without answering."""
        with self.lock:
            self._drops += count

    def hold_next(self) -> None:
        """Keep the next create request waiting, unanswered and unrecorded.

        `held` is set when it arrives: the sender is then mid-request and Twilio has
        not accepted the text. `release_held` closes its connection without an
        answer, still unrecorded, as when the sender died before Twilio took it.
        """
        with self.lock:
            self._holds += 1
            self.held.clear()
            self._released.clear()

    def release_held(self) -> None:
        """Let a held request go: its connection is closed, the text never accepted."""
        self._released.set()

    def reset(self) -> None:
        """Forget every accepted message and injected failure (a fresh account)."""
        with self.lock:
            self._messages.clear()
            self._refusals.clear()
            self._next_failures.clear()
            self._drops = self._holds = 0
        self.held.clear()
        self._released.set()

    def set_status(self, sid: str, status: str, *, error_code: int | None = None) -> TwilioMessage:
        """Move a message on, as the carrier would; returns a copy of it."""
        with self.lock:
            [message] = [m for m in self._messages if m.sid == sid]
            message.status, message.error_code = status, error_code
            return replace(message)

    def report_status(
        self,
        sid: str,
        status: str,
        *,
        error_code: int | None = None,
        bad_signature: bool = False,
    ) -> httpx.Response:
        """Move a message on and POST the status callback to its StatusCallback URL."""
        message = self.set_status(sid, status, error_code=error_code)
        assert message.status_callback, f"{sid} was sent without a StatusCallback"
        return send_status_callback(
            message.status_callback,
            sid,
            status,
            self.auth_token,
            account_sid=self.account_sid,
            to=message.to,
            from_=message.from_ or self.numbers[0],
            error_code=error_code,
            bad_signature=bad_signature,
        )

    def handle(self, request: Request) -> Reply | object:
        """Route one REST call."""
        if request.path.startswith(CDN_PATH):
            return self._cdn(request)
        if _MEDIA.search(request.path):
            with self.lock:
                self.media_requests.append((request.path, "Authorization" in request.headers))
        if not self._authorized(request):
            reply = twilio_error(401, 20003, "Authenticate")
            reply.headers["WWW-Authenticate"] = 'Basic realm="Twilio API"'
            return reply
        prefix = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages"
        if not request.path.startswith(prefix):
            return twilio_error(404, 20404, f"The requested resource {request.path} was not found")
        with self.lock:
            if self._next_failures:
                return self._next_failures.pop(0)
        rest = request.path.removeprefix(prefix)
        if request.method == "POST" and rest == ".json":
            return self._create(request.form())
        if request.method == "GET" and rest == ".json":
            return self._list(request.query)
        if request.method == "GET" and (match := _FETCH.fullmatch(rest)):
            return self._fetch(match["sid"], request.path)
        if request.method == "GET" and (match := _MEDIA.fullmatch(rest)):
            with self.lock:
                found = match["sid"] in self._media
            if not found:
                return twilio_error(
                    404, 20404, f"The requested resource {request.path} was not found"
                )
            location = f"{self.base_url}{CDN_PATH}{match['sid']}?X-Amz-Signature=abc"
            return Reply(307, {}, headers={"Location": location})
        return twilio_error(404, 20404, f"The requested resource {request.path} was not found")

    def _cdn(self, request: Request) -> Reply:
        """The storage host a media URL redirects to: signed by its URL, no credentials."""
        had_auth = "Authorization" in request.headers
        with self.lock:
            self.media_requests.append((request.path, had_auth))
            found = self._media.get(request.path.removeprefix(CDN_PATH))
        if had_auth:
            return Reply(400, text="Only one auth mechanism allowed", content_type="text/plain")
        if found is None:
            return Reply(404, text="NoSuchKey", content_type="text/plain")
        content_type, content = found
        return Reply(200, raw=content, content_type=content_type)

    def _authorized(self, request: Request) -> bool:
        scheme, _, encoded = (request.headers.get("Authorization") or "").partition(" ")
        if scheme != "Basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return user == self.account_sid and hmac.compare_digest(password, self.auth_token)

    def _create(self, form: dict[str, str]) -> Reply | object:
        with self.lock:
            hold = self._holds > 0
            self._holds -= hold
        if hold:
            self.held.set()
            self._released.wait(60)
            return DROP
        to, body = form.get("To", ""), form.get("Body", "")
        sender, service = form.get("From"), form.get("MessagingServiceSid")
        callback = form.get("StatusCallback")
        if not to:
            return twilio_error(400, 21604, "A 'To' phone number is required.")
        if not body:
            return twilio_error(400, 21602, "Message body is required.")
        if not sender and not service:
            return twilio_error(400, 21603, "A 'From' phone number is required.")
        if sender and sender not in self.numbers:
            return twilio_error(
                400,
                21606,
                f"The From phone number {sender} is not a valid, SMS-capable inbound phone "
                "number or short code for your account.",
            )
        if service and service != self.messaging_service_sid:
            return twilio_error(400, 21701, f"The Messaging Service Sid {service} is invalid.")
        if not _E164.fullmatch(to):
            return twilio_error(400, 21211, _RECIPIENT_ERRORS[21211].format(to=to))
        if len(body) > 1600:
            return twilio_error(
                400, 21617, "The concatenated message body exceeds the 1600 character limit."
            )
        if callback is not None and not callback.startswith(("http://", "https://")):
            return twilio_error(400, 21609, f"The StatusCallback URL {callback} is not valid.")
        with self.lock:
            if to in self._refusals:
                return self._refusals[to]
            message = TwilioMessage(
                sid="SM" + secrets.token_hex(16),
                to=to,
                from_=sender,
                messaging_service_sid=service,
                body=body,
                # Twilio queues a message with a From; a Messaging Service accepts it first.
                status="queued" if sender else "accepted",
                status_callback=callback,
                date_created=datetime.now(UTC).replace(microsecond=0),
            )
            self._messages.append(message)
            drop = self._drops > 0
            self._drops -= drop
        if drop:
            return DROP
        return Reply(201, message.resource(self.account_sid))

    def _fetch(self, sid: str, path: str) -> Reply:
        with self.lock:
            found = [m.resource(self.account_sid) for m in self._messages if m.sid == sid]
        if not found:
            return twilio_error(404, 20404, f"The requested resource {path} was not found")
        return Reply(200, found[0])

    def _list(self, query: dict[str, str]) -> Reply:
        page_size = int(query.get("PageSize", "50"))
        with self.lock:
            matching = [
                m.resource(self.account_sid)
                for m in reversed(self._messages)  # Twilio lists newest first
                if m.to == query.get("To", m.to) and m.from_ == query.get("From", m.from_)
            ]
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages.json"
        return Reply(
            200,
            {
                "messages": matching[:page_size],
                "end": min(len(matching), page_size) - 1,
                "first_page_uri": f"{uri}?PageSize={page_size}&Page=0",
                "next_page_uri": None,
                "page": 0,
                "page_size": page_size,
                "previous_page_uri": None,
                "start": 0,
                "uri": f"{uri}?PageSize={page_size}&Page=0",
            },
        )


# -- Twilio's side of the webhooks ---------------------------------------------------


def sign(auth_token: str, url: str, form: Mapping[str, str]) -> str:
    """`X-Twilio-Signature` as Twilio's documentation defines it."""
    data = url
    for name in sorted(form):
        data += name + form[name]
    mac = hmac.new(auth_token.encode("utf-8"), data.encode("utf-8"), hashlib.sha1)
    return base64.b64encode(mac.digest()).decode("ascii")


@dataclass(frozen=True)
class SignedWebhook:
    """A webhook request as Twilio would make it; `post()` makes it over HTTP.

    Tests that drive the app in-process can send `form` and `headers` with the
    framework's test client instead.
    """

    url: str
    form: dict[str, str]
    headers: dict[str, str]

    def post(self) -> httpx.Response:
        """POST it as `application/x-www-form-urlencoded`, as Twilio does."""
        with httpx.Client(timeout=5.0) as client:
            return client.post(self.url, data=self.form, headers=self.headers)


def _signed(url: str, form: dict[str, str], auth_token: str, bad_signature: bool) -> SignedWebhook:
    signature = sign(auth_token + ("-wrong" if bad_signature else ""), url, form)
    headers = {"X-Twilio-Signature": signature, "User-Agent": "TwilioProxy/1.1"}
    return SignedWebhook(url, form, headers)


def status_callback(
    url: str,
    sid: str,
    status: str,
    auth_token: str,
    *,
    account_sid: str = TEST_ACCOUNT_SID,
    to: str = "+12025550123",
    from_: str = DEFAULT_NUMBER,
    error_code: int | None = None,
    bad_signature: bool = False,
) -> SignedWebhook:
    """The status callback Twilio sends when message `sid` reaches `status`."""
    form = {
        "ApiVersion": API_VERSION,
        "AccountSid": account_sid,
        "From": from_,
        "MessageSid": sid,
        "MessageStatus": status,
        "SmsSid": sid,
        "SmsStatus": status,
        "To": to,
    }
    if error_code is not None:
        form["ErrorCode"] = str(error_code)
    return _signed(url, form, auth_token, bad_signature)


def inbound(
    url: str,
    from_: str,
    to: str,
    body: str,
    auth_token: str,
    *,
    account_sid: str = TEST_ACCOUNT_SID,
    bad_signature: bool = False,
    media: Sequence[tuple[str, str]] = (),
) -> SignedWebhook:
    """The webhook Twilio sends when `from_` texts `body` to our number `to`.

    `media` are (URL, content type) pairs of an MMS's items.
    """
    sid = "SM" + secrets.token_hex(16)
    form = {
        "AccountSid": account_sid,
        "ApiVersion": API_VERSION,
        "Body": body,
        "From": from_,
        "FromCountry": "US",
        "MessageSid": sid,
        "NumMedia": str(len(media)),
        "NumSegments": "1",
        "SmsMessageSid": sid,
        "SmsSid": sid,
        "SmsStatus": "received",
        "To": to,
        "ToCountry": "US",
    }
    for index, (media_url, content_type) in enumerate(media):
        form[f"MediaUrl{index}"] = media_url
        form[f"MediaContentType{index}"] = content_type
    return _signed(url, form, auth_token, bad_signature)


def send_status_callback(
    url: str,
    sid: str,
    status: str,
    auth_token: str,
    *,
    account_sid: str = TEST_ACCOUNT_SID,
    to: str = "+12025550123",
    from_: str = DEFAULT_NUMBER,
    error_code: int | None = None,
    bad_signature: bool = False,
) -> httpx.Response:
    """POST a status callback to our webhook at `url`, signed (or badly signed)."""
    return status_callback(
        url,
        sid,
        status,
        auth_token,
        account_sid=account_sid,
        to=to,
        from_=from_,
        error_code=error_code,
        bad_signature=bad_signature,
    ).post()


def send_inbound(
    url: str,
    from_: str,
    to: str,
    body: str,
    auth_token: str,
    *,
    account_sid: str = TEST_ACCOUNT_SID,
    bad_signature: bool = False,
) -> httpx.Response:
    """POST an incoming text to our webhook at `url`, signed (or badly signed)."""
    return inbound(
        url, from_, to, body, auth_token, account_sid=account_sid, bad_signature=bad_signature
    ).post()
