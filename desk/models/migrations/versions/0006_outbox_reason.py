"""Keep the server's worded reason with a refused command.

The server sends a refusal's untranslated text and values beside its English
sentence (`desk.core.worded_wire`), so the office reads why in its own language.
Commands refused before this revision keep "" and show the English sentence.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 19:58:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('reason')
