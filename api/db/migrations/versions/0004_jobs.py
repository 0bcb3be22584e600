"""Extraction jobs (issue 16): the ``jobs`` table; on PostgreSQL also procrastinate's schema
(its tables, types and functions), which the worker machines use as their queue.

Documents left ``received`` by the thread pool of earlier versions kept no bytes to extract
again, so they are marked failed with a note to upload them again (uploading a failed
document's file queues a new job).

Revision ID: 0004_jobs
Revises: 0003_sealing
Create Date: 2026-12-04 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.db.tables

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")

revision = "0004_jobs"
down_revision = "0003_sealing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("run_after", api.db.tables.UtcDateTime(), nullable=False),
        sa.Column("lease_until", api.db.tables.UtcDateTime(), nullable=True),
        sa.Column("worker", sa.String(length=120), nullable=True),
        sa.Column("token", sa.String(length=32), nullable=True),
        sa.Column("params", JSON, nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("error_code", sa.String(length=20), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", api.db.tables.UtcDateTime(), nullable=False),
        sa.Column("updated_at", api.db.tables.UtcDateTime(), nullable=False),
        sa.Column("started_at", api.db.tables.UtcDateTime(), nullable=True),
        sa.Column("finished_at", api.db.tables.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_jobs_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index("ix_jobs_state_run_after", ["state", "run_after"], unique=False)
        batch_op.create_index("ix_jobs_document_id", ["document_id"], unique=False)
    # The thread pool kept no bytes: a document it left unextracted cannot be retried here.
    op.execute("UPDATE documents SET status = 'failed', error_code = 'internal', "
               "error = 'the service stopped before extraction finished; upload the file again' "
               "WHERE status = 'received'")
    if op.get_bind().dialect.name == "postgresql":
        _procrastinate_schema()


def _procrastinate_schema() -> None:
    from procrastinate.schema import SchemaManager

    exists = op.get_bind().exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar()
    if exists is None:
        op.get_bind().exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_document_id")
        batch_op.drop_index("ix_jobs_state_run_after")
    op.drop_table("jobs")
