"""MMS photos and files: fetched from Twilio after the text is stored (issue 14 item 2).

Twilio's inbound webhook names each media item by URL (`MediaUrl{N}`) rather than
carrying it. The webhook stores the text at once and enqueues one `fetch_media` job
per message, and a worker fetches the items: Twilio gives a webhook 15 seconds and
retries it on a timeout, and ten items of up to 20 MB over a slow link would not
fit in that, so fetching in the request could double-post nothing (it is idempotent)
but would keep a carrier retrying and a request thread busy. The job also retries a
carrier that is briefly unreachable, where the request could not.

Each fetch:
- goes only to http(s) URLs, and follows at most `MAX_REDIRECTS` redirects, each
  to http(s) as well;
- sends the account's credentials (HTTP basic auth, as Twilio requires) only with
  the first request, and only when it goes to Twilio's own API origin: never after
  a redirect (Twilio sends the client on to a storage URL signed by itself, which
  refuses a second credential) nor to any other host a webhook names;
- refuses a declared length over the attachment limit before reading, counts the
  bytes while they stream into the store, and gives up past `FETCH_SECONDS`;
- stores the file with the same checks as any upload, under a name made from the
  declared type (an MMS item has no name of its own), e.g. "MMS 1.jpg".

A refused item (wrong kind, too large, not http, gone), or one still unreachable
after `ATTEMPTS` tries, is not attached: a note in the message says so, and the text
is never lost.
"""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3

from desk.core.attachments import MAX_BYTES, AttachmentRefused, kind_of_type, with_notes
from desk.server.attachments.incoming import store_chunks
from desk.server.attachments.store import BlobStore
from desk.server.commands.attachments import CheckedFile, attach_file
from desk.server.db import Database
from desk.server.delivery.replies import PREVIEW_LENGTH
from desk.server.delivery.writes import centre_write
from desk.server.jobs.backoff import retry_delay
from desk.server.jobs.queue import ClaimedJob, NewJob, Settlement, settle_many
from desk.server.notify import Announcer
from desk.server.orm import Message, Thread
from desk.server.providers.config import TwilioSettings
from desk.server.providers.twilio import InboundMedia, InboundSms

log = logging.getLogger(__name__)

FETCH_MEDIA = "fetch_media"
ATTEMPTS = 4
"""Tries at an unreachable item (about half a minute in all) before it is noted as lost."""
MAX_REDIRECTS = 5
FETCH_SECONDS = 120.0
"""Longest one item may take to arrive; past it the attempt counts as failed."""
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class Unreachable(Exception):
    """The item could not be fetched now; a later attempt may succeed."""


def media_job(centre_id: str, message_id: str, sms: InboundSms) -> NewJob | None:
    """The job fetching a text's media, or None when it has none to fetch."""
    if not sms.media and not sms.unreadable_media:
        return None
    return NewJob(
        FETCH_MEDIA,
        centre_id,
        f"media:{message_id}",
        {
            "message_id": message_id,
            "media": [{"url": m.url, "content_type": m.content_type} for m in sms.media],
            "unreadable": sms.unreadable_media,
            "done": [],
        },
    )


@dataclass(frozen=True)
class _Outcome:
    """What one attempt at a job's items gave."""

    files: dict[int, CheckedFile]
    notes: dict[int, str]
    pending: list[int]
    error: str


