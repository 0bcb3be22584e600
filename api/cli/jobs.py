"""`giaoviec jobs list|retry|cancel`: the extraction jobs and what an administrator does to them.

    giaoviec jobs list --state failed
    giaoviec jobs retry 42        # a failed job with all its attempts again
    giaoviec jobs cancel 43       # a queued or running job stops; its document ends failed (E133)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import click

from api.cli import cli
from api.cli.options import output_format_option

if TYPE_CHECKING:
    from api.db.session import Database

STATES = ("queued", "running", "done", "failed", "cancelled")


@cli.group("jobs")
def jobs_group() -> None:
    """Background jobs (document extraction, training runs): list, re-queue, cancel."""


@jobs_group.command("list")
@click.option("--state", type=click.Choice(STATES), help="Only jobs in this state.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True,
              help="How many of the newest jobs.")
@output_format_option
def list_command(state: str | None, limit: int, output_format: str) -> None:
    """The newest jobs first: state, progress, attempts and the last error."""
    from api.services import jobs

    with database() as db:
        rows = jobs.list_jobs(db, state=state, limit=limit)
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'id':>6}  {'document':>8}  {'state':<9}  {'stage':<10}  tries  error")
    for row in rows:
        click.echo(f"{row['id']:>6}  {row['document_id'] or row['kind']:>8}  {row['state']:<9}  {row['stage']:<10}  "
                   f"{row['attempts']}/{row['max_attempts']:<3}  {_error(row) or row['result'] or ''}")


@jobs_group.command("retry")
@click.argument("job_id", type=int)
def retry_command(job_id: int) -> None:
    """Re-queue the failed or cancelled job JOB_ID with all its attempts."""
    from api.services import jobs

    with database() as db:
        view = jobs.retry(db, job_id, now=datetime.now(UTC))
    click.echo(f"giaoviec: job {view['id']} queued again (document {view['document_id']})", err=True)


@jobs_group.command("cancel")
@click.argument("job_id", type=int)
def cancel_command(job_id: int) -> None:
    """Cancel the queued or running job JOB_ID; its document ends failed (E133)."""
    from api.services import jobs

    with database() as db:
        view = jobs.cancel(db, job_id, now=datetime.now(UTC))
    click.echo(f"giaoviec: job {view['id']} cancelled (document {view['document_id']})", err=True)


def _error(row: dict[str, Any]) -> str:
    return f"{row['error_code']}: {row['error']}" if row["error_code"] else ""


@contextmanager
def database() -> Iterator[Database]:
    """The service's database for one command."""
    from api.cli.serve import load_settings
    from api.db.session import Database

    db = Database(load_settings().url)
    try:
        yield db
    finally:
        db.dispose()
