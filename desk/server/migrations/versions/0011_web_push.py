"""web push for the family app (issue 14 item 1)

`web_push_key` (server only): each centre's VAPID key pair, made once. A browser's
subscription is a `device` row (platform "web"), so it needs no table of its own.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_push_key",
        sa.Column("centre_id", sa.String(length=36), nullable=False),
        sa.Column("public_key", sa.String(length=100), nullable=False),
        sa.Column("private_key", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("centre_id", name=op.f("pk_web_push_key")),
    )


def downgrade() -> None:
    op.drop_table("web_push_key")
