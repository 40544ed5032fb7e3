"""count each month's texts as they are planned

`sms_usage` (server only): a centre's billable SMS segments by the month their
messages were written, filled from the deliveries already stored. The quota check
reads it instead of summing the month's deliveries, so the index of messages by
centre and time that the sum needed (0003) goes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 23:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# The month of a stored time, as `quota.month_key` writes it: SQLite keeps times as
# naive UTC text, PostgreSQL as timestamptz.
_MONTH = {
    "sqlite": "substr(m.created_at, 1, 7)",
    "postgresql": "to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM')",
}


def upgrade() -> None:
    op.create_table(
        "sms_usage",
        sa.Column("centre_id", sa.String(length=36), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("segments", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("centre_id", "month", name=op.f("pk_sms_usage")),
    )
    month = _MONTH[op.get_bind().dialect.name]
    op.execute(
        f"INSERT INTO sms_usage (centre_id, month, segments)"
        f" SELECT d.centre_id, {month}, SUM(d.segments)"
        " FROM delivery AS d JOIN message AS m ON m.id = d.message_id"
        " WHERE d.channel = 'sms' AND NOT d.deleted"
        f" GROUP BY d.centre_id, {month}"
    )
    op.drop_index("ix_message_centre_created", table_name="message")


def downgrade() -> None:
    op.create_index("ix_message_centre_created", "message", ["centre_id", "created_at"])
    op.drop_table("sms_usage")
