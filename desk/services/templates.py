"""Message templates (seed 003): list them, check one as the office types it, save it.

The check is `desk.core.templates.check_template`, the same rule the server applies
when it saves and before it sends, so a template the editor accepts is one the
server will fill. Saving queues the `save_template` command in the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.ids import new_id
from desk.core.kinds import Channel
from desk.core.sms import SmsEncoding, sms_stats
from desk.core.templates import TemplateError, check_template
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.models import delivery_queries as q
from desk.models.cache import Cache
from desk.sync.outbox import Queued, submit

TemplateRow = q.TemplateRow

PAGES = ("families", "students", "classes", "camps", "enrollments")
"""The office pages a template belongs to (seed 003: each page lists its own)."""

COMPOSER_PAGES = ("new_message", "messenger")
"""Where composers keep theirs: New Message, and replies in the Messenger Center."""


def templates(
    cache: Cache, *, page: str | None = None, channel: str | None = None
) -> list[TemplateRow]:
    """Saved templates, optionally of one page or channel."""
    with cache.session() as session:
        return q.list_templates(session, page=page, channel=channel)


def composer_templates(
    cache: Cache, channel: Channel, *, page: str | None = None
) -> list[TemplateRow]:
    """The templates a composer offers for a channel: SMS, email or app (issue 13 item 6).

    Those of New Message and the Messenger Center (`COMPOSER_PAGES`), or of `page`
    alone, by name.
    """
    pages = (page,) if page is not None else COMPOSER_PAGES
    with cache.session() as session:
        found = [
            row
            for name in pages
            for row in q.list_templates(session, page=name, channel=channel.value)
        ]
    return sorted(found, key=lambda row: (row.name.casefold(), row.id))


def delete_template(cache: Cache, template_id: str) -> Queued:
    """Queue deleting a template (administrators only; the server checks and audits).

    It leaves the lists at once; the server's tombstone confirms it.
    """
    return submit(cache, "delete_template", {"template_id": template_id})


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


class TemplateRefused(UserError):
    """A template that cannot be saved as it stands; the message says why."""


def save_template(cache: Cache, draft: TemplateDraft) -> Queued:
    """Queue the template for the server (administrators only; the server checks).

    Raises:
        TemplateRefused: for an unnamed or empty template or one with a bad variable;
            nothing is queued.
    """
    found = check(draft)
    if found.error:
        raise TemplateRefused(found.error)
    if not draft.name.strip() or not draft.body.strip():
        raise TemplateRefused(QT_TRANSLATE_NOOP("Errors", "a template needs a name and a message"))
    return submit(
        cache,
        "save_template",
        {
            "template_id": draft.id or new_id(),
            "page": draft.page,
            "channel": draft.channel.value,
            "template_name": draft.name.strip(),
            "title": "" if draft.channel is Channel.SMS else draft.title,
            "body": draft.body,
        },
    )
