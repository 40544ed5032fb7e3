"""attachment links texted with a message (issue 14 item 2)

`attachment_link` (server only): the links an SMS carries to its message's
attachments, kept as token hashes with their expiry.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 20:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_link",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("centre_id", sa.String(length=36), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=False),
        sa.Column("delivery_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_attachment_link")),
    )
    op.create_index(op.f("ix_attachment_link_delivery_id"), "attachment_link", ["delivery_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_attachment_link_delivery_id"), table_name="attachment_link")
    op.drop_table("attachment_link")
