"""kiosk security (issue 12)

`kiosk_device.last_seen_at` (not synced) for the office's Kiosks list.

`centre.kiosk_pin_salt` and `guardian.kiosk_pin_verifier`: kiosks check PINs against
a memory-hard argon2id verifier instead of the centre's HMAC lookup keys, whose
secret no longer leaves the server. Existing PINs are known only as HMAC keys, so
the migration recovers each centre's PINs with its secret (one sweep of the 10^6
PINs, a few seconds per centre, which only the holder of the secret can do), then
computes each verifier (about 10 ms each) and stamps the centre's guardians and the
centre with a new version, so kiosks receive the verifiers with their next pull.

`kiosk_message.thread_id`: the conversation a kiosk message was also posted in, so
the feed gives its kiosk copy only to staff who may read that conversation. Existing
copies are matched to their message (same centre, body and time, flagged "Show at
Sign In-Out Kiosk", in a thread of the guardian's family).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 07:30:00
"""

from __future__ import annotations

import hashlib
import hmac

import sqlalchemy as sa
from alembic import op

from desk.core.pins import PIN_LENGTH, new_verifier_salt, pin_verifier

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _pins_by_key(secret: bytes) -> dict[str, str]:
    """Every PIN by its lookup key under `secret` (desk.core.pins.pin_lookup_key)."""
    found = {}
    for number in range(10**PIN_LENGTH):
        pin = f"{number:0{PIN_LENGTH}d}".encode("ascii")
        found[hmac.new(secret, pin, hashlib.sha256).hexdigest()] = pin.decode("ascii")
    return found


def _backfill_verifiers() -> None:
    bind = op.get_bind()
    centres = bind.execute(sa.text("SELECT id, kiosk_pin_secret FROM centre")).all()
    for centre_id, secret in centres:
        salt = new_verifier_salt()
        keyed = bind.execute(
            sa.text(
                "SELECT id, kiosk_pin_key FROM guardian"
                " WHERE centre_id = :c AND kiosk_pin_key IS NOT NULL"
            ),
            {"c": centre_id},
        ).all()
        pins = _pins_by_key(bytes.fromhex(secret)) if keyed else {}
        version = bind.execute(
            sa.text("UPDATE sync_state SET version = version + 1 WHERE scope = :c RETURNING version"),
            {"c": centre_id},
        ).scalar()
        bind.execute(
            sa.text("UPDATE centre SET kiosk_pin_salt = :s, version = COALESCE(:v, version) WHERE id = :c"),
            {"s": salt, "v": version, "c": centre_id},
        )
        for guardian_id, key in keyed:
            pin = pins.get(key)
            bind.execute(
                sa.text(
                    "UPDATE guardian SET kiosk_pin_verifier = :p, version = COALESCE(:v, version)"
                    " WHERE id = :g"
                ),
                {"p": pin_verifier(salt, pin) if pin else None, "v": version, "g": guardian_id},
            )


def upgrade() -> None:
    with op.batch_alter_table("kiosk_device") as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("centre") as batch_op:
        batch_op.add_column(sa.Column("kiosk_pin_salt", sa.String(length=64), nullable=True))
    with op.batch_alter_table("guardian") as batch_op:
        batch_op.add_column(sa.Column("kiosk_pin_verifier", sa.String(length=64), nullable=True))
    _backfill_verifiers()
    with op.batch_alter_table("centre") as batch_op:
        batch_op.alter_column("kiosk_pin_salt", existing_type=sa.String(length=64), nullable=False)
    with op.batch_alter_table("kiosk_message") as batch_op:
        batch_op.add_column(sa.Column("thread_id", sa.String(length=36), nullable=True))
    op.execute(
        "UPDATE kiosk_message SET thread_id = ("
        " SELECT m.thread_id FROM message AS m"
        " JOIN thread AS t ON t.id = m.thread_id"
        " JOIN guardian AS g ON g.id = kiosk_message.guardian_id"
        " WHERE m.centre_id = kiosk_message.centre_id AND m.show_at_kiosk"
        " AND m.body = kiosk_message.body AND m.created_at = kiosk_message.entered_at"
        " AND t.family_id = g.family_id"
        " ORDER BY m.id LIMIT 1)"
    )


def downgrade() -> None:
    with op.batch_alter_table("kiosk_message") as batch_op:
        batch_op.drop_column("thread_id")
    with op.batch_alter_table("guardian") as batch_op:
        batch_op.drop_column("kiosk_pin_verifier")
    with op.batch_alter_table("centre") as batch_op:
        batch_op.drop_column("kiosk_pin_salt")
    with op.batch_alter_table("kiosk_device") as batch_op:
        batch_op.drop_column("last_seen_at")
