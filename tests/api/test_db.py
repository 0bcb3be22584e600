"""The Alembic migrations create exactly the tables of ``api.db.tables``, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from api.db.migrations_filter import ours
from api.db.session import current_revision
from api.db.tables import AuditHead, Base


def _head() -> str:
    from alembic.script import ScriptDirectory

    from api.db.session import alembic_config

    return str(ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head())


def test_db_migrations_match_the_tables(app):
    engine = app.state.db.engine
    assert current_revision(engine) == _head()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": ours})
        assert compare_metadata(context, Base.metadata) == []


def test_db_audit_chain_has_its_head(app):
    with app.state.db.session(read_only=True) as session:
        head = session.get(AuditHead, 1)
    assert head is not None and len(head.hash) == 64
