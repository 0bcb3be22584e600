"""Tracker feed (issue 6) and review follow-ups: feed positions and signatures on task
revisions, the feed head, webhooks and their deliveries, proposals' spans and product, server
side sessions and login throttling.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.db.tables

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("product", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("spans", JSON, nullable=True))

    with op.batch_alter_table("task_revisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("fields", JSON, nullable=True))
        batch_op.add_column(sa.Column("key_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("signature", sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_task_revisions_position"), ["position"])
        batch_op.create_index("ix_task_revisions_org_position", ["org_id", "position"], unique=False)
    # Revisions published before this migration keep their order: position = seq.
    op.execute("UPDATE task_revisions SET position = seq")

    op.create_table(
        "feed_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_head")),
    )
    op.execute("INSERT INTO feed_head (id, position) SELECT 1, COALESCE(MAX(seq), 0) FROM task_revisions")

    op.create_table(
        "user_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", api.db.tables.UtcDateTime(), nullable=False),
        sa.Column("revoked_at", api.db.tables.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_user_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_sessions")),
    )
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("at", api.db.tables.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.create_index("ix_login_failures_username_at", ["username", "at"], unique=False)

    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", api.db.tables.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], name=op.f("fk_webhooks_org_id_organisations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhooks")),
    )
    with op.batch_alter_table("webhooks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_webhooks_org_id"), ["org_id"], unique=False)

    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("webhook_id", sa.Integer(), nullable=False),
        sa.Column("revision_seq", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", api.db.tables.UtcDateTime(), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", api.db.tables.UtcDateTime(), nullable=False),
        sa.Column("delivered_at", api.db.tables.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["revision_seq"], ["task_revisions.seq"],
                                name=op.f("fk_webhook_deliveries_revision_seq_task_revisions")),
        sa.ForeignKeyConstraint(["webhook_id"], ["webhooks.id"],
                                name=op.f("fk_webhook_deliveries_webhook_id_webhooks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
    )
    with op.batch_alter_table("webhook_deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_webhook_deliveries_status_next", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_webhook_deliveries_webhook_id"), ["webhook_id"], unique=False)


def downgrade() -> None:
    op.drop_table("webhook_deliveries")
    op.drop_table("webhooks")
    op.drop_table("login_failures")
    op.drop_table("user_sessions")
    op.drop_table("feed_head")
    with op.batch_alter_table("task_revisions", schema=None) as batch_op:
        batch_op.drop_index("ix_task_revisions_org_position")
        batch_op.drop_constraint(batch_op.f("uq_task_revisions_position"), type_="unique")
        batch_op.drop_column("signature")
        batch_op.drop_column("key_id")
        batch_op.drop_column("fields")
        batch_op.drop_column("position")
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_column("spans")
        batch_op.drop_column("product")
