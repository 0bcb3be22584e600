"""`giaoviec worker`: run extraction jobs (SQLite: polling; PostgreSQL: procrastinate)."""

from __future__ import annotations

import logging
import os
import sys

import click

from api.cli import cli


@cli.command("worker")
def worker_command() -> None:
    """Run one worker process until SIGTERM or SIGINT; start several for more throughput.

    On PostgreSQL, workers on any number of machines share the queue; `giaoviec serve
    --no-worker` then runs web processes only. On SIGTERM the running job may finish within
    GIAOVIEC_SHUTDOWN_GRACE_SECONDS and is handed back to another worker otherwise.
    """
    from api.cli.serve import load_settings
    from api.jobs import worker
    from api.logging import configure_logging

    settings = load_settings()
    configure_logging(level=settings.log_level, fmt=settings.log_format)
    click.echo(f"giaoviec: worker {worker.worker_name()} started", err=True)
    worker.run(settings)
    # Tearing down the loaded pipeline at interpreter exit takes seconds, which the grace period
    # promised to nobody: the job is handed back and the database closed, so leave at once.
    logging.shutdown()
    sys.stderr.flush()
    os._exit(0)
