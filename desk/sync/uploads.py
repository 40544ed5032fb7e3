"""Uploading the files that queued commands attach, once per file, before the commands.

A send command names its files by SHA-256 (`desk.server.commands.attachments`); the
server refuses it unless each was uploaded to the centre first. So before a batch
goes out, each file it names is uploaded, unless the server already said it has it
or refused it (`desk.sync.files` keeps both answers). A network failure stops the
push like any other and it is tried again later, file and all; a refusal (too large,
a refused kind) is final: the command still goes, so the server's sequence has no
gap, the server refuses it, and the user reads the upload's reason instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from desk.sync.errors import Refused
from desk.sync.files import FileStore
from desk.sync.http import ServerApi
from desk.sync.outbox import Queued

# Answers that say "not now" rather than "never": retried with the push.
_TRANSIENT = frozenset({408, 425, 429})


def upload_files(api: ServerApi, files: FileStore, commands: Sequence[Queued]) -> dict[str, str]:
    """Upload what `commands` attach; answers, by command id, why one cannot be sent.

    Raises:
        SyncError: the network or the server failed; the push is retried later.
    """
    unsendable: dict[str, str] = {}
    for command in commands:
        for attached in command.args.get("attachments") or ():
            sha256, name = str(attached["sha256"]), str(attached["name"])
            reason = _upload(api, files, sha256, name)
            if reason is not None:
                unsendable.setdefault(command.command_id, f'"{name}": {reason}')
    return unsendable


def _upload(api: ServerApi, files: FileStore, sha256: str, name: str) -> str | None:
    """Upload one file unless the server already answered for it; the refusal, if any."""
    refusal = files.refusal(sha256)
    if refusal is not None or files.uploaded(sha256):
        return refusal
    try:
        data = files.read(sha256)
    except FileNotFoundError:
        return "the file is no longer on this computer; attach it again"
    try:
        api.upload_blob(sha256, name, data)
    except Refused as error:
        if error.status in _TRANSIENT:
            raise
        files.mark_refused(sha256, str(error))
        return str(error)
    files.mark_uploaded(sha256)
    return None
