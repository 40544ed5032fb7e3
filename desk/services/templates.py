"""Message templates (seed 003): list them, and check one as the office types it.

The check is `desk.core.templates.check_template`, the same rule the server applies
before it sends, so a template the editor accepts is one the server will fill.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.kinds import Channel
from desk.core.sms import SmsEncoding, sms_stats
from desk.core.templates import TemplateError, check_template
from desk.models import delivery_queries as q
from desk.models.cache import Cache

TemplateRow = q.TemplateRow

PAGES = ("families", "students", "classes", "camps", "enrollments")
"""The office pages a template belongs to (seed 003: each page lists its own)."""


def templates(
    cache: Cache, *, page: str | None = None, channel: str | None = None
) -> list[TemplateRow]:
    """Saved templates, optionally of one page or channel."""
    with cache.session() as session:
        return q.list_templates(session, page=page, channel=channel)


@dataclass(frozen=True)
class TemplateDraft:
    """A template as the editor holds it; `id` is None for a new one."""

    page: str
    channel: Channel
    name: str
    title: str
    body: str
    id: str | None = None


@dataclass(frozen=True)
class TemplateCheck:
    """What the editor shows under the message while typing.

    Attributes:
        error: why the template cannot be saved (malformed braces, an unknown
            variable, with a suggestion), or None.
        variable: the offending variable name, if the error is about one.
        segments: SMS segments of the message as typed (variables unfilled).
    """

    error: str | None
    variable: str | None
    characters: int
    segments: int
    encoding: SmsEncoding


def check(draft: TemplateDraft) -> TemplateCheck:
    """Check a template's variables and count its message."""
    stats = sms_stats(draft.body)
    try:
        check_template(draft.title, draft.body)
    except TemplateError as error:
        return TemplateCheck(
            str(error), error.variable, stats.characters, stats.segments, stats.encoding
        )
    return TemplateCheck(None, None, stats.characters, stats.segments, stats.encoding)
