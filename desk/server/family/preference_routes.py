"""The family app's preferences page and web push subscription (issue 14 item 1).

`/family/preferences` works without script: one form, CSRF-protected like every
other. Only the notifications part needs script (a service worker and the Push
API), so that page alone allows scripts from the app itself; a browser without
them reads a sentence saying so instead of a button.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.responses import JSONResponse

from desk.core.delivery import InvalidPreference
from desk.core.family_prefs import APP_LANGUAGES
from desk.core.kinds import Channel
from desk.server.config import ServerSettings
from desk.server.delivery.writes import centre_write
from desk.server.family import preferences
from desk.server.family.i18n import browser_language, language_of, translator
from desk.server.family.pages import SCRIPT_HEADERS, SERVICE_WORKER, SUBSCRIBE_SCRIPT, render
from desk.server.family.routes import (
    Member,
    MemberDep,
    database_of,
    forbidden,
    not_found,
    to_sign_in,
)
from desk.server.family.signin import csrf_ok
from desk.server.notify import Announcer
from desk.server.orm import Guardian
from desk.server.orm.base import utcnow
from desk.server.providers.webpush import BadSubscription, parse_subscription
from desk.server.web_push_keys import centre_keys

router = APIRouter(prefix="/family", include_in_schema=False)

_SCRIPT = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


@router.get("/static/push.js")
def subscribe_script() -> Response:
    """The preferences page's script: the notifications button."""
    return Response(SUBSCRIBE_SCRIPT, media_type="text/javascript", headers=_SCRIPT)


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker that shows a notification and opens its conversation."""
    return Response(SERVICE_WORKER, media_type="text/javascript", headers=_SCRIPT)


@router.get("/manifest.webmanifest")
def manifest(request: Request) -> Response:
    """The app's web manifest: added to a phone's home screen, it opens as an app.

    Safari on iPhone and iPad offers web push only to a page opened that way.
    """
    t = translator(browser_language(request.headers.get("accept-language", "")))
    body = {
        "name": t("app_title"),
        "short_name": t("app_title"),
        "start_url": "/family/",
        "scope": "/family/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
    }
    return JSONResponse(
        body, media_type="application/manifest+json", headers={"Cache-Control": "no-cache"}
    )


@router.get("/preferences")
def preferences_page(request: Request, member: MemberDep) -> Response:
    """How the guardian is reached, in which language, and who may be texted."""
    if member is None:
        return to_sign_in()
    saved = request.query_params.get("saved") == "1"
    return _page(request, member, notice=member.t("saved") if saved else "")


@router.post("/preferences")
def save_preferences(
    request: Request,
    member: MemberDep,
    channel: Annotated[str, Form(max_length=16)] = "",
    language: Annotated[str, Form(max_length=16)] = "",
    texts: Annotated[list[str] | None, Form()] = None,
    shown: Annotated[list[str] | None, Form()] = None,
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Save the form; the next page is in the language just chosen."""
    if member is None:
        return to_sign_in()
    if not csrf_ok(member.who.csrf_token, csrf):
        return forbidden(member.t, member.language)
    t = member.t
    if channel not in set(Channel) or language not in APP_LANGUAGES:
        return _page(request, member, error=t("bad_choice"), status=400)
    announcer: Announcer = request.app.state.announcer
    try:
        with centre_write(database_of(request), announcer, member.who.centre_id) as session:
            guardian = session.get_one(Guardian, member.who.guardian_id)
            if language == language_of(guardian.language):
                language = guardian.language  # keep "es-MX" when Spanish is kept
            preferences.save(
                session,
                guardian,
                Channel(channel),
                language,
                set(texts or ()),
                [i[:36] for i in shown or ()],
                utcnow(),
            )
    except InvalidPreference:
        error = t("no_email") if channel == Channel.EMAIL else t("no_phone_for_texts")
        return _page(request, member, error=error, status=400)
    except preferences.NotYours:
        return not_found(member)
    return RedirectResponse("/family/preferences?saved=1", status_code=303)


def _script_refused(member: Member | None, csrf: str) -> JSONResponse | None:
    """The answer to the page's script when it is signed out or its token is wrong."""
    if member is None:
        return JSONResponse({"error": "signed out"}, status_code=401)
    if not csrf_ok(member.who.csrf_token, csrf):
        return JSONResponse({"error": member.t("forbidden")}, status_code=403)
    return None


@router.post("/push/subscribe")
def push_subscribe(
    request: Request,
    member: MemberDep,
    subscription: Annotated[str, Form(max_length=4000)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Keep this browser's push subscription for the guardian (from the page's script)."""
    if (refused := _script_refused(member, csrf)) is not None:
        return refused
    assert member is not None
    settings: ServerSettings = request.app.state.settings
    try:
        parsed = parse_subscription(subscription, settings.push_services)
    except BadSubscription:
        return JSONResponse({"error": member.t("push_failed")}, status_code=400)
    announcer: Announcer = request.app.state.announcer
    try:
        with centre_write(database_of(request), announcer, member.who.centre_id) as session:
            guardian = session.get_one(Guardian, member.who.guardian_id)
            preferences.subscribe(session, guardian, parsed, utcnow())
    except preferences.TooManyBrowsers:
        return JSONResponse({"error": member.t("push_too_many")}, status_code=409)
    return JSONResponse({"subscribed": True}, status_code=201)


@router.post("/push/unsubscribe")
def push_unsubscribe(
    request: Request,
    member: MemberDep,
    endpoint: Annotated[str, Form(max_length=2000)] = "",
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Forget this browser's subscription; the office stops counting it."""
    if (refused := _script_refused(member, csrf)) is not None:
        return refused
    assert member is not None
    announcer: Announcer = request.app.state.announcer
    with centre_write(database_of(request), announcer, member.who.centre_id) as session:
        guardian = session.get_one(Guardian, member.who.guardian_id)
        removed = preferences.unsubscribe(session, guardian, endpoint, utcnow())
    return JSONResponse({"unsubscribed": removed})


def _page(
    request: Request, member: Member, *, notice: str = "", error: str = "", status: int = 200
) -> Response:
    database = database_of(request)
    with database.reading() as session:
        guardian = session.get_one(Guardian, member.who.guardian_id)
        shown = preferences.load(session, guardian)
    # The pages follow the guardian's language as stored now, not as the session began.
    language = language_of(shown.language)
    t = translator(language)
    keys = centre_keys(database, member.who.centre_id, utcnow())
    return render(
        "preferences.html",
        t,
        language,
        status,
        headers=SCRIPT_HEADERS,
        prefs=shown,
        languages=APP_LANGUAGES,
        vapid_key=keys.public_key,
        csrf_token=member.who.csrf_token,
        signed_in=True,
        notice=notice,
        error=error,
    )
