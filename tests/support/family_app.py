"""A real `desk server` whose codes go to a log file, and a guardian's browser of it.

`family_server` starts a server with the log provider for every channel and one
delivery worker, so a sign-in code really goes through the job queue and lands
as a JSON line the test reads back (`FamilyServer.code_for`). `FamilyVisitor` is a
guardian's browser at the HTTP level: it keeps cookies, reads each form's CSRF
token from the page it was given, and signs in with the code from the log.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from PIL import Image

from desk.core.ids import new_id
from desk.core.kinds import Direction, PersonKind, ThreadKind, ThreadStatus
from desk.server import orm
from desk.server.db import Database
from desk.server.orm.base import utcnow
from desk.server.versioning import stamp
from tests.support.factories import CentreIds
from tests.support.polling import wait_until
from tests.support.server_process import ServerProcess, run_server

_sources = itertools.count(secrets.randbelow(1 << 22))
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_CODE = re.compile(r"\b(\d{6})\b")


@dataclass
class FamilyServer:
    """The process and the file its providers write every text and email to."""

    process: ServerProcess
    outbox: Path

    @property
    def url(self) -> str:
        """The server's base URL."""
        return self.process.url

    def sent_to(self, address: str) -> list[dict[str, str]]:
        """Every text or email written for `address`, oldest first."""
        if not self.outbox.exists():
            return []
        lines = [json.loads(line) for line in self.outbox.read_text().splitlines() if line]
        return [line for line in lines if line.get("to") == address]

    def codes_to(self, address: str) -> list[str]:
        """The sign-in codes sent to `address` so far, oldest first."""
        lines = self.sent_to(address)
        found = [
            _CODE.search(line.get("body") or line.get("body_text") or "")
            for line in lines
            if str(line.get("idempotency_key", "")).startswith("family-code-")
        ]
        return [match.group(1) for match in found if match]

    def code_for(self, address: str, after: int = 0) -> str:
        """The first code sent to `address` after the first `after` codes."""
        wait_until(lambda: len(self.codes_to(address)) > after, f"a code sent to {address}")
        return self.codes_to(address)[after]


@contextmanager
def family_server(
    database_url: str, folder: Path, extra_env: dict[str, str] | None = None
) -> Iterator[FamilyServer]:
    """Start a server sending through the log provider; stop it after.

    `extra_env` adds settings (`DESK_WEB_PUSH_SERVICES` for a push-service double).
    """
    outbox = folder / "outbox.jsonl"
    config = folder / "desk.toml"
    config.write_text(
        "".join(
            f'[providers.{channel}]\nkind = "log"\npath = "{outbox}"\n'
            for channel in ("sms", "email", "push")
        )
    )
    env = {
        "DESK_CONFIG": str(config),
        "DESK_WORKERS": "1",
        "DESK_ATTACHMENTS_DIR": str(folder / "attachments"),
        **(extra_env or {}),
    }
    with run_server(database_url, env=env, log_dir=folder) as process:
        yield FamilyServer(process, outbox)


def _new_source() -> str:
    """A private IPv4 address no other visitor of this run has."""
    n = next(_sources)
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


class FamilyVisitor:
    """One browser of the family app, talking HTTP to the real server."""

    def __init__(
        self, server: FamilyServer, *, language: str = "en", source: str | None = None
    ) -> None:
        self.server = server
        # The server trusts X-Forwarded-For from loopback: each visitor is its own
        # source address, so one test's throttling never reaches another's.
        self.source = source or _new_source()
        self.http = httpx.Client(
            base_url=server.url,
            timeout=30,
            headers={"Accept-Language": language, "X-Forwarded-For": self.source},
        )
        self.csrf = ""
        self.page = ""

    def close(self) -> None:
        """Drop the connection."""
        self.http.close()

    def get(self, path: str) -> httpx.Response:
        """Open a page, keeping the CSRF token its forms carry."""
        response = self.http.get(path)
        self._remember(response)
        return response

    def post(self, path: str, data: Mapping[str, object], **kwargs: object) -> httpx.Response:
        """Submit a form with the CSRF token of the last page (unless `data` has one)."""
        response = self.http.post(path, data={"csrf": self.csrf, **data}, **kwargs)  # type: ignore[arg-type]
        self._remember(response)
        return response

    def ask_code(self, centre_id: str, address: str) -> httpx.Response:
        """Open the centre's sign-in page and ask for a code for `address`."""
        self.get(f"/family/sign-in?centre={centre_id}")
        return self.post("/family/sign-in", {"centre": centre_id, "address": address})

    def give_code(self, centre_id: str, address: str, code: str) -> httpx.Response:
        """Type the code; a success redirects to the conversation list."""
        return self.post("/family/code", {"centre": centre_id, "address": address, "code": code})

    def sign_in(self, centre_id: str, address: str) -> None:
        """The whole flow: ask, read the code from the outbox, type it."""
        before = len(self.server.codes_to(address))
        assert self.ask_code(centre_id, address).status_code == 200
        answer = self.give_code(centre_id, address, self.server.code_for(address, before))
        assert answer.status_code == 303, answer.text
        assert self.get("/family/").status_code == 200

    def _remember(self, response: httpx.Response) -> None:
        if "text/html" in response.headers.get("content-type", ""):
            self.page = response.text
            if found := _CSRF.search(response.text):
                self.csrf = found.group(1)


def post_from_office(
    database: Database, centre: CentreIds, thread_id: str, body: str, *, staff: str = "admin"
) -> str:
    """A message from a staff member in a thread, as the office would have sent it."""
    message_id = new_id()
    with database.writing() as session:
        thread = session.get_one(orm.Thread, thread_id)
        session.add(
            orm.Message(
                id=message_id,
                centre_id=centre.centre,
                thread_id=thread_id,
                direction=Direction.OUTBOUND,
                author_kind=PersonKind.STAFF,
                author_id=getattr(centre, staff),
                body=body,
                created_at=utcnow(),
            )
        )
        thread.last_message_at = utcnow()
        thread.last_message_preview = body
        thread.message_count += 1
        thread.status = ThreadStatus.OPEN
        stamp(session, centre.centre)
    return message_id


def new_thread(
    database: Database,
    centre: CentreIds,
    kind: ThreadKind,
    *,
    family_id: str | None = None,
    guardian: str | None = None,
    members: tuple[str, ...] = (),
    title: str = "",
) -> str:
    """A thread of the centre: a private parent thread, or a group of `members`.

    `guardian` and `members` name guardians by their factory key ("ann"); members
    also take "admin", "office" or "teacher".
    """
    thread_id = new_id()
    now = utcnow()
    with database.writing() as session:
        session.add(
            orm.Thread(
                id=thread_id,
                centre_id=centre.centre,
                kind=kind,
                family_id=family_id,
                guardian_id=centre.guardians[guardian] if guardian else None,
                title=title,
                status=ThreadStatus.OPEN,
                created_at=now,
            )
        )
        session.flush()
        for member in members:
            staff = member in ("admin", "office", "teacher")
            session.add(
                orm.Participant(
                    id=new_id(),
                    centre_id=centre.centre,
                    thread_id=thread_id,
                    person_kind=PersonKind.STAFF if staff else PersonKind.GUARDIAN,
                    person_id=getattr(centre, member) if staff else centre.guardians[member],
                    joined_at=now,
                )
            )
        stamp(session, centre.centre)
    return thread_id


def png_bytes() -> bytes:
    """A small real PNG image."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()
