"""The family app's pages under `/family/` (issue 14 item 1; docs/family-app.md).

Every POST carries a CSRF token: the session's once signed in, and before that a
double-submit token set as its own cookie, so no other site can post a sign-in or
a reply for a guardian. Every page and POST about a conversation asks
`access.readable_thread`; what a guardian may not read answers 404 like what does
not exist.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core.attachments import IMAGE_TYPES, AttachmentRefused
from desk.core.family_codes import SESSION_LIFETIME
from desk.core.ids import new_id
from desk.core.kinds import PersonKind, ThreadKind
from desk.server.attachments.incoming import store_upload
from desk.server.attachments.serving import blob_response, content_disposition
from desk.server.attachments.store import BlobStore
from desk.server.commands.attachments import CheckedFile, add_attachments
from desk.server.config import ServerSettings
from desk.server.db import Database
from desk.server.delivery.replies import PREVIEW_LENGTH, Answered, post_reply
from desk.server.delivery.writes import centre_write
from desk.server.family import access, signin
from desk.server.family.i18n import Translate, browser_language, translator
from desk.server.family.pages import STYLE_SHEET, render
from desk.server.family.times import centre_zone, local_when
from desk.server.notify import Announcer
from desk.server.orm import Blob, Centre, Guardian, Thread
from desk.server.orm.base import utcnow
from desk.server.throttle import TooManyAttempts, address_key

router = APIRouter(prefix="/family", include_in_schema=False)

SESSION_COOKIE = "desk_family"
FORM_COOKIE = "desk_family_form"
_MAX_BODY = 4000


def database_of(request: Request) -> Database:
    """The server's database, as the app was built with it."""
    database: Database = request.app.state.database
    return database


def _secure(request: Request) -> bool:
    """Cookies are Secure over TLS, or whenever the public URL is https."""
    settings: ServerSettings = request.app.state.settings
    return request.url.scheme == "https" or settings.public_url.startswith("https://")


def _source(request: Request) -> str:
    return address_key(request.client.host if request.client else None)


class Guest:
    """A browser not signed in: its language and its double-submit form token."""

    def __init__(self, request: Request) -> None:
        self.language = browser_language(request.headers.get("accept-language", ""))
        self.t: Translate = translator(self.language)
        self.form_token = request.cookies.get(FORM_COOKIE, "")
        self.fresh = not self.form_token
        if self.fresh:
            self.form_token = secrets.token_urlsafe(32)
        self._secure = _secure(request)

    def finish(self, response: Response) -> Response:
        """Set the form token cookie when this browser had none."""
        if self.fresh:
            response.set_cookie(
                FORM_COOKIE,
                self.form_token,
                httponly=True,
                samesite="lax",
                secure=self._secure,
                path="/family/",
            )
        return response


class Member:
    """A signed-in guardian, as a request sees them."""

    def __init__(self, who: signin.SignedIn, token: str) -> None:
        self.who = who
        self.token = token
        self.t: Translate = translator(who.language)
        self.language = who.language


def _member(request: Request) -> Member | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    who = signin.signed_in(database_of(request), token, utcnow())
    return Member(who, token) if who is not None else None


MemberDep = Annotated[Member | None, Depends(_member)]


def to_sign_in() -> RedirectResponse:
    """Send a browser that is not signed in to the sign-in page."""
    return RedirectResponse("/family/sign-in", status_code=303)


def forbidden(t: Translate, language: str) -> Response:
    """403: a form without its CSRF token; nothing was changed."""
    return render("problem.html", t, language, 403, message=t("forbidden"))


def not_found(member: Member) -> Response:
    """404: what does not exist and what is not the guardian's answer alike."""
    return render("problem.html", member.t, member.language, 404, message=member.t("not_found"))


@router.get("/static/family.css")
def style_sheet() -> Response:
    """The app's one style sheet."""
    return Response(
        STYLE_SHEET, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
    )


