"""A conversation as a readable, self-contained HTML document (seed 004 "download").

A centre keeps a transcript when a conversation has to leave the app: for a
family's file, a complaint, a custody question. It must read on its own, so it
names everyone (with role and channel), each message's sender, time and channel,
and who read each message and when. Names and bodies are typed by staff and
families, so every piece of text is escaped: a guardian called `<b>Ann</b>` is
printed as typed, never as markup, and no script in a body can run when the file
is opened in a browser.

The document uses only the HTML subset Qt's `QTextDocument` renders (headings,
lists, paragraphs), so the same text becomes the PDF. Each message is a paragraph,
not a table row: Qt lays a 500-row table out in 23 s, the same messages as
paragraphs in 0.6 s. The words around the
facts (headings, the role and channel names, the times in the reader's locale)
come from `Wording`, which the screen fills from its translations: this module
has no Qt and knows no language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Member:
    """Someone in the conversation.

    Attributes:
        kind: "staff", "guardian" or "student".
        role: the staff role, the guardian's relationship, or "" (wire words).
        channel: their preferred channel ("sms", "email", "app"), "" for none.
    """

    kind: str
    name: str
    role: str
    channel: str


@dataclass(frozen=True)
class Reading:
    """One person's receipt of a message."""

    name: str
    at: str  # wire time (UTC)


@dataclass(frozen=True)
class Entry:
    """One message.

    Attributes:
        channel: how it was written: "app" from the office or the family app,
            "sms" for a text that came in.
        sent_as: the channels it went out on to the recipients, each once.
    """

    sender: str
    at: str  # wire time (UTC)
    channel: str
    sent_as: tuple[str, ...]
    body: str
    readers: tuple[Reading, ...]


@dataclass(frozen=True)
class Facts:
    """Everything a transcript says, as the cache holds it."""

    title: str
    members: tuple[Member, ...]
    entries: tuple[Entry, ...]
    stopped_by: str | None  # who stopped it; None while it takes replies
    stopped_at: str | None
    made_at: str  # when the transcript was made (wire time)


@dataclass(frozen=True)
class Wording:
    """The words and formats of one language and locale.

    Templates carry named fields (`{name}`, `{time}`, `{channels}`, `{count}`) that
    are filled with already-escaped text.
    """

    heading: str  # "Conversation transcript"
    made: str  # "Downloaded {time}"
    participants: str  # "Participants ({count})"
    messages: str  # "Messages ({count})"
    stopped: str  # "Stopped by {name} on {time}; it took no replies after that."
    seen_by: str  # "Seen by {readers}"
    sent_as: str  # "sent as {channels}"
    not_seen: str  # "Not seen yet"
    no_messages: str  # "No messages."
    when: Callable[[str], str]  # a wire time in the reader's zone and locale
    role: Callable[[str, str], str]  # (kind, role) -> "Staff · Teacher"
    channel: Callable[[str], str]  # "sms" -> "Text message"


STYLE = (
    "body { font-family: sans-serif; font-size: 10pt; }"
    " h1 { font-size: 16pt; margin-bottom: 2pt; }"
    " h2 { font-size: 12pt; margin-top: 14pt; }"
    " .muted { color: #555555; }"
    " p.entry { margin-top: 10pt; }"
)


def _text(value: str) -> str:
    """User input as HTML text: escaped, its line breaks kept."""
    return escape(value, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def _fill(template: str, **fields: str) -> str:
    """A translated template around escaped fields (the template itself is ours)."""
    return escape(template, quote=False).format(**fields)


def _member(member: Member, wording: Wording) -> str:
    parts = [wording.role(member.kind, member.role)]
    if member.channel:
        parts.append(wording.channel(member.channel))
    detail = " · ".join(_text(p) for p in parts if p)
    return f"<li><b>{_text(member.name)}</b> <span class='muted'>{detail}</span></li>"


def _readers(readers: Sequence[Reading], wording: Wording) -> str:
    if not readers:
        return _text(wording.not_seen)
    named = "; ".join(
        f"{_text(reader.name)} ({_text(wording.when(reader.at))})" for reader in readers
    )
    return _fill(wording.seen_by, readers=named)


def _entry(entry: Entry, wording: Wording) -> str:
    about = [_text(wording.when(entry.at)), _text(wording.channel(entry.channel))]
    if entry.sent_as:
        channels = ", ".join(_text(wording.channel(c)) for c in entry.sent_as)
        about.append(_fill(wording.sent_as, channels=channels))
    return (
        f"<p class='entry'><b>{_text(entry.sender)}</b>"
        f" <span class='muted'>{' · '.join(about)}</span><br>"
        f"{_text(entry.body)}<br>"
        f"<span class='muted'>{_readers(entry.readers, wording)}</span></p>"
    )


def render_html(facts: Facts, wording: Wording) -> str:
    """The transcript as one HTML document (UTF-8), every piece of user text escaped."""
    title = _text(facts.title)
    parts = [
        "<!DOCTYPE html>",
        "<html><head><meta charset='utf-8'>",
        f"<title>{title}</title>",
        f"<style>{STYLE}</style>",
        "</head><body>",
        f"<p class='muted'>{_text(wording.heading)}</p>",
        f"<h1>{title}</h1>",
        f"<p class='muted'>{_fill(wording.made, time=_text(wording.when(facts.made_at)))}</p>",
    ]
    if facts.stopped_at is not None:
        parts.append(
            "<p><b>"
            + _fill(
                wording.stopped,
                name=_text(facts.stopped_by or ""),
                time=_text(wording.when(facts.stopped_at)),
            )
            + "</b></p>"
        )
    parts.append(f"<h2>{_fill(wording.participants, count=str(len(facts.members)))}</h2>")
    parts.append("<ul>" + "".join(_member(m, wording) for m in facts.members) + "</ul>")
    parts.append(f"<h2>{_fill(wording.messages, count=str(len(facts.entries)))}</h2>")
    if facts.entries:
        parts.extend(_entry(entry, wording) for entry in facts.entries)
    else:
        parts.append(f"<p class='muted'>{_text(wording.no_messages)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