class MediaFetcher:
    """The handler of `fetch_media` jobs.

    Args:
        twilio: the account whose credentials fetch the media, and whose API origin
            (`base_url`) alone is sent them.
    """

    def __init__(
        self,
        database: Database,
        announcer: Announcer | None,
        store: BlobStore,
        twilio: TwilioSettings,
        *,
        fetch_seconds: float = FETCH_SECONDS,
    ) -> None:
        self._database = database
        self._announcer = announcer
        self._store = store
        self._origin = _origin(twilio.base_url)
        token = base64.b64encode(f"{twilio.account_sid}:{twilio.auth_token}".encode()).decode()
        self._auth = {"Authorization": f"Basic {token}"}
        self._fetch_seconds = fetch_seconds
        self._http = urllib3.PoolManager(
            num_pools=4,
            timeout=urllib3.Timeout(connect=10.0, read=30.0),
            retries=False,
            headers={"User-Agent": "front-desk-server"},
        )

    def __call__(self, jobs: list[ClaimedJob]) -> None:
        """Fetch each job's items, attach what arrived, note what will not."""
        settlements = [self._run(job) for job in jobs]
        with self._database.writing() as session:
            settle_many(session, settlements)

    def close(self) -> None:
        """Close the connection pools."""
        self._http.clear()

    def _run(self, job: ClaimedJob) -> Settlement:
        payload: dict[str, Any] = dict(job.payload)
        items = [InboundMedia(m["url"], m["content_type"]) for m in payload["media"]]
        done = set(payload.get("done", []))
        last_try = job.attempts >= ATTEMPTS
        outcome = self._fetch_all(job.centre_id, items, done, last_try)
        notes = list(outcome.notes.items())
        if not done and payload.get("unreadable"):  # noted once, with the first attempt
            count = int(payload["unreadable"])
            notes.append((-1, f"{count} media item(s) the carrier did not say where to fetch"))
        self._write(job.centre_id, str(payload["message_id"]), outcome.files, notes)
        payload["done"] = sorted(done | set(outcome.files) | set(outcome.notes))
        if outcome.pending:
            return Settlement(
                job.id,
                error=outcome.error,
                retry_in=retry_delay(job.attempts),
                payload=payload,
            )
        return Settlement(job.id, payload=payload)

    def _fetch_all(
        self, centre_id: str, items: list[InboundMedia], done: set[int], last_try: bool
    ) -> _Outcome:
        files: dict[int, CheckedFile] = {}
        notes: dict[int, str] = {}
        pending: list[int] = []
        error = ""
        for index, item in enumerate(items):
            if index in done:
                continue
            try:
                files[index] = self.fetch(centre_id, item, f"MMS {index + 1}")
            except AttachmentRefused as refusal:
                notes[index] = f"MMS item {index + 1}: {refusal}"
            except Unreachable as failure:
                log.warning("MMS item %d not fetched: %s", index + 1, failure)
                error = str(failure)
                if last_try:
                    notes[index] = f"MMS item {index + 1} could not be fetched ({failure})"
                else:
                    pending.append(index)
        return _Outcome(files, notes, pending, error)

    def fetch(self, centre_id: str, item: InboundMedia, stem: str) -> CheckedFile:
        """Fetch one item into the store and answer what to attach.

        Raises:
            AttachmentRefused: a lasting refusal (kind, size, scheme, the carrier's 4xx).
            Unreachable: a failure worth another attempt (network, 5xx, 429, timeout).
        """
        kind = kind_of_type(item.content_type)
        name = stem + kind.extensions[0]
        url = item.url
        for hop in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme not in ("http", "https"):
                raise AttachmentRefused("its address is not an http(s) URL, so it was not fetched.")
            headers = self._auth if hop == 0 and _origin(url) == self._origin else {}
            try:
                response = self._http.request(
                    "GET", url, headers=headers, redirect=False, preload_content=False
                )
            except urllib3.exceptions.HTTPError as error:
                raise Unreachable(f"the carrier could not be reached: {error}") from error
            try:
                if response.status != 200:
                    response.drain_conn()  # a short answer: read it, keep the connection
                if response.status in _REDIRECTS:
                    url = urljoin(url, response.headers.get("Location", ""))
                    continue
                if response.status == 429 or response.status >= 500:
                    raise Unreachable(f"the carrier answered {response.status}")
                if response.status != 200:
                    raise AttachmentRefused(f"the carrier answered {response.status}.")
                return self._keep(centre_id, name, response)
            finally:
                response.release_conn()
        raise AttachmentRefused(f"the carrier redirected it more than {MAX_REDIRECTS} times.")

    def _keep(self, centre_id: str, name: str, response: urllib3.BaseHTTPResponse) -> CheckedFile:
        """Stream a 200 answer into the store; a body left unread closes its connection."""
        declared = response.headers.get("Content-Length", "")
        try:
            if declared.isdigit() and int(declared) > MAX_BYTES:
                raise AttachmentRefused(
                    f"it is {int(declared) / 1024 / 1024:.1f} MB; attachments can be at "
                    f"most {MAX_BYTES // 1024 // 1024} MB."
                )
            try:
                return store_chunks(self._store, centre_id, name, self._body(response))
            except (urllib3.exceptions.HTTPError, TimeoutError) as error:
                raise Unreachable(f"the download broke off: {error}") from error
            except OSError as error:
                raise Unreachable(f"the attachment store did not take it: {error}") from error
        except BaseException:
            response.close()
            raise

    def _body(self, response: urllib3.BaseHTTPResponse) -> Iterator[bytes]:
        """The body's chunks, until `fetch_seconds` have passed."""
        deadline = time.monotonic() + self._fetch_seconds
        for chunk in response.stream(_CHUNK):
            if time.monotonic() > deadline:
                raise TimeoutError(f"it took longer than {self._fetch_seconds:.0f} seconds")
            yield chunk

    def _write(
        self,
        centre_id: str,
        message_id: str,
        files: dict[int, CheckedFile],
        notes: list[tuple[int, str]],
    ) -> None:
        if not files and not notes:
            return
        with centre_write(self._database, self._announcer, centre_id) as session:
            message = session.get(Message, message_id)
            if message is None or message.deleted:
                return  # removed since: nothing to attach to
            for index, file in sorted(files.items()):
                attach_file(session, message, index, file)
            if notes:
                message.body = with_notes(message.body, [note for _, note in sorted(notes)])
            thread = session.get_one(Thread, message.thread_id)
            if not thread.last_message_preview and thread.last_message_at == message.created_at:
                # A photo sent without words: the thread list names it, as for an upload.
                first = files[min(files)].name if files else message.body
                thread.last_message_preview = first[:PREVIEW_LENGTH]


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()
