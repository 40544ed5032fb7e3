"""family app sign-in (issue 14 item 1)

`family_code` and `family_session` (server only): one-time sign-in codes, kept as
salted hashes, and guardians' browser sessions, kept as cookie hashes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 17:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "family_code",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("centre_id", sa.String(length=36), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_code")),
    )
    op.create_index(op.f("ix_family_code_address"), "family_code", ["address"])
    op.create_table(
        "family_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("centre_id", sa.String(length=36), nullable=False),
        sa.Column("guardian_id", sa.String(length=36), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_family_session")),
    )
    op.create_index(op.f("ix_family_session_guardian_id"), "family_session", ["guardian_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_family_session_guardian_id"), table_name="family_session")
    op.drop_table("family_session")
    op.drop_index(op.f("ix_family_code_address"), table_name="family_code")
    op.drop_table("family_code")
