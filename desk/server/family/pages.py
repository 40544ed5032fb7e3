"""Rendering the family app's pages: templates, language, and safe headers.

Every page is a plain HTML document with one style sheet and no script, so the
Content-Security-Policy allows nothing else; pages are never cached, as they hold
a guardian's messages. The preferences page alone runs a script of the app's own
(`static/push.js`, for the notifications button), and its policy allows that
script, its service worker and posts back to the app, still nothing from elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse

from desk.server.family.i18n import Translate

_HERE = Path(__file__).parent
STYLE_SHEET = (_HERE / "static" / "family.css").read_text(encoding="utf-8")
SUBSCRIBE_SCRIPT = (_HERE / "static" / "push.js").read_text(encoding="utf-8")
SERVICE_WORKER = (_HERE / "static" / "sw.js").read_text(encoding="utf-8")

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

SCRIPT_HEADERS = {
    **HEADERS,
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "script-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}

# The templates ship with the package and never change under a running server, so
# Jinja need not look at each file's mtime on every page (`auto_reload`).
_templates = Environment(
    loader=FileSystemLoader(_HERE / "templates"),
    auto_reload=False,
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(
    name: str,
    t: Translate,
    language: str,
    status_code: int = 200,
    *,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """The template `name` in `language`, with the app's headers (or `headers`)."""
    body = _templates.get_template(name).render(t=t, language=language, **context)
    return HTMLResponse(body, status_code=status_code, headers=headers or HEADERS)
