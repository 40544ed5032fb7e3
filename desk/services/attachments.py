"""Attachments in the office client: picking files to send, and reading those received.

Picking a file checks it by the server's own rules (`desk.core.attachments`), so a
file the server would refuse is refused here with the same reason, before anything
is queued, and copies it into the cache's file store (`desk.sync.files`), where the
outbox finds it to upload however long the network is away.

An attachment someone else sent is fetched on first use (Open, Save as, its
thumbnail) and kept in the same store, its SHA-256 checked, so it opens again
offline. Calls that fetch block: the UI runs them off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import orjson

from desk.core.attachments import (
    IMAGE_TYPES,
    MAX_PER_MESSAGE,
    SNIFF_BYTES,
    AttachmentRefused,
    check_file,
)
from desk.core.user_errors import QT_TRANSLATE_NOOP, UserError
from desk.models.cache import Cache
from desk.sync.errors import Offline, SyncError
from desk.sync.files import FileStore, WrongBytes, write_whole
from desk.sync.http import ServerApi

THUMBNAIL = ".thumbnail.jpg"


@dataclass(frozen=True)
class PickedFile:
    """A file chosen to send, already checked and kept in the file store."""

    sha256: str
    name: str
    size: int
    mime_type: str

    def wire(self) -> dict[str, str]:
        """How a send command names it."""
        return {"sha256": self.sha256, "name": self.name}


@dataclass(frozen=True)
class AttachmentView:
    """One attachment of a message, as the thread view lists it."""

    id: str
    message_id: str
    name: str
    mime_type: str
    size: int
    sha256: str

    @property
    def is_image(self) -> bool:
        """Whether the server makes a thumbnail of it."""
        return self.mime_type in IMAGE_TYPES


class NotFetched(UserError):
    """The file was never downloaded and the server cannot be reached now."""


def not_fetched(name: str) -> NotFetched:
    """The sentence for a file that cannot be opened offline."""
    return NotFetched(
        QT_TRANSLATE_NOOP(
            "Errors",
            '"{name}" has not been downloaded yet; it can be opened once the network is back.',
        ),
        name=name,
    )


ConnectionSource = Callable[[], ServerApi | None]


class Attachments:
    """Files to send and files received, over one cache and (when online) one server."""

    def __init__(self, cache: Cache, connection: ConnectionSource = lambda: None) -> None:
        self._cache = cache
        self._connection = connection
        self.files = FileStore.beside(cache.path)

    # -- sending -----------------------------------------------------------------------

    def pick(self, path: Path, already: Sequence[PickedFile] = ()) -> PickedFile:
        """Check `path` and keep a copy to send; `already` are the files picked before.

        Raises:
            AttachmentRefused: too large, empty, of a refused kind or name, or one file
                too many; nothing is kept.
            UserError: the file cannot be read.
        """
        try:
            size = path.stat().st_size
            with path.open("rb") as reading:
                head = reading.read(SNIFF_BYTES)
        except OSError as error:
            raise UserError(
                QT_TRANSLATE_NOOP("Errors", 'The file "{name}" cannot be read: {reason}'),
                name=path.name,
                reason=error.strerror or str(error),
            ) from error
        name, mime_type = self._check(path.name, size, head, already)
        sha256, copied = self.files.add_file(path)
        if copied != size:  # it changed while it was read
            return self._checked_copy(name, sha256, already)
        return PickedFile(sha256, name, size, mime_type)

    def pick_bytes(self, name: str, data: bytes, already: Sequence[PickedFile] = ()) -> PickedFile:
        """Check and keep a pasted file or image, named `name`; as `pick`."""
        stored, mime_type = self._check(name, len(data), data[:SNIFF_BYTES], already)
        sha256 = self.files.add_bytes(data)
        return PickedFile(sha256, stored, len(data), mime_type)

    def _checked_copy(self, name: str, sha256: str, already: Sequence[PickedFile]) -> PickedFile:
        """The copy kept, checked again: the original changed while it was copied."""
        data = self.files.read(sha256)
        stored, mime_type = self._check(name, len(data), data[:SNIFF_BYTES], already)
        return PickedFile(sha256, stored, len(data), mime_type)

    @staticmethod
    def _check(name: str, size: int, head: bytes, already: Sequence[PickedFile]) -> tuple[str, str]:
        if len(already) >= MAX_PER_MESSAGE:
            raise AttachmentRefused(
                QT_TRANSLATE_NOOP("Errors", "A message can carry at most {limit} files."),
                limit=MAX_PER_MESSAGE,
            )
        return check_file(name, size, head)

    # -- reading -----------------------------------------------------------------------

    def for_messages(self, message_ids: Sequence[str]) -> dict[str, list[AttachmentView]]:
        """The attachments of these messages, by message, each message's by name."""
        if not message_ids:
            return {}
        found: dict[str, list[AttachmentView]] = {}
        marks = ", ".join("?" for _ in message_ids)
        rows = self._cache.read(
            "SELECT id, message_id, filename, mime_type, size, sha256 FROM attachment"
            f" WHERE message_id IN ({marks}) ORDER BY message_id, filename, id",
            *message_ids,
        )
        for row in rows:
            view = AttachmentView(*row)
            if not view.size and self.files.has(view.sha256):  # sent from here, unconfirmed
                view = replace(view, size=self.files.path(view.sha256).stat().st_size)
            found.setdefault(view.message_id, []).append(view)
        return found

    def local_path(self, attachment: AttachmentView) -> Path | None:
        """The kept copy, if the file is on this computer."""
        return self.files.path(attachment.sha256) if self.files.has(attachment.sha256) else None

    def fetch(self, attachment: AttachmentView) -> Path:
        """The file on this computer, downloaded first if need be (blocks).

        Raises:
            NotFetched: not downloaded yet, and the server cannot be reached.
            SyncError: the server refused the download or sent other bytes.
        """
        kept = self.local_path(attachment)
        if kept is not None:
            return kept
        data = self._download(attachment, thumbnail=False)
        try:
            self.files.add_bytes(data, expected=attachment.sha256)
        except WrongBytes as error:
            raise UserError(
                QT_TRANSLATE_NOOP(
                    "Errors", '"{name}" arrived damaged (its checksum differs); try again.'
                ),
                name=attachment.name,
            ) from error
        return self.files.path(attachment.sha256)

    def thumbnail(self, attachment: AttachmentView) -> bytes | None:
        """A small JPEG of an image attachment, fetched once and kept; None if none (blocks)."""
        if not attachment.is_image:
            return None
        if self.files.has(attachment.sha256, THUMBNAIL):
            return self.files.path(attachment.sha256, THUMBNAIL).read_bytes()
        if self.files.has(attachment.sha256):
            return self.files.read(attachment.sha256)  # our own copy: Qt scales it
        try:
            data = self._download(attachment, thumbnail=True)
        except (SyncError, UserError):
            return None
        self.files.write_companion(attachment.sha256, THUMBNAIL, data)
        return data

    def save_as(self, attachment: AttachmentView, target: Path) -> Path:
        """Copy the file to where the user chose, fetching it first if need be (blocks).

        Whole or not at all (`write_whole`): the copy existed empty for a moment
        when written in place, and a CI run read it so.
        """
        write_whole(target, self.fetch(attachment).read_bytes())
        return target

    def _download(self, attachment: AttachmentView, *, thumbnail: bool) -> bytes:
        api = self._connection()
        if api is None:
            raise not_fetched(attachment.name)
        try:
            return api.attachment_bytes(attachment.id, thumbnail=thumbnail)
        except Offline as error:
            raise not_fetched(attachment.name) from error


def forget_received(cache: Cache) -> int:
    """Delete the kept files but those the outbox still has to upload; how many went.

    Sign out drops the person's synced rows; their files go with them, so a shared
    PC keeps none of their attachments at rest. What they queued offline stays
    with its files and goes out when they sign in again.
    """
    keep: set[str] = set()
    for (args,) in cache.read("SELECT args FROM outbox"):
        for attached in orjson.loads(args).get("attachments") or ():
            keep.add(str(attached["sha256"]))
    return FileStore.beside(cache.path).remove_all_but(keep)