@router.get("/sign-in")
def sign_in_page(request: Request, member: MemberDep, centre: str = "") -> Response:
    """Ask for the phone number or email address on file."""
    if member is not None:
        return RedirectResponse("/family/", status_code=303)
    guest = Guest(request)
    page = render(
        "sign_in.html",
        guest.t,
        guest.language,
        centre=centre[:36],
        csrf_token=guest.form_token,
        address="",
        error="",
    )
    return guest.finish(page)


@router.post("/sign-in")
def send_code(
    request: Request,
    centre: Annotated[str, Form(max_length=36)] = "",
    address: Annotated[str, Form(max_length=254)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Send a code if the address is on file; the same answer either way."""
    guest = Guest(request)
    if not signin.csrf_ok(guest.form_token, csrf) or guest.fresh:
        return guest.finish(forbidden(guest.t, guest.language))
    stored = signin.address_of(address)

    def again(error: str, status: int) -> Response:
        return render(
            "sign_in.html",
            guest.t,
            guest.language,
            status,
            centre=centre,
            csrf_token=guest.form_token,
            address=address,
            error=error,
        )

    if stored is None or not centre:
        return again(guest.t("address_missing"), 400)
    try:
        signin.request_code(database_of(request), centre, stored, _source(request), utcnow())
    except TooManyAttempts as refusal:
        return again(guest.t("too_many", seconds=refusal.seconds), 429)
    wake_workers(request)
    return render(
        "code.html",
        guest.t,
        guest.language,
        centre=centre,
        address=stored,
        csrf_token=guest.form_token,
        error="",
    )


@router.post("/code")
def check_code(
    request: Request,
    centre: Annotated[str, Form(max_length=36)] = "",
    address: Annotated[str, Form(max_length=254)] = "",
    code: Annotated[str, Form(max_length=20)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Sign in with the code; a wrong, used or expired code is refused alike."""
    guest = Guest(request)
    if not signin.csrf_ok(guest.form_token, csrf) or guest.fresh:
        return guest.finish(forbidden(guest.t, guest.language))
    stored = signin.address_of(address) or ""

    def again(error: str, status: int) -> Response:
        return render(
            "code.html",
            guest.t,
            guest.language,
            status,
            centre=centre,
            address=stored,
            csrf_token=guest.form_token,
            error=error,
        )

    try:
        token = signin.check_code(
            database_of(request), centre, stored, code, _source(request), utcnow()
        )
    except TooManyAttempts as refusal:
        return again(guest.t("too_many", seconds=refusal.seconds), 429)
    if token is None:
        return again(guest.t("code_wrong"), 400)
    response = RedirectResponse("/family/", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/family/",
    )
    return response


@router.post("/sign-out")
def sign_out(
    request: Request, member: MemberDep, csrf: Annotated[str, Form(max_length=100)] = ""
) -> Response:
    """End this browser's session."""
    if member is None:
        return to_sign_in()
    if not signin.csrf_ok(member.who.csrf_token, csrf):
        return forbidden(member.t, member.language)
    signin.sign_out(database_of(request), member.token)
    response = to_sign_in()
    response.delete_cookie(SESSION_COOKIE, path="/family/")
    return response


@router.get("/")
def conversation_list(request: Request, member: MemberDep) -> Response:
    """The guardian's conversations, latest first, with unread markers."""
    if member is None:
        return to_sign_in()
    t = member.t
    with database_of(request).reading() as session:
        guardian = session.get_one(Guardian, member.who.guardian_id)
        when = _clock(session, member)
        rows = [
            {
                "id": row.thread.id,
                "title": _title(session, row.thread, t),
                "preview": row.thread.last_message_preview,
                "when": when(row.thread.last_message_at),
                "unread": row.unread,
            }
            for row in access.conversations(session, guardian)
        ]
    return render(
        "list.html",
        t,
        member.language,
        rows=rows,
        csrf_token=member.who.csrf_token,
        signed_in=True,
    )


@router.get("/c/{thread_id}")
def conversation(
    request: Request, member: MemberDep, thread_id: str, before: str | None = None
) -> Response:
    """A conversation's newest messages, oldest first; opening it writes receipts."""
    if member is None:
        return to_sign_in()
    return _conversation_page(request, member, thread_id[:36], before)


@router.post("/c/{thread_id}/reply")
def reply(
    request: Request,
    member: MemberDep,
    thread_id: str,
    body: Annotated[str, Form(max_length=_MAX_BODY)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
    photo: UploadFile | None = None,
) -> Response:
    """Post the guardian's reply (and photo) as a texted reply would be posted."""
    if member is None:
        return to_sign_in()
    if not signin.csrf_ok(member.who.csrf_token, csrf):
        return forbidden(member.t, member.language)
    t, who = member.t, member.who
    database = database_of(request)
    with database.reading() as session:
        guardian = session.get_one(Guardian, who.guardian_id)
        try:
            thread = access.readable_thread(session, guardian, thread_id)
        except access.NotReadable:
            return not_found(member)
        if thread.stopped:
            return _conversation_page(request, member, thread_id, None, status=409)
    text = body.strip()
    files: list[CheckedFile] = []
    if photo is not None and photo.filename:
        try:
            files.append(store_upload(_store(request), who.centre_id, photo.filename, photo.file))
        except AttachmentRefused as refusal:
            error = t("refused_file", reason=str(refusal))
            return _conversation_page(request, member, thread_id, None, error=error, status=422)
    if not text and not files:
        return _conversation_page(
            request, member, thread_id, None, error=t("empty_reply"), status=400
        )
    announcer: Announcer = request.app.state.announcer
    now = utcnow()
    with centre_write(database, announcer, who.centre_id) as session:
        guardian = session.get_one(Guardian, who.guardian_id)
        try:
            thread = access.readable_thread(session, guardian, thread_id)
        except access.NotReadable:
            return not_found(member)
        if thread.stopped:
            return _conversation_page(request, member, thread_id, None, status=409)
        for file in files:
            if session.get(Blob, (who.centre_id, file.sha256)) is None:
                session.add(
                    Blob(
                        centre_id=who.centre_id,
                        sha256=file.sha256,
                        size=file.size,
                        mime_type=file.mime_type,
                        uploaded_by=guardian.id,
                        created_at=now,
                    )
                )
        message = post_reply(session, Answered(thread, guardian.id), new_id(), None, text, now)
        if not text:
            thread.last_message_preview = files[0].name[:PREVIEW_LENGTH]
        add_attachments(session, message, files)
    wake_workers(request)
    return RedirectResponse(f"/family/c/{thread_id}?sent=1#latest", status_code=303)


@router.get("/files/{attachment_id}")
def download(request: Request, member: MemberDep, attachment_id: str) -> Response:
    """An attachment of a conversation the guardian may read: images inline."""
    if member is None:
        return to_sign_in()
    with database_of(request).reading() as session:
        guardian = session.get_one(Guardian, member.who.guardian_id)
        try:
            attachment = access.readable_attachment(session, guardian, attachment_id[:36])
        except access.NotReadable:
            return not_found(member)
        sha256, name, mime = attachment.sha256, attachment.filename, attachment.mime_type
        size = attachment.size
    store = _store(request)
    if not store.exists(member.who.centre_id, sha256):
        return not_found(member)
    inline = mime in IMAGE_TYPES
    return blob_response(
        store,
        member.who.centre_id,
        sha256,
        media_type=mime,
        size=size,
        headers={
            "Content-Disposition": content_disposition("inline" if inline else "attachment", name),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "Cache-Control": "private, no-store",
        },
    )


@dataclass(frozen=True, slots=True)
class FileLink:
    """An attachment as the conversation page links it."""

    id: str
    name: str
    image: bool


@dataclass(frozen=True, slots=True)
class Bubble:
    """One message as the conversation page shows it.

    Attributes rather than a dict: Jinja reads `m.body` with `getattr` first, and on
    a dict that fails and raises before it falls back to the key, for every field of
    every message on the page.
    """

    author: str
    mine: bool
    when: str
    subject: str
    body: str
    files: list[FileLink]
    latest: bool


def _conversation_page(
    request: Request,
    member: Member,
    thread_id: str,
    before: str | None,
    *,
    error: str = "",
    status: int = 200,
) -> Response:
    """The page, read in a read transaction; receipts, if any are owed, in a write after.

    Reopening a page already read therefore never waits for the centre's write
    lock (on SQLite, the whole database's) behind a busy delivery worker.
    """
    t, who = member.t, member.who
    with database_of(request).reading() as session:
        guardian = session.get_one(Guardian, who.guardian_id)
        when = _clock(session, member)
        try:
            thread = access.readable_thread(session, guardian, thread_id)
            shown, older = access.page(session, thread, guardian, before)
        except access.NotReadable:
            return not_found(member)
        owed = access.unread(session, guardian, shown)
        with_people = ""
        if thread.kind == ThreadKind.GROUP:
            staff, others = access.people_of(session, thread, guardian)
            people = [*staff, t("other_families")] if others else staff
            with_people = t("conversation_with", people=", ".join(people)) if people else ""
        title, stopped = _title(session, thread, t), thread.stopped
    if owed:
        _mark_read(request, who, owed)
    messages = [
        Bubble(
            _author(item.author, t),
            item.author == "you",
            when(item.created_at),
            item.subject,
            item.body,
            [FileLink(f.id, f.filename, f.mime_type in IMAGE_TYPES) for f in item.files],
            n == len(shown) - 1,
        )
        for n, item in enumerate(shown)
    ]
    notice = t("sent") if request.query_params.get("sent") and not error else ""
    return render(
        "conversation.html",
        t,
        member.language,
        status,
        thread_id=thread_id,
        title=title,
        with_people=with_people,
        messages=messages,
        older=older,
        stopped=stopped,
        csrf_token=who.csrf_token,
        signed_in=True,
        error=error,
        notice=notice,
    )


def _mark_read(request: Request, who: signin.SignedIn, message_ids: list[str]) -> None:
    """Write the guardian's receipts for `message_ids` and wake the office's long-polls."""
    announcer: Announcer = request.app.state.announcer
    with database_of(request).writing() as session:
        version = access.mark_read(session, who.centre_id, who.guardian_id, message_ids, utcnow())
        announcer.before_commit(session, who.centre_id, version)
    announcer.after_commit(who.centre_id, version)


def _title(session: Session, thread: Thread, t: Translate) -> str:
    if thread.kind == ThreadKind.OFFICE:
        return t("office_chat")
    if thread.kind == ThreadKind.CLASSROOM:
        return t("classroom_chat", room=access.room_name(session, thread))
    return t("group_chat", title=thread.title)


def _author(label: str, t: Translate) -> str:
    kind, _, name = label.partition(":")
    if kind == "you":
        return t("you")
    if kind in (PersonKind.STAFF, "family"):
        return name or t("staff")
    return t("another_family")


def _clock(session: Session, member: Member) -> Callable[[datetime | None], str]:
    """How this page writes a time: the centre's zone, the guardian's language."""
    zone = centre_zone(
        session.scalar(select(Centre.timezone).where(Centre.id == member.who.centre_id)) or ""
    )
    now = utcnow()
    return lambda at: local_when(at, zone, member.language, now)


def _store(request: Request) -> BlobStore:
    store: BlobStore = request.app.state.blobs
    return store


def wake_workers(request: Request) -> None:
    """Send now rather than at the workers' next look (a guardian waits for the code)."""
    sending = getattr(request.app.state, "delivery", None)
    if sending is not None:
        sending.pool.wake()
