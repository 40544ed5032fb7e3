"""The page a texted link opens: one message's files, without signing in.

`GET /f/{token}` lists the files of the message the link was texted with, and
`GET /f/{token}/{attachment_id}` serves one of them; nothing else is reachable
with the token, not even another attachment of the same centre. An unknown token
answers 404 and an expired one 410, each with a page saying so in the browser's
language. Each opening of the list is audited in the message's conversation, with
the number the link was texted to.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.core.attachments import IMAGE_TYPES
from desk.core.ids import new_id
from desk.core.kinds import AuditAction
from desk.server.attachments.links import LINK_PATH, LinkState, find_link
from desk.server.attachments.serving import blob_response, content_disposition
from desk.server.attachments.store import BlobStore
from desk.server.db import Database
from desk.server.delivery.writes import centre_write
from desk.server.family.i18n import browser_language, translator
from desk.server.family.pages import HEADERS, render
from desk.server.family.times import centre_zone, local_when
from desk.server.orm import Attachment, AttachmentLink, AuditEvent, Centre, Delivery, Message
from desk.server.orm.base import utcnow

router = APIRouter(prefix=LINK_PATH.rstrip("/"), include_in_schema=False)


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _refusal(request: Request, state: LinkState) -> Response:
    language = browser_language(request.headers.get("accept-language", ""))
    t = translator(language)
    if state is LinkState.EXPIRED:
        return render("problem.html", t, language, 410, message=t("link_expired"))
    return render("problem.html", t, language, 404, message=t("link_unknown"))


@router.get("/{token}")
def link_page(request: Request, token: str) -> Response:
    """The list of the message's files; audited."""
    database: Database = request.app.state.database
    now = utcnow()
    with database.reading() as session:
        state, link = find_link(session, token[:64], now)
        if state is not LinkState.OPEN or link is None:
            return _refusal(request, state)
        session.expunge(link)
    with centre_write(database, request.app.state.announcer, link.centre_id) as session:
        files = [
            {
                "href": f"{LINK_PATH}{token}/{a.id}",
                "name": a.filename,
                "size": _size(a.size),
            }
            for a in _attachments(session, link)
        ]
        centre_row = session.get_one(Centre, link.centre_id)
        centre, zone = centre_row.name, centre_zone(centre_row.timezone)
        message = session.get_one(Message, link.message_id)
        delivery = session.get(Delivery, link.delivery_id)
        session.add(
            AuditEvent(
                id=new_id(),
                centre_id=link.centre_id,
                at=now,
                action=AuditAction.LINK_OPENED,
                actor_kind="phone",
                actor_label=delivery.address if delivery is not None else "",
                thread_id=message.thread_id,
                message_id=message.id,
                phone=delivery.address if delivery is not None else None,
                detail=f"the texted link to {len(files)} attachment(s) was opened",
            )
        )
    language = browser_language(request.headers.get("accept-language", ""))
    until = local_when(link.expires_at, zone, language, now)
    return render(
        "link.html", translator(language), language, centre=centre, until=until, files=files
    )


@router.get("/{token}/{attachment_id}")
def link_file(request: Request, token: str, attachment_id: str) -> Response:
    """One file of the link's message (images shown, others downloaded)."""
    database: Database = request.app.state.database
    with database.reading() as session:
        state, link = find_link(session, token[:64], utcnow())
        if state is not LinkState.OPEN or link is None:
            return _refusal(request, state)
        found = [a for a in _attachments(session, link) if a.id == attachment_id[:36]]
        if not found:
            return _refusal(request, LinkState.UNKNOWN)
        attachment = found[0]
        session.expunge(attachment)
    store: BlobStore = request.app.state.blobs
    if not store.exists(attachment.centre_id, attachment.sha256):
        return _refusal(request, LinkState.UNKNOWN)
    inline = attachment.mime_type in IMAGE_TYPES
    return blob_response(
        store,
        attachment.centre_id,
        attachment.sha256,
        media_type=attachment.mime_type,
        size=attachment.size,
        headers={
            **HEADERS,
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "Content-Disposition": content_disposition(
                "inline" if inline else "attachment", attachment.filename
            ),
        },
    )


def _attachments(session: Session, link: AttachmentLink) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment)
            .where(
                Attachment.message_id == link.message_id,
                Attachment.centre_id == link.centre_id,
                ~Attachment.deleted,
            )
            .order_by(Attachment.id)
        )
    )
