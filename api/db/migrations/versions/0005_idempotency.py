"""Idempotency keys of uploads (issue 14): the key, the sha256 of the bytes it named and the
document they gave.

Revision ID: 0005_idempotency
Revises: 0004_jobs
Create Date: 2026-12-04 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import api.db.tables

revision = "0005_idempotency"
down_revision = "0004_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_idempotency_keys_document_id_documents")),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"],
                                name=op.f("fk_idempotency_keys_org_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint("org_id", "key", name="uq_idempotency_keys_org_id_key"),
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
