"""`giaoviec db upgrade`: bring the database schema to the newest migration."""

from __future__ import annotations

import click

from api.cli import cli


@cli.group("db")
def db_group() -> None:
    """The service's database."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Alembic revision to reach.")
def upgrade_command(revision: str) -> None:
    """Apply the Alembic migrations to GIAOVIEC_DATABASE_URL (default: SQLite in ./data)."""
    from sqlalchemy.exc import OperationalError

    from api.cli.serve import load_settings
    from api.db.session import upgrade

    settings = load_settings()
    try:
        upgrade(settings.url, revision)
    except OperationalError as error:
        click.echo(f"giaoviec: error: the database is unreachable: {error.orig}", err=True)
        raise SystemExit(3) from None
    click.echo(f"giaoviec: database at revision {revision}", err=True)
