"""count the SMS quota in segments

A private `delivery.segments` column: how many billable segments the text of an SMS
delivery is (1 for other channels), fixed when the delivery is planned, so the
monthly quota sums segments, as carriers bill, with one indexed query. Server only:
the client computes the same figure from the synced label and body.

Revision ID: 0005_delivery_segments
Revises: 0004
Create Date: 2026-12-06 07:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_delivery_segments"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("delivery") as batch_op:
        batch_op.add_column(
            sa.Column("segments", sa.Integer(), nullable=False, server_default="1")
        )


def downgrade() -> None:
    with op.batch_alter_table("delivery") as batch_op:
        batch_op.drop_column("segments")
