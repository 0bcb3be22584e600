"""`giaoviec serve`: run the review service (SQLite in ./data unless GIAOVIEC_DATABASE_URL)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from api.cli import cli

if TYPE_CHECKING:
    from api.settings import Settings


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--no-worker", is_flag=True,
              help="Web only: run no extraction workers here (PostgreSQL with `giaoviec worker` elsewhere).")
@click.option("--workers", type=click.IntRange(0, 64), default=None,
              help="Worker processes to start [default: GIAOVIEC_WORKER_PROCESSES, 2].")
def serve_command(host: str, port: int, no_worker: bool, workers: int | None) -> None:
    """Start the review service with settings from the environment and .env, and its
    extraction worker processes."""
    import uvicorn

    from api.app import create_app

    settings = load_settings()
    if no_worker or workers is not None:
        settings = settings.model_copy(update={"worker_processes": 0 if no_worker else workers})
    click.echo(f"giaoviec: serving on http://{host}:{port}/ ({_where(settings)}, "
               f"{settings.worker_processes} worker processes)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)


def load_settings() -> Settings:
    """Settings from the environment, or a usage error that says what to fix."""
    from pydantic import ValidationError

    from api.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors())
        raise click.UsageError(f"bad settings: {problems}") from None


def _where(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    return make_url(settings.url).render_as_string(hide_password=True)
