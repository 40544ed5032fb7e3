"""Twilio's webhooks: incoming texts and delivery status callbacks.

Nothing in a webhook is believed before its `X-Twilio-Signature` checks out against
the SMS provider's auth token and the public URL Twilio was given (`public_url`, so
a proxy in front of the server does not break the signature). A bad signature gets
403 and stores nothing. Twilio retries a webhook that fails, so both endpoints are
idempotent: an incoming text is keyed by its MessageSid, and a status only ever
moves a delivery forward.
"""

from __future__ import annotations

from urllib.parse import parse_qsl
from xml.sax.saxutils import escape

from fastapi import APIRouter, HTTPException, Path, Request, Response
from fastapi.concurrency import run_in_threadpool

from desk.server.api.problems import problems
from desk.server.db import Database
from desk.server.delivery.inbound import Received, receive_sms
from desk.server.delivery.receipts import (
    OPTED_OUT_SMS_CODES,
    STATE_OF,
    UNREACHABLE_SMS_CODES,
    Settler,
    tracks_deliveries,
)
from desk.server.delivery.writes import centre_write
from desk.server.fields import NO_NUL
from desk.server.notify import Announcer
from desk.server.orm import Centre, Delivery, Message
from desk.server.orm.base import utcnow
from desk.server.providers import DeliveryState
from desk.server.providers.config import TwilioSettings
from desk.server.providers.twilio import (
    MalformedWebhook,
    StatusUpdate,
    parse_inbound,
    parse_status_callback,
    validate_twilio_signature,
)

router = APIRouter(prefix="/webhooks/twilio", tags=["webhooks"])

TWIML = "application/xml"
_MAX_BODY = 64 * 1024


def _twiml(reply: str = "") -> Response:
    inner = f"<Message>{escape(reply)}</Message>" if reply else ""
    text = f'<?xml version="1.0" encoding="UTF-8"?><Response>{inner}</Response>'
    return Response(text, media_type=TWIML)


async def _verified_form(request: Request) -> dict[str, str]:
    """The webhook's form, once its signature is Twilio's; 403 otherwise."""
    settings = request.app.state.settings
    sms = settings.providers.sms if settings.providers is not None else None
    if not isinstance(sms, TwilioSettings):
        raise HTTPException(404, "this server does not send texts through Twilio")
    raw = await request.body()
    if len(raw) > _MAX_BODY:
        raise HTTPException(413, "the webhook is too large")
    try:
        form = dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError as error:
        raise HTTPException(400, "the webhook is not UTF-8 form data") from error
    url = _public_url(request, settings.public_url)
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not validate_twilio_signature(sms.auth_token, url, form, signature):
        raise HTTPException(403, "the request does not carry Twilio's signature")
    return form


def _public_url(request: Request, public_url: str) -> str:
    """The URL Twilio signed: our public address plus the path and query it called."""
    if not public_url:
        return str(request.url)
    query = f"?{request.url.query}" if request.url.query else ""
    return public_url.rstrip("/") + request.url.path + query


@router.post(
    "/inbound/{centre_id}",
    summary="An incoming text (Twilio's messaging webhook of the centre's number)",
    response_class=Response,
    responses=problems(
        400,
        403,
        404,
        413,
        422,
        s403="Not signed by Twilio",
        s404="No such centre, or this server does not send texts through Twilio",
    ),
)
async def inbound(
    request: Request, centre_id: str = Path(max_length=36, pattern=NO_NUL)
) -> Response:
    """Store the text in its number's thread; answer carrier keywords with TwiML."""
    form = await _verified_form(request)
    try:
        sms = parse_inbound(form)
    except MalformedWebhook as error:
        raise HTTPException(400, str(error)) from error
    database: Database = request.app.state.database
    announcer: Announcer = request.app.state.announcer

    def store() -> Received | None:
        with database.reading() as session:
            centre = session.get(Centre, centre_id)
            if centre is None or centre.deleted:
                return None
        with centre_write(database, announcer, centre_id) as session:
            return receive_sms(session, centre_id, sms, utcnow())

    received = await run_in_threadpool(store)
    if received is None:
        raise HTTPException(404, f"centre {centre_id} does not exist")
    if received.media and (sending := getattr(request.app.state, "delivery", None)):
        sending.pool.wake()  # fetch the photos now, not at the workers' next look
    return _twiml(received.reply)


@router.post(
    "/status/{delivery_id}",
    summary="A delivery report (Twilio's StatusCallback of one text)",
    response_class=Response,
    responses=problems(
        400,
        403,
        404,
        413,
        422,
        s403="Not signed by Twilio",
        s404="This server does not send texts through Twilio",
    ),
)
async def status(
    request: Request, delivery_id: str = Path(max_length=36, pattern=NO_NUL)
) -> Response:
    """Move the delivery forward.

    A failure that means the number cannot take texts marks SMS failing for the
    recipient and sends on their next channel.
    """
    form = await _verified_form(request)
    try:
        update = parse_status_callback(form)
    except MalformedWebhook as error:
        raise HTTPException(400, str(error)) from error
    database: Database = request.app.state.database
    announcer: Announcer = request.app.state.announcer
    await run_in_threadpool(_apply_status, database, announcer, delivery_id, update)
    return _twiml()


def _apply_status(
    database: Database, announcer: Announcer, delivery_id: str, update: StatusUpdate
) -> None:
    with database.reading() as session:
        found = session.get(Delivery, delivery_id)
        centre_id = found.centre_id if found is not None else None
    if centre_id is None:
        return  # a delivery since deleted: nothing to update, and Twilio must not retry
    with centre_write(database, announcer, centre_id) as session:
        delivery = session.get_one(Delivery, delivery_id)
        if delivery.provider_ref and delivery.provider_ref != update.sid:
            return  # a report of another message to the same callback URL
        delivery.provider_ref = update.sid
        message = session.get_one(Message, delivery.message_id)
        track = tracks_deliveries(session, message)
        settler = Settler(session, centre_id, utcnow())
        if update.state is DeliveryState.FAILED:
            code = update.error_code or ""
            settler.failed(
                delivery,
                f"the carrier could not deliver the text (Twilio error {code or 'unknown'})",
                track=track,
                unreachable=code in UNREACHABLE_SMS_CODES,
                opted_out=code in OPTED_OUT_SMS_CODES,
            )
        else:
            settler.report(delivery, STATE_OF[update.state], track=track)
        settler.finish()
