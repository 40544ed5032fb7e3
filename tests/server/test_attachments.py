"""Uploads, attachments and downloads against a real server (issue 14 item 4).

Refusals store nothing: neither a file in the store nor a row; a download follows
the same per-row rule as the change feed, so a teacher cannot fetch a file of a
room they do not teach by guessing its id.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from PIL import Image

from desk.core.attachments import MAX_BYTES
from desk.core.ids import new_id
from desk.server import orm
from desk.server.db import Database
from tests.support.callers import Caller, sign_in
from tests.support.conversation_facts import rows_of
from tests.support.factories import CentreIds, make_centre
from tests.support.server_calls import Pusher
from tests.support.server_process import ServerProcess

Served = Callable[[str], Caller]


def photo(width: int = 1200, height: int = 800, colour: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def upload(caller: Caller, data: bytes, name: str, digest: str | None = None) -> Any:
    sha = digest or hashlib.sha256(data).hexdigest()
    return caller.api.put(
        f"/api/v1/blobs/{sha}",
        content=data,
        headers={**caller.headers, "X-File-Name": quote(name)},
    )


def stored_files(server: ServerProcess) -> list[Path]:
    folder = server.log_path.parent / "attachments"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def send_with(
    caller: Caller, thread_id: str, files: list[dict[str, str]], body: str = ""
) -> dict[str, Any]:
    return Pusher(caller).run(
        "send_message", message_id=new_id(), thread_id=thread_id, body=body, attachments=files
    )


def test_a_photo_uploads_once_attaches_and_downloads_with_a_thumbnail(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    admin = served("admin")
    data = photo()
    sha = hashlib.sha256(data).hexdigest()
    first = upload(admin, data, "Ana at the park.png")
    assert first.status_code == 201, first.text
    assert first.json() == {
        "sha256": sha,
        "size": len(data),
        "name": "Ana at the park.png",
        "mime_type": "image/png",
    }
    assert upload(admin, data, "Ana at the park.png").status_code == 200  # a retry
    outcome = send_with(
        admin, served_centre.threads["office"], [{"sha256": sha, "name": "Ana at the park.png"}]
    )
    assert outcome["status"] == "applied", outcome["error"]
    [attachment] = rows_of(served_database, orm.Attachment, sha256=sha)
    assert (attachment.filename, attachment.size) == ("Ana at the park.png", len(data))
    [thread] = rows_of(served_database, orm.Thread, id=served_centre.threads["office"])
    assert thread.last_message_preview == "Ana at the park.png"  # no caption
    got = admin.get(f"/api/v1/attachments/{attachment.id}")
    assert got.status_code == 200
    assert got.content == data
    assert got.headers["content-type"] == "image/png"
    assert got.headers["x-content-type-options"] == "nosniff"
    assert (
        got.headers["content-disposition"]
        == "attachment; filename*=utf-8''Ana%20at%20the%20park.png"
    )
    thumb = admin.get(f"/api/v1/attachments/{attachment.id}/thumbnail")
    assert thumb.status_code == 200
    assert thumb.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(thumb.content)) as preview:
        assert max(preview.size) == 320
        assert preview.size == (320, 213)


def test_a_file_of_a_room_the_teacher_does_not_teach_is_not_theirs_to_fetch(
    served: Served, served_centre: CentreIds, served_database: Database
) -> None:
    admin = served("admin")
    data = photo(colour="navy")
    sha = hashlib.sha256(data).hexdigest()
    assert upload(admin, data, "Pre-K.png").status_code == 201
    outcome = send_with(
        admin, served_centre.threads["classroom_b"], [{"sha256": sha, "name": "Pre-K.png"}]
    )
    assert outcome["status"] == "applied", outcome["error"]
    [attachment] = rows_of(served_database, orm.Attachment, sha256=sha)
    teacher = served("teacher")  # teaches Toddlers (room A), not Pre-K
    assert teacher.get(f"/api/v1/attachments/{attachment.id}").status_code == 404
    assert teacher.get(f"/api/v1/attachments/{attachment.id}/thumbnail").status_code == 404


def test_another_centre_cannot_attach_or_fetch_what_this_one_uploaded(
    served: Served,
    served_centre: CentreIds,
    served_database: Database,
    http: httpx.Client,
) -> None:
    admin = served("admin")
    data = photo(colour="teal")
    sha = hashlib.sha256(data).hexdigest()
    assert upload(admin, data, "ours.png").status_code == 201
    outcome = send_with(admin, served_centre.threads["office"], [{"sha256": sha, "name": "a.png"}])
    [attachment] = rows_of(served_database, orm.Attachment, sha256=sha)
    other = make_centre(served_database)
    stranger = sign_in(http, other.usernames["admin"])
    refused = send_with(stranger, other.threads["office"], [{"sha256": sha, "name": "a.png"}])
    assert refused["status"] == "rejected"
    assert "has not been uploaded" in refused["error"]
    assert stranger.get(f"/api/v1/attachments/{attachment.id}").status_code == 404
    assert outcome["status"] == "applied"


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        ("../../../etc/cron.d/evil.png", photo(8, 8), 422, "folder path"),
        ("invoice.exe", b"MZ\x90\x00" + b"\x00" * 64, 422, "not a kind of file"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>", 422, "not the kind of file"),
        ("notes.txt", b"", 422, "empty"),
    ],
)
def test_a_refused_upload_says_why_and_stores_nothing(
    served: Served,
    server: ServerProcess,
    served_database: Database,
    name: str,
    data: bytes,
    status: int,
    reason: str,
) -> None:
    before = stored_files(server)
    answer = upload(served("admin"), data, name)
    assert answer.status_code == status, answer.text
    assert reason in answer.json()["detail"]
    assert stored_files(server) == before
    assert rows_of(served_database, orm.Blob, sha256=hashlib.sha256(data).hexdigest()) == []


def test_an_upload_over_the_limit_or_under_the_wrong_hash_stores_nothing(
    served: Served, server: ServerProcess
) -> None:
    admin = served("admin")
    before = stored_files(server)
    big = b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_BYTES
    too_big = upload(admin, big, "huge.png")
    assert too_big.status_code == 413
    assert "at most 20 MB" in too_big.json()["detail"]
    wrong = upload(admin, photo(8, 8), "a.png", digest="0" * 64)
    assert wrong.status_code == 422
    assert "does not hash" in wrong.json()["detail"]
    assert stored_files(server) == before


def test_a_command_naming_a_file_never_uploaded_is_rejected_with_a_reason(
    served: Served, served_centre: CentreIds
) -> None:
    refused = send_with(
        served("admin"), served_centre.threads["office"], [{"sha256": "a" * 64, "name": "x.png"}]
    )
    assert refused["status"] == "rejected"
    assert '"x.png" has not been uploaded' in refused["error"]
