"""Kiosk security (issue 12): PIN verifiers, kiosk message source and entry order.

A kiosk no longer keeps the fast PIN lookup keys (`guardian.kiosk_pin_key`, which
the centre's PIN secret turned into every PIN in a second): the column is dropped
with its values, and `guardian.kiosk_pin_verifier` (memory-hard, indexed) and
`centre.kiosk_pin_salt` take their place. The server stamps every guardian and
centre anew when it computes the verifiers, so they arrive with the next pull.

`kiosk_message.thread_id` mirrors the server's column (the conversation a kiosk
message came from), and an index serves the entry order (`entered_at`, then
`entered_seq`) in which the kiosk and the office list show them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 07:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("guardian") as batch_op:
        batch_op.drop_index("ix_guardian_kiosk_pin_key")
        batch_op.drop_column("kiosk_pin_key")
        batch_op.add_column(sa.Column("kiosk_pin_verifier", sa.Text(), nullable=True))
        batch_op.create_index(
            "ix_guardian_kiosk_pin_verifier", ["kiosk_pin_verifier"], unique=False
        )
    with op.batch_alter_table("centre") as batch_op:
        batch_op.add_column(sa.Column("kiosk_pin_salt", sa.Text(), nullable=True))
    with op.batch_alter_table("kiosk_message") as batch_op:
        batch_op.add_column(sa.Column("thread_id", sa.Text(), nullable=True))
        batch_op.create_index(
            "ix_kiosk_message_guardian_entered",
            ["guardian_id", "entered_at", "entered_seq"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("kiosk_message") as batch_op:
        batch_op.drop_index("ix_kiosk_message_guardian_entered")
        batch_op.drop_column("thread_id")
    with op.batch_alter_table("centre") as batch_op:
        batch_op.drop_column("kiosk_pin_salt")
    with op.batch_alter_table("guardian") as batch_op:
        batch_op.drop_index("ix_guardian_kiosk_pin_verifier")
        batch_op.drop_column("kiosk_pin_verifier")
        batch_op.add_column(sa.Column("kiosk_pin_key", sa.Text(), nullable=True))
        batch_op.create_index("ix_guardian_kiosk_pin_key", ["kiosk_pin_key"], unique=False)
