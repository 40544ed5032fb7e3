"""kiosk security (issue 12)

`kiosk_message.thread_id`: the conversation a kiosk message was also posted in, so
the feed gives its kiosk copy only to staff who may read that conversation. Existing
copies are matched to their message (same centre, body and time, flagged "Show at
Sign In-Out Kiosk", in a thread of the guardian's family).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 07:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
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
