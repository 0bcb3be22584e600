"""Sealed webhook secrets (issue 14): the secret column holds the sealed value, longer than the
secret itself (``api.sealing``), so it becomes TEXT. Secrets stored before stay readable (they
are opened as they are) until the webhook is registered again.

Revision ID: 0003_sealing
Revises: 0002
Create Date: 2026-12-04 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sealing"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("webhooks", schema=None) as batch_op:
        batch_op.alter_column("secret", existing_type=sa.String(length=200), type_=sa.Text(),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("webhooks", schema=None) as batch_op:
        batch_op.alter_column("secret", existing_type=sa.Text(), type_=sa.String(length=200),
                              existing_nullable=False)
