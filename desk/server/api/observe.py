"""Request ids, request metrics and the Prometheus scrape endpoint.

`RequestContext` wraps the whole application: it gives each request an id (the
caller's `X-Request-ID` when it is a short token, else a new one), sends it back in the
answer's header and puts it in every log line written meanwhile, and counts the request
by its route template, so `/api/v1/threads/abc` and `/api/v1/threads/xyz` are one
series and a scanner's random paths are all "unmatched".
"""

from __future__ import annotations

import re
import time
import uuid

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desk.server import metrics
from desk.server.api import API_PREFIX
from desk.server.logs import request_id

router = APIRouter()

_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _incoming_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = bytes(value).decode("latin-1")
            if _SANE_ID.match(text):
                return text
    return uuid.uuid4().hex


def _route_template(scope: Scope) -> str:
    """The matched route's path with its `{parameters}`, "unmatched" when none matched.

    The route a router includes knows its path without the prefix it is mounted under.
    """
    route = scope.get("route")
    if route is None:
        return "unmatched"
    template = str(getattr(route, "path", "unmatched"))
    if scope.get("path", "").startswith(API_PREFIX) and not template.startswith(API_PREFIX):
        template = API_PREFIX + template
    return template


class RequestContext:
    """ASGI middleware: request id, and count and time every HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer through the app, with the id header added and the request counted."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope)
        token = request_id.set(rid)
        status = 500  # what the caller gets if the app fails before answering
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = list(message.get("headers", ()))
                headers.append((b"x-request-id", rid.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            template = _route_template(scope)
            metrics.REQUESTS.labels(template, scope.get("method", ""), str(status)).inc()
            metrics.REQUEST_SECONDS.labels(template).observe(time.perf_counter() - started)
            request_id.reset(token)


@router.get("/metrics", include_in_schema=False)
def scrape() -> Response:
    """Prometheus's text format of this process's metrics."""
    return Response(generate_latest(metrics.REGISTRY), media_type=CONTENT_TYPE_LATEST)
