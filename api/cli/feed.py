"""`giaoviec feed export`: the published tasks of an organisation as CSV or XLSX.

    giaoviec feed export --org "Văn phòng Tỉnh ủy" --format xlsx --output tasks.xlsx
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from api.cli import cli


@cli.group("feed")
def feed_group() -> None:
    """Published tasks (what trackers receive)."""


@feed_group.command("export")
@click.option("--org", required=True, help="Organisation whose published tasks are exported.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True,
              help="csv (UTF-8 with BOM) or xlsx.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; default: stdout (csv only).")
@click.option("--document", "document_id", type=int, help="Only this document's tasks.")
@click.option("--lead", help="Only tasks whose lead body contains these words.")
@click.option("--deadline-from", type=click.DateTime(["%Y-%m-%d"]), help="Deadline on or after YYYY-MM-DD.")
@click.option("--deadline-to", type=click.DateTime(["%Y-%m-%d"]), help="Deadline on or before YYYY-MM-DD.")
@click.option("--status", help="Only tasks with this status (not_started, in_progress, completed, ...).")
def export_command(org: str, fmt: str, output: Path | None, document_id: int | None, lead: str | None,
                   deadline_from: object, deadline_to: object, status: str | None) -> None:
    """Write one row per published task (its newest revision)."""
    from sqlalchemy import select

    from api.cli.serve import load_settings
    from api.db.session import Database
    from api.db.tables import Organisation
    from api.services import exports
    from api.services.auth import Principal

    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE")
    db = Database(load_settings().url)
    try:
        with db.session(read_only=True) as session:
            org_id = session.scalar(select(Organisation.id).where(Organisation.name == org))
        if org_id is None:
            raise click.UsageError(f"no organisation {org!r}")
        principal = Principal(kind="key", id=0, name="cli", org_id=org_id, role="tracker")
        filters = exports.ExportFilter(document_id=document_id, lead=lead, status=status,
                                       deadline_from=_day(deadline_from), deadline_to=_day(deadline_to))
        rows = exports.export_rows(db, principal, filters=filters)
    finally:
        db.dispose()
    if fmt == "xlsx":
        assert output is not None
        output.write_bytes(exports.to_xlsx(rows))
    elif output is not None:
        output.write_text(exports.to_csv(rows), encoding="utf-8", newline="")
    else:
        sys.stdout.write(exports.to_csv(rows))
    click.echo(f"giaoviec: {len(rows) - 1} task(s) exported", err=True)


def _day(value: object) -> date | None:
    return value.date() if hasattr(value, "date") else None
