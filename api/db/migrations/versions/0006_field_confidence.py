"""Calibrated confidence per field of each proposal (issue 12): the probabilities of the task,
its lead, support and deadline (and of the whole proposal) from the active model's calibration,
and the fields below the review threshold.

Revision ID: 0006_field_confidence
Revises: 0005_idempotency
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import api.db.tables

revision = "0006_field_confidence"
down_revision = "0005_idempotency"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.add_column(sa.Column("field_confidence", api.db.tables.Json, nullable=True))
        batch.add_column(sa.Column("needs_review", api.db.tables.Json, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.drop_column("needs_review")
        batch.drop_column("field_confidence")
