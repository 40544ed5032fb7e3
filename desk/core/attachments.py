"""What may be attached to a message: size, kinds of file, and names (seed 002).

The same rules run in the office composer (to refuse before uploading) and on the
server (which decides). A file's kind is read from its first bytes, not believed
from its name or the uploader's Content-Type: a page of HTML renamed `photo.jpg`
is refused, so nothing we serve back can run script in a browser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError

MAX_BYTES = 20 * 1024 * 1024
"""Largest attachment: a phone photo or a scanned statement, not a video library."""

MAX_PER_MESSAGE = 10

MAX_NAME_LENGTH = 200

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
"""Kinds the server makes thumbnails of and the apps show inline."""


class AttachmentRefused(UserError):
    """A file that may not be attached, with the reason a person can act on.

    A `UserError`, so the office client shows the reason in the user's language;
    `str()` is the same English sentence the server answers with.
    """


@dataclass(frozen=True)
class Kind:
    """A kind of file we take: its type, the names it may have, how it starts."""

    mime_type: str
    extensions: tuple[str, ...]
    magic: tuple[bytes, ...]  # any of these at offset 0 (empty: see `_sniff_text`)


KINDS = (
    Kind("image/jpeg", (".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    Kind("image/png", (".png",), (b"\x89PNG\r\n\x1a\n",)),
    Kind("image/gif", (".gif",), (b"GIF87a", b"GIF89a")),
    Kind("image/webp", (".webp",), ()),  # RIFF....WEBP, checked in `sniff`
    Kind("image/heic", (".heic", ".heif"), ()),  # ....ftypheic, checked in `sniff`
    Kind("application/pdf", (".pdf",), (b"%PDF-",)),
    Kind("video/mp4", (".mp4", ".m4v", ".mov"), ()),  # ....ftyp, checked in `sniff`
    Kind("audio/mpeg", (".mp3",), (b"ID3", b"\xff\xfb", b"\xff\xf3")),
    Kind("audio/amr", (".amr",), (b"#!AMR",)),  # what many phones send by MMS
    Kind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
        (b"PK\x03\x04",),
    ),
    Kind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
        (b"PK\x03\x04",),
    ),
    Kind("text/plain", (".txt",), ()),
    Kind("text/csv", (".csv",), ()),
)
_BY_EXTENSION = {extension: kind for kind in KINDS for extension in kind.extensions}
_HEIF_BRANDS = (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis")
SNIFF_BYTES = 512
"""How much of a file `sniff` needs to see."""


def check_name(name: str) -> str:
    """The name to store, or a refusal naming what is wrong with it.

    Refused: empty, too long, control characters, any path separator or a `..`
    part (a name that tries to climb out of a folder), and names starting with a
    dot. The name is only ever a label (files are stored by content hash), but a
    name that would be dangerous saved as-is by someone's browser is refused here.
    """
    normal = unicodedata.normalize("NFC", name).strip()
    if not normal:
        raise AttachmentRefused(QT_TRANSLATE_NOOP("Errors", "The file has no name."))
    if len(normal) > MAX_NAME_LENGTH:
        raise AttachmentRefused(
            QT_TRANSLATE_NOOP("Errors", "The file name is longer than {limit} characters."),
            limit=MAX_NAME_LENGTH,
        )
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in normal):
        raise AttachmentRefused(
            QT_TRANSLATE_NOOP("Errors", "The file name contains control characters.")
        )
    if "/" in normal or "\\" in normal or ".." in normal or ":" in normal:
        raise AttachmentRefused(
            QT_TRANSLATE_NOOP(
                "Errors",
                'The file name "{name}" contains a folder path; rename the file and try again.',
            ),
            name=normal,
        )
    if normal.startswith("."):
        raise AttachmentRefused(
            QT_TRANSLATE_NOOP("Errors", "The file name starts with a dot; rename the file.")
        )
    return normal


def kind_of_name(name: str) -> Kind:
    """The kind a file name claims, or a refusal listing the kinds we take."""
    extension = "." + name.rpartition(".")[2].lower() if "." in name else ""
    kind = _BY_EXTENSION.get(extension)
    if kind is None:
        taken = ", ".join(sorted({e for k in KINDS for e in k.extensions}))
        raise AttachmentRefused(
            QT_TRANSLATE_NOOP(
                "Errors", '"{name}" is not a kind of file that can be attached (allowed: {taken}).'
            ),
            name=name,
            taken=taken,
        )
    return kind


def check_name_for(name: str, mime_type: str) -> str:
    """The name to store for a file already known to be `mime_type`, or a refusal.

    A stored upload is attached, or uploaded again, under a name of its own: the name
    must be allowed and must say the kind the bytes were found to be.
    """
    stored = check_name(name)
    claimed = kind_of_name(stored).mime_type
    if claimed != mime_type:
        raise AttachmentRefused(
            QT_TRANSLATE_NOOP("Errors", '"{name}" is a {actual} file, not {claimed}'),
            name=stored,
            actual=mime_type,
            claimed=claimed,
        )
    return stored


def sniff(head: bytes, kind: Kind) -> bool:
    """Whether the file's first bytes are what `kind` starts with."""
    if kind.mime_type == "image/webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if kind.mime_type == "image/heic":
        return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS
    if kind.mime_type == "video/mp4":
        return head[4:8] == b"ftyp" and head[8:12] not in _HEIF_BRANDS
    if kind.mime_type.startswith("text/"):
        return _sniff_text(head)
    return any(head.startswith(magic) for magic in kind.magic)


