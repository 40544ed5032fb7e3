"""blobs (issue 14 item 4)

`blob` (server only): the files a centre has uploaded, by content hash, so a command
can attach one without reading it and no centre can attach another's upload.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 16:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob",
        sa.Column("centre_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("uploaded_by", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("centre_id", "sha256", name=op.f("pk_blob")),
    )


def downgrade() -> None:
    op.drop_table("blob")
