"""Attachments sent from one office workstation and read on another (issue 14 item 4).

Against the real server on loopback: the file is uploaded once by the outbox, the
command names it, the other workstation's cache gets the attachment row from the
feed and fetches the bytes lazily, checked, and keeps them for offline reading.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from desk.core.attachments import MAX_BYTES, AttachmentRefused
from desk.core.ids import new_id
from desk.services.account import leave
from desk.services.attachments import Attachments, AttachmentView, NotFetched
from desk.services.conversations import Conversations
from desk.sync.errors import Offline
from desk.sync.http import ServerApi
from desk.sync.outbox import pending, rejected, submit
from tests.support.factories import CentreIds
from tests.support.office import Office, SignIn

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"statement " * 200


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _received(office: Office, message_id: str) -> list[AttachmentView]:
    office.sync()
    return (
        Attachments(office.cache, lambda: office.api).for_messages([message_id]).get(message_id, [])
    )


def test_a_reply_with_a_file_reaches_another_workstation_which_fetches_it_once(
    office: SignIn, centre: CentreIds, tmp_path: Path
) -> None:
    sender, reader = office("admin"), office("admin")
    files = Attachments(sender.cache, lambda: sender.api)
    picked = files.pick(_write(tmp_path, "statement.pdf", PDF))
    queued = Conversations(sender.cache).reply(centre.threads["office"], "", [picked])
    message_id = queued.args["message_id"]
    # Shown at once, from the kept copy, before the server has it.
    [shown] = files.for_messages([message_id])[message_id]
    assert (shown.name, shown.size) == ("statement.pdf", len(PDF))

    sender.sync()
    assert pending(sender.cache) == []
    [attachment] = _received(reader, message_id)
    assert (attachment.name, attachment.size, attachment.mime_type) == (
        "statement.pdf",
        len(PDF),
        "application/pdf",
    )
    readers_files = Attachments(reader.cache, lambda: reader.api)
    assert readers_files.local_path(attachment) is None  # nothing fetched until asked
    path = readers_files.fetch(attachment)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == attachment.sha256

    # Offline afterwards: it opens from the kept copy.
    offline = Attachments(reader.cache, lambda: None)
    assert offline.fetch(attachment).read_bytes() == PDF
    saved = offline.save_as(attachment, tmp_path / "copy.pdf")
    assert saved.read_bytes() == PDF
    # Saving over a file goes whole or not at all: a failed write keeps the old one.
    (tmp_path / "copy.pdf").write_bytes(b"older")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", _full_disk)
        with pytest.raises(OSError, match="No space"):
            offline.save_as(attachment, tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == b"older"
    assert sorted(p.name for p in tmp_path.glob(".copy.pdf.*")) == []


def _full_disk(*_args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_file_not_yet_fetched_says_so_offline(
    office: SignIn, centre: CentreIds, tmp_path: Path
) -> None:
    sender, reader = office("admin"), office("admin")
    picked = Attachments(sender.cache).pick(_write(tmp_path, "note.pdf", PDF))
    queued = Conversations(sender.cache).reply(centre.threads["office"], "see", [picked])
    sender.sync()
    [attachment] = _received(reader, queued.args["message_id"])
    unreachable = ServerApi("http://127.0.0.1:9")  # nothing listens on the discard port

    with pytest.raises(NotFetched, match="has not been downloaded yet"):
        Attachments(reader.cache, lambda: unreachable).fetch(attachment)
    with pytest.raises(NotFetched):
        Attachments(reader.cache, lambda: None).fetch(attachment)


def test_an_image_thumbnail_is_fetched_lazily_and_kept(
    office: SignIn, centre: CentreIds, tmp_path: Path
) -> None:
    pytest.importorskip("PIL")
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (640, 480), "red").save(buffer, "PNG")
    sender, reader = office("admin"), office("admin")
    picked = Attachments(sender.cache).pick(_write(tmp_path, "photo.png", buffer.getvalue()))
    queued = Conversations(sender.cache).reply(centre.threads["office"], "", [picked])
    sender.sync()
    [attachment] = _received(reader, queued.args["message_id"])
    files = Attachments(reader.cache, lambda: reader.api)

    thumbnail = files.thumbnail(attachment)
    assert thumbnail is not None
    assert thumbnail.startswith(b"\xff\xd8")
    assert files.local_path(attachment) is None  # the preview did not fetch the file
    assert Attachments(reader.cache, lambda: None).thumbnail(attachment) == thumbnail


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("big.pdf", None, "attachments can be at most 20 MB"),
        ("page.html", b"<html></html>", "is not a kind of file that can be attached"),
        ("photo.jpg", b"<html><script>", "is not the kind of file its name says"),
        ("empty.pdf", b"", "is empty"),
        (".hidden.pdf", PDF, "starts with a dot"),
    ],
)
def test_a_refused_file_is_refused_before_anything_is_queued(
    office: SignIn, tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    sender = office("admin")
    path = tmp_path / name
    if data is None:
        with path.open("wb") as handle:
            handle.write(b"%PDF-")
            handle.truncate(MAX_BYTES + 1)
    else:
        path.write_bytes(data)
    with pytest.raises(AttachmentRefused, match=reason):
        Attachments(sender.cache).pick(path)
    assert pending(sender.cache) == []


def test_a_message_takes_at_most_ten_files(office: SignIn, tmp_path: Path) -> None:
    files = Attachments(office("admin").cache)
    picked = [files.pick_bytes(f"page{n}.pdf", PDF + bytes([n])) for n in range(10)]
    with pytest.raises(AttachmentRefused, match="at most 10 files"):
        files.pick_bytes("one-more.pdf", PDF, picked)


def test_offline_the_reply_waits_with_its_file_and_goes_out_later(
    office: SignIn, centre: CentreIds, tmp_path: Path
) -> None:
    sender, reader = office("admin"), office("admin")
    original = _write(tmp_path, "form.pdf", PDF)
    picked = Attachments(sender.cache).pick(original)
    queued = Conversations(sender.cache).reply(centre.threads["office"], "form", [picked])
    original.unlink()  # the outbox holds its own copy
    online = sender.api
    sender.api = ServerApi("http://127.0.0.1:9", online.token)
    with pytest.raises(Offline):
        sender.sync()
    assert [q.command_id for q in pending(sender.cache)] == [queued.command_id]
    sender.api.close()
    sender.api = online

    sender.sync()
    assert pending(sender.cache) == []
    [attachment] = _received(reader, queued.args["message_id"])
    assert Attachments(reader.cache, lambda: reader.api).fetch(attachment).read_bytes() == PDF


def test_a_file_the_server_refuses_fails_its_reply_with_the_reason_and_is_not_retried(
    office: SignIn, centre: CentreIds, tmp_path: Path
) -> None:
    """Guards against an outbox that uploads a refused file forever."""
    sender = office("admin")
    files = Attachments(sender.cache)
    # A workstation whose own check let it through (an older version, say): bytes the
    # server reads as a page of HTML, under a PDF's name.
    sha256 = files.files.add_bytes(b"<html><script>" + PDF)
    queued = submit(
        sender.cache,
        "send_message",
        {
            "message_id": new_id(),
            "thread_id": centre.threads["office"],
            "body": "",
            "attachments": [{"sha256": sha256, "name": "scan.pdf"}],
        },
    )

    pushed = sender.sync()
    [refused] = pushed.rejected
    assert refused.command_id == queued.command_id
    assert '"scan.pdf"' in refused.error
    assert "not the kind of file" in refused.error
    assert [q.command_id for q in rejected(sender.cache)] == [queued.command_id]
    assert files.files.refusal(sha256) is not None
    assert Attachments(sender.cache).for_messages([queued.args["message_id"]]) == {}
    assert sender.sync().rejected == []  # nothing is sent again

    # The refusal lists under the conversation by its file; Retry sends the file again,
    # which the server's answer, remembered, refuses at once with the same reason.
    conversations = Conversations(sender.cache)
    [entry] = conversations.rejected(centre.threads["office"])
    assert entry.label == "scan.pdf"
    conversations.retry_rejected(entry)
    [again] = sender.sync().rejected
    assert again.error == refused.error


def test_the_same_file_is_uploaded_once_however_many_messages_carry_it(
    office: SignIn, centre: CentreIds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender = office("admin")
    uploads: list[str] = []
    real_upload = sender.api.upload_blob

    def counted(sha256: str, name: str, data: bytes) -> dict[str, object]:
        uploads.append(sha256)
        return real_upload(sha256, name, data)

    monkeypatch.setattr(sender.api, "upload_blob", counted)
    files = Attachments(sender.cache)
    path = _write(tmp_path, "menu.pdf", PDF)
    for body in ("this week", "again"):
        Conversations(sender.cache).reply(centre.threads["office"], body, [files.pick(path)])
    sender.sync()
    Conversations(sender.cache).reply(centre.threads["office"], "and again", [files.pick(path)])
    sender.sync()
    assert uploads == [hashlib.sha256(PDF).hexdigest()]
    assert pending(sender.cache) == []


def test_sign_out_deletes_the_kept_files_but_those_still_to_upload(
    office: SignIn, centre: CentreIds, tmp_path: Path
) -> None:
    """A shared front-desk PC keeps no one's attachments at rest after they sign out."""
    sender, reader = office("admin"), office("admin")
    picked = Attachments(sender.cache).pick(_write(tmp_path, "report.pdf", PDF))
    queued = Conversations(sender.cache).reply(centre.threads["office"], "", [picked])
    sender.sync()
    [attachment] = _received(reader, queued.args["message_id"])
    files = Attachments(reader.cache, lambda: reader.api)
    files.fetch(attachment)
    waiting = files.pick(_write(tmp_path, "queued.pdf", PDF + b"queued offline"))
    Conversations(reader.cache).reply(centre.threads["office"], "", [waiting])

    leave(reader.cache, reader.api, centre.usernames["admin"], wipe=True)

    assert files.local_path(attachment) is None
    assert files.files.has(waiting.sha256)
