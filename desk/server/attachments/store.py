"""Blobs stored by content hash, one prefix per centre, in a folder or a bucket.

Every store takes a file the same way: a `BlobWriter` streams it into a temporary
spool file while it is hashed and counted, so the size limit holds before the whole
file has arrived and the hash is known before anything is named by it. `keep` then
hands the checked file to the store: renamed into place in a local folder (a reader
never sees half a file, and a crash leaves only a temporary file behind), uploaded to
an S3 bucket (`desk.server.attachments.s3`). A blob's name is made from the centre's
id and the hex digest only, never from anything a person typed, so no file name can
reach outside its centre. The same bytes uploaded twice are stored once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from sqlalchemy import make_url

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CENTRE = re.compile(r"^[0-9a-zA-Z-]{1,36}$")
_SUFFIX = re.compile(r"^(\.[a-z]{1,10})*$")


def attachments_folder(attachments_dir: str, database_url: str) -> Path:
    """Where uploads go: as configured, else beside an SQLite file, else ./desk-attachments.

    Beside the database file, a demo or a test keeps its uploads with its data and
    loses neither when run from another folder.
    """
    if attachments_dir:
        return Path(attachments_dir)
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / "attachments"
    return Path("desk-attachments").resolve()


def blob_name(centre_id: str, sha256: str, suffix: str = "") -> str:
    """`<centre>/<2 hex>/<64 hex><suffix>`: a blob's name in any store.

    Raises:
        ValueError: not a centre id and a lowercase hex SHA-256 (nothing a person typed).
    """
    if not _HEX64.match(sha256) or not _CENTRE.match(centre_id) or not _SUFFIX.match(suffix):
        raise ValueError("not a content hash and centre id")
    return f"{centre_id}/{sha256[:2]}/{sha256}{suffix}"


class TooLarge(Exception):
    """The upload passed the size limit; nothing was kept."""


class WrongHash(Exception):
    """The bytes received do not hash to the digest they were sent under; nothing kept."""


@dataclass(frozen=True)
class Written:
    """What `BlobWriter.finish` stored."""

    sha256: str
    size: int
    head: bytes  # the first bytes, for `desk.core.attachments.check_file`


class BlobStore(Protocol):
    """Where attachments live: content-addressed blobs, per centre.

    `suffix` names a file derived from a blob (a thumbnail, ".thumb.jpg").
    """

    def exists(self, centre_id: str, sha256: str, suffix: str = "") -> bool:
        """Whether the centre's copy of the blob (or derived file) is stored."""
        ...

    def writer(self, centre_id: str, sha256: str | None, limit: int, head_size: int) -> BlobWriter:
        """A writer for bytes within `limit` that must hash to `sha256` (None: any)."""
        ...

    def open(self, centre_id: str, sha256: str, suffix: str = "") -> BinaryIO:
        """The stored bytes, to read and close; FileNotFoundError when missing."""
        ...

    def local_copy(self, centre_id: str, sha256: str) -> AbstractContextManager[Path]:
        """A path to the blob's bytes on this machine while the context lasts."""
        ...

    def put_file(self, centre_id: str, sha256: str, suffix: str, source: Path) -> None:
        """Store the derived file `source` (which is consumed) under the blob's name."""
        ...


class LocalBlobStore:
    """Content-addressed files under `root`/<centre>/<2 hex>/<64 hex>."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, centre_id: str, sha256: str, suffix: str = "") -> Path:
        """Where a blob (or a derived file such as ".thumb.jpg") lives."""
        return self.root / blob_name(centre_id, sha256, suffix)

    def exists(self, centre_id: str, sha256: str, suffix: str = "") -> bool:
        """Whether the centre's copy of the blob is on disk."""
        return self.path(centre_id, sha256, suffix).is_file()

    def writer(self, centre_id: str, sha256: str | None, limit: int, head_size: int) -> BlobWriter:
        """A writer spooling beside the blob's folder, so `keep` is an atomic rename."""
        blob_name(centre_id, "0" * 64)  # refuses a centre id that is not one
        spool = self.root / centre_id
        spool.mkdir(parents=True, exist_ok=True)

        def commit(temporary: Path, digest: str) -> None:
            final = self.path(centre_id, digest)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, final)

        return BlobWriter(spool, sha256, limit, head_size, commit)

    def open(self, centre_id: str, sha256: str, suffix: str = "") -> BinaryIO:
        """The file, opened for reading."""
        return self.path(centre_id, sha256, suffix).open("rb")

    @contextlib.contextmanager
    def local_copy(self, centre_id: str, sha256: str) -> Iterator[Path]:
        """The blob's own file: it is on this machine already."""
        path = self.path(centre_id, sha256)
        if not path.is_file():
            raise FileNotFoundError(path)
        yield path

    def put_file(self, centre_id: str, sha256: str, suffix: str, source: Path) -> None:
        """Move `source` into place beside the blob."""
        final = self.path(centre_id, sha256, suffix)
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(source, final)
        except OSError:  # another file system (a temporary folder): copy, then rename
            temporary = final.with_name(f".put-{os.getpid()}-{final.name}")
            shutil.copyfile(source, temporary)
            os.replace(temporary, final)
            source.unlink(missing_ok=True)


class BlobWriter:
    """Streams an upload into a spool file, then hands it to its store if it checks out.

    Args:
        spool: the folder of the temporary file.
        sha256: the digest the bytes must have, or None to take whatever they hash to.
        commit: puts the checked temporary file in place under its digest (it may
            rename the file or upload and delete it).
    """

    def __init__(
        self,
        spool: Path,
        sha256: str | None,
        limit: int,
        head_size: int,
        commit: Callable[[Path, str], None],
    ) -> None:
        self._expected = sha256
        self._limit = limit
        self._head_size = head_size
        self._commit = commit
        self._hash = hashlib.sha256()
        self._size = 0
        self._head = b""
        self._digest = ""
        handle, name = tempfile.mkstemp(dir=spool, prefix=".upload-")
        self._file = os.fdopen(handle, "wb")
        self._temporary = Path(name)

    def write(self, chunk: bytes) -> None:
        """Take the next chunk; raises `TooLarge` (and discards all) past the limit."""
        self._size += len(chunk)
        if self._size > self._limit:
            self.discard()
            raise TooLarge
        if len(self._head) < self._head_size:
            self._head += chunk[: self._head_size - len(self._head)]
        self._hash.update(chunk)
        self._file.write(chunk)

    def finish(self) -> Written:
        """Flush and check the hash; `keep` then puts the file in place.

        Raises:
            WrongHash: the bytes hash to something else; nothing is kept.
            OSError: the disk is full or not writable; nothing is kept.
        """
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        except OSError:
            self.discard()
            raise
        self._digest = self._hash.hexdigest()
        if self._expected is not None and self._digest != self._expected:
            self.discard()
            raise WrongHash
        return Written(self._digest, self._size, self._head)

    def keep(self) -> None:
        """Put the checked file in place (the same bytes may already be there).

        Raises:
            OSError: the store could not take it; nothing is kept.
        """
        try:
            self._commit(self._temporary, self._digest)
        finally:
            self._temporary.unlink(missing_ok=True)

    def discard(self) -> None:
        """Forget everything written so far."""
        with contextlib.suppress(OSError):
            self._file.close()
        self._temporary.unlink(missing_ok=True)