def _sniff_text(head: bytes) -> bool:
    """Text: decodes as UTF-8 (a cut last character allowed), no NUL, not markup."""
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return False
        text = head[: error.start].decode("utf-8")
    start = text.lstrip().lower()
    return not start.startswith(("<!doctype", "<html", "<script", "<svg", "<?xml"))


def check_file(name: str, size: int, head: bytes) -> tuple[str, str]:
    """The stored name and MIME type of a file, or a refusal saying why not.

    Args:
        name: the file's name as the person chose it.
        size: its length in bytes.
        head: its first `SNIFF_BYTES` bytes (fewer for a shorter file).
    """
    stored = check_name(name)
    if size > MAX_BYTES:
        raise AttachmentRefused(
            QT_TRANSLATE_NOOP(
                "Errors", '"{name}" is {size} MB; attachments can be at most {limit} MB.'
            ),
            name=stored,
            size=f"{size / 1024 / 1024:.1f}",
            limit=MAX_BYTES // 1024 // 1024,
        )
    if size == 0:
        raise AttachmentRefused(QT_TRANSLATE_NOOP("Errors", '"{name}" is empty.'), name=stored)
    kind = kind_of_name(stored)
    if not sniff(head, kind):
        raise AttachmentRefused(
            QT_TRANSLATE_NOOP(
                "Errors",
                '"{name}" is not the kind of file its name says ({kind}); it was not attached.',
            ),
            name=stored,
            kind=kind.mime_type,
        )
    return stored, kind.mime_type


def kind_of_type(mime_type: str) -> Kind:
    """The kind of a declared MIME type (an MMS item's), or a refusal naming it."""
    bare = mime_type.partition(";")[0].strip().lower()
    for kind in KINDS:
        if kind.mime_type == bare:
            return kind
    raise AttachmentRefused(f'a "{bare or "unnamed"}" file is not a kind that can be attached.')


def with_notes(body: str, notes: Sequence[str]) -> str:
    """`body`, then a line per file that came with it but was not attached, saying why.

    A reply that arrived with a refused or unreachable file keeps its text, and the
    office reads in the message itself what was left out, in every app that shows it.
    """
    lines = [f"[Not attached: {note}]" for note in notes]
    return "\n\n".join(part for part in (body.rstrip(), "\n".join(lines)) if part)
