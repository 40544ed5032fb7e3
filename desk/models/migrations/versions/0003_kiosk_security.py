"""Kiosk security (issue 12): kiosk message source and entry order.

`kiosk_message.thread_id` mirrors the server's column (the conversation a kiosk
message came from), and an index serves the entry order (`entered_at`, then
`entered_seq`) in which the kiosk and the office list show them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 07:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
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
